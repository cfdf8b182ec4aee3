import { describe, expect, it } from 'vitest';
import {
  addDays,
  businessDateIn,
  canonicalTimeZone,
  compareIsoDates,
  diffDays,
  fromEpochDay,
  isIsoDate,
  isoWeekday,
  isValidTimeZone,
  localParts,
  parseIsoDate,
  startOfLocalDay,
  toEpochDay,
  utcDateOf,
} from './dates.ts';

const HOUR = 3_600_000;

describe('isIsoDate', () => {
  it.each(['2024-02-29', '2000-02-29', '2026-12-31', '2026-01-01', '1970-01-01'])('accepts %s', (s) => {
    expect(isIsoDate(s)).toBe(true);
  });

  it.each([
    '2023-02-29', // not a leap year
    '1900-02-29', // century not divisible by 400
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-01-00',
    '2026-1-01',
    '26-01-01',
    '2026-01-01T00:00:00Z',
    ' 2026-01-01',
    '2026/01/01',
    '',
  ])('rejects %j', (s) => {
    expect(isIsoDate(s)).toBe(false);
  });

  it('parseIsoDate splits a date and refuses an invalid one', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(() => parseIsoDate('2023-02-29')).toThrow(RangeError);
  });
});

describe('day arithmetic', () => {
  it('counts epoch days (1970-01-01 = 0, 2000-03-01 = 951868800 s / 86400 s)', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(toEpochDay('1970-01-02')).toBe(1);
    expect(toEpochDay('1969-12-31')).toBe(-1);
    expect(toEpochDay('2000-03-01')).toBe(11_017);
    expect(fromEpochDay(19_723)).toBe('2024-01-01'); // 1704067200 s
    expect(fromEpochDay(-1)).toBe('1969-12-31');
  });

  it('adds days across month, leap-day and year boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2000-02-28', 1)).toBe('2000-02-29');
    expect(addDays('1900-02-28', 1)).toBe('1900-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-03-01', 365)).toBe('2027-03-01');
    expect(addDays('2026-03-29', 0)).toBe('2026-03-29');
  });

  it('refuses fractional days and invalid dates', () => {
    expect(() => addDays('2026-01-01', 0.5)).toThrow(RangeError);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });

  it('diffs whole days, ignoring DST (calendar arithmetic)', () => {
    expect(diffDays('2024-03-01', '2024-02-28')).toBe(2);
    expect(diffDays('2023-03-01', '2023-02-28')).toBe(1);
    expect(diffDays('2025-01-01', '2024-01-01')).toBe(366);
    expect(diffDays('2024-01-01', '2025-01-01')).toBe(-366);
    expect(diffDays('2026-03-30', '2026-03-29')).toBe(1); // Madrid's 23-hour day
  });

  it('compares dates and computes ISO weekdays', () => {
    expect(compareIsoDates('2026-01-01', '2025-12-31')).toBe(1);
    expect(compareIsoDates('2026-01-01', '2026-01-01')).toBe(0);
    expect(compareIsoDates('2025-12-31', '2026-01-01')).toBe(-1);
    expect(isoWeekday('1970-01-01')).toBe(4); // Thursday
    expect(isoWeekday('2026-07-28')).toBe(2); // Tuesday
    expect(isoWeekday('2026-03-08')).toBe(7); // Sunday
    expect(isoWeekday('2026-03-09')).toBe(1); // Monday
  });

  it('gives the UTC date of an instant', () => {
    expect(utcDateOf(new Date('2026-03-10T23:59:59Z'))).toBe('2026-03-10');
    expect(utcDateOf(new Date('1969-12-31T12:00:00Z'))).toBe('1969-12-31');
  });
});

describe('time zones', () => {
  it('validates IANA zones through Intl', () => {
    expect(isValidTimeZone('America/Lima')).toBe(true);
    expect(isValidTimeZone('Europe/Madrid')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone('+05:00')).toBe(false);
  });

  it('canonicalises zone spelling', () => {
    expect(canonicalTimeZone('america/lima')).toBe('America/Lima');
    expect(canonicalTimeZone('Nowhere/Place')).toBeNull();
  });

  it('gives the local business date of an instant', () => {
    const instant = new Date('2026-03-10T03:30:00Z');
    expect(businessDateIn(instant, 'America/Lima')).toBe('2026-03-09'); // 22:30 the day before
    expect(businessDateIn(instant, 'Europe/Madrid')).toBe('2026-03-10'); // 04:30
    expect(businessDateIn(instant, 'UTC')).toBe('2026-03-10');
    expect(businessDateIn(new Date('2026-01-01T10:00:00Z'), 'Pacific/Kiritimati')).toBe('2026-01-02'); // +14
  });

  it('gives local date, weekday and minute of day', () => {
    expect(localParts(new Date('2026-03-09T17:45:00Z'), 'America/Lima')).toEqual({
      date: '2026-03-09',
      weekday: 1,
      minuteOfDay: 12 * 60 + 45,
    });
    // 19:59:59 local is still minute 1199.
    expect(localParts(new Date('2026-03-14T00:59:59Z'), 'America/Lima')).toEqual({
      date: '2026-03-13',
      weekday: 5,
      minuteOfDay: 1199,
    });
    expect(localParts(new Date('2026-03-09T05:00:00Z'), 'America/Lima').minuteOfDay).toBe(0);
  });

  it('refuses invalid instants and zones', () => {
    expect(() => localParts(new Date(Number.NaN), 'UTC')).toThrow(RangeError);
    expect(() => localParts(new Date(0), 'Nowhere/Place')).toThrow(RangeError);
  });
});

