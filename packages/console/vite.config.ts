import vue from '@vitejs/plugin-vue';
import { loadEnv } from 'vite';
import { defineConfig } from 'vitest/config';

const DEFAULT_API_URL = 'http://127.0.0.1:4000';

export default defineConfig(({ mode }) => {
  // Reads RECUPERA_* from the shell (and any .env file here) so `RECUPERA_API_URL=… pnpm dev`
  // points the dev proxy at another API without editing this file. Nothing here reaches the bundle.
  const env = loadEnv(mode, '.', 'RECUPERA_');
  const target = env.RECUPERA_API_URL || DEFAULT_API_URL;

  return {
    plugins: [vue()],
    server: {
      proxy: {
        // `ws: true` lets graphql-ws subscriptions share the `/graphql` path with queries.
        '/graphql': { target, changeOrigin: true, ws: true },
        '/graphiql': { target, changeOrigin: true },
        '/healthz': { target, changeOrigin: true },
        '/exports': { target, changeOrigin: true },
      },
    },
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      // ECharts' core alone is ~500 kB even tree-shaken; it loads with the live floor only, not at sign-in.
      chunkSizeWarningLimit: 700,
    },
    test: {
      environment: 'happy-dom',
      include: ['src/**/*.test.ts'],
      restoreMocks: true,
      unstubGlobals: true,
    },
  };
});
