/**
 * The layer rules of docs/architecture.md, checked by `pnpm lint` (dependency-cruiser). A new import that breaks
 * one fails the build, so the layers cannot erode one import at a time.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment:
        'An import cycle. The only ones allowed are between entities that reference each other (MikroORM ' +
        'relations both ways, e.g. Debtor ↔ Account); anything else needs a dependency turned around.',
      from: { path: '^packages/' },
      to: { circular: true, via: { pathNot: '\\.entity\\.ts$' } },
    },
    {
      name: 'core-knows-no-module',
      severity: 'error',
      comment:
        'packages/api/src/core is the plumbing every module uses; it must not know any module (or the ' +
        'composition that assembles them). A module declares what it brings in its <name>.module.ts.',
      from: { path: '^packages/api/src/core/' },
      to: { path: '^packages/api/src/(modules|app|seed|simulator)/' },
    },
    {
      name: 'modules-do-not-know-the-composition',
      severity: 'error',
      comment: 'Only main.ts, scripts, tests and benches use src/app; a module reaching for it closes a cycle.',
      from: { path: '^packages/api/src/modules/' },
      to: { path: '^packages/api/src/(app|seed|simulator|scripts)/|^packages/api/src/main\\.ts$' },
    },
    {
      name: 'benchmarks-stay-out-of-the-api',
      severity: 'error',
      comment: "The API never imports a benchmark's code (the naive KPI baseline lives in bench/ on purpose).",
      from: { path: '^packages/api/src/' },
      to: { path: '^packages/api/(bench|test)/' },
    },
    {
      name: 'shared-is-pure',
      severity: 'error',
      comment:
        'packages/shared is the pure kernel: no I/O, no Node built-ins, no API or console code. The one library ' +
        "it uses is pure arithmetic: stdlib's normal quantile, for the statistics of stats.ts.",
      from: { path: '^packages/shared/src/' },
      to: {
        pathNot: '^packages/shared/src/|node_modules/@stdlib/',
        dependencyTypesNot: ['npm-dev'],
      },
    },
    {
      name: 'console-talks-graphql-only',
      severity: 'error',
      comment: 'The console reaches the API over GraphQL only (its types are generated from the schema).',
      from: { path: '^packages/console/' },
      to: { path: '^packages/api/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|generated)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.vue', '.mjs', '.cjs'] },
  },
};
