import { describe, expect, it } from 'vitest';
import {
  AGING_BUCKETS,
  bucketForDaysPastDue,
  bucketOf,
  daysPastDue,
  dueDateRangeForBucket,
  dueDateRangeForDaysPastDue,
  isAgingBucket,
  mergeDueDateRanges,
  type AgingBucket,
  type DueDateRange,
} from './buckets.ts';
import { addDays, type IsoDate } from './dates.ts';
import { SeededRandom } from './seeded-random.ts';

// Business date 2026-06-30. Due dates worked by hand: June has 30 days, May 31, April 30, March 31.
const BUSINESS_DATE = '2026-06-30';

describe('daysPastDue', () => {
  it.each([
    ['2026-07-15', 0], // not yet due
    ['2026-07-01', 0], // due tomorrow
    ['2026-06-30', 0], // due today
    ['2026-06-29', 1],
    ['2026-05-31', 30],
    ['2026-05-30', 31],
    ['2026-05-01', 60],
    ['2026-04-30', 61],
    ['2026-04-01', 90],
    ['2026-03-31', 91],
    ['2026-03-02', 120],
    ['2026-03-01', 121],
  ])('due %s is %i days past due on 2026-06-30', (due, dpd) => {
    expect(daysPastDue(due, BUSINESS_DATE)).toBe(dpd);
  });

  it('counts the leap day', () => {
    expect(daysPastDue('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysPastDue('2023-02-28', '2023-03-01')).toBe(1);
  });

  it('crosses year ends', () => {
    expect(daysPastDue('2025-12-31', '2026-01-01')).toBe(1);
    expect(daysPastDue('2025-12-02', '2026-01-01')).toBe(30);
    expect(daysPastDue('2025-12-01', '2026-01-01')).toBe(31);
    expect(daysPastDue('2024-12-31', '2026-01-01')).toBe(366);
  });
});

describe('bucketForDaysPastDue', () => {
  it.each([
    [0, 'CURRENT'],
    [1, 'D1_30'],
    [30, 'D1_30'],
    [31, 'D31_60'],
    [60, 'D31_60'],
    [61, 'D61_90'],
    [90, 'D61_90'],
    [91, 'D91_120'],
    [120, 'D91_120'],
    [121, 'D121_PLUS'],
    [5000, 'D121_PLUS'],
  ] as const)('DPD %i is %s', (dpd, bucket) => {
    expect(bucketForDaysPastDue(dpd)).toBe(bucket);
  });

  it('refuses negative or fractional DPD', () => {
    expect(() => bucketForDaysPastDue(-1)).toThrow(RangeError);
    expect(() => bucketForDaysPastDue(1.5)).toThrow(RangeError);
  });

  it('bucketOf combines both', () => {
    expect(bucketOf('2026-07-01', BUSINESS_DATE)).toBe('CURRENT');
    expect(bucketOf('2026-05-31', BUSINESS_DATE)).toBe('D1_30');
    expect(bucketOf('2026-05-30', BUSINESS_DATE)).toBe('D31_60');
    expect(bucketOf('2026-03-01', BUSINESS_DATE)).toBe('D121_PLUS');
    expect(bucketOf('2024-02-28', '2024-03-01')).toBe('D1_30');
  });

  it('recognises bucket names', () => {
    expect(isAgingBucket('D31_60')).toBe(true);
    expect(isAgingBucket('D0_30')).toBe(false);
  });
});

describe('due-date ranges', () => {
  it.each([
    ['CURRENT', { from: '2026-06-30', to: null }],
    ['D1_30', { from: '2026-05-31', to: '2026-06-29' }],
    ['D31_60', { from: '2026-05-01', to: '2026-05-30' }],
    ['D61_90', { from: '2026-04-01', to: '2026-04-30' }],
    ['D91_120', { from: '2026-03-02', to: '2026-03-31' }],
    ['D121_PLUS', { from: null, to: '2026-03-01' }],
  ] as const)('%s on 2026-06-30 is %j', (bucket, range) => {
    expect(dueDateRangeForBucket(bucket, BUSINESS_DATE)).toEqual(range);
  });

  it('turns DPD filters into due-date ranges', () => {
    expect(dueDateRangeForDaysPastDue(0, 0, BUSINESS_DATE)).toEqual({ from: '2026-06-30', to: null });
    expect(dueDateRangeForDaysPastDue(null, null, BUSINESS_DATE)).toEqual({ from: null, to: null });
    // DPD 0 includes every future due date, so min 0 has no upper bound.
    expect(dueDateRangeForDaysPastDue(0, 5, BUSINESS_DATE)).toEqual({ from: '2026-06-25', to: null });
    expect(dueDateRangeForDaysPastDue(null, 5, BUSINESS_DATE)).toEqual({ from: '2026-06-25', to: null });
    expect(dueDateRangeForDaysPastDue(5, null, BUSINESS_DATE)).toEqual({ from: null, to: '2026-06-25' });
    expect(dueDateRangeForDaysPastDue(1, 1, BUSINESS_DATE)).toEqual({ from: '2026-06-29', to: '2026-06-29' });
    // min > max: an empty range (from after to).
    expect(dueDateRangeForDaysPastDue(10, 5, BUSINESS_DATE)).toEqual({ from: '2026-06-25', to: '2026-06-20' });
  });

  it('refuses negative or fractional DPD bounds', () => {
    expect(() => dueDateRangeForDaysPastDue(-1, null, BUSINESS_DATE)).toThrow(RangeError);
    expect(() => dueDateRangeForDaysPastDue(null, 2.5, BUSINESS_DATE)).toThrow(RangeError);
  });
});

/** Deterministic draws (the kernel's mulberry32) so a failure is reproducible; they only make up the inputs. */
function prng(seed: number): () => number {
  const source = new SeededRandom(seed);
  return () => source.next();
}

function inRange(date: IsoDate, range: DueDateRange): boolean {
  return (range.from === null || date >= range.from) && (range.to === null || date <= range.to);
}

describe('bucketOf agrees with dueDateRangeForBucket', () => {
  it('for 5000 random (due, business) pairs, the due date is in exactly its own bucket range', () => {
    const random = prng(20_260_630);
    for (let i = 0; i < 5000; i++) {
      const business = addDays('2023-01-01', Math.floor(random() * 1500)); // 2023 … early 2027, two Feb 29s
      const due = addDays(business, Math.floor(random() * 400) - 300); // 300 days late … 100 days early
      const bucket = bucketOf(due, business);
      const matching = AGING_BUCKETS.filter((b: AgingBucket) => inRange(due, dueDateRangeForBucket(b, business)));
      expect(matching, `due ${due}, business ${business}`).toEqual([bucket]);
    }
  });

  it('for random DPD filters, ranges select exactly the accounts whose DPD is in bounds', () => {
    const random = prng(7);
    for (let i = 0; i < 2000; i++) {
      const business = addDays('2024-01-01', Math.floor(random() * 800));
      const due = addDays(business, Math.floor(random() * 200) - 150);
      const min = random() < 0.2 ? null : Math.floor(random() * 100);
      const max = random() < 0.2 ? null : Math.floor(random() * 100);
      const dpd = daysPastDue(due, business);
      const expected = (min === null || dpd >= min) && (max === null || dpd <= max);
      expect(inRange(due, dueDateRangeForDaysPastDue(min, max, business)), `${due} ${business} ${min}..${max}`).toBe(
        expected,
      );
    }
  });
});

describe('mergeDueDateRanges', () => {
  const business = '2026-11-24';
  const rangeOf = (bucket: AgingBucket) => dueDateRangeForBucket(bucket, business);

  it('joins neighbouring buckets into one range', () => {
    // D61_90: due 2026-08-26..2026-09-24; D91_120: due 2026-07-27..2026-08-25.
    expect(mergeDueDateRanges([rangeOf('D61_90'), rangeOf('D91_120')])).toEqual([
      { from: '2026-07-27', to: '2026-09-24' },
    ]);
  });

  it('keeps a gap between non-adjacent buckets', () => {
    expect(mergeDueDateRanges([rangeOf('D1_30'), rangeOf('D61_90')])).toEqual([
      { from: '2026-08-26', to: '2026-09-24' },
      { from: '2026-10-25', to: '2026-11-23' },
    ]);
  });

  it('absorbs everything into an open-ended range', () => {
    expect(mergeDueDateRanges([rangeOf('CURRENT'), rangeOf('D1_30'), rangeOf('D121_PLUS')])).toEqual([
      { from: null, to: '2026-07-26' },
      { from: '2026-10-25', to: null },
    ]);
    expect(mergeDueDateRanges(AGING_BUCKETS.map(rangeOf))).toEqual([{ from: null, to: null }]);
  });

  it('keeps the later end of overlapping ranges and does not mutate its input', () => {
    const input = [
      { from: '2026-01-01', to: '2026-03-31' },
      { from: '2026-02-01', to: '2026-02-15' },
    ];
    expect(mergeDueDateRanges(input)).toEqual([{ from: '2026-01-01', to: '2026-03-31' }]);
    expect(input[0]).toEqual({ from: '2026-01-01', to: '2026-03-31' });
  });
});
