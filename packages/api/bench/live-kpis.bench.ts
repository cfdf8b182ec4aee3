/**
 * The live-KPI load benchmark on the 1,000,000-account benchmark portfolio (see support.ts), for the live engine
 * and, in the same run, the naive baseline (KPI_SOURCE=sql: every pushed update recomputed with SQL aggregates).
 *
 * For each variant the API runs as a child process (src/main.ts, REDIS_URL set: the multi-instance path, its
 * memory sampled from /proc) with BENCH_SUBSCRIBERS `kpiUpdated` subscribers, one graphql-ws connection each,
 * over a mix of scopes (all, the campaign, each queue, each agency) and windows. Then:
 * - phase 1, through the API: the TrafficSimulator drives BENCH_SIM_AGENTS agents at a high speed for
 *   BENCH_SIM_SECONDS — mutations/s and domain events/s one API process sustains through GraphQL;
 * - phase 2, the live path's ingest capacity: interactions and their outbox events written straight in SQL at
 *   BENCH_RATES events/s for BENCH_STEP_SECONDS each — events/s the engine took in, commit→message latency per
 *   subscriber, messages, API memory, and SQL time per pushed update (timed in the API process, see
 *   live/sql-timing.preload.ts; PostgreSQL's own active time of the database as a cross-check).
 * Prints a table, writes bench/results/live-kpis.json.
 */
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { databaseUrl } from '../src/core/database/admin.ts';
import { ApiProcess } from './live/api-process.ts';
import { CAMPAIGN_NAME, contactHoursOffsetMs, ensureFloor, LIMA_CALLING_HOURS, poster } from './live/floor.ts';
import { FactWriter, type Target } from './live/fact-writer.ts';
import { KpiSubscribers, type KpiWindowName, type Scope, type Topic } from './live/kpi-subscribers.ts';
import { printReport } from './live/report.ts';
import { runPhase1, runStep, type StepResult, type Phase1Result } from './live/phases.ts';
import { ACCOUNTS, ADMIN_KEY, benchClock, database, openBenchDatabase, serverUrl, writeResults } from './support.ts';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1000);
const RATES = (process.env.BENCH_RATES ?? '500,1000,2000,4000').split(',').map(Number);
const STEP_SECONDS = Number(process.env.BENCH_STEP_SECONDS ?? 20);
const NAIVE_STEP_SECONDS = Number(process.env.BENCH_NAIVE_STEP_SECONDS ?? 15);
const SIM_SECONDS = Number(process.env.BENCH_SIM_SECONDS ?? 30);
const SIM_AGENTS = Number(process.env.BENCH_SIM_AGENTS ?? 40);
const SIM_SPEED = Number(process.env.BENCH_SIM_SPEED ?? 1000);
const PUSH_INTERVAL_MS = Number(process.env.BENCH_PUSH_INTERVAL_MS ?? 250);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const VARIANTS = (process.env.BENCH_VARIANTS ?? 'engine,sql').split(',') as ('engine' | 'sql')[];
const TIME_ZONE = 'America/Lima';
/** Another checkout's API package (e.g. the main branch's) to measure under this bench's load, as a before/after. */
const API_ROOT = process.env.BENCH_API_ROOT;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

// The portfolio must exist (seeded once, kept between runs); the bench's own connections carry a name so the
// API's can be told apart in pg_stat_activity.
const seeded = await openBenchDatabase(benchClock());
await seeded.close(true);
const benchDbUrl = databaseUrl(serverUrl, database);
const db = new pg.Pool({ connectionString: benchDbUrl, max: 4, application_name: 'bench-live-kpis' });

const resultsDir = fileURLToPath(new URL('../../../bench/results/', import.meta.url));
mkdirSync(resultsDir, { recursive: true });
const clockOffsetMs = contactHoursOffsetMs(TIME_ZONE, new Date(), LIMA_CALLING_HOURS);
const faketime = clockOffsetMs === 0 || ApiProcess.faketimeAvailable();
const apiNow = () => Date.now() + (faketime ? clockOffsetMs : 0);
console.log(
  `live KPIs on ${ACCOUNTS.toLocaleString('en')} accounts: ${SUBSCRIBERS} kpiUpdated subscribers (one graphql-ws ` +
    `connection each), push interval ${PUSH_INTERVAL_MS} ms, REDIS_URL set, variants ${VARIANTS.join(' + ')}`,
);
if (clockOffsetMs !== 0) {
  console.log(
    faketime
      ? `outside contact hours: the API child runs under libfaketime, ${(clockOffsetMs / 3_600_000).toFixed(1)} h ahead`
      : 'outside contact hours and libfaketime is not installed (apt-get install faketime): phase 1 will find no account to call',
  );
}

