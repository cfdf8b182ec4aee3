import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (`main`) and ESM (`module`) builds. Node loads the CJS one for type-graphql and
    // Apollo, Vite would hand our sources the ESM one: two copies, and `instanceof GraphQLScalarType` fails.
    // Pin our imports to the copy Node uses.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Each file gets its own database cloned from a migrated template, so files run in parallel safely.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
