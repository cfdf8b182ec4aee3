/**
 * The worst query the limits still allow, and what it does to everybody else (issue 10: "what a trivial query's
 * latency from another client is while the worst allowed query runs — it must stay under a second").
 *
 * On the seeded benchmark portfolio (BENCH_ACCOUNTS, 1,000,000 by default), with an AGENCY key:
 * 1. builds candidate operations at the edge of each limit — the largest page of per-row resolvers the cost limit
 *    allows, the most aliases of it, the deepest nesting, the heaviest analytics over the longest range, and those
 *    times the alias limit — each checked to pass the API's own validation rules and cost limit (limits.ts), so
 *    every one is an operation the API accepts;
 * 2. runs each once and keeps the slowest three as "the worst"; times each per-row field of an account on its own
 *    beside the cost the model gives it (which fields are under-priced);
 * 3. measures a trivial `{ __typename }` and a small `accounts(first: 10)` from another agency's key, first alone
 *    (the baseline) and then while BENCH_WORST_CLIENTS clients run the worst queries in a loop for
 *    BENCH_WORST_SECONDS seconds;
 * 4. prints p50/p95/max of each, the ratios to the baseline, the target (< 1 s) and whether it holds, and writes
 *    bench/results/worst-query.json.
 * Wall time is the point here (a client's wait); on a loaded machine the absolute figures are noisy.
 */
import { parse, specifiedRules, validate } from 'graphql';
import { buildApiSchema } from '../src/app/schema.ts';
import { loadConfig } from '../src/core/config.ts';
import { limitValidationRules, operationCost, type GraphqlLimits } from '../src/core/graphql/limits.ts';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ApiProcess } from './live/api-process.ts';
import {
  ACCOUNTS,
  ADMIN_KEY,
  benchClock,
  benchDatabaseUrl,
  freePort,
  openBenchDatabase,
  percentile,
  postRaw,
  writeResults,
} from './support.ts';

/** Where the requests go: the API's own process (see below). */
type RunningServer = { url: string };

const CLIENTS = Number(process.env.BENCH_WORST_CLIENTS ?? 4);
const SECONDS = Number(process.env.BENCH_WORST_SECONDS ?? 10);
const BASELINE_SECONDS = Number(process.env.BENCH_WORST_BASELINE_SECONDS ?? 3);
const TARGET_MS = 1_000;
/** The attacker: a partner agency's key, the one role the limits exist for. */
const AGENCY_KEY = 'demo-agency-cobsur-recupera';
/** Another client: another agency's key, so neither shares the other's per-key limits. */
const OTHER_KEY = 'demo-agency-limanorte-recupera';
const PAGE_MAX = 500;

const config = loadConfig({ ADMIN_API_KEY: 'unused-here-0000000000' });
const limits: GraphqlLimits = {
  maxDepth: config.GRAPHQL_MAX_DEPTH,
  maxAliases: config.GRAPHQL_MAX_ALIASES,
  maxDirectives: config.GRAPHQL_MAX_DIRECTIVES,
  maxTokens: config.GRAPHQL_MAX_TOKENS,
  maxCost: config.GRAPHQL_MAX_COST,
};
const schema = await buildApiSchema();
const rules = [...specifiedRules, ...limitValidationRules(limits)];

/** The operation's cost, or null when the API would refuse it (validation, depth, aliases, tokens, cost). */
function allowedCost(query: string): number | null {
  try {
    const document = parse(query, { maxTokens: limits.maxTokens });
    if (validate(schema, document, rules).length > 0) return null;
    const cost = operationCost(schema, document, {}, null, limits);
    return cost <= limits.maxCost ? cost : null;
  } catch {
    return null;
  }
}

/** The largest n in [1, max] for which `build(n)` is allowed (cost grows with n). */
function largestAllowed(build: (n: number) => string, max: number): { n: number; query: string; cost: number } | null {
  let low = 0;
  let high = max;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (allowedCost(build(middle)) !== null) low = middle;
    else high = middle - 1;
  }
  if (low === 0) return null;
  const query = build(low);
  return { n: low, query, cost: allowedCost(query)! };
}

