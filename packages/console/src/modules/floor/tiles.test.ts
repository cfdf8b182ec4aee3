import { describe, expect, it } from 'vitest';
import type { KpiTrendPoint, Kpis } from './floor-api.ts';
import { combinedTarget, targetProgressBasisPoints, tileRawValue, tileSeries } from './tiles.ts';

const kpis: Kpis = {
  asOf: '2026-11-24T15:00:00Z',
  mayLag: false,
  attempts: 16,
  contacts: 7,
  rightPartyContacts: 6,
  promises: 2,
  promisesKept: 0,
  promisesBroken: 0,
  promisesPartiallyKept: 0,
  contactRate: 0.4375,
  rpcRate: 0.375,
  promiseRate: 0.3333333333333333,
  promisesKeptRate: null,
  youngDebtRecoveryRate: 0,
  amountPromised: [
    { amount: '12.00', currency: 'USD' },
    { amount: '1500.10', currency: 'PEN' },
  ],
  amountCollected: [],
  recoveryByBucket: [],
};

function point(patch: Partial<KpiTrendPoint>): KpiTrendPoint {
  return {
    from: '2026-11-24T14:00:00Z',
    attempts: 0,
    contacts: 0,
    rightPartyContacts: 0,
    promises: 0,
    contactRate: null,
    rpcRate: null,
    promiseRate: null,
    promisesKeptRate: null,
    youngDebtRecoveryRate: null,
    amountPromised: [],
    amountCollected: [],
    ...patch,
  };
}

describe('tile values', () => {
  it('carries the rate exactly as the API sent it, and "" for null', () => {
    expect(tileRawValue(kpis, 'contactRate', 'PEN')).toBe('0.4375');
    expect(tileRawValue(kpis, 'promiseRate', 'PEN')).toBe('0.3333333333333333');
    expect(tileRawValue(kpis, 'promisesKeptRate', 'PEN')).toBe('');
    expect(tileRawValue(kpis, 'youngDebtRecoveryRate', 'PEN')).toBe('0');
  });

  it('carries money in the operation currency, zero when none was made', () => {
    expect(tileRawValue(kpis, 'amountPromised', 'PEN')).toBe('1500.10');
    expect(tileRawValue(kpis, 'amountCollected', 'PEN')).toBe('0.00');
    expect(tileRawValue(kpis, 'attempts', 'PEN')).toBe('16');
  });
});

describe('trend series', () => {
  const points = [
    point({ attempts: 4, contactRate: 0.25, amountCollected: [{ amount: '0.10', currency: 'PEN' }] }),
    point({ attempts: 0, contactRate: null }),
    point({ attempts: 6, contactRate: 0.5, amountCollected: [{ amount: '0.20', currency: 'PEN' }] }),
  ];

  it('plots rates and attempts per step, with gaps for empty steps', () => {
    expect(tileSeries(points, 'contactRate', 'PEN')).toEqual([0.25, null, 0.5]);
    expect(tileSeries(points, 'attempts', 'PEN')).toEqual([4, 0, 6]);
  });

  it('plots money as the day’s running total, summed exactly', () => {
    // 0.1 + 0.2 in floats is 0.30000000000000004; summed in minor units it is 0.3.
    expect(tileSeries(points, 'amountCollected', 'PEN')).toEqual([0.1, 0.1, 0.3]);
  });
});

describe('daily target', () => {
  it('measures progress in basis points on exact amounts', () => {
    const target = { amount: '30000.00', currency: 'PEN' };
    expect(targetProgressBasisPoints([{ amount: '7500.00', currency: 'PEN' }], target)).toBe(2500);
    expect(targetProgressBasisPoints([{ amount: '45000.00', currency: 'PEN' }], target)).toBe(15000);
    expect(targetProgressBasisPoints([{ amount: '10.00', currency: 'USD' }], target)).toBe(0);
    expect(targetProgressBasisPoints([], null)).toBeNull();
    expect(targetProgressBasisPoints([], { amount: '0.00', currency: 'PEN' })).toBeNull();
  });

  it('adds the running campaigns’ targets of the operation currency', () => {
    expect(
      combinedTarget(
        [
          { amount: '25000.10', currency: 'PEN' },
          null,
          { amount: '12000.20', currency: 'PEN' },
          { amount: '5', currency: 'USD' },
        ],
        'PEN',
      ),
    ).toEqual({ amount: '37000.30', currency: 'PEN' });
    expect(combinedTarget([null], 'PEN')).toBeNull();
  });
});
