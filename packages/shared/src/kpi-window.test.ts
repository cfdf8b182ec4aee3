import { describe, expect, it } from 'vitest';
import { kpiWindowBounds, MinuteTallies } from './kpi-window.ts';

describe('kpiWindowBounds', () => {
  const lima = 'America/Lima';
  const now = new Date('2026-11-24T15:07:42.500Z'); // 10:07:42 in Lima

  it('starts LAST_15_MINUTES on the whole minute 14 minutes before the current one', () => {
    const bounds = kpiWindowBounds('LAST_15_MINUTES', now, lima);
    expect(bounds.from).toEqual(new Date('2026-11-24T14:53:00.000Z'));
    expect(bounds.to).toEqual(now);
    expect([bounds.fromDate, bounds.toDate]).toEqual(['2026-11-24', '2026-11-24']);
  });

  it('starts LAST_HOUR 59 whole minutes before the current one', () => {
    expect(kpiWindowBounds('LAST_HOUR', now, lima).from).toEqual(new Date('2026-11-24T14:08:00.000Z'));
  });

  it('starts TODAY at local midnight of the business date', () => {
    expect(kpiWindowBounds('TODAY', now, lima).from).toEqual(new Date('2026-11-24T05:00:00.000Z'));
    // 00:30 in Lima: still the 24th in UTC terms is 05:30Z, the business date is the 24th.
    const justAfterMidnight = new Date('2026-11-25T05:30:00.000Z');
    const bounds = kpiWindowBounds('TODAY', justAfterMidnight, lima);
    expect(bounds.from).toEqual(new Date('2026-11-25T05:00:00.000Z'));
    expect(bounds.toDate).toBe('2026-11-25');
  });

  it('spans two business dates when the last hour crosses midnight', () => {
    const bounds = kpiWindowBounds('LAST_HOUR', new Date('2026-11-25T05:20:00.000Z'), lima);
    expect([bounds.fromDate, bounds.toDate]).toEqual(['2026-11-24', '2026-11-25']);
  });
});

describe('MinuteTallies', () => {
  it('sums the buckets inside a window, exactly, money included', () => {
    const tallies = new MinuteTallies();
    const at = (iso: string) => new Date(iso).getTime();
    tallies.add(at('2026-11-24T14:52:59.999Z'), { counts: { attempts: 1 } }); // outside LAST_15_MINUTES below
    tallies.add(at('2026-11-24T14:53:00.000Z'), { counts: { attempts: 1, contacts: 1 } });
    tallies.add(at('2026-11-24T15:07:10.000Z'), { counts: { attempts: 2 }, money: { PEN: 10n } });
    tallies.add(at('2026-11-24T15:07:20.000Z'), { money: { PEN: 20n, USD: 9_007_199_254_740_993n } });
    const window = kpiWindowBounds('LAST_15_MINUTES', new Date('2026-11-24T15:07:42.500Z'), 'America/Lima');
    expect(tallies.sum(window.from, window.to)).toEqual({
      counts: { attempts: 3, contacts: 1 },
      money: { PEN: 30n, USD: 9_007_199_254_740_993n },
    });
  });

  it('prunes old buckets', () => {
    const tallies = new MinuteTallies();
    tallies.add(Date.parse('2026-11-24T10:00:00Z'), { counts: { attempts: 1 } });
    tallies.add(Date.parse('2026-11-24T11:00:00Z'), { counts: { attempts: 1 } });
    tallies.prune(new Date('2026-11-24T10:30:00Z'));
    expect(tallies.size).toBe(1);
    expect(tallies.sum(new Date(0), new Date('2027-01-01')).counts.attempts).toBe(1);
  });
});

describe('MinuteTallies hourly roll-up', () => {
  it('sums any window exactly as adding the events one by one would', () => {
    let state = 7;
    const random = () => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      return state / 2_147_483_648;
    };
    const start = Date.parse('2026-11-24T05:00:00Z');
    const day = 24 * 3_600_000;
    const events = Array.from({ length: 3_000 }, () => ({
      at: start + Math.floor(random() * day),
      n: 1 + Math.floor(random() * 5),
    }));
    const tallies = new MinuteTallies();
    for (const event of events)
      tallies.add(event.at, { counts: { attempts: event.n }, money: { PEN: BigInt(event.n) } });
    for (let probe = 0; probe < 200; probe += 1) {
      const a = start + Math.floor(random() * day);
      const b = a + Math.floor(random() * (start + day - a));
      const from = new Date(Math.floor(a / 60_000) * 60_000);
      const to = new Date(b);
      const lastBucket = Math.floor(b / 60_000) * 60_000;
      const expected = events
        .filter((event) => event.at >= from.getTime() && Math.floor(event.at / 60_000) * 60_000 <= lastBucket)
        .reduce((sum, event) => sum + event.n, 0);
      const sum = tallies.sum(from, to);
      expect(sum.counts.attempts ?? 0).toBe(expected);
      expect(sum.money.PEN ?? 0n).toBe(BigInt(expected));
    }
  });
});
