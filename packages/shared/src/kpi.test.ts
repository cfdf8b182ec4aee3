import { describe, expect, it } from 'vitest';
import { kpiRates, rate, recoveryRate, type KpiCounts } from './kpi.ts';

/** Every counter at zero: the counts of an empty scope. */
function emptyKpiCounts(): KpiCounts {
  return {
    attempts: 0,
    contacts: 0,
    rightPartyContacts: 0,
    promises: 0,
    promisesKept: 0,
    promisesBroken: 0,
    promisesPartiallyKept: 0,
  };
}

describe('rate', () => {
  it('divides, and is null (not 0, not NaN) for a zero denominator', () => {
    expect(rate(1, 4)).toBe(0.25);
    expect(rate(0, 5)).toBe(0);
    expect(rate(3, 3)).toBe(1);
    expect(rate(3, 0)).toBeNull();
    expect(rate(0, 0)).toBeNull();
  });

  it('refuses negative or non-finite counts', () => {
    expect(() => rate(-1, 2)).toThrow(RangeError);
    expect(() => rate(1, Number.NaN)).toThrow(RangeError);
    expect(() => rate(Number.POSITIVE_INFINITY, 2)).toThrow(RangeError);
  });
});

describe('kpiRates', () => {
  it('follows the docs/design.md definitions on a worked example', () => {
    const counts: KpiCounts = {
      attempts: 20,
      contacts: 8,
      rightPartyContacts: 6,
      promises: 3,
      promisesKept: 2,
      promisesBroken: 1,
      promisesPartiallyKept: 1,
    };
    expect(kpiRates(counts)).toEqual({
      contactRate: 0.4, // 8 / 20
      rpcRate: 0.3, // 6 / 20
      promiseRate: 0.5, // 3 promises / 6 RPC
      promisesKeptRate: 0.5, // 2 kept / (2 kept + 1 broken + 1 partially kept)
    });
  });

  it('counts a partially kept promise as not kept', () => {
    const counts = { ...emptyKpiCounts(), promisesKept: 3, promisesPartiallyKept: 1 };
    expect(kpiRates(counts).promisesKeptRate).toBe(0.75);
  });

  it('is all null for an empty scope', () => {
    expect(kpiRates(emptyKpiCounts())).toEqual({
      contactRate: null,
      rpcRate: null,
      promiseRate: null,
      promisesKeptRate: null,
    });
  });

  it('has a null promise rate when there were attempts but no right-party contact', () => {
    const rates = kpiRates({ ...emptyKpiCounts(), attempts: 5, contacts: 1 });
    expect(rates.contactRate).toBe(0.2);
    expect(rates.rpcRate).toBe(0);
    expect(rates.promiseRate).toBeNull();
  });
});

describe('recoveryRate', () => {
  it('is collected / balance', () => {
    expect(recoveryRate(50n, 200n)).toBe(0.25);
    expect(recoveryRate(0n, 100n)).toBe(0);
    expect(recoveryRate(100n, 100n)).toBe(1);
    expect(recoveryRate(150n, 100n)).toBe(1.5);
    expect(recoveryRate(-25n, 100n)).toBe(-0.25);
  });

  it('rounds half away from zero at 9 decimals', () => {
    expect(recoveryRate(1n, 3n)).toBe(0.333333333);
    expect(recoveryRate(2n, 3n)).toBe(0.666666667);
    expect(recoveryRate(-2n, 3n)).toBe(-0.666666667);
  });

  it('stays exact for balances far beyond 2^53 minor units', () => {
    expect(recoveryRate(25_000_000_000_000_000_000n, 100_000_000_000_000_000_000n)).toBe(0.25);
    expect(recoveryRate(9_007_199_254_740_993n, 18_014_398_509_481_986n)).toBe(0.5);
  });

  it('is null when there is no balance to recover', () => {
    expect(recoveryRate(0n, 0n)).toBeNull();
    expect(recoveryRate(10n, 0n)).toBeNull();
    expect(recoveryRate(10n, -5n)).toBeNull();
  });
});