describe('startOfLocalDay', () => {
  // Expected instants checked with GNU date: date -u -d 'TZ="Zone" YYYY-MM-DD 00:00'.
  it.each([
    ['America/Lima', '2026-03-09', '2026-03-09T05:00:00.000Z'],
    ['UTC', '2026-03-09', '2026-03-09T00:00:00.000Z'],
    ['America/New_York', '2026-03-08', '2026-03-08T05:00:00.000Z'], // spring-forward day begins in EST
    ['America/New_York', '2026-03-09', '2026-03-09T04:00:00.000Z'],
    ['America/New_York', '2026-11-01', '2026-11-01T04:00:00.000Z'], // fall-back day begins in EDT
    ['America/New_York', '2026-11-02', '2026-11-02T05:00:00.000Z'],
    ['Europe/Madrid', '2026-03-29', '2026-03-28T23:00:00.000Z'],
    ['Europe/Madrid', '2026-03-30', '2026-03-29T22:00:00.000Z'],
    ['Europe/Madrid', '2026-10-25', '2026-10-24T22:00:00.000Z'],
    ['Europe/Madrid', '2026-10-26', '2026-10-25T23:00:00.000Z'],
    ['Pacific/Kiritimati', '2026-01-01', '2025-12-31T10:00:00.000Z'],
    ['Pacific/Pago_Pago', '2026-01-01', '2026-01-01T11:00:00.000Z'],
    // Chile springs forward at midnight: 2024-09-08 00:00 does not exist, the day starts at 01:00 (-03).
    ['America/Santiago', '2024-09-08', '2024-09-08T04:00:00.000Z'],
  ])('%s %s begins at %s', (zone, date, expected) => {
    expect(startOfLocalDay(date, zone).toISOString()).toBe(expected);
  });

  it('makes DST days 23 and 25 hours long', () => {
    const length = (zone: string, day: string, next: string) =>
      (startOfLocalDay(next, zone).getTime() - startOfLocalDay(day, zone).getTime()) / HOUR;
    expect(length('Europe/Madrid', '2026-03-29', '2026-03-30')).toBe(23);
    expect(length('Europe/Madrid', '2026-10-25', '2026-10-26')).toBe(25);
    expect(length('America/New_York', '2026-03-08', '2026-03-09')).toBe(23);
    expect(length('America/New_York', '2026-11-01', '2026-11-02')).toBe(25);
    expect(length('America/Lima', '2026-03-08', '2026-03-09')).toBe(24);
  });

  it('is the first instant with that local date', () => {
    const start = startOfLocalDay('2024-09-08', 'America/Santiago');
    expect(businessDateIn(start, 'America/Santiago')).toBe('2024-09-08');
    expect(businessDateIn(new Date(start.getTime() - 1000), 'America/Santiago')).toBe('2024-09-07');
  });

  it('answers a question asked again as the first time, whatever the caller did with the first answer', () => {
    const first = startOfLocalDay('2026-03-29', 'Europe/Madrid');
    first.setTime(0);
    expect(startOfLocalDay('2026-03-29', 'Europe/Madrid').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    const now = new Date('2026-03-29T01:30:00.000Z'); // 03:30 in Madrid, just after the clocks went forward
    const parts = localParts(now, 'Europe/Madrid');
    (parts as { minuteOfDay: number }).minuteOfDay = 0;
    expect(localParts(now, 'Europe/Madrid')).toEqual({ date: '2026-03-29', weekday: 7, minuteOfDay: 3 * 60 + 30 });
    expect(() => localParts(now, 'Nowhere/Place')).toThrow(RangeError);
    expect(() => localParts(now, 'Nowhere/Place')).toThrow(RangeError);
  });
});
