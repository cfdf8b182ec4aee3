/**
 * The demo floor's working days on the demo clock (docs/demo.md). A real floor logs out in the evening; left to
 * itself the simulator's agents would stay AVAILABLE across the demo clock's jump from 20:00 to the next working
 * morning, and the new day would count the whole night as their logged-in time. So a shift ends shortly before
 * the close (every agent logs out, payments not yet made are dropped) and a new one begins once demo time has
 * moved on to the next morning. Without a demo clock there is one shift, from start to stop.
 */
import type { SimulationStatsSnapshot } from './simulation-stats.ts';
import type { TrafficSimulator } from './traffic-simulator.ts';

/** What the shifts need of the demo clock (core/demo-clock.ts). */
export interface ShiftClock {
  now(): Date;
  /** The demo instant today's working window closes. */
  closesAt(): Date;
  /** Called once demo time is on a later business day; returns the unsubscribe function. */
  onJump(listener: () => void): () => void;
}

/** A shift ends this long (real time, which is demo time's pace) before the evening close. */
export const SHIFT_END_LEAD_MS = 30_000;

export class DemoShifts {
  private current: TrafficSimulator | null = null;
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  /** Shift changes one after another: a stop never overlaps a start. */
  private queue: Promise<unknown> = Promise.resolve();
  private stopped = false;
  private shift = 0;

  constructor(
    private readonly options: {
      /** The simulator of shift `shift` (0, 1, …): a seed of its own per shift keeps each demo day different. */
      makeSimulator: (shift: number) => TrafficSimulator;
      clock: ShiftClock | null;
      /** Told about each shift that began (its agents) and each that could not. */
      onShift?: (agents: number) => void;
      onError?: (error: unknown) => void;
    },
  ) {}

  /** Starts the first shift; resolves with its number of agents. Throws if the floor cannot be listed. */
  async start(): Promise<number> {
    const agents = await this.begin();
    this.unsubscribe = this.options.clock?.onJump(() => this.change(() => this.begin())) ?? null;
    return agents;
  }

  /** The figures of the latest shift. */
  snapshot(): SimulationStatsSnapshot | null {
    return this.current?.snapshot() ?? null;
  }

  /** Ends the running shift, if any, and starts no other. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    await this.change(() => this.end());
  }

  private change(step: () => Promise<unknown>): Promise<unknown> {
    this.queue = this.queue.then(step).catch((error: unknown) => this.options.onError?.(error));
    return this.queue;
  }

  private async begin(): Promise<number> {
    if (this.stopped) return 0;
    await this.end();
    const simulator = this.options.makeSimulator(this.shift++);
    this.current = simulator;
    const agents = await simulator.start();
    this.options.onShift?.(agents);
    const clock = this.options.clock;
    if (clock) {
      const untilClose = clock.closesAt().getTime() - clock.now().getTime();
      this.timer = setTimeout(() => void this.change(() => this.end()), Math.max(0, untilClose - SHIFT_END_LEAD_MS));
      this.timer.unref();
    }
    return agents;
  }

  private async end(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const simulator = this.current;
    if (simulator) await simulator.stop();
  }
}
