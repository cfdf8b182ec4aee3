import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Builds the console and starts one API on a fresh database for the whole run.
    globalSetup: ['support/global-setup.ts'],
    testTimeout: 45_000,
    hookTimeout: 60_000,
  },
});
