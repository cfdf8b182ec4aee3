import { describe, expect, it } from 'vitest';
import { newcombeDifference, sampleSizePerGroup, twoSidedZ, wilsonInterval, zQuantile } from './stats.ts';

// Expected values are published figures, not outputs of this code.

describe('normal quantiles', () => {
  it('match the tables to six decimals', () => {
    expect(twoSidedZ(0.95)).toBeCloseTo(1.959964, 6);
    expect(twoSidedZ(0.99)).toBeCloseTo(2.575829, 6);
    expect(zQuantile(0.8)).toBeCloseTo(0.841621, 6);
    expect(zQuantile(0.5)).toBe(0);
    expect(() => zQuantile(1)).toThrow(RangeError);
  });
});

describe('wilsonInterval', () => {
  // Newcombe RG (1998). Two-sided confidence intervals for the single proportion: comparison of seven methods.
  // Statistics in Medicine 17:857–872, Table I, method 3 (score interval without continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i/%i is %f to %f', (successes, trials, low, high) => {
    const interval = wilsonInterval(successes, trials)!;
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  it('is null without trials and refuses impossible counts', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 2)).toThrow(RangeError);
  });
});

describe('newcombeDifference', () => {
  // Newcombe RG (1998). Interval estimation for the difference between independent proportions: comparison of
  // eleven methods. Statistics in Medicine 17:873–890, Table II, method 10 (hybrid score), examples (a)–(h).
  it.each([
    ['a', 56, 70, 48, 80, 0.0524, 0.3339],
    ['b', 9, 10, 3, 10, 0.1705, 0.809],
    ['c', 6, 7, 2, 7, 0.0582, 0.8062],
    ['d', 5, 56, 0, 29, -0.0381, 0.1926],
    ['e', 0, 10, 0, 20, -0.1611, 0.2775],
    ['f', 0, 10, 0, 10, -0.2775, 0.2775],
    ['g', 10, 10, 0, 20, 0.6791, 1],
    ['h', 10, 10, 0, 10, 0.6075, 1],
  ])('example (%s): %i/%i − %i/%i is %f to %f', (_label, x1, n1, x2, n2, low, high) => {
    const result = newcombeDifference({ successes: x1, trials: n1 }, { successes: x2, trials: n2 })!;
    expect(result.difference).toBeCloseTo(x1 / n1 - x2 / n2, 12);
    expect(result.low).toBeCloseTo(low, 4);
    expect(result.high).toBeCloseTo(high, 4);
    expect(result.significant).toBe(low > 0 || high < 0);
  });

  it('is null when a side has no trials', () => {
    expect(newcombeDifference({ successes: 0, trials: 0 }, { successes: 1, trials: 2 })).toBeNull();
  });
});

describe('sampleSizePerGroup', () => {
  // The normal-approximation sample size without continuity correction at α = 0.05 (two-sided) and 80 % power,
  // as tabulated in sample-size references (e.g. 0.10 vs 0.20 needs 199 per group; 0.40 vs 0.50 needs 388).
  it.each([
    [0.1, 0.2, 199],
    [0.4, 0.5, 388],
    [0.2, 0.1, 199],
  ])('%f against %f needs %i per group', (p1, p2, n) => {
    expect(sampleSizePerGroup(p1, p2)).toBe(n);
  });

  it('grows with power and is null for equal proportions', () => {
    expect(sampleSizePerGroup(0.1, 0.2, { power: 0.9 })!).toBeGreaterThan(199);
    expect(sampleSizePerGroup(0.3, 0.3)).toBeNull();
  });
});
