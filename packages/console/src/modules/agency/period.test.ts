import { describe, expect, it } from 'vitest';
import { monthToDate, recallSoonBy } from './period.ts';

describe('agency periods', () => {
  it('defaults the statement to the month to date', () => {
    expect(monthToDate('2026-11-24')).toEqual({ from: '2026-11-01', to: '2026-11-24' });
  });

  it('counts "within 7 days" as today and the six days after', () => {
    expect(recallSoonBy('2026-11-28')).toBe('2026-12-04');
  });
});
