/**
 * How much of a phase the API's statements spent waiting inside PostgreSQL on something other than their own work:
 * its activity sampled every 50 ms, and the share of samples in which at least one active backend of the bench
 * database other than the bench's own (application names `bench-…`: the API's pool and its key directory's alike)
 * waited on I/O, a lock, a lightweight lock or another process (`IO`, `Lock`, `LWLock`, `BufferPin`, `IPC` wait
 * types), the longest stretch of such samples, and the wait seen most. A commit waits for its WAL to reach the disk
 * (`IO:WALSync`), so when the machine's storage stalls — a checkpoint's writes, another tenant's I/O — every write of
 * the moment waits with it, and the phase's p95 says more about the disk than about the API: this tells such a run
 * apart. A stall this does not see (a high p95 with no waits) happened outside the database: in the API's event loop
 * or for want of a core.
 */
import type pg from 'pg';
import { every } from './every.ts';

export interface DbWaits {
  /** Share of samples (0–1) in which an API backend waited. */
  share: number;
  /** The longest run of such samples, in ms. */
  longestMs: number;
  /** The wait event seen in most samples (`type:event`), null when none. */
  top: string | null;
}

export interface DbWaitSampler {
  stop(): Promise<DbWaits>;
}

const SAMPLE = `
  select wait_event_type || ':' || wait_event as wait
    from pg_stat_activity
   where datname = current_database() and application_name not like 'bench-%' and state = 'active'
     and wait_event_type in ('IO', 'Lock', 'LWLock', 'BufferPin', 'IPC')`;

export function sampleDbWaits(db: pg.Pool, options: { afterMs?: number; intervalMs?: number } = {}): DbWaitSampler {
  const intervalMs = options.intervalMs ?? 50;
  const seen = new Map<string, number>();
  let samples = 0;
  let waiting = 0;
  let run = 0;
  let longest = 0;
  const loop = every(
    intervalMs,
    async () => {
      const { rows } = await db.query<{ wait: string }>(SAMPLE);
      samples += 1;
      if (rows.length > 0) {
        waiting += 1;
        run += 1;
        longest = Math.max(longest, run);
        for (const wait of new Set(rows.map((row) => row.wait))) seen.set(wait, (seen.get(wait) ?? 0) + 1);
      } else {
        run = 0;
      }
    },
    options.afterMs,
  );
  return {
    async stop() {
      await loop.stop();
      const top = [...seen].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
      return { share: samples === 0 ? 0 : waiting / samples, longestMs: longest * intervalMs, top };
    },
  };
}
