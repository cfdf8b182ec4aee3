import { describe, expect, it } from 'vitest';
import { promiseDeadline, promiseStatus, type PromiseStatusInput } from './promises.ts';

// Promise of 100.00 due Friday 2026-03-13 with a 3-day grace: deadline Monday 2026-03-16.
const base: PromiseStatusInput = {
  promisedMinor: 10_000n,
  paidByDeadlineMinor: 0n,
  dueDate: '2026-03-13',
  graceDays: 3,
  businessDate: '2026-03-10',
};

describe('promiseStatus', () => {
  it('computes the deadline as due date + grace days', () => {
    expect(promiseDeadline('2026-03-13', 3)).toBe('2026-03-16');
    expect(promiseDeadline('2026-12-30', 3)).toBe('2027-01-02');
    expect(() => promiseDeadline('2026-03-13', -1)).toThrow(RangeError);
  });

  it('is pending until the deadline has passed', () => {
    expect(promiseStatus(base)).toBe('PENDING');
    expect(promiseStatus({ ...base, businessDate: '2026-03-16' })).toBe('PENDING'); // last day of grace
    expect(promiseStatus({ ...base, businessDate: '2026-03-16', paidByDeadlineMinor: 5_000n })).toBe('PENDING');
  });

  it('is kept as soon as the full amount is paid, even early or overpaid', () => {
    expect(promiseStatus({ ...base, paidByDeadlineMinor: 10_000n })).toBe('KEPT');
    expect(promiseStatus({ ...base, businessDate: '2026-04-01', paidByDeadlineMinor: 12_000n })).toBe('KEPT');
  });

  it('is partially kept or broken once the deadline has passed', () => {
    expect(promiseStatus({ ...base, businessDate: '2026-03-17', paidByDeadlineMinor: 9_999n })).toBe('PARTIALLY_KEPT');
    expect(promiseStatus({ ...base, businessDate: '2026-03-17' })).toBe('BROKEN');
  });

  it('with zero grace, the day after the due date resolves it', () => {
    expect(promiseStatus({ ...base, graceDays: 0, businessDate: '2026-03-13' })).toBe('PENDING');
    expect(promiseStatus({ ...base, graceDays: 0, businessDate: '2026-03-14' })).toBe('BROKEN');
  });
});
