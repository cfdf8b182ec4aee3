/**
 * Waits the simulator can cut short. `stop()` aborts one signal and every agent's wait — talk, wrap-up,
 * break, idle polling — ends at once, so a stop never waits out a simulated ten-minute break.
 */

/** Resolves after `ms`, or as soon as `signal` aborts (never rejects). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted || ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Callbacks due later (payments arriving days after the call), cancelled together on stop. A callback that
 * has started is awaited by {@link drain}, never abandoned halfway.
 */
/** Longest delay `setTimeout` honours (about 24.8 days); a longer one would fire at once. */
const MAX_TIMEOUT_MS = 2_147_483_647;

interface Entry {
  timer: NodeJS.Timeout;
  onCancel: () => void;
}

export class TimerSet {
  private readonly entries = new Set<Entry>();
  private readonly running = new Set<Promise<void>>();
  private drainWaiters: (() => void)[] = [];

  /** Timers not yet fired. */
  get pending(): number {
    return this.entries.size;
  }

  /** Runs `task` after `ms`; `onCancel` runs instead if the set is cancelled first. */
  schedule(ms: number, task: () => Promise<void>, onCancel: () => void = () => {}): void {
    const entry = { onCancel } as Entry;
    const arm = (remaining: number) => {
      entry.timer = setTimeout(
        () => {
          // A payment a month away at real speed: wait in slices setTimeout can hold.
          if (remaining > MAX_TIMEOUT_MS) return arm(remaining - MAX_TIMEOUT_MS);
          this.entries.delete(entry);
          const run = task().finally(() => {
            this.running.delete(run);
            this.wakeIfDrained();
          });
          this.running.add(run);
        },
        Math.min(Math.max(0, remaining), MAX_TIMEOUT_MS),
      );
    };
    arm(ms);
    this.entries.add(entry);
  }

  /** Drops every timer not yet fired. */
  cancel(): void {
    for (const entry of this.entries) {
      clearTimeout(entry.timer);
      entry.onCancel();
    }
    this.entries.clear();
    this.wakeIfDrained();
  }

  /** Resolves once started callbacks have finished (pass `includeScheduled` to wait for the pending ones too). */
  async drain(includeScheduled = false): Promise<void> {
    while (this.running.size > 0 || (includeScheduled && this.entries.size > 0)) {
      await new Promise<void>((resolve) => this.drainWaiters.push(resolve));
    }
  }

  private wakeIfDrained(): void {
    for (const wake of this.drainWaiters.splice(0)) wake();
  }
}