const startApi = async (kpiSource: 'engine' | 'sql') =>
  ApiProcess.start({
    databaseUrl: `${benchDbUrl}?application_name=recupera-live-bench-${kpiSource}`,
    redisUrl: REDIS_URL,
    port: await freePort(),
    adminKey: ADMIN_KEY,
    pushIntervalMs: PUSH_INTERVAL_MS,
    kpiSource,
    clockOffsetMs: faketime ? clockOffsetMs : 0,
    ...(API_ROOT ? { apiRoot: API_ROOT } : {}),
    logFile: `${resultsDir}live-kpis-api-${kpiSource}.log`,
    // Every bench client uses the one admin key, where a real floor has a key (or a browser) per console: the
    // per-key WebSocket and rate limits are raised to what the bench opens.
    env: {
      WS_MAX_CONNECTIONS_PER_KEY: String(SUBSCRIBERS + 10),
      WS_MAX_SUBSCRIPTIONS_PER_KEY: String(SUBSCRIBERS + 10),
      RATE_LIMIT_PER_KEY: String(Math.max(300, SUBSCRIBERS * 2)),
      // Node options of the API child, e.g. a heap cap (`--max-old-space-size=320`) to see RSS with V8's headroom bounded;
      // HEAP_GROWTH_PERCENT (the API's own setting) reaches it with the rest of this environment.
      ...(process.env.BENCH_API_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_API_NODE_OPTIONS } : {}),
    },
    ...(process.env.BENCH_API_CPU_PROF === '1' ? { cpuProfileDir: resultsDir } : {}),
  });

interface VariantResult {
  kpiSource: 'engine' | 'sql';
  startSeconds: number;
  subscribeSeconds: number;
  opening: { connectSeconds: number; snapshotsSeconds: number };
  idleRssMiB: number;
  phase1: Phase1Result;
  steps: StepResult[];
}

const results: VariantResult[] = [];
let floorInfo: { startCampaignSeconds: number | null; targets: number; scopes: string[] } | null = null;
for (const kpiSource of VARIANTS) {
  // Every run adds hundreds of thousands of outbox rows, each updated once by the relay, and autovacuum may be off
  // on a bench server: clean up so each variant starts from the same table state.
  await db.query('vacuum analyze domain_event, interaction');
  const t0 = performance.now();
  const api = await startApi(kpiSource);
  const startSeconds = (performance.now() - t0) / 1000;
  const post = poster(api.url, ADMIN_KEY);
  const floor = await ensureFloor(post, db, SIM_AGENTS);
  floorInfo ??= { startCampaignSeconds: floor.startSeconds, targets: floor.targets.length, scopes: [] };

  const scopes: { name: string; scope: Scope; inScope: (target: Target) => boolean }[] = [
    { name: 'all', scope: {}, inScope: () => true },
    { name: 'campaign', scope: { campaignId: floor.campaignId }, inScope: (t) => t.campaignId === floor.campaignId },
    ...floor.queueIds.map((queueId, n) => ({
      name: `queue ${n + 1}`,
      scope: { queueId },
      inScope: (t: Target) => t.queueId === queueId,
    })),
    ...floor.agencyIds.map((agencyId, n) => ({
      name: `agency ${n + 1}`,
      scope: { agencyId },
      inScope: (t: Target) => t.agencyId === agencyId,
    })),
  ];
  floorInfo.scopes = scopes.map((scope) => scope.name);
  const windows: KpiWindowName[] = ['TODAY', 'LAST_HOUR', 'LAST_15_MINUTES'];
  const topicKinds: Topic[] = scopes.flatMap((scope, scopeIndex) =>
    windows.map((window) => ({ name: `${scope.name} ${window}`, scope: scope.scope, window, scopeIndex })),
  );
  const topics = Array.from({ length: SUBSCRIBERS }, (_, n) => topicKinds[n % topicKinds.length]!);

  const s0 = performance.now();
  const subscribers = new KpiSubscribers(api.url, ADMIN_KEY, faketime ? clockOffsetMs : 0);
  // Subscribing all at once: with the naive source, snapshots asked together share one SQL round per topic.
  const opening = await subscribers.open(topics);
  const subscribeSeconds = (performance.now() - s0) / 1000;
  const idleRssMiB = api.sampleRss();
  console.log(
    `[${kpiSource}] API up in ${startSeconds.toFixed(1)} s (pid ${api.pid}); ${subscribers.count} subscribers on ` +
      `${topicKinds.length} topics with their snapshots in ${subscribeSeconds.toFixed(1)} s (connections ` +
      `${opening.connectSeconds.toFixed(1)} s, then subscriptions and snapshots ${opening.snapshotsSeconds.toFixed(1)} s); ` +
      `RSS ${idleRssMiB.toFixed(0)} MiB`,
  );

  const context = { api, db, subscribers, apiNow, pushIntervalMs: PUSH_INTERVAL_MS, kpiSource };
  const phase1 = await runPhase1(context, {
    seconds: SIM_SECONDS,
    speed: SIM_SPEED,
    agentIds: floor.agentIds,
    adminKey: ADMIN_KEY,
  });
  const writer = new FactWriter(
    db,
    floor.targets,
    floor.agentIds,
    scopes.map((scope) => scope.inScope),
    apiNow,
  );
  const steps: StepResult[] = [];
  for (const rate of RATES) {
    const step = await runStep(context, writer, rate, kpiSource === 'sql' ? NAIVE_STEP_SECONDS : STEP_SECONDS);
    steps.push(step);
    // A saturated baseline only gets further behind at higher rates: what it managed is the figure.
    if (step.saturated) break;
  }
  results.push({ kpiSource, startSeconds, subscribeSeconds, opening, idleRssMiB, phase1, steps });
  await subscribers.close();
  await api.stop();
  // A killed naive API may leave its last aggregates running on the server: end those of its own connections.
  await db.query(
    `select pg_cancel_backend(pid) from pg_stat_activity where datname = $1 and application_name = $2 and state = 'active'`,
    [database, `recupera-live-bench-${kpiSource}`],
  );
}

