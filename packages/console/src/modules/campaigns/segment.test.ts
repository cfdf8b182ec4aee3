import { describe, expect, it } from 'vitest';
import { emptySegment, toAccountFilter, type SegmentDraft } from './segment.ts';

const draft = (patch: Partial<SegmentDraft>): SegmentDraft => ({ ...emptySegment(), ...patch });

describe('segment → AccountFilter', () => {
  it('leaves out every empty field', () => {
    expect(toAccountFilter(emptySegment(), 'PEN')).toEqual({ ok: true, filter: {} });
    expect(toAccountFilter(draft({ minBalance: '   ', maxDaysPastDue: '' }), 'PEN')).toEqual({ ok: true, filter: {} });
  });

  it('maps every field to the API’s names and types', () => {
    const result = toAccountFilter(
      draft({
        buckets: ['D31_60', 'D1_30'],
        minDaysPastDue: '5',
        maxDaysPastDue: ' 45 ',
        minBalance: '1000',
        maxBalance: '2500.5',
        agencyId: 'ag-1',
      }),
      'PEN',
    );
    expect(result).toEqual({
      ok: true,
      filter: {
        buckets: ['D1_30', 'D31_60'],
        minDaysPastDue: 5,
        maxDaysPastDue: 45,
        minBalance: '1000.00',
        maxBalance: '2500.50',
        agencyId: 'ag-1',
      },
    });
  });

  it('refuses what is not a number of days or an amount of the currency', () => {
    expect(toAccountFilter(draft({ minDaysPastDue: '-3', maxDaysPastDue: '4.5' }), 'PEN')).toEqual({
      ok: false,
      errors: { minDaysPastDue: 'invalid', maxDaysPastDue: 'invalid' },
    });
    // Three decimals are not soles, and "1,000" is a thousands separator the API would not read.
    expect(toAccountFilter(draft({ minBalance: '10.005', maxBalance: '1,000' }), 'PEN')).toEqual({
      ok: false,
      errors: { minBalance: 'invalid', maxBalance: 'invalid' },
    });
    expect(toAccountFilter(draft({ minBalance: '10.5' }), 'JPY')).toEqual({
      ok: false,
      errors: { minBalance: 'invalid' },
    });
  });

  it('refuses a minimum above its maximum, comparing amounts exactly', () => {
    expect(toAccountFilter(draft({ minDaysPastDue: '61', maxDaysPastDue: '60' }), 'PEN')).toEqual({
      ok: false,
      errors: { maxDaysPastDue: 'range' },
    });
    expect(toAccountFilter(draft({ minBalance: '100.01', maxBalance: '100.00' }), 'PEN')).toEqual({
      ok: false,
      errors: { maxBalance: 'range' },
    });
    expect(toAccountFilter(draft({ minBalance: '100', maxBalance: '100.00' }), 'PEN')).toEqual({
      ok: true,
      filter: { minBalance: '100.00', maxBalance: '100.00' },
    });
  });
});
