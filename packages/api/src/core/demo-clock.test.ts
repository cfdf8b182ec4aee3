import { CONTACT_PROFILES } from '@recupera/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DemoClock, type DemoClockJump, type DemoOffsetStore } from './demo-clock.ts';
import { createLogger } from './logger.ts';

const HOURS = { profile: CONTACT_PROFILES.PE, timeZone: 'America/Lima' };
const HOUR = 3_600_000;
const lima = (wall: string) => Date.parse(`${wall}-05:00`);
const logger = createLogger('silent');

/** A store that keeps every write, in order, and can be told to fail. */
class MemoryStore implements DemoOffsetStore {
  writes: number[] = [];
  failNext = false;
  async advance(offsetMs: number): Promise<void> {
    await Promise.resolve();
    if (this.failNext) {
      this.failNext = false;
      throw new Error('database down');
    }
    this.writes.push(offsetMs);
  }
}

describe('DemoClock', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers demo time from the first read, and its business date', () => {
    vi.setSystemTime(lima('2026-12-05T02:00:00'));
    const clock = new DemoClock({ hours: HOURS, offsetMs: 0, logger });
    expect(clock.now().toISOString()).toBe('2026-12-07T12:00:00.000Z');
    expect(clock.businessDate()).toBe('2026-12-07');
    expect(clock.offsetMs).toBe(53 * HOUR);
    expect(clock.closesAt().toISOString()).toBe('2026-12-08T01:00:00.000Z');
    void clock.close();
  });

  it('jumps at the close by itself (no read needed) and tells its listeners the days', async () => {
    vi.setSystemTime(lima('2026-12-05T02:00:00'));
    const clock = new DemoClock({ hours: HOURS, offsetMs: 0, logger });
    const store = new MemoryStore();
    await clock.persistTo(store);
    const jumps: DemoClockJump[] = [];
    clock.onJump((jump) => jumps.push(jump));

    // 13 h of real time: demo Monday 07:00 → 20:00, then on over the holidays to Thursday 07:00.
    await vi.advanceTimersByTimeAsync(13 * HOUR - 1);
    expect(jumps).toEqual([]);
    await vi.advanceTimersByTimeAsync(2);
    const thursday = lima('2026-12-10T07:00:00') - lima('2026-12-05T15:00:00') - 1;
    expect(jumps).toEqual([{ from: '2026-12-07', to: '2026-12-10', offsetMs: thursday }]);
    await clock.flushed();
    expect(store.writes).toEqual([53 * HOUR, thursday]);
    void clock.close();
  });

  it('never saves a smaller offset, and writes again after a failed write', async () => {
    vi.setSystemTime(lima('2026-12-05T02:00:00'));
    const store = new MemoryStore();
    store.failNext = true;
    const clock = new DemoClock({ hours: HOURS, offsetMs: 0, logger });
    await clock.persistTo(store);
    expect(store.writes).toEqual([]);
    // The failed value is written with the next store attached (or the next jump).
    await clock.persistTo(store);
    expect(store.writes).toEqual([53 * HOUR]);
    await clock.persistTo(store);
    expect(store.writes).toEqual([53 * HOUR]);
    void clock.close();
  });

  it('keeps a larger stored offset: a restart does not set demo time back', () => {
    vi.setSystemTime(lima('2026-12-14T10:00:00'));
    const clock = new DemoClock({ hours: HOURS, offsetMs: 53 * HOUR, logger });
    // Monday 10:00 real is Wednesday 15:00 in the demo, not Monday 10:00.
    expect(clock.now().getTime()).toBe(lima('2026-12-16T15:00:00'));
    void clock.close();
  });
});
