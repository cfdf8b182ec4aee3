import { describe, expect, it } from 'vitest';
import {
  compareAmounts,
  currencyExponent,
  formatAmount,
  formatMoneyForLocale,
  isCurrencyCode,
  MAX_INTEGER_DIGITS,
  minorToDecimalString,
  MoneyError,
  moneyFromMinor,
  moneyToMinor,
  storedToMinor,
  normalizeAmount,
  parseAmount,
  sumByCurrency,
  type MoneyErrorReason,
} from './money.ts';

function reasonOf(fn: () => unknown): MoneyErrorReason | 'NO_ERROR' | 'OTHER_ERROR' {
  try {
    fn();
    return 'NO_ERROR';
  } catch (error) {
    return error instanceof MoneyError ? error.reason : 'OTHER_ERROR';
  }
}

describe('currencies', () => {
  it.each([
    ['PEN', 2],
    ['USD', 2],
    ['EUR', 2],
    ['COP', 2],
    ['MXN', 2],
    ['GBP', 2],
    ['JPY', 0],
    ['CLP', 0],
    ['KWD', 3],
    ['BHD', 3],
  ])('%s has %i decimals', (code, exponent) => {
    expect(currencyExponent(code)).toBe(exponent);
  });

  it('accepts only known upper-case codes', () => {
    for (const code of [
      'PEN',
      'USD',
      'EUR',
      'COP',
      'MXN',
      'CLP',
      'ARS',
      'BRL',
      'BOB',
      'GBP',
      'JPY',
      'CHF',
      'CAD',
      'KWD',
      'BHD',
    ]) {
      expect(isCurrencyCode(code), code).toBe(true);
    }
    for (const code of ['pen', 'Pen', 'ECU', 'XYZ', 'PENN', 'PE', '']) {
      expect(isCurrencyCode(code), code).toBe(false);
    }
  });

  it('throws CURRENCY for an unknown code', () => {
    expect(reasonOf(() => currencyExponent('ECU'))).toBe('CURRENCY');
    expect(reasonOf(() => parseAmount('1.00', 'usd'))).toBe('CURRENCY');
    expect(reasonOf(() => formatAmount(100n, 'XYZ'))).toBe('CURRENCY');
  });
});

describe('parseAmount', () => {
  it.each([
    ['12', 'PEN', 1200n],
    ['12.5', 'PEN', 1250n],
    ['12.50', 'PEN', 1250n],
    ['0.01', 'PEN', 1n],
    ['12.500', 'PEN', 1250n], // trailing zeros are exact, not rounding
    ['007.10', 'PEN', 710n],
    ['0', 'PEN', 0n],
    ['-0', 'PEN', 0n],
    ['1234', 'JPY', 1234n],
    ['1234.0', 'JPY', 1234n],
    ['1500', 'CLP', 1500n],
    ['1.234', 'KWD', 1234n],
    ['0.5', 'BHD', 500n],
  ])('%j %s is %s minor units', (amount, currency, minor) => {
    expect(parseAmount(amount, currency)).toBe(minor);
  });

  it.each([
    ['1,234.50', 'FORMAT'],
    [' 12', 'FORMAT'],
    ['12 ', 'FORMAT'],
    ['1e3', 'FORMAT'],
    ['+12', 'FORMAT'],
    ['12.', 'FORMAT'],
    ['.5', 'FORMAT'],
    ['', 'FORMAT'],
    ['12,50', 'FORMAT'],
    ['0x10', 'FORMAT'],
    ['--1', 'FORMAT'],
    ['12.345', 'PRECISION'],
    ['0.001', 'PRECISION'],
    ['-1', 'NEGATIVE'],
    ['-0.01', 'NEGATIVE'],
    ['1000000000000000', 'TOO_LARGE'], // 16 integer digits
  ] as const)('%j in PEN is rejected with %s', (amount, reason) => {
    expect(reasonOf(() => parseAmount(amount, 'PEN'))).toBe(reason);
  });

  it('never rounds zero-decimal or three-decimal currencies', () => {
    expect(reasonOf(() => parseAmount('1234.5', 'JPY'))).toBe('PRECISION');
    expect(reasonOf(() => parseAmount('10.01', 'CLP'))).toBe('PRECISION');
    expect(reasonOf(() => parseAmount('1.2345', 'KWD'))).toBe('PRECISION');
  });

  it('allows negatives only on request', () => {
    expect(parseAmount('-1', 'PEN', { allowNegative: true })).toBe(-100n);
    expect(parseAmount('-12.34', 'USD', { allowNegative: true })).toBe(-1234n);
  });

  it('allows zero by default and refuses it on request', () => {
    expect(parseAmount('0.00', 'PEN')).toBe(0n);
    expect(reasonOf(() => parseAmount('0', 'PEN', { allowZero: false }))).toBe('ZERO');
    expect(reasonOf(() => parseAmount('-0.00', 'PEN', { allowZero: false }))).toBe('ZERO');
    expect(parseAmount('0.01', 'PEN', { allowZero: false })).toBe(1n);
  });

  it(`accepts exactly ${MAX_INTEGER_DIGITS} integer digits, ignoring leading zeros`, () => {
    expect(parseAmount('999999999999999.99', 'PEN')).toBe(99_999_999_999_999_999n);
    expect(parseAmount('0000000000000001.00', 'PEN')).toBe(100n);
    expect(reasonOf(() => parseAmount('-1000000000000000', 'PEN', { allowNegative: true }))).toBe('TOO_LARGE');
  });

  it('is a MoneyError with a message', () => {
    expect(() => parseAmount('abc', 'PEN')).toThrow(MoneyError);
    expect(() => parseAmount('abc', 'PEN')).toThrow(/Not a decimal amount/);
  });
});

