import { describe, expect, it } from 'vitest';
import {
  NO_VALUE,
  amountIn,
  formatClock,
  formatDate,
  formatDateTime,
  formatDuration,
  formatMoney,
  formatMoneyList,
  formatRate,
  formatTime,
} from './format.ts';

// Intl separates currency and number with a no-break space; the tests compare what a reader sees.
const plain = (s: string) => s.replace(/\s/g, ' ');

describe('formatMoney', () => {
  it('formats soles the Peruvian way in Spanish and by code in English', () => {
    expect(plain(formatMoney({ amount: '1234567.50', currency: 'PEN' }, 'es'))).toBe('S/ 1,234,567.50');
    expect(plain(formatMoney({ amount: '1234567.50', currency: 'PEN' }, 'en'))).toBe('PEN 1,234,567.50');
  });

  it('keeps every digit of amounts a binary float would round', () => {
    // 99999999999999.99 as a double is 99999999999999.984375 and would print as …999.98 or 100,000,…
    expect(plain(formatMoney({ amount: '99999999999999.99', currency: 'USD' }, 'es'))).toBe(
      'USD 99,999,999,999,999.99',
    );
    expect(plain(formatMoney({ amount: '0.10', currency: 'PEN' }, 'en'))).toBe('PEN 0.10');
  });

  it('uses the currency’s own decimals', () => {
    expect(plain(formatMoney({ amount: '1234', currency: 'JPY' }, 'es'))).toBe('JPY 1,234');
  });

  it('lists several currencies with the operation’s first, and zero when there is nothing', () => {
    const list = [
      { amount: '5.00', currency: 'USD' },
      { amount: '10.00', currency: 'PEN' },
    ];
    expect(plain(formatMoneyList(list, 'PEN', 'es'))).toBe('S/ 10.00 · USD 5.00');
    expect(plain(formatMoneyList([], 'PEN', 'es'))).toBe('S/ 0.00');
    expect(amountIn(list, 'USD')).toBe('5.00');
    expect(amountIn(list, 'EUR')).toBe('0.00');
  });
});

describe('formatRate', () => {
  it('shows a rate as a percentage with one decimal', () => {
    expect(formatRate(0.4375, 'es')).toBe('43.8%');
    expect(formatRate(0.4375, 'en')).toBe('43.8%');
    expect(formatRate(1, 'en', 0)).toBe('100%');
    expect(formatRate(0, 'en')).toBe('0.0%');
  });

  it('shows a rate with no denominator as a dash, never 0 or NaN', () => {
    expect(formatRate(null, 'es')).toBe(NO_VALUE);
    expect(formatRate(undefined, 'en')).toBe(NO_VALUE);
    expect(formatRate(Number.NaN, 'en')).toBe(NO_VALUE);
  });
});

describe('durations', () => {
  it('reads seconds, minutes and hours at a glance', () => {
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(272)).toBe('4 min');
    expect(formatDuration(2 * 3600 + 5 * 60 + 59)).toBe('2 h 05 min');
    expect(formatDuration(null)).toBe(NO_VALUE);
    expect(formatDuration(-1)).toBe(NO_VALUE);
  });

  it('runs a clock for time in status', () => {
    expect(formatClock(0)).toBe('00:00');
    expect(formatClock(249)).toBe('04:09');
    expect(formatClock(3723)).toBe('1:02:03');
  });
});

describe('dates and times in the operation’s zone', () => {
  // 03:30 UTC on the 24th is 22:30 on the 23rd in Lima (UTC−5), whatever zone the test machine has.
  const instant = '2026-11-24T03:30:00Z';

  it('shows instants in the operation’s zone', () => {
    expect(formatTime(instant, 'es', 'America/Lima')).toBe('22:30');
    expect(formatTime(instant, 'es', 'Europe/Madrid')).toBe('04:30');
    expect(formatTime(instant, 'en', 'America/Lima', true)).toBe('22:30:00');
    expect(plain(formatDateTime(instant, 'en', 'America/Lima'))).toBe('Nov 23, 2026, 10:30 PM');
  });

  it('never shifts a calendar date to the day before', () => {
    expect(formatDate('2026-11-24', 'en')).toBe('Nov 24, 2026');
    expect(formatDate('2026-11-24', 'es')).toBe('24 nov. 2026');
  });
});
