/**
 * `pnpm start` with 1 worker and with 2 (API_WORKERS, node:cluster), side by side in one run under the same load:
 * `{ __typename }` (the transport alone) and `recordInteraction` (a write with its outbox event, which every
 * worker's live engine then applies) in closed loops, req/s, p50/p95 and CPU per request of ALL the API's
 * processes (the primary, its workers, tsx's esbuild service) read from /proc — net of what they spend at rest.
 *
 * Both run main.ts as production does, over the benchmark database (bench/support.ts), without Redis (the demo's
 * setup: events and rate counters go through the primary with workers). On a machine shared with other work the
 * absolute figures move; the ratios of the same run and the CPU per request are what to read.
 *
 * Writes bench/results/workers.json. BENCH_SECONDS (default 5) per phase, BENCH_WORKERS (16) concurrent requests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { idleRate, measure, type MeasuredApi, type PhaseFigures } from './hot-paths/load.ts';
import { ApiProcess } from './live/api-process.ts';
import { ADMIN_KEY, benchClock, benchDatabaseUrl, freePort, openBenchDatabase, writeResults } from './support.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_WORKERS ?? 16);
const WORKER_COUNTS = [1, 2] as const;
const RECORD = 'mutation ($input: RecordInteractionInput!) { recordInteraction(input: $input) { id } }';

/** CPU (user + system, ms) of `pid` and every process below it, as the kernel counts it. */
function treeCpuMs(root: number): number {
  const parents = new Map<number, number>();
  const cpu = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // ppid is field 4, utime and stime fields 14 and 15 of /proc/<pid>/stat (clock ticks of 10 ms).
      parents.set(Number(entry), Number(fields[1]));
      cpu.set(Number(entry), (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // Exited meanwhile.
    }
  }
  const inTree = (pid: number): boolean => {
    for (let current: number | undefined = pid; current && current > 1; current = parents.get(current)) {
      if (current === root) return true;
    }
    return false;
  };
  let total = 0;
  for (const [pid, ms] of cpu) if (inTree(pid)) total += ms;
  return total;
}

const seeded = await openBenchDatabase(benchClock());
await seeded.close(true);
const db = new pg.Pool({ connectionString: benchDatabaseUrl(), max: 2, application_name: 'bench-workers' });
const sample = (
  await db.query<{ id: string }>(
    `select id from account tablesample system (1) where status = 'ACTIVE' and balance >= 100 limit 5000`,
  )
).rows;
await db.end();
const pick = () => sample[Math.floor(Math.random() * sample.length)]!;

async function run(workers: number): Promise<Record<string, unknown>> {
  const port = await freePort();
  const api = await ApiProcess.start({
    databaseUrl: `${benchDatabaseUrl()}?application_name=recupera-workers-bench`,
    redisUrl: '',
    port,
    adminKey: ADMIN_KEY,
    pushIntervalMs: 250,
    kpiSource: 'engine',
    clockOffsetMs: 0,
    logFile: `/tmp/recupera-workers-bench-${workers}.log`,
    preloads: [],
    env: {
      API_WORKERS: String(workers),
      DB_POOL_MAX: '10',
      RATE_LIMIT_PER_KEY: '1000000',
      METRICS_PORT: 'off',
    },
  });
  const measured: MeasuredApi = { cpuMs: () => treeCpuMs(api.pid) };
  const call = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
  };
  try {
    // Warm: every worker's code compiled and optimised on the paths measured (connections spread round-robin).
    const warmUntil = performance.now() + 2_000;
    while (performance.now() < warmUntil) await Promise.all(Array.from({ length: 8 }, () => call('{ __typename }')));
    const idle = await idleRate(measured, 2);
    const load = { workers: CONCURRENCY, seconds: SECONDS };
    const typename = await measure(measured, idle, load, async () => (await call('{ __typename }'), 1));
    const record = await measure(measured, idle, load, async () => {
      await call(RECORD, {
        input: { accountId: pick().id, channel: 'CALL', disposition: 'NO_ANSWER', durationSeconds: 20 },
      });
      return 1;
    });
    return { workers, idle, '{ __typename }': typename, recordInteraction: record };
  } finally {
    await api.stop();
  }
}

const results: Record<string, Record<string, unknown>> = {};
for (const workers of WORKER_COUNTS) {
  console.error(`running with API_WORKERS=${workers}`);
  results[`${workers}`] = await run(workers);
}

const cell = (workers: number, phase: string) => results[`${workers}`]![phase] as PhaseFigures;
const rows: string[] = [];
for (const phase of ['{ __typename }', 'recordInteraction']) {
  const [one, two] = [cell(1, phase), cell(2, phase)];
  for (const [workers, figures] of [
    [1, one],
    [2, two],
  ] as const) {
    rows.push(
      `${phase.padEnd(18)} ${String(workers).padStart(7)} ${figures.perSecond.toFixed(0).padStart(7)} ` +
        `${figures.p50.toFixed(1).padStart(7)} ${figures.p95.toFixed(1).padStart(7)} ` +
        `${figures.apiCpuMsPerRequest.toFixed(2).padStart(9)} ${String(figures.errors).padStart(6)}`,
    );
  }
  rows.push(
    `${''.padEnd(18)} 2 vs 1: req/s x${(two.perSecond / one.perSecond).toFixed(2)}, ` +
      `CPU per request x${(two.apiCpuMsPerRequest / one.apiCpuMsPerRequest).toFixed(2)}`,
  );
}
console.log(
  `\nAPI workers side by side (${SECONDS} s per phase, ${CONCURRENCY} concurrent requests, ` +
    `${(await import('node:os')).availableParallelism()} cores shared with PostgreSQL and this bench)\n` +
    `${'phase'.padEnd(18)} ${'workers'.padStart(7)} ${'req/s'.padStart(7)} ${'p50 ms'.padStart(7)} ` +
    `${'p95 ms'.padStart(7)} ${'CPU ms/req'.padStart(9)} ${'errors'.padStart(6)}\n${rows.join('\n')}\n`,
);
const file = await writeResults('workers', {
  at: new Date().toISOString(),
  seconds: SECONDS,
  concurrency: CONCURRENCY,
  results,
});
console.log(`written to ${file}`);
