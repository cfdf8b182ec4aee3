import { describe, expect, it } from 'vitest';
import {
  BUCKET_BASE_SCORE,
  expectedRecoveryMinor,
  PROPENSITY_FACTORS,
  propensityScore,
  type PropensityInput,
} from './propensity.ts';

const fresh: PropensityInput = {
  bucket: 'D1_30',
  daysSinceLastAttempt: null,
  daysSinceLastRightPartyContact: null,
  daysSinceLastPayment: null,
  promisesKept: 0,
  promisesBroken: 0,
  refusals: 0,
  hasValidContactPoint: true,
};

/** A debtor with some history: paid a month ago, two promises kept, one broken, one refusal, rested ten days. */
const withHistory: PropensityInput = {
  ...fresh,
  bucket: 'D31_60',
  daysSinceLastAttempt: 10,
  daysSinceLastRightPartyContact: 10,
  daysSinceLastPayment: 30,
  promisesKept: 2,
  promisesBroken: 1,
  refusals: 1,
};

describe('propensityScore', () => {
  it('starts from the bucket and rewards a first contact: 0.60 + 0.05', () => {
    const result = propensityScore(fresh);
    expect(result.score).toBe(0.65);
    expect(result.factors.map((f) => f.factor)).toEqual(['BUCKET', 'NEVER_ATTEMPTED']);
  });

  it('orders buckets: younger debt always scores higher, other facts equal', () => {
    const buckets = ['CURRENT', 'D1_30', 'D31_60', 'D61_90', 'D91_120', 'D121_PLUS'] as const;
    const scores = buckets.map((bucket) => propensityScore({ ...fresh, bucket }).score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(new Set(scores).size).toBe(buckets.length);
  });

  it('adds a recent payment and kept promises, and subtracts broken promises and refusals', () => {
    // 0.42 base + 0.12 payment + 0.10 (two kept) − 0.10 (one broken) − 0.07 (one refusal) + 0.03 rested
    const result = propensityScore(withHistory);
    expect(result.score).toBe(0.5);
    const effects = Object.fromEntries(result.factors.map((f) => [f.factor, f.effect]));
    expect(effects).toEqual({
      BUCKET: 0.42,
      RECENT_PAYMENT: 0.12,
      PROMISES_KEPT: 0.1,
      PROMISES_BROKEN: -0.1,
      REFUSALS: -0.07,
      RESTED: 0.03,
    });
  });

  it('caps the penalties and clamps the score to [0.01, 0.99]', () => {
    const hopeless = propensityScore({
      ...fresh,
      bucket: 'D121_PLUS',
      daysSinceLastAttempt: 1,
      daysSinceLastRightPartyContact: 1,
      promisesBroken: 10,
      refusals: 10,
      hasValidContactPoint: false,
    });
    expect(hopeless.score).toBe(0.01);
    expect(hopeless.factors.find((f) => f.factor === 'PROMISES_BROKEN')!.effect).toBe(-0.3);
    const best = propensityScore({ ...fresh, bucket: 'CURRENT', daysSinceLastPayment: 1, promisesKept: 9 });
    expect(best.score).toBe(0.99);
  });

  it('sends each factor as a code with the facts its sentence needs, for any language to word', () => {
    const result = propensityScore({ ...withHistory, refusals: 3, hasValidContactPoint: false });
    expect(Object.fromEntries(result.factors.map((f) => [f.factor, f.params]))).toEqual({
      BUCKET: { bucket: 'D31_60' },
      RECENT_PAYMENT: { days: 30 },
      PROMISES_KEPT: { count: 2 },
      PROMISES_BROKEN: { count: 1 },
      REFUSALS: { count: 3 },
      RESTED: { days: 10 },
      NO_VALID_CONTACT: {},
    });
    const reached = propensityScore({ ...fresh, daysSinceLastAttempt: 0, daysSinceLastRightPartyContact: 0 });
    expect(reached.factors.find((f) => f.factor === 'JUST_REACHED')).toEqual({
      factor: 'JUST_REACHED',
      effect: -0.1,
      detail: 'reached 0 day(s) ago: give them time',
      params: { days: 0 },
    });
    expect(propensityScore(fresh).factors.find((f) => f.factor === 'NEVER_ATTEMPTED')!.params).toEqual({});
    expect([...PROPENSITY_FACTORS].sort()).toEqual(
      [
        ...Object.keys(Object.fromEntries(result.factors.map((f) => [f.factor, 1]))),
        'JUST_REACHED',
        'NEVER_ATTEMPTED',
      ].sort(),
    );
  });

  it('lowers an account reached within two days, instead of rewarding rest', () => {
    const result = propensityScore({ ...fresh, daysSinceLastAttempt: 1, daysSinceLastRightPartyContact: 1 });
    expect(result.score).toBe(BUCKET_BASE_SCORE.D1_30 - 0.1);
  });
});

describe('expectedRecoveryMinor', () => {
  it('is balance × score in minor units, rounded down, exact for large balances', () => {
    expect(expectedRecoveryMinor(123_456n, 0.65)).toBe(80_246n); // 1234.56 × 0.65 = 802.464
    expect(expectedRecoveryMinor(9_007_199_254_740_993n, 0.5)).toBe(4_503_599_627_370_496n);
    expect(expectedRecoveryMinor(0n, 0.9)).toBe(0n);
    expect(expectedRecoveryMinor(-500n, 0.9)).toBe(0n);
  });
});
