import { describe, expect, it } from 'vitest';
import { AGING_BUCKETS, type AgingBucket } from '../buckets.ts';
import { diffDays } from '../dates.ts';
import { PAYER_BEHAVIOUR_TABLE, PAYER_BEHAVIOURS, planPromise, type PromiseContext } from './promise-model.ts';
import { SimulationRandom } from './random.ts';

const context = (overrides: Partial<PromiseContext> = {}): PromiseContext => ({
  bucket: 'D1_30',
  balanceMinor: 123_456n,
  currency: 'PEN',
  today: '2026-11-24',
  promiseMaxDays: 60,
  ...overrides,
});

describe('promise model', () => {
  it('sums every payer-behaviour row to 1', () => {
    for (const bucket of AGING_BUCKETS) {
      const row = PAYER_BEHAVIOUR_TABLE[bucket];
      expect(PAYER_BEHAVIOURS.reduce((sum, b) => sum + row[b], 0)).toBeCloseTo(1, 12);
    }
  });

  it('promises a positive amount no larger than the balance, due within the horizon', () => {
    const random = new SimulationRandom(11);
    for (const bucket of AGING_BUCKETS) {
      for (const [balanceMinor, currency, promiseMaxDays] of [
        [123_456n, 'PEN', 60],
        [1n, 'PEN', 60],
        [250n, 'USD', 7],
        [98_765n, 'JPY', 1],
        [10_000_001n, 'KWD', 30],
      ] as const) {
        for (let i = 0; i < 200; i += 1) {
          const plan = planPromise(random, context({ bucket, balanceMinor, currency, promiseMaxDays }));
          expect(plan.amountMinor > 0n && plan.amountMinor <= balanceMinor).toBe(true);
          const days = diffDays(plan.dueDate, '2026-11-24');
          expect(days).toBe(plan.dueInDays);
          expect(days >= 1 && days <= promiseMaxDays).toBe(true);
          if (plan.payment) {
            expect(plan.behaviour).not.toBe('BREAKS');
            expect(plan.payment.amountMinor > 0n && plan.payment.amountMinor <= plan.amountMinor).toBe(true);
            if (plan.behaviour === 'KEEPS') expect(plan.payment.amountMinor).toBe(plan.amountMinor);
            else expect(plan.payment.amountMinor < plan.amountMinor).toBe(true);
            expect(plan.payment.afterSeconds).toBeGreaterThan(0);
            // Paid by the promised date at the latest.
            expect(plan.payment.afterSeconds).toBeLessThanOrEqual(plan.dueInDays * 86_400);
          } else if (plan.amountMinor > 1n) {
            expect(plan.behaviour).toBe('BREAKS');
          }
        }
      }
    }
  });

  it('promises round amounts when it promises a share of the balance', () => {
    const random = new SimulationRandom(3);
    for (let i = 0; i < 500; i += 1) {
      const plan = planPromise(random, context({ balanceMinor: 123_456n }));
      if (plan.amountMinor !== 123_456n) expect(plan.amountMinor % 100n).toBe(0n);
    }
  });

  it('observes kept, partial and broken promises with the frequencies of the table', () => {
    const n = 40_000;
    for (const bucket of ['D1_30', 'D121_PLUS'] satisfies AgingBucket[]) {
      const random = new SimulationRandom(77);
      const counts = { KEEPS: 0, PAYS_PART: 0, BREAKS: 0 };
      for (let i = 0; i < n; i += 1) counts[planPromise(random, context({ bucket })).behaviour] += 1;
      for (const behaviour of PAYER_BEHAVIOURS) {
        const p = PAYER_BEHAVIOUR_TABLE[bucket][behaviour];
        expect(Math.abs(counts[behaviour] / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
      }
    }
  });

  it('keeps more promises on young debt than on old', () => {
    for (let i = 1; i < AGING_BUCKETS.length; i += 1) {
      expect(PAYER_BEHAVIOUR_TABLE[AGING_BUCKETS[i]!].KEEPS).toBeLessThan(
        PAYER_BEHAVIOUR_TABLE[AGING_BUCKETS[i - 1]!].KEEPS,
      );
    }
  });
});
