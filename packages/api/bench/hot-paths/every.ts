import { sleep } from './load.ts';

/** A loop started by `every`; `stop` resolves once the step under way has ended. */
export interface RunningLoop {
  stop(): Promise<void>;
}

/**
 * Runs `step` every `intervalMs` from its start to the next one's (at once again after a step that took longer),
 * from `afterMs` on, until stopped: the pace of the bench's samplers and probes (db-waits.ts, commit-probe.ts).
 */
export function every(intervalMs: number, step: () => Promise<void>, afterMs = 0): RunningLoop {
  let stopped = false;
  const loop = (async () => {
    await sleep(afterMs);
    while (!stopped) {
      const started = performance.now();
      await step();
      await sleep(Math.max(0, started + intervalMs - performance.now()));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
