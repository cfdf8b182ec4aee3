/**
 * `@recupera/shared`: the domain vocabulary and pure logic shared by the API and the console
 * (docs/design.md, "Architecture"). No I/O and no clock reads: every function takes the instant it needs.
 */
export * from './dates.ts';
export * from './buckets.ts';
export * from './money.ts';
export * from './dispositions.ts';
export * from './promises.ts';
export * from './kpi.ts';
export * from './holidays.ts';
export * from './contact-window.ts';
export * from './propensity.ts';
export * from './retry-policy.ts';
export * from './kpi-window.ts';
export * from './live-kpis.ts';
export * from './offers.ts';
export * from './demo-time.ts';
export * from './events.ts';
export * from './statuses.ts';
export * from './placements.ts';
export * from './simulation/index.ts';
export * from './seeded-random.ts';
export * from './stats.ts';
