/**
 * `accounts(first: 50)` with filters on a 1,000,000-account portfolio, through the real HTTP API.
 *
 * Seeds (once; the database is kept between runs) a demo portfolio of BENCH_ACCOUNTS accounts on the local
 * PostgreSQL, starts the API in-process and times each query shape. The baseline, measured in the same run,
 * is `{ __typename }` over the same HTTP path: the ratio says how much the query itself costs on top of the
 * transport on this (shared, noisy) machine. Prints the figures and writes bench/results/accounts-query.json.
 */
import { systemEm } from '../src/core/database/orm.ts';
import {
  ACCOUNTS,
  ADMIN_KEY,
  benchClock,
  openBenchDatabase,
  percentile,
  post as postAs,
  startBenchServer,
  writeResults,
} from './support.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const AGENCY_KEY = 'demo-agency-cobsur-recupera';
const clock = benchClock();

const orm = await openBenchDatabase(clock);
const server = await startBenchServer(clock);
const post = (query: string, variables: Record<string, unknown>, key: string) => postAs(server, query, variables, key);

const pageQuery = (withCount: boolean) => `query ($filter: AccountFilter, $after: String) {
  accounts(first: 50, filter: $filter, after: $after) {
    ${withCount ? 'totalCount' : ''}
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id externalRef dueDate daysPastDue bucket status balance { amount currency } debtor { name documentId } agency { code } } }
  }
}`;

// A cursor from the middle of the portfolio, for a deep page.
const middle = (
  await systemEm(orm)
    .getConnection()
    .execute<{ id: string }[]>('select id from account order by id offset ? limit 1', [Math.floor(ACCOUNTS / 2)])
)[0]!.id;
const middleCursor = Buffer.from(`v1:${middle}`, 'utf8').toString('base64url');

const shapes: { name: string; variables: Record<string, unknown>; key: string }[] = [
  { name: 'no filter', variables: {}, key: ADMIN_KEY },
  { name: 'bucket D1_30', variables: { filter: { buckets: ['D1_30'] } }, key: ADMIN_KEY },
  {
    name: 'buckets D61_90+D91_120, balance >= 1000',
    variables: { filter: { buckets: ['D61_90', 'D91_120'], minBalance: '1000.00' } },
    key: ADMIN_KEY,
  },
  {
    name: 'DPD 45..75, status ACTIVE',
    variables: { filter: { minDaysPastDue: 45, maxDaysPastDue: 75, statuses: ['ACTIVE'] } },
    key: ADMIN_KEY,
  },
  { name: 'search by full name', variables: { filter: { search: 'María Quispe Huamán' } }, key: ADMIN_KEY },
  { name: 'search by surname (~4% of debtors)', variables: { filter: { search: 'Huamán' } }, key: ADMIN_KEY },
  { name: 'search by document id', variables: { filter: { search: '00000000' } }, key: ADMIN_KEY },
  { name: 'agency key (scoped), no filter', variables: {}, key: AGENCY_KEY },
  { name: 'agency key (scoped), bucket D91_120', variables: { filter: { buckets: ['D91_120'] } }, key: AGENCY_KEY },
  { name: 'deep page (after the middle id)', variables: { after: middleCursor }, key: ADMIN_KEY },
];

async function measure(query: string, variables: Record<string, unknown>, key: string) {
  for (let warm = 0; warm < 3; warm += 1) await post(query, variables, key);
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const start = performance.now();
    await post(query, variables, key);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

const baseline = await measure('{ __typename }', {}, ADMIN_KEY);
const results: Record<string, unknown> = { baseline };
const cell = (value: number) => value.toFixed(1).padStart(8);
console.log(`accounts(first: 50) on ${ACCOUNTS.toLocaleString('en')} accounts, ${RUNS} runs each, ms`);
console.log(
  `baseline { __typename } over the same HTTP path: p50 ${baseline.p50.toFixed(1)}, p95 ${baseline.p95.toFixed(1)}`,
);
console.log(
  'query shape'.padEnd(42),
  'page p50'.padStart(8),
  'page p95'.padStart(8),
  '+count p50'.padStart(11),
  '+count p95'.padStart(11),
  'x base'.padStart(7),
);
for (const shape of shapes) {
  const page = await measure(pageQuery(false), shape.variables, shape.key);
  const counted = await measure(pageQuery(true), shape.variables, shape.key);
  results[shape.name] = { page, withTotalCount: counted, pageRatioToBaseline: page.p50 / baseline.p50 };
  console.log(
    shape.name.padEnd(42),
    cell(page.p50),
    cell(page.p95),
    cell(counted.p50).padStart(11),
    cell(counted.p95).padStart(11),
    (page.p50 / baseline.p50).toFixed(1).padStart(7),
  );
}

const written = await writeResults('accounts-query', {
  at: new Date().toISOString(),
  accounts: ACCOUNTS,
  runs: RUNS,
  results,
});
console.log(`wrote ${written}`);
await server.close();
await orm.close(true);