/** Every per-row resolver of an account an agency may select: each runs queries or rules per row. */
const ACCOUNT_ROW = `id externalRef balance { amount } debtor { name phones emails } agency { code }
  propensity { score factors { factor effect } } queuePlace { score skippedBecause reservedBy { id } }
  contactCheck { allowed reasons nextOpportunity } offers { kind amount { amount } }
  history { lastAttemptAt lastPaymentAt paymentCount promisesKept promisesBroken }
  interactions { id disposition agent { name } promise { id } } promises { id status } payments { id reference }`;

const aliased = (count: number, body: (index: number) => string) =>
  `{ ${Array.from({ length: count }, (_, index) => `a${index}: ${body(index)}`).join(' ')} }`;

const FAR_FROM = '2025-11-24';
const TO = '2026-11-24';
const analytics: Record<string, string> = {
  contactHeatmap: `contactHeatmap(filter: { from: "${FAR_FROM}", to: "${TO}" }) { weekday hour attempts contacts }`,
  rollRates: `rollRates(from: "${FAR_FROM}", to: "${TO}") { fromBucket toBucket accounts balanceShare }`,
  liquidationRates: `liquidationRates(from: "${FAR_FROM}", to: "${TO}") { bucket accounts rate }`,
  attemptIntensity: `attemptIntensity(filter: { from: "${FAR_FROM}", to: "${TO}" }) { attemptNumber attempts }`,
  kpiTrend: 'kpiTrend(scope: {}, stepMinutes: 5) { from attempts }',
};

interface Candidate {
  name: string;
  query: string;
  cost: number;
}

function candidates(): Candidate[] {
  const found: Candidate[] = [];
  const add = (name: string, result: { query: string; cost: number; n?: number } | null) => {
    if (result)
      found.push({ name: result.n ? `${name} (n=${result.n})` : name, query: result.query, cost: result.cost });
    else console.log(`  ${name}: not allowed at any size`);
  };
  add(
    'largest page of every per-row resolver',
    largestAllowed((n) => `{ accounts(first: ${n}) { totalCount edges { node { ${ACCOUNT_ROW} } } } }`, PAGE_MAX),
  );
  add(
    `${limits.maxAliases} aliases of the largest such page`,
    largestAllowed(
      (n) => aliased(limits.maxAliases, () => `accounts(first: ${n}) { totalCount edges { node { ${ACCOUNT_ROW} } } }`),
      PAGE_MAX,
    ),
  );
  add(
    `deepest nesting (${limits.maxDepth} levels)`,
    largestAllowed(
      (n) =>
        `{ accounts(first: ${n}) { edges { node { interactions { agent { queue { campaign { queues { agents { queue { campaign { name } } } } } } } } } } } }`,
      PAGE_MAX,
    ),
  );
  for (const [name, body] of Object.entries(analytics)) {
    const single = `{ ${body} }`;
    const cost = allowedCost(single);
    if (cost !== null) found.push({ name: `${name}, one year`, query: single, cost });
    else console.log(`  ${name}: not allowed`);
    const many = aliased(limits.maxAliases, () => body);
    const manyCost = allowedCost(many);
    if (manyCost !== null)
      found.push({ name: `${limits.maxAliases} aliases of ${name}, one year`, query: many, cost: manyCost });
  }
  return found;
}

async function timed(server: RunningServer, query: string, key: string) {
  const start = performance.now();
  const body = await postRaw(server, query, {}, key);
  return { ms: performance.now() - start, codes: (body.errors ?? []).map((error) => String(error.extensions?.code)) };
}

interface Probe {
  name: string;
  query: string;
}
const PROBES: Probe[] = [
  { name: '{ __typename }', query: '{ __typename }' },
  {
    name: 'accounts(first: 10)',
    query: '{ accounts(first: 10) { edges { node { id externalRef balance { amount } } } } }',
  },
];

