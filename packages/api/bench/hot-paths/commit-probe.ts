/**
 * The database's own commit latency during a phase, the baseline of its latency figures: a connection of its own
 * commits a one-row insert every 100 ms (a write transaction, so it waits for its WAL to reach the disk like the
 * API's do) and times each. When the machine's storage stalls, the probe's p95 rises with the API's, and the API's
 * p95 next to it says how much of the latency is the API's and how much the disk's. Its connection is named
 * `bench-…`, so db-waits.ts does not count it among the API's.
 *
 * The probe's figures include the bench's own event loop, which the closed-loop phases keep busy: they are the
 * baseline of the paced phases (nextAccount at 100 agents, the agency page) more than of the saturated ones.
 */
import pg from 'pg';
import { percentile } from '../support.ts';
import { every } from './every.ts';

export interface CommitLatency {
  commits: number;
  p50: number;
  p95: number;
  maxMs: number;
}

export interface CommitProbe {
  stop(): Promise<CommitLatency>;
}

const TABLE = 'bench_commit_probe';

export async function startCommitProbe(
  databaseUrl: string,
  options: { afterMs?: number; intervalMs?: number } = {},
): Promise<CommitProbe> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'bench-commit-probe' });
  await client.connect();
  await client.query(`create table if not exists ${TABLE} (id bigserial primary key, at timestamptz not null)`);
  const times: number[] = [];
  const loop = every(
    options.intervalMs ?? 100,
    async () => {
      const started = performance.now();
      await client.query(`insert into ${TABLE} (at) values (now())`);
      times.push(performance.now() - started);
    },
    options.afterMs,
  );
  return {
    async stop() {
      await loop.stop();
      await client.query(`truncate ${TABLE}`);
      await client.end();
      times.sort((a, b) => a - b);
      const at = (p: number) => (times.length === 0 ? 0 : percentile(times, p));
      return { commits: times.length, p50: at(50), p95: at(95), maxMs: times.at(-1) ?? 0 };
    },
  };
}
