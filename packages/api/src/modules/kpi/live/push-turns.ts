/** Fractional part of the golden ratio: the phases k·φ mod 1 stay evenly spread for any number of topics. */
const PHASE_STEP = 0.6180339887498949;

/**
 * When a live topic sends: at most once per interval, on turns spread over the interval topic by topic.
 *
 * A topic that has not sent for a whole interval sends at once (a quiet scope answers without delay). A busy one
 * sends on its turns — the instants `phase + k·interval` — at least one interval after its last message. Under a
 * steady stream of events every topic is dirty all the time; with a common rhythm they all fanned out in the same
 * instant, and a subscriber of the last topic waited for every other topic's sends (at 5,000 subscribers, most of
 * an interval). With their turns spread, each topic's fan-out runs on its own.
 */
export class PushTurns {
  private lastPushAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | null = null;
  private readonly phaseMs: number;

  /** `ordinal`: the topic's number among its hub's topics, which sets its phase. */
  constructor(
    private readonly intervalMs: number,
    ordinal: number,
  ) {
    this.phaseMs = Math.floor(((ordinal * PHASE_STEP) % 1) * intervalMs);
  }

  /** Runs `push` at the topic's next turn; asking again before then changes nothing. */
  schedule(push: () => void): void {
    if (this.timer) return;
    const now = Date.now();
    const at = this.nextTurn(now);
    this.timer = setTimeout(() => {
      this.timer = null;
      // The turn, not the moment the timer ran: a late timer must not push the next turn a whole interval away.
      this.lastPushAt = at;
      push();
    }, at - now);
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private nextTurn(now: number): number {
    const earliest = this.lastPushAt + this.intervalMs;
    if (earliest <= now) return now;
    return this.phaseMs + Math.ceil((earliest - this.phaseMs) / this.intervalMs) * this.intervalMs;
  }
}