/** Sends the probes one after another for `seconds`, each result kept per probe. */
async function probe(server: RunningServer, seconds: number): Promise<Record<string, number[]>> {
  const times: Record<string, number[]> = Object.fromEntries(PROBES.map((entry) => [entry.name, []]));
  const until = performance.now() + seconds * 1_000;
  while (performance.now() < until) {
    for (const entry of PROBES) {
      const { ms, codes } = await timed(server, entry.query, OTHER_KEY);
      if (codes.length) throw new Error(`${entry.name} failed: ${codes.join(', ')}`);
      times[entry.name]!.push(ms);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return times;
}

function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: Number(percentile(sorted, 50).toFixed(1)),
    p95: Number(percentile(sorted, 95).toFixed(1)),
    max: Number(sorted.at(-1)!.toFixed(1)),
  };
}

/** Each per-row field of an account on its own, for the calibration: what it costs in the model and in time. */
const PER_ROW_FIELDS: Record<string, string> = {
  balance: 'balance { amount }',
  debtor: 'debtor { name phones emails }',
  agency: 'agency { code }',
  history: 'history { lastAttemptAt lastPaymentAt paymentCount promisesKept promisesBroken }',
  interactions: 'interactions { id disposition }',
  promises: 'promises { id status }',
  payments: 'payments { id reference }',
  propensity: 'propensity { score factors { factor effect } }',
  queuePlace: 'queuePlace { score skippedBecause }',
  contactCheck: 'contactCheck { allowed reasons nextOpportunity }',
  offers: 'offers { kind amount { amount } }',
};
const CALIBRATION_ROWS = 100;
const CALIBRATION_RUNS = Number(process.env.BENCH_WORST_CALIBRATION_RUNS ?? 3);

/**
 * ms per row of each per-row field over a page of ids alone, beside the cost the model gives it per row: a field whose
 * ms per unit of cost is far above the others' is under-priced, and sets how much the cost limit really allows.
 */
async function calibrate(server: RunningServer) {
  const page = (selection: string) => `{ accounts(first: ${CALIBRATION_ROWS}) { edges { node { id ${selection} } } } }`;
  const median = async (query: string) => {
    const times: number[] = [];
    for (let run = 0; run < CALIBRATION_RUNS; run += 1) times.push((await timed(server, query, AGENCY_KEY)).ms);
    return percentile(
      times.sort((a, b) => a - b),
      50,
    );
  };
  const base = await median(page(''));
  const baseCost = allowedCost(page(''))!;
  const rows: { field: string; costPerRow: number; msPerRow: number; msPerUnitOfCost: number }[] = [];
  for (const [field, selection] of Object.entries(PER_ROW_FIELDS)) {
    const costPerRow = (allowedCost(page(selection))! - baseCost) / CALIBRATION_ROWS;
    const msPerRow = Math.max(0, (await median(page(selection))) - base) / CALIBRATION_ROWS;
    rows.push({
      field,
      costPerRow: Number(costPerRow.toFixed(1)),
      msPerRow: Number(msPerRow.toFixed(2)),
      msPerUnitOfCost: Number((msPerRow / Math.max(costPerRow, 1e-9)).toFixed(3)),
    });
  }
  return { rows: CALIBRATION_ROWS, baselineMs: Number(base.toFixed(1)), fields: rows };
}

