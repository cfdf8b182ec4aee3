/**
 * The database's own speed for a write of the hot paths' shape, with nothing of the API in the way: node-postgres
 * alone, `workers` connections each running BEGIN; two INSERTs and an UPDATE (prepared); COMMIT, in a closed
 * loop. The API's write throughput is read against this figure, measured in the same run on the same server.
 */
import pg from 'pg';
import { percentile } from '../support.ts';

export interface RawFigures {
  transactions: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  clientCpuMsPerTransaction: number;
}

const SETUP = `
  create table if not exists bench_raw_account (id int primary key, attempts int not null default 0,
                                                last_attempt_at timestamptz);
  create table if not exists bench_raw_interaction (id bigserial primary key, account_id int not null,
                                                    disposition text not null, started_at timestamptz not null);
  create table if not exists bench_raw_event (id bigserial primary key, type text not null, payload jsonb not null,
                                              occurred_at timestamptz not null);
  insert into bench_raw_account (id) select g from generate_series(1, 10000) g on conflict do nothing;`;

export async function rawTransactions(connectionString: string, workers: number, seconds: number): Promise<RawFigures> {
  const pool = new pg.Pool({ connectionString, max: workers, application_name: 'bench-hot-paths-raw' });
  await pool.query(SETUP);
  const times: number[] = [];
  const client0 = process.cpuUsage();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      const client = await pool.connect();
      try {
        while (performance.now() < deadline) {
          const t0 = performance.now();
          const account = 1 + Math.floor(Math.random() * 10_000);
          await client.query('begin');
          await client.query({
            name: 'raw-interaction',
            text: `insert into bench_raw_interaction (account_id, disposition, started_at) values ($1, 'NO_ANSWER', now())`,
            values: [account],
          });
          await client.query({
            name: 'raw-event',
            text: `insert into bench_raw_event (type, payload, occurred_at) values ('InteractionRecorded', $1, now())`,
            values: [JSON.stringify({ accountId: account, disposition: 'NO_ANSWER' })],
          });
          await client.query({
            name: 'raw-account',
            text: 'update bench_raw_account set attempts = attempts + 1, last_attempt_at = now() where id = $1',
            values: [account],
          });
          await client.query('commit');
          times.push(performance.now() - t0);
        }
      } finally {
        client.release();
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const client = process.cpuUsage(client0);
  await pool.query('truncate bench_raw_interaction, bench_raw_event');
  await pool.end();
  const sorted = times.sort((a, b) => a - b);
  return {
    transactions: sorted.length,
    seconds: elapsed,
    perSecond: sorted.length / elapsed,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    clientCpuMsPerTransaction: (client.user + client.system) / 1000 / Math.max(1, sorted.length),
  };
}