describe('formatAmount', () => {
  it.each([
    [123_450n, 'PEN', '1234.50'],
    [-500n, 'PEN', '-5.00'],
    [0n, 'PEN', '0.00'],
    [1n, 'PEN', '0.01'],
    [-1n, 'USD', '-0.01'],
    [10n, 'EUR', '0.10'],
    [1234n, 'JPY', '1234'],
    [0n, 'CLP', '0'],
    [-7n, 'CLP', '-7'],
    [1n, 'KWD', '0.001'],
    [-1234n, 'KWD', '-1.234'],
  ])('%s %s is %j', (minor, currency, text) => {
    expect(formatAmount(minor, currency)).toBe(text);
    expect(minorToDecimalString(minor, currency)).toBe(text);
  });

  it('keeps values beyond 2^53 exact', () => {
    const beyondDoubles = 9_007_199_254_740_993n; // 2^53 + 1, not representable as a double
    expect(formatAmount(beyondDoubles, 'PEN')).toBe('90071992547409.93');
    expect(parseAmount('90071992547409.93', 'PEN')).toBe(beyondDoubles);
    expect(formatAmount(99_999_999_999_999_999n, 'USD')).toBe('999999999999999.99');
    expect(formatAmount(123_456_789_012_345_678n, 'KWD')).toBe('123456789012345.678');
  });
});

describe('normalizeAmount and Money helpers', () => {
  it('re-emits canonical decimals', () => {
    expect(normalizeAmount('12.5', 'PEN')).toBe('12.50');
    expect(normalizeAmount('007', 'PEN')).toBe('7.00');
    expect(normalizeAmount('-0.5', 'USD')).toBe('-0.50');
    expect(normalizeAmount('-0', 'USD')).toBe('0.00');
    expect(normalizeAmount('1234.000', 'JPY')).toBe('1234');
    expect(reasonOf(() => normalizeAmount('1.005', 'PEN'))).toBe('PRECISION');
  });

  it('converts Money to and from minor units', () => {
    expect(moneyToMinor({ amount: '-3.5', currency: 'EUR' })).toBe(-350n);
    expect(moneyFromMinor(350n, 'EUR')).toEqual({ amount: '3.50', currency: 'EUR' });
  });
});

