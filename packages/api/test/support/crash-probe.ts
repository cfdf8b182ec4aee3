/** What the crash test and its worker process agree on. */
export const CRASH_PROBE_JOB = 'crash-probe';

export type CrashProbeData = { effectFirst: boolean };

/** Under the queue prefix, so the test's cleanup of the prefix removes them too. */
export function crashProbeKeys(prefix: string) {
  return {
    starts: (jobId: string) => `${prefix}:crash-probe:starts:${jobId}`,
    release: `${prefix}:crash-probe:release`,
  };
}

/**
 * Short claims so a killed worker's job is recovered in about two seconds instead of a minute: the lock
 * expires a second after the kill, and the next worker's stalled check (every 300 ms) moves it back.
 */
export const crashProbeWorkerTimings = { lockDurationMs: 1_000, stalledIntervalMs: 300, maxStalledCount: 2 };
