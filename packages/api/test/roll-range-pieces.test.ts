import { describe, expect, it } from 'vitest';
import { rangePieces } from '../src/modules/analytics/roll-summary-rows.ts';
import { ROLL_PAYMENT_DAY, ROLL_PAYMENT_MONTH } from '../src/modules/analytics/roll-summary.ts';

/**
 * A period's payment sums read whole months from the month table and the rest by day: every day of the range must be
 * read exactly once, and no day outside it. Checked day by day over ranges with every kind of edge.
 */
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The days a piece reads: each day of a day piece; each day of every month a month piece holds. */
function daysRead(from: string, to: string, horizon: string): string[] {
  const days: string[] = [];
  for (const piece of rangePieces(from, to === horizon ? null : to)) {
    const last = piece.to ?? horizon;
    for (let day = Date.parse(piece.from); iso(day) <= last; day += DAY) {
      if (piece.table === ROLL_PAYMENT_DAY) days.push(iso(day));
      // A month row stands for its whole month: it may start only on a month's first day.
      else if (piece.table === ROLL_PAYMENT_MONTH && iso(day).endsWith('-01')) {
        for (let inMonth = day; iso(inMonth).slice(0, 7) === iso(day).slice(0, 7); inMonth += DAY) {
          days.push(iso(inMonth));
        }
      }
    }
    if (piece.table === ROLL_PAYMENT_MONTH) expect(piece.from.endsWith('-01'), piece.from).toBe(true);
  }
  return days.sort();
}

function everyDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = Date.parse(from); iso(day) <= to; day += DAY) days.push(iso(day));
  return days;
}

describe('roll payment ranges', () => {
  const HORIZON = '2027-03-31';
  const cases: [string, string][] = [
    ['2026-10-01', '2026-10-31'],
    ['2026-10-05', '2026-10-20'],
    ['2026-10-05', '2026-11-10'],
    ['2026-10-05', '2026-12-10'],
    ['2026-01-31', '2026-03-01'],
    ['2026-02-01', '2026-02-28'],
    ['2024-02-01', '2024-02-29'],
    ['2026-12-31', '2026-12-31'],
    ['2026-12-01', '2027-01-31'],
    ['2025-11-25', '2026-11-24'],
  ];
  it.each(cases)('reads %s to %s exactly once per day', (from, to) => {
    expect(daysRead(from, to, HORIZON)).toEqual(everyDay(from, to));
  });
  it.each([['2026-11-01'], ['2026-11-02'], ['2027-03-31']])('reads from %s to the open end', (from) => {
    expect(daysRead(from, HORIZON, HORIZON)).toEqual(everyDay(from, HORIZON));
  });
});