describe('sumByCurrency', () => {
  it('adds exactly: 0.10 + 0.20 = 0.30', () => {
    expect(
      sumByCurrency([
        { amount: '0.10', currency: 'PEN' },
        { amount: '0.20', currency: 'PEN' },
      ]),
    ).toEqual([{ amount: '0.30', currency: 'PEN' }]);
  });

  it('ten times 0.10 is exactly 1.00', () => {
    const dimes = Array.from({ length: 10 }, () => ({ amount: '0.1', currency: 'USD' }));
    expect(sumByCurrency(dimes)).toEqual([{ amount: '1.00', currency: 'USD' }]);
  });

  it('keeps currencies apart and sorts them by code', () => {
    expect(
      sumByCurrency([
        { amount: '10', currency: 'USD' },
        { amount: '100.50', currency: 'PEN' },
        { amount: '5000', currency: 'CLP' },
        { amount: '-0.50', currency: 'PEN' },
        { amount: '2.25', currency: 'USD' },
        { amount: '1', currency: 'CLP' },
      ]),
    ).toEqual([
      { amount: '5001', currency: 'CLP' },
      { amount: '100.00', currency: 'PEN' },
      { amount: '12.25', currency: 'USD' },
    ]);
  });

  it('sums beyond 2^53 and beyond the per-amount digit limit exactly', () => {
    expect(
      sumByCurrency([
        { amount: '999999999999999.99', currency: 'PEN' },
        { amount: '0.01', currency: 'PEN' },
      ]),
    ).toEqual([{ amount: '1000000000000000.00', currency: 'PEN' }]);
  });

  it('returns an empty list for no items and rejects bad amounts', () => {
    expect(sumByCurrency([])).toEqual([]);
    expect(reasonOf(() => sumByCurrency([{ amount: '1.001', currency: 'PEN' }]))).toBe('PRECISION');
  });
});

describe('compareAmounts', () => {
  it('compares numerically, not as text', () => {
    expect(compareAmounts('2', '10.00', 'PEN')).toBe(-1);
    expect(compareAmounts('10.0', '10.00', 'PEN')).toBe(0);
    expect(compareAmounts('10.01', '10', 'PEN')).toBe(1);
    expect(compareAmounts('-1', '0', 'PEN')).toBe(-1);
    expect(compareAmounts('90071992547409.93', '90071992547409.92', 'PEN')).toBe(1);
  });
});

describe('formatMoneyForLocale', () => {
  // Intl separates symbol and number with a (narrow) no-break space in some locales.
  const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

  it('formats for display in the given locale', () => {
    expect(formatMoneyForLocale({ amount: '1234.5', currency: 'USD' }, 'en-US')).toBe('$1,234.50');
    expect(formatMoneyForLocale({ amount: '-5', currency: 'USD' }, 'en-US')).toBe('-$5.00');
    expect(formatMoneyForLocale({ amount: '1234', currency: 'JPY' }, 'en-US')).toBe('¥1,234');
    expect(plain(formatMoneyForLocale({ amount: '1234.50', currency: 'EUR' }, 'de-DE'))).toBe('1.234,50 €');
  });

  it('keeps every digit of values beyond 2^53 (no detour through number)', () => {
    expect(formatMoneyForLocale({ amount: '900719925474099.93', currency: 'USD' }, 'en-US')).toBe(
      '$900,719,925,474,099.93',
    );
    expect(plain(formatMoneyForLocale({ amount: '12345678901234.56', currency: 'PEN' }, 'es-PE'))).toBe(
      'S/ 12,345,678,901,234.56',
    );
  });

  it('shows the ISO decimals of three-decimal currencies', () => {
    expect(plain(formatMoneyForLocale({ amount: '1.5', currency: 'KWD' }, 'en-US'))).toBe('KWD 1.500');
  });

  it('rejects bad amounts and locales', () => {
    expect(reasonOf(() => formatMoneyForLocale({ amount: '1.005', currency: 'USD' }, 'en-US'))).toBe('PRECISION');
    expect(() => formatMoneyForLocale({ amount: '1', currency: 'USD' }, 'not a locale!')).toThrow(RangeError);
  });
});

describe('storedToMinor', () => {
  it('reads numeric(19,4) text in the currency minor units, exactly', () => {
    expect(storedToMinor('1234.5000', 'PEN')).toBe(123450n);
    expect(storedToMinor('0.0100', 'USD')).toBe(1n);
    expect(storedToMinor('-5.0000', 'PEN')).toBe(-500n);
    expect(storedToMinor('1234.0000', 'JPY')).toBe(1234n);
    expect(storedToMinor('0.1230', 'KWD')).toBe(123n);
    expect(storedToMinor('17', 'PEN')).toBe(1700n);
    expect(storedToMinor('999999999999999.9900', 'PEN')).toBe(99999999999999999n);
  });

  it('refuses digits finer than the currency', () => {
    expect(() => storedToMinor('1.0050', 'PEN')).toThrow(/more precision than PEN/);
    expect(() => storedToMinor('1.5000', 'JPY')).toThrow(/more precision than JPY/);
  });
});