// Starting the floor's campaigns takes minutes, so a later run reuses them; BENCH_FINISH_FLOOR=1 ends them (their
// accounts go back to the pool other benches draw campaigns from).
if (process.env.BENCH_FINISH_FLOOR === '1') {
  const api = await startApi('engine');
  const post = poster(api.url, ADMIN_KEY);
  const running = await db.query<{ id: string }>(
    `select id from campaign where name like $1 and status <> 'FINISHED'`,
    [`${CAMPAIGN_NAME}%`],
  );
  for (const { id } of running.rows) await post('mutation ($id: ID!) { finishCampaign(id: $id) { id } }', { id });
  await api.stop();
} else {
  console.log(`the "${CAMPAIGN_NAME}" campaigns stay RUNNING for the next run (BENCH_FINISH_FLOOR=1 ends them)`);
}

const summary = printReport(results, { subscribers: SUBSCRIBERS, pushIntervalMs: PUSH_INTERVAL_MS });
const written = await writeResults('live-kpis', {
  at: new Date().toISOString(),
  accounts: ACCOUNTS,
  subscribers: SUBSCRIBERS,
  connections: 'one graphql-ws connection per subscriber',
  apiRoot: API_ROOT ?? 'this checkout',
  apiNodeOptions: process.env.BENCH_API_NODE_OPTIONS ?? null,
  apiHeapGrowthPercent: process.env.HEAP_GROWTH_PERCENT ?? null,
  pushIntervalMs: PUSH_INTERVAL_MS,
  redis: true,
  apiClockOffsetMs: faketime ? clockOffsetMs : 0,
  floor: floorInfo,
  methods: {
    ingested: 'growth of the "all / TODAY" subscription\'s attempts over the step, per second of writing',
    latency:
      'per subscriber and commit in its scope: arrival of the first message whose attempts include the commit, ' +
      'minus the moment the commit returned (both in the bench process); commits never seen count as censored at ' +
      'the end of the drain',
    sqlTime:
      "every statement the API process sends, timed around pg's Client.query in the API process (server execution " +
      'plus one loopback round trip, pool waits excluded), by kind; PostgreSQL active_time of the database ' +
      '(all sessions, the bench writer included) as a cross-check',
    updates: 'distinct (topic, asOf) kpiUpdated messages received, snapshots excluded',
  },
  variants: results,
  summary,
});
console.log(`wrote ${written}`);
await db.end();
