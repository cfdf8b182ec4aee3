/// <reference types="vite/client" />

// vue-tsc type-checks `.vue` files itself; this shim only serves tools that run plain `tsc`.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
