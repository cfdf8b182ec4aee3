import { describe, expect, it } from 'vitest';
import { AGING_BUCKETS } from '../buckets.ts';
import { CHANNELS, isContact } from '../dispositions.ts';
import { possibleDispositions } from './disposition-model.ts';
import { planStep, type StepContext } from './step-plan.ts';

const context = (overrides: Partial<StepContext> = {}): StepContext => ({
  bucket: 'D1_30',
  channel: 'CALL',
  localHour: 11,
  today: '2026-11-24',
  balanceMinor: 250_000n,
  currency: 'PEN',
  promiseMaxDays: 60,
  ...overrides,
});

describe('planStep', () => {
  it('is a function of (seed, agent, step, context) alone', () => {
    const run = (seed: number, order: number[]) => {
      const plans = new Map<string, unknown>();
      // Visit agents and steps in a different interleaving each time: the plans must not care.
      for (const agent of order)
        for (let step = 0; step < 50; step += 1) plans.set(`${agent}:${step}`, planStep(seed, agent, step, context()));
      return [...plans.entries()].sort(([a], [b]) => a.localeCompare(b));
    };
    expect(run(42, [0, 1, 2, 3])).toEqual(run(42, [3, 1, 0, 2]));
    expect(run(42, [0, 1, 2, 3])).not.toEqual(run(43, [0, 1, 2, 3]));
  });

  it('plans only what the channel can do, a promise exactly for PROMISE_TO_PAY, a callback exactly for callbacks', () => {
    for (const channel of CHANNELS) {
      const possible = possibleDispositions(channel);
      for (let step = 0; step < 400; step += 1) {
        const plan = planStep(42, step % 7, step, context({ channel, bucket: AGING_BUCKETS[step % 6]! }));
        expect(possible).toContain(plan.disposition);
        expect(plan.promise !== null).toBe(plan.disposition === 'PROMISE_TO_PAY');
        expect(plan.callbackAfterSeconds !== null).toBe(plan.disposition === 'CALLBACK_REQUESTED');
        expect(plan.talkSeconds).toBeGreaterThan(0);
        expect(plan.wrapUpSeconds).toBeGreaterThan(0);
        expect(Number.isInteger(plan.talkSeconds)).toBe(true);
      }
    }
  });

  it('talks for minutes with a person and seconds with a ringing phone', () => {
    const contact: number[] = [];
    const noAnswer: number[] = [];
    for (let step = 0; step < 5_000; step += 1) {
      const plan = planStep(1, 0, step, context({ localHour: 19 }));
      if (plan.disposition === 'NO_ANSWER' || plan.disposition === 'BUSY') noAnswer.push(plan.talkSeconds);
      if (isContact(plan.disposition) && plan.disposition !== 'CALLBACK_REQUESTED') contact.push(plan.talkSeconds);
    }
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(Math.max(...noAnswer)).toBeLessThanOrEqual(45);
    expect(mean(contact)).toBeGreaterThan(120);
  });

  it('makes more promises on young debt than on old over many steps', () => {
    const promises = (bucket: StepContext['bucket']) => {
      let count = 0;
      for (let step = 0; step < 20_000; step += 1) {
        if (planStep(8, 0, step, context({ bucket })).disposition === 'PROMISE_TO_PAY') count += 1;
      }
      return count;
    };
    expect(promises('D1_30')).toBeGreaterThan(2 * promises('D121_PLUS'));
  });

  it('takes an occasional break', () => {
    let breaks = 0;
    for (let step = 0; step < 10_000; step += 1) if (planStep(4, 2, step, context()).breakSeconds !== null) breaks += 1;
    expect(breaks / 10_000).toBeGreaterThan(0.02);
    expect(breaks / 10_000).toBeLessThan(0.04);
  });
});
