import { describe, expect, it } from 'vitest';
import { easterSunday, isPublicHoliday, publicHolidayCalendar, publicHolidays } from './holidays.ts';

describe('easterSunday', () => {
  it.each([
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2038, '2038-04-25'],
  ])('%i is %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });
});

describe('Peru', () => {
  it('has the 16 national holidays of 2026 (DL 713 art. 6)', () => {
    expect(publicHolidays('PE', 2026)).toEqual([
      '2026-01-01',
      '2026-04-02', // Holy Thursday
      '2026-04-03', // Good Friday
      '2026-05-01',
      '2026-06-07',
      '2026-06-29',
      '2026-07-23',
      '2026-07-28',
      '2026-07-29',
      '2026-08-06',
      '2026-08-30',
      '2026-10-08',
      '2026-11-01',
      '2026-12-08',
      '2026-12-09',
      '2026-12-25',
    ]);
  });

  it('moves Holy Week with Easter', () => {
    const y2024 = publicHolidays('PE', 2024);
    expect(y2024).toContain('2024-03-28');
    expect(y2024).toContain('2024-03-29');
    expect(y2024).not.toContain('2024-04-03');
  });

  it('answers single dates', () => {
    expect(isPublicHoliday('PE', '2026-07-28')).toBe(true);
    expect(isPublicHoliday('PE', '2026-04-03')).toBe(true);
    expect(isPublicHoliday('PE', '2026-07-27')).toBe(false);
    expect(isPublicHoliday('PE', '2026-10-12')).toBe(false); // Spain's national day, not Peru's
  });

  it('names each holiday', () => {
    expect(publicHolidayCalendar('PE', 2026).find((h) => h.date === '2026-08-30')?.name).toBe('Santa Rosa de Lima');
  });
});

describe('Spain', () => {
  it('has the national holidays of 2026', () => {
    expect(publicHolidays('ES', 2026)).toEqual([
      '2026-01-01',
      '2026-01-06',
      '2026-04-03',
      '2026-05-01',
      '2026-08-15',
      '2026-10-12',
      '2026-11-01',
      '2026-12-06',
      '2026-12-08',
      '2026-12-25',
    ]);
  });
});

describe('Ecuador', () => {
  it('has the national holidays of 2026, Carnival two days before Ash Wednesday (2026-02-18)', () => {
    expect(publicHolidays('EC', 2026)).toEqual([
      '2026-01-01',
      '2026-02-16',
      '2026-02-17',
      '2026-04-03',
      '2026-05-01',
      '2026-05-24',
      '2026-08-10',
      '2026-10-09',
      '2026-11-02',
      '2026-11-03',
      '2026-12-25',
    ]);
  });
});

describe('United States', () => {
  it('has the federal holidays of 2026, with Independence Day (a Saturday) observed on Friday', () => {
    expect(publicHolidays('US', 2026)).toEqual([
      '2026-01-01',
      '2026-01-19', // third Monday of January
      '2026-02-16', // third Monday of February
      '2026-05-25', // last Monday of May (May 31 is a Sunday)
      '2026-06-19',
      '2026-07-03', // observed
      '2026-07-04',
      '2026-09-07', // first Monday of September
      '2026-10-12', // second Monday of October
      '2026-11-11',
      '2026-11-26', // fourth Thursday of November
      '2026-12-25',
    ]);
  });

  it('observes Saturday holidays on Friday and Sunday holidays on Monday, across the year end', () => {
    const y2021 = publicHolidays('US', 2021);
    expect(y2021).toContain('2021-06-18'); // Juneteenth (Sat) observed
    expect(y2021).toContain('2021-07-05'); // Independence Day (Sun) observed
    expect(y2021).toContain('2021-12-24'); // Christmas (Sat) observed
    expect(y2021).toContain('2021-12-31'); // New Year's Day 2022 (Sat) observed
    const y2022 = publicHolidays('US', 2022);
    expect(y2022).toContain('2022-01-01');
    expect(y2022).not.toContain('2021-12-31');
    expect(publicHolidayCalendar('US', 2021).find((h) => h.date === '2021-12-31')?.name).toBe(
      "New Year's Day (observed)",
    );
  });
});

describe('other countries', () => {
  it('have no known holidays', () => {
    expect(publicHolidays('XX', 2026)).toEqual([]);
    expect(isPublicHoliday('FR', '2026-07-14')).toBe(false);
  });

  it('refuse years outside the Gregorian range', () => {
    expect(() => publicHolidays('PE', 1500)).toThrow(RangeError);
    expect(() => publicHolidays('PE', 2026.5)).toThrow(RangeError);
  });

  it('hand out copies, so callers cannot corrupt the cache', () => {
    const first = publicHolidayCalendar('PE', 2026);
    first.splice(0, first.length);
    expect(publicHolidays('PE', 2026)).toHaveLength(16);
  });
});
