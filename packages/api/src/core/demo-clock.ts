import { businessDateIn, demoOffsetAt, demoWindowCloses, type DemoHours, type IsoDate } from '@recupera/shared';
import type { Clock } from './clock.ts';
import type { Logger } from './logger.ts';

/** Where the offset is kept between runs; `advance` only ever raises it (a lower value changes nothing). */
export interface DemoOffsetStore {
  advance(offsetMs: number): Promise<void>;
}

/** Demo time moved forward to a working morning: its business date changed from `from` to `to`. */
export interface DemoClockJump {
  from: IsoDate;
  to: IsoDate;
  offsetMs: number;
}

export interface DemoClockOptions {
  hours: DemoHours;
  /** The offset earlier runs reached (0 for a new demo database). */
  offsetMs: number;
  logger: Logger;
  /** Real time in epoch ms; tests pass their own. */
  realNow?: () => number;
}

/**
 * The clock of the embedded demo operation (docs/demo.md): real speed, always inside working hours. Demo time is
 * real time plus an offset that only grows (`demoOffsetAt` in @recupera/shared): at start it moves a night, a weekend
 * or a holiday on to the next opening, and when demo time reaches the evening close it jumps to the next working
 * morning. Each new offset is saved (`persistTo`) so a restart never goes back, and announced to `onJump`
 * listeners, which start the new business day (the aging roll, the live figures). A real deployment never runs on it.
 */
export class DemoClock implements Clock {
  readonly timeZone: string;
  private offset: number;
  /** Real epoch ms up to which the current offset keeps demo time inside the window (its close, in real time). */
  private validUntil = -Infinity;
  private readonly realNow: () => number;
  private readonly listeners = new Set<(jump: DemoClockJump) => void>();
  private store: DemoOffsetStore | null = null;
  private saved = -1;
  private saving: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly options: DemoClockOptions) {
    this.timeZone = options.hours.timeZone;
    this.offset = options.offsetMs;
    this.realNow = options.realNow ?? Date.now;
    this.now();
  }

  now(): Date {
    const real = this.realNow();
    if (real >= this.validUntil) this.advance(real);
    return new Date(real + this.offset);
  }

  businessDate(): IsoDate {
    return businessDateIn(this.now(), this.timeZone);
  }

  /** Demo time minus real time, in ms. */
  get offsetMs(): number {
    this.now();
    return this.offset;
  }

  /** The demo instant at which today's working window closes (and demo time jumps to the next morning). */
  closesAt(): Date {
    return demoWindowCloses(this.now(), this.options.hours);
  }

  /** Called after every jump to a later business day; returns the unsubscribe function. */
  onJump(listener: (jump: DemoClockJump) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Saves the offset now and every later one to `store`; null stops saving (once the pending writes are done). */
  persistTo(store: DemoOffsetStore | null): Promise<void> {
    this.store = store;
    return store ? this.save() : this.saving;
  }

  /** Waits for the offsets handed to the store so far to be written. */
  flushed(): Promise<void> {
    return this.saving;
  }

  /** Stops the close timer (the clock still answers; it jumps when next read after a close). */
  close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    return this.saving;
  }

  private advance(real: number): void {
    const before = this.offset;
    const previousDate = Number.isFinite(this.validUntil)
      ? businessDateIn(new Date(real + before), this.timeZone)
      : null;
    this.offset = demoOffsetAt(real, before, this.options.hours);
    const demo = new Date(real + this.offset);
    this.validUntil = demoWindowCloses(demo, this.options.hours).getTime() - this.offset;
    this.armTimer(real);
    if (this.offset === before) return;
    void this.save();
    const to = businessDateIn(demo, this.timeZone);
    const minutes = Math.floor(this.offset / 60_000);
    this.options.logger.info(
      `demo clock: ${demo.toISOString()} (${to}), ${Math.floor(minutes / 60)} h ${minutes % 60} min ahead of real time`,
    );
    if (previousDate === null || previousDate === to) return;
    const jump = { from: previousDate, to, offsetMs: this.offset };
    for (const listener of this.listeners) {
      try {
        listener(jump);
      } catch (error) {
        this.options.logger.error('demo clock: a listener of the day change failed', error);
      }
    }
  }

  /** Reads the clock at the close, so the jump (and its listeners) happens even when nothing else asks the time. */
  private armTimer(real: number): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.now(), Math.max(0, this.validUntil - real) + 1);
    this.timer.unref();
  }

  private save(): Promise<void> {
    const store = this.store;
    const offset = this.offset;
    if (!store || offset <= this.saved) return this.saving;
    this.saved = offset;
    // One write after another, so a larger offset is never overtaken by a smaller one.
    this.saving = this.saving
      .then(() => store.advance(offset))
      .catch((error: unknown) => {
        // The next jump writes it again.
        if (this.saved === offset) this.saved = -1;
        this.options.logger.error('demo clock: could not save the offset', error);
      });
    return this.saving;
  }
}

/** Whether `clock` is the demo operation's clock. */
export function isDemoClock(clock: Clock): clock is DemoClock {
  return clock instanceof DemoClock;
}
