/**
 * How much of a phase the API's statements spent waiting on the disk's WAL flushes: PostgreSQL's activity sampled
 * every 50 ms, and the share of samples in which at least one of the API's backends waited on writing or syncing
 * the WAL (`IO:WALSync`, `IO:WALWrite`, `LWLock:WALWrite`). A commit waits for its WAL to reach the disk, so when the
 * machine's storage stalls (a checkpoint's writes, another tenant's I/O) every write of the moment waits with it,
 * and the phase's p95 says more about the disk than about the API: this figure tells such a run apart.
 */
import type pg from 'pg';

const WAL_WAITS = `('IO:WALSync', 'IO:WALWrite', 'LWLock:WALWrite')`;

export interface WalWaitSampler {
  /** Stops sampling; the share of samples (0–1) that saw a WAL wait, and the longest run of them in ms. */
  stop(): Promise<{ share: number; longestMs: number }>;
}

export function sampleWalWaits(
  db: pg.Pool,
  applicationName: string,
  options: { afterMs?: number; intervalMs?: number } = {},
): WalWaitSampler {
  const intervalMs = options.intervalMs ?? 50;
  let samples = 0;
  let waiting = 0;
  let run = 0;
  let longest = 0;
  let stopped = false;
  const loop = (async () => {
    await new Promise((resolve) => setTimeout(resolve, options.afterMs ?? 0));
    while (!stopped) {
      const started = performance.now();
      const { rows } = await db.query<{ waiting: boolean }>(
        `select exists (select 1 from pg_stat_activity
                         where application_name = $1 and wait_event_type || ':' || wait_event in ${WAL_WAITS}) as waiting`,
        [applicationName],
      );
      samples += 1;
      if (rows[0]?.waiting) {
        waiting += 1;
        run += 1;
        longest = Math.max(longest, run);
      } else {
        run = 0;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + intervalMs - performance.now())));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return { share: samples === 0 ? 0 : waiting / samples, longestMs: longest * intervalMs };
    },
  };
}