mkdirSync(fileURLToPath(new URL('../../../bench/results/', import.meta.url)), { recursive: true });
const seeded = await openBenchDatabase(benchClock());
await seeded.close(true);
// The API in a process of its own, as in production: the bench's clients (parsing the worst answers, megabytes each)
// must not share its event loop, or their work would count as the API's stalls.
const server = await ApiProcess.start({
  databaseUrl: `${benchDatabaseUrl()}?application_name=recupera-worst-query-bench`,
  redisUrl: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
  port: await freePort(),
  adminKey: ADMIN_KEY,
  pushIntervalMs: 500,
  kpiSource: 'engine',
  clockOffsetMs: 0,
  logFile: fileURLToPath(new URL('../../../bench/results/worst-query-api.log', import.meta.url)),
  env: { REDIS_PREFIX: `bench-worst-query-${process.pid}` },
});
try {
  console.log(`worst-query on ${ACCOUNTS} accounts; limits ${JSON.stringify(limits)}`);
  const all = candidates();
  const ranked: (Candidate & { ms: number; codes: string[] })[] = [];
  for (const candidate of all) {
    const run = await timed(server, candidate.query, AGENCY_KEY);
    ranked.push({ ...candidate, ...run });
    console.log(
      `  ${candidate.name.padEnd(58)} cost ${String(candidate.cost).padStart(6)}  ${run.ms.toFixed(0).padStart(6)} ms ${run.codes.join(',')}`,
    );
  }
  ranked.sort((a, b) => b.ms - a.ms);
  const worst = ranked.slice(0, 3);
  console.log(`worst: ${worst.map((entry) => entry.name).join(' | ')}`);

  const calibration = await calibrate(server);
  console.log(`\nper-row fields on a page of ${calibration.rows} (ids alone: ${calibration.baselineMs} ms):`);
  for (const row of calibration.fields) {
    console.log(
      `  ${row.field.padEnd(14)} cost/row ${String(row.costPerRow).padStart(5)}   ms/row ${row.msPerRow.toFixed(2).padStart(6)}   ms per unit of cost ${row.msPerUnitOfCost}`,
    );
  }

  const baseline = await probe(server, BASELINE_SECONDS);

  let stop = false;
  const worstRuns: { ms: number; codes: string[] }[] = [];
  const attackers = Array.from({ length: CLIENTS }, async (_, client) => {
    for (let n = client; !stop; n += 1) worstRuns.push(await timed(server, worst[n % worst.length]!.query, AGENCY_KEY));
  });
  // Let the attackers fill the pool before measuring.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const underLoad = await probe(server, SECONDS);
  stop = true;
  await Promise.all(attackers);

  const results = {
    accounts: ACCOUNTS,
    limits,
    clients: CLIENTS,
    seconds: SECONDS,
    targetMs: TARGET_MS,
    calibration,
    candidates: ranked.map(({ name, cost, ms, codes }) => ({ name, cost, ms: Number(ms.toFixed(0)), codes })),
    worst: worst.map(({ name, cost }) => ({ name, cost })),
    worstRuns: {
      ...summary(worstRuns.map((run) => run.ms)),
      codes: Object.fromEntries(
        [...new Set(worstRuns.flatMap((run) => run.codes))].map((code) => [
          code,
          worstRuns.filter((run) => run.codes.includes(code)).length,
        ]),
      ),
    },
    probes: Object.fromEntries(
      PROBES.map((entry) => {
        const alone = summary(baseline[entry.name]!);
        const loaded = summary(underLoad[entry.name]!);
        return [
          entry.name,
          {
            baseline: alone,
            underLoad: loaded,
            p95Ratio: Number((loaded.p95 / alone.p95).toFixed(1)),
            withinTarget: loaded.max < TARGET_MS,
          },
        ];
      }),
    ),
  };
  console.log(
    `\n${CLIENTS} clients ran the worst queries ${worstRuns.length} times in ${SECONDS} s:`,
    results.worstRuns,
  );
  console.log('another client, alone → while they run (ms):');
  for (const [name, figures] of Object.entries(results.probes)) {
    const { baseline: alone, underLoad: loaded } = figures;
    console.log(
      `  ${name.padEnd(22)} p50 ${alone.p50} → ${loaded.p50}   p95 ${alone.p95} → ${loaded.p95} (×${figures.p95Ratio})   max ${alone.max} → ${loaded.max}   target max < ${TARGET_MS} ms: ${figures.withinTarget ? 'met' : 'MISSED'}`,
    );
  }
  console.log(`results: ${await writeResults('worst-query', results)}`);
} finally {
  await server.stop();
}
