/**
 * The streamed CSV export (`GET /exports/<kind>.csv`, docs/agencies.md) on the 1,000,000-account benchmark portfolio
 * (see support.ts), through the real HTTP API started in this process.
 *
 * Downloads `accounts.csv` with the admin key — every account, 1,000,000 rows — and, smaller, one partner's
 * `accounts.csv` with its agency filter, reading the body as it arrives (counting bytes and lines, keeping nothing).
 * This process holds both the server and the client, so its resident memory and heap sampled every 20 ms while a
 * download runs are the export's footprint: the peak must not grow with the row count (240,000 rows, then 1,000,000). Baseline measured
 * in the same run: the naive export — one query that returns every row into memory, then csv-stringify on the lot.
 * Prints the figures and writes bench/results/exports.json.
 */
import { stringify } from 'csv-stringify/sync';
import pg from 'pg';
import {
  ACCOUNTS,
  ADMIN_KEY,
  benchClock,
  benchDatabaseUrl,
  openBenchDatabase,
  startBenchServer,
  writeResults,
} from './support.ts';
import { systemEm } from '../src/core/database/orm.ts';

const clock = benchClock();
const orm = await openBenchDatabase(clock);
const server = await startBenchServer(clock);

interface Measure {
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
  /** Peak resident memory above the idle baseline, MiB. */
  peakRssDeltaMiB: number;
  peakHeapUsedMiB: number;
}

const MiB = 1024 * 1024;

/** Runs `work` while sampling this process's memory; returns the peaks over the baseline taken just before. */
async function measured(work: () => Promise<{ rows: number; bytes: number }>): Promise<Measure> {
  global.gc?.();
  await new Promise((resolve) => setTimeout(resolve, 200));
  const baseline = process.memoryUsage().rss;
  let peakRss = baseline;
  let peakHeap = 0;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 20);
  const started = performance.now();
  const { rows, bytes } = await work();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  return {
    rows,
    bytes,
    seconds: Number(seconds.toFixed(2)),
    rowsPerSecond: Math.round(rows / seconds),
    peakRssDeltaMiB: Number(((peakRss - baseline) / MiB).toFixed(1)),
    peakHeapUsedMiB: Number((peakHeap / MiB).toFixed(1)),
  };
}

/** Downloads an export, counting bytes and lines as they arrive (the header line is not a row). */
async function download(path: string): Promise<{ rows: number; bytes: number }> {
  const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    const buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    for (let at = buffer.indexOf(10); at !== -1; at = buffer.indexOf(10, at + 1)) lines += 1;
  }
  return { rows: lines - 1, bytes };
}

/** The naive way: every row in memory at once, then one CSV string. */
async function naive(): Promise<{ rows: number; bytes: number }> {
  const client = new pg.Client({ connectionString: benchDatabaseUrl() });
  await client.connect();
  try {
    const result = await client.query(
      `select a.id, a.external_ref, d.name, d.document_id, a.status, a.currency, a.original_amount::text,
              a.balance::text, to_char(a.due_date, 'YYYY-MM-DD'), ag.code, a.placed_at, a.payment_count,
              a.promises_kept, a.promises_broken, a.last_payment_at
         from account a join debtor d on d.id = a.debtor_id left join agency ag on ag.id = a.agency_id order by a.id`,
    );
    const text = stringify(result.rows.map((row: Record<string, unknown>) => Object.values(row)));
    return { rows: result.rows.length, bytes: Buffer.byteLength(text) };
  } finally {
    await client.end();
  }
}

const [partner] = await systemEm(orm)
  .getConnection()
  .execute<{ id: string; n: number }[]>(
    `select a.agency_id as id, count(*)::int as n from account a join agency ag on ag.id = a.agency_id and ag.code = 'COBSUR' group by 1`,
  );

// The smaller export first: it pays for the one-off allocations (connections, buffers, compiled code), so the
// 1,000,000-row one after it shows what the row count itself costs in memory.
const onePartner = await measured(() => download(`/exports/accounts.csv?agencyId=${partner!.id}`));
const all = await measured(() => download('/exports/accounts.csv'));
const placements = await measured(() => download('/exports/placements.csv'));
const buffered = await measured(naive);

const results = {
  accounts: ACCOUNTS,
  streamed: { allAccounts: all, onePartnerAccounts: onePartner, allPlacements: placements },
  baselineBuffered: buffered,
};
console.table({
  'accounts.csv (COBSUR)': onePartner,
  'accounts.csv (all)': all,
  'placements.csv (all)': placements,
  'baseline: buffered': buffered,
});
if (all.rows !== ACCOUNTS) throw new Error(`exported ${all.rows} rows, expected ${ACCOUNTS}`);
console.log(`wrote ${await writeResults('exports', results)}`);
await server.close();
await orm.close(true);
