/**
 * What metrics, request ids and request lines cost: API CPU per request (read from /proc, the kernel's account of
 * the API process) for `{ __typename }` and a one-statement query, with observability off (no metrics, no request
 * id, no line: OBSERVE=0, logger silent) and on (OBSERVE=1, a JSON line per request at info). Both APIs run at
 * once and take turns in short slices, so the shared machine's other load hits both alike; the overhead is the
 * median over rounds of the paired difference.
 * Writes bench/results/observability-overhead.json.
 *
 *   pnpm --filter @recupera/api bench:observability-overhead   (BENCH_ROUNDS=3, BENCH_REQUESTS=4000)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createDatabase, databaseUrl } from '../src/core/database/admin.ts';
import { migrate } from '../src/core/database/orm.ts';
import { openOrm } from '../src/app/database.ts';
import { serverUrl, writeResults } from './support.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 4_000);
const CONCURRENCY = 4;
/** Turns per round and operation; each API gets REQUESTS / SLICES requests per turn. */
const SLICES = 20;
const ADMIN_KEY = 'bench-admin-key-0000000000';
const DATABASE = 'recupera_bench_observability';
const apiRoot = fileURLToPath(new URL('../', import.meta.url));
/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

const OPERATIONS = {
  typename: '{ __typename }',
  oneStatement: 'query Agencies { agencies { id } }',
} as const;
type OperationName = keyof typeof OPERATIONS;

const VARIANTS = {
  off: { OBSERVE: '0', BENCH_LOG_LEVEL: 'silent' },
  on: { OBSERVE: '1', BENCH_LOG_LEVEL: 'info' },
} as const;
type VariantName = keyof typeof VARIANTS;

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // Fields 14 and 15 of stat (utime, stime), counted from the state field (3).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

async function startApi(variant: VariantName, url: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/observability/overhead-api.ts'], {
    cwd: apiRoot,
    env: { ...process.env, ...VARIANTS[variant], DATABASE_URL: url, ADMIN_API_KEY: ADMIN_KEY },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.once('exit', () => child.kill('SIGKILL'));
  const started = await new Promise<{ url: string }>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((candidate) => candidate.startsWith('{'));
      if (line) resolve(JSON.parse(line) as { url: string });
    });
    child.once('exit', (code) => reject(new Error(`the API exited with ${code}: ${output}`)));
  });
  return { child, url: started.url };
}

async function drive(url: string, query: string, count: number): Promise<void> {
  let sent = 0;
  const body = JSON.stringify({ query });
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (sent < count) {
        sent += 1;
        const response = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
          body,
        });
        const answer = (await response.json()) as { errors?: unknown };
        if (answer.errors) throw new Error(JSON.stringify(answer.errors));
      }
    }),
  );
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

await createDatabase(serverUrl, DATABASE).catch(() => undefined); // kept between runs
const url = databaseUrl(serverUrl, DATABASE);
const orm = await openOrm({ url, poolMax: 2 });
await migrate(orm);
await orm.close(true);

const samples: Record<VariantName, Record<OperationName, number[]>> = {
  off: { typename: [], oneStatement: [] },
  on: { typename: [], oneStatement: [] },
};
const variants = Object.keys(VARIANTS) as VariantName[];
for (let round = 1; round <= ROUNDS; round += 1) {
  // Both APIs run side by side and take turns in short slices: the machine's other load falls on both alike.
  const apis = { off: await startApi('off', url), on: await startApi('on', url) };
  for (const operation of Object.keys(OPERATIONS) as OperationName[]) {
    for (const variant of variants) await drive(apis[variant].url, OPERATIONS[operation], 500); // JIT, connections
    const spent = { off: 0, on: 0 };
    for (let slice = 0; slice < SLICES; slice += 1) {
      for (const variant of round % 2 === 0 ? [...variants].reverse() : variants) {
        const before = cpuMs(apis[variant].child.pid!);
        await drive(apis[variant].url, OPERATIONS[operation], REQUESTS / SLICES);
        spent[variant] += cpuMs(apis[variant].child.pid!) - before;
      }
    }
    for (const variant of variants) {
      samples[variant][operation].push(spent[variant] / REQUESTS);
      console.log(
        `round ${round} ${variant.padEnd(3)} ${operation.padEnd(12)} ${(spent[variant] / REQUESTS).toFixed(3)} ms CPU/request`,
      );
    }
  }
  for (const variant of variants) {
    apis[variant].child.kill('SIGTERM');
    await new Promise((resolve) => apis[variant].child.once('exit', resolve));
  }
}

const results = Object.fromEntries(
  (Object.keys(OPERATIONS) as OperationName[]).map((operation) => {
    // Paired by round (the two APIs ran side by side): the median of the differences, not of each side alone.
    const differences = samples.on[operation].map((on, round) => on - samples.off[operation][round]!);
    return [
      operation,
      {
        query: OPERATIONS[operation],
        offCpuMsPerRequest: Number(median(samples.off[operation]).toFixed(3)),
        onCpuMsPerRequest: Number(median(samples.on[operation]).toFixed(3)),
        overheadCpuMsPerRequest: Number(median(differences).toFixed(3)),
        rounds: { off: samples.off[operation], on: samples.on[operation] },
      },
    ];
  }),
);
console.table(
  Object.entries(results).map(([operation, figures]) => ({
    operation,
    'off ms': figures.offCpuMsPerRequest,
    'on ms': figures.onCpuMsPerRequest,
    'overhead ms': figures.overheadCpuMsPerRequest,
  })),
);
const path = await writeResults('observability-overhead', {
  measuredAt: new Date().toISOString(),
  requestsPerRound: REQUESTS,
  rounds: ROUNDS,
  concurrency: CONCURRENCY,
  note: 'API process CPU (utime+stime from /proc, 10 ms ticks) per request; off = no metrics, request id or line; on = all of them, lines at info to /dev/null',
  results,
});
console.log(`results: ${path}`);
