import { describe, expect, it } from 'vitest';
import {
  balanceBandOf,
  CommissionRateError,
  commissionMinor,
  formatCommissionRate,
  parseCommissionRate,
  recallDateFor,
} from './placements.ts';

describe('commission rates', () => {
  it('reads decimal fractions exactly', () => {
    expect(parseCommissionRate('0.15')).toBe(1500n);
    expect(parseCommissionRate('0')).toBe(0n);
    expect(parseCommissionRate('.2')).toBe(2000n);
    expect(parseCommissionRate('0.0825')).toBe(825n);
    expect(parseCommissionRate('0.9999')).toBe(9999n);
    expect(parseCommissionRate('0.1500')).toBe(1500n);
  });

  it('refuses what is not a fraction below 1 with at most four decimals', () => {
    for (const bad of ['1', '1.0', '0.12345', '-0.1', 'abc', '', '.', '0,15', '15%', '2']) {
      expect(() => parseCommissionRate(bad), bad).toThrow(CommissionRateError);
    }
  });

  it('writes the canonical text', () => {
    expect(formatCommissionRate(1500n)).toBe('0.15');
    expect(formatCommissionRate(0n)).toBe('0');
    expect(formatCommissionRate(825n)).toBe('0.0825');
    expect(formatCommissionRate(1n)).toBe('0.0001');
  });
});

describe('commission of a payment', () => {
  it('rounds half away from zero to the minor unit', () => {
    // 100.10 × 0.15 = 15.015 → 15.02
    expect(commissionMinor(10_010n, 1500n)).toBe(1_502n);
    // 0.03 × 0.5 = 0.015 → 0.02
    expect(commissionMinor(3n, 5000n)).toBe(2n);
    // 0.01 × 0.4999 = 0.004999 → 0.00
    expect(commissionMinor(1n, 4999n)).toBe(0n);
    expect(commissionMinor(123_456n, 0n)).toBe(0n);
  });

  it('is symmetric, so a reversal line cancels its payment exactly', () => {
    for (const [amount, rate] of [
      [10_010n, 1500n],
      [3n, 5000n],
      [99_999n, 3333n],
    ] as const) {
      expect(commissionMinor(-amount, rate)).toBe(-commissionMinor(amount, rate));
    }
  });
});

describe('recall dates and balance bands', () => {
  it('counts the recall date in business days from the placement', () => {
    expect(recallDateFor('2026-11-24', 30)).toBe('2026-12-24');
    expect(recallDateFor('2026-11-24', null)).toBeNull();
  });

  it('bands balances with the upper bound excluded', () => {
    expect(balanceBandOf(499.99)).toBe('UNDER_500');
    expect(balanceBandOf(500)).toBe('FROM_500_TO_2000');
    expect(balanceBandOf(10_000)).toBe('FROM_10000');
  });
});
