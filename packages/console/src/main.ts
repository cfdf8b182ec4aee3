import { createApp } from 'vue';
import App from './App.vue';
import { buildRouter } from './router.ts';
import './styles/base.css';
import './styles/components.css';

createApp(App).use(buildRouter()).mount('#app');
