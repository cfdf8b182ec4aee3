import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * The console's API types, generated from the schema the API serves (packages/api/schema.graphql) and the
 * operations written in `graphql(…)` calls under src/. The output is not committed (.gitignore): the dev, build,
 * test and typecheck scripts generate it first, and an operation the schema does not answer stops them.
 */
const config: CodegenConfig = {
  schema: '../api/schema.graphql',
  documents: ['src/**/*.ts', 'src/**/*.vue', '!src/**/*.test.ts', '!src/api/generated/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/api/generated/': {
      preset: 'client',
      presetConfig: {
        // Screens read fragment fields directly: a fragment here only shares a selection between operations.
        fragmentMasking: false,
      },
      config: {
        // The console sends the operation text over fetch and graphql-ws, not a parsed AST.
        documentMode: 'string',
        enumsAsTypes: true,
        skipTypename: true,
        useTypeImports: true,
        strictScalars: true,
        scalars: { Date: 'string', DateTime: 'string', JSONObject: 'Record<string, unknown>' },
      },
    },
  },
};

export default config;
