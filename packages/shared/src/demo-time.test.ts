import { describe, expect, it } from 'vitest';
import { CONTACT_PROFILES } from './contact-window.ts';
import { demoOffsetAt, demoWindowCloses, type DemoHours } from './demo-time.ts';

const LIMA: DemoHours = { profile: CONTACT_PROFILES.PE, timeZone: 'America/Lima' };
const HOUR = 3_600_000;
const MINUTE = 60_000;

/** Lima is UTC−5 all year (no daylight saving): a Lima wall time written as the UTC instant it is. */
function lima(wall: string): number {
  return Date.parse(`${wall}:00.000-05:00`);
}

/** The demo instant for a real one, starting from `offset`. */
function demoAt(real: number, offset = 0): number {
  return real + demoOffsetAt(real, offset, LIMA);
}

describe('the demo clock: real instant → demo instant', () => {
  it('is real time inside working hours on a working day', () => {
    const tuesdayMorning = lima('2026-11-24T10:00');
    expect(demoOffsetAt(tuesdayMorning, 0, LIMA)).toBe(0);
    expect(demoOffsetAt(lima('2026-11-24T07:00'), 0, LIMA)).toBe(0);
    expect(demoOffsetAt(lima('2026-11-24T19:59') + 59_999, 0, LIMA)).toBe(0);
  });

  it('moves a Friday night to Monday 07:00', () => {
    const fridayNight = lima('2026-12-04T21:00');
    expect(demoAt(fridayNight)).toBe(lima('2026-12-07T07:00'));
    expect(demoOffsetAt(fridayNight, 0, LIMA)).toBe(58 * HOUR);
    // 20:00 itself is already closed (the window's end is exclusive).
    expect(demoAt(lima('2026-12-04T20:00'))).toBe(lima('2026-12-07T07:00'));
  });

  it('moves Saturday 02:00 (07:00 UTC) to Monday 07:00', () => {
    const saturday = Date.parse('2026-12-05T07:00:00.000Z');
    expect(saturday).toBe(lima('2026-12-05T02:00'));
    expect(demoAt(saturday)).toBe(Date.parse('2026-12-07T12:00:00.000Z'));
    expect(demoOffsetAt(saturday, 0, LIMA)).toBe(53 * HOUR);
  });

  it('moves an early morning to the same day’s opening', () => {
    expect(demoAt(lima('2026-11-24T05:30'))).toBe(lima('2026-11-24T07:00'));
  });

  it('skips Peruvian holidays: 8 and 9 December (Tuesday, Wednesday), Christmas, New Year', () => {
    expect(demoAt(lima('2026-12-07T20:30'))).toBe(lima('2026-12-10T07:00'));
    expect(demoAt(lima('2026-12-08T11:00'))).toBe(lima('2026-12-10T07:00'));
    // Christmas 2026 is a Friday: Thursday evening goes on to Monday the 28th.
    expect(demoAt(lima('2026-12-24T20:00'))).toBe(lima('2026-12-28T07:00'));
    // 1 January 2027 is a Friday too.
    expect(demoAt(lima('2026-12-31T23:00'))).toBe(lima('2027-01-04T07:00'));
  });

  it('reads Lima the same in July and January (no daylight saving)', () => {
    expect(demoAt(Date.parse('2026-07-15T11:59:00.000Z'))).toBe(Date.parse('2026-07-15T12:00:00.000Z'));
    expect(demoAt(Date.parse('2027-01-13T11:59:00.000Z'))).toBe(Date.parse('2027-01-13T12:00:00.000Z'));
    expect(demoAt(Date.parse('2026-07-15T00:59:00.000Z'))).toBe(Date.parse('2026-07-15T00:59:00.000Z'));
    expect(demoAt(Date.parse('2026-07-15T01:00:00.000Z'))).toBe(Date.parse('2026-07-15T12:00:00.000Z'));
  });

  it('keeps an offset already taken while demo time is a working moment, whatever real time is', () => {
    // Started on Saturday 02:00: 53 h ahead. An hour later it is Monday 08:00 in the demo; nothing changes.
    expect(demoOffsetAt(lima('2026-12-05T03:00'), 53 * HOUR, LIMA)).toBe(53 * HOUR);
    // Even when real time alone would be a working moment (Monday 10:00 is Wednesday 15:00 in the demo).
    expect(demoOffsetAt(lima('2026-12-14T10:00'), 53 * HOUR, LIMA)).toBe(53 * HOUR);
  });

  it('jumps from the evening close to the next working morning, never back', () => {
    // Demo Monday 19:59 → 20:00 is reached at real Saturday 14:59 → 15:00.
    const offset = 53 * HOUR;
    expect(demoOffsetAt(lima('2026-12-05T14:59'), offset, LIMA)).toBe(offset);
    const after = demoOffsetAt(lima('2026-12-05T15:00'), offset, LIMA);
    expect(lima('2026-12-05T15:00') + after).toBe(lima('2026-12-10T07:00'));
    expect(after).toBeGreaterThan(offset);
  });

  it('over three weeks of real time visits every working day in order, inside hours, never going back', () => {
    // Independent of the holiday code: the working days of December 2026 as a calendar shows them.
    const holidays = new Set(['2026-12-08', '2026-12-09', '2026-12-25', '2027-01-01']);
    const workingDays: string[] = [];
    for (let day = Date.parse('2026-12-07T00:00:00Z'); workingDays.length < 10; day += 24 * HOUR) {
      const date = new Date(day).toISOString().slice(0, 10);
      const weekday = new Date(day).getUTCDay();
      if (weekday !== 0 && weekday !== 6 && !holidays.has(date)) workingDays.push(date);
    }

    let offset = 0;
    let lastDemo = -Infinity;
    const visited: string[] = [];
    for (
      let real = lima('2026-12-05T02:00'), steps = 0;
      visited.length < 10 && steps < 100_000;
      real += 7 * MINUTE, steps++
    ) {
      offset = demoOffsetAt(real, offset, LIMA);
      const demo = real + offset;
      expect(demo).toBeGreaterThanOrEqual(lastDemo);
      lastDemo = demo;
      const wall = new Date(demo - 5 * HOUR);
      const minute = wall.getUTCHours() * 60 + wall.getUTCMinutes();
      expect(minute).toBeGreaterThanOrEqual(7 * 60);
      expect(minute).toBeLessThan(20 * 60);
      const date = wall.toISOString().slice(0, 10);
      if (visited.at(-1) !== date) visited.push(date);
    }
    expect(visited).toEqual(workingDays);
  });

  it('refuses a negative offset: demo time is never behind real time', () => {
    expect(() => demoOffsetAt(lima('2026-11-24T10:00'), -1, LIMA)).toThrow(RangeError);
  });
});

describe('the demo window’s close', () => {
  it('is 20:00 in Lima on the demo instant’s day', () => {
    expect(demoWindowCloses(new Date(lima('2026-12-07T08:12')), LIMA).toISOString()).toBe('2026-12-08T01:00:00.000Z');
    expect(demoWindowCloses(new Date(lima('2026-12-07T19:59')), LIMA).getTime()).toBe(lima('2026-12-07T20:00'));
  });
});
