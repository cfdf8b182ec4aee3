import { describe, expect, it } from 'vitest';
import { DISPOSITIONS } from './dispositions.ts';
import { nextAttemptAt, RETRY_DELAY_MS } from './retry-policy.ts';

describe('retry policy', () => {
  const at = new Date('2026-11-24T15:00:00.000Z');

  it('has a rule for every disposition', () => {
    expect(Object.keys(RETRY_DELAY_MS).sort()).toEqual([...DISPOSITIONS].sort());
  });

  it('spaces unanswered calls by hours and refusals by days', () => {
    expect(nextAttemptAt('NO_ANSWER', at)).toEqual(new Date('2026-11-24T17:00:00.000Z'));
    expect(nextAttemptAt('BUSY', at)).toEqual(new Date('2026-11-24T15:30:00.000Z'));
    expect(nextAttemptAt('REFUSED_TO_PAY', at)).toEqual(new Date('2026-11-27T15:00:00.000Z'));
    expect(nextAttemptAt('WRONG_NUMBER', at)).toEqual(at);
  });

  it('parks the account after a promise, a dispute, a reported payment or a callback request', () => {
    for (const disposition of ['PROMISE_TO_PAY', 'DISPUTE', 'ALREADY_PAID', 'CALLBACK_REQUESTED'] as const) {
      expect(nextAttemptAt(disposition, at)).toBeNull();
    }
  });
});
