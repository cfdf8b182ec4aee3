/**
 * Days past due (DPD) and aging buckets, as defined in docs/design.md ("The collection business in one page"):
 * DPD = business date − due date, 0 if not yet due; buckets CURRENT (DPD 0), D1_30, D31_60, D61_90,
 * D91_120, D121_PLUS.
 *
 * Both directions are provided: date → bucket (to label one account) and bucket → due-date range (to
 * filter millions of accounts with an indexed `due_date BETWEEN` predicate instead of computing DPD per
 * row). The two are tested against each other.
 */
import { addDays, diffDays, type IsoDate } from './dates.ts';

/** The aging buckets, youngest first (the order the console shows them in). */
export const AGING_BUCKETS = ['CURRENT', 'D1_30', 'D31_60', 'D61_90', 'D91_120', 'D121_PLUS'] as const;

/** One of {@link AGING_BUCKETS}. */
export type AgingBucket = (typeof AGING_BUCKETS)[number];

/**
 * "Young debt" (docs/design.md): the bucket that is still cheap to recover; its recovery rate is the
 * young-debt recovery KPI.
 */
export const YOUNG_DEBT_BUCKET: AgingBucket = 'D1_30';

/** Inclusive DPD bounds of each bucket; `max: null` means no upper bound. */
export const BUCKET_DPD_BOUNDS: Readonly<Record<AgingBucket, { min: number; max: number | null }>> = {
  CURRENT: { min: 0, max: 0 },
  D1_30: { min: 1, max: 30 },
  D31_60: { min: 31, max: 60 },
  D61_90: { min: 61, max: 90 },
  D91_120: { min: 91, max: 120 },
  D121_PLUS: { min: 121, max: null },
};

/** Type guard for values arriving from the wire or the database. */
export function isAgingBucket(value: string): value is AgingBucket {
  return (AGING_BUCKETS as readonly string[]).includes(value);
}

/**
 * Days past due on `businessDate`: whole days since `dueDate`, 0 when the due date is today or later
 * (an account due today is not yet late).
 */
export function daysPastDue(dueDate: IsoDate, businessDate: IsoDate): number {
  return Math.max(0, diffDays(businessDate, dueDate));
}

/** The bucket for a DPD value. Throws `RangeError` for negative or fractional DPD (a caller bug). */
export function bucketForDaysPastDue(dpd: number): AgingBucket {
  assertDpd(dpd, 'DPD');
  if (dpd === 0) return 'CURRENT';
  if (dpd <= 30) return 'D1_30';
  if (dpd <= 60) return 'D31_60';
  if (dpd <= 90) return 'D61_90';
  if (dpd <= 120) return 'D91_120';
  return 'D121_PLUS';
}

/** The bucket an account with `dueDate` is in on `businessDate`. */
export function bucketOf(dueDate: IsoDate, businessDate: IsoDate): AgingBucket {
  return bucketForDaysPastDue(daysPastDue(dueDate, businessDate));
}

/**
 * An inclusive range of due dates; `null` on a side means unbounded on that side. Translate as
 * `(from IS NULL OR due_date >= from) AND (to IS NULL OR due_date <= to)`. When `from > to` the range is
 * empty (e.g. a DPD filter with min > max), which that SQL already handles.
 */
export interface DueDateRange {
  from: IsoDate | null;
  to: IsoDate | null;
}

/**
 * The due dates whose accounts are in `bucket` on `businessDate`.
 * CURRENT is `{ from: businessDate, to: null }` (due today or any day after); D121_PLUS is
 * `{ from: null, to: businessDate − 121 }`.
 */
export function dueDateRangeForBucket(bucket: AgingBucket, businessDate: IsoDate): DueDateRange {
  const { min, max } = BUCKET_DPD_BOUNDS[bucket];
  return dueDateRangeForDaysPastDue(min, max, businessDate);
}

/**
 * The due dates whose DPD on `businessDate` lies in `[minDpd, maxDpd]` (inclusive; `null` = unbounded).
 *
 * DPD = max(0, business − due), so DPD 0 stands for *every* due date on or after the business date:
 * whenever `minDpd` is 0 or null the range has no upper bound. DPD ≤ maxDpd means due ≥ business − maxDpd;
 * DPD ≥ minDpd (≥ 1) means due ≤ business − minDpd. Negative or fractional bounds throw `RangeError`
 * (the API should report them as BAD_USER_INPUT).
 */
export function dueDateRangeForDaysPastDue(
  minDpd: number | null,
  maxDpd: number | null,
  businessDate: IsoDate,
): DueDateRange {
  if (minDpd !== null) assertDpd(minDpd, 'minimum DPD');
  if (maxDpd !== null) assertDpd(maxDpd, 'maximum DPD');
  const from = maxDpd === null ? null : addDays(businessDate, -maxDpd);
  const to = minDpd === null || minDpd === 0 ? null : addDays(businessDate, -minDpd);
  return { from, to };
}

function assertDpd(value: number, label: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${label} must be a non-negative integer, got ${value}`);
  }
}

/**
 * Joins ranges that overlap or touch (one ends the day before the next begins) into the fewest ranges.
 * Neighbouring buckets (D61_90 + D91_120) then become one due-date range: one index range scan instead of
 * an OR the planner can only answer by reading the whole table.
 */
export function mergeDueDateRanges(ranges: readonly DueDateRange[]): DueDateRange[] {
  const startKey = (range: DueDateRange) => (range.from === null ? -Infinity : diffDays(range.from, '1970-01-01'));
  const sorted = [...ranges].sort((a, b) => startKey(a) - startKey(b));
  const merged: DueDateRange[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && (last.to === null || range.from === null || diffDays(range.from, last.to) <= 1)) {
      if (last.to !== null && (range.to === null || diffDays(range.to, last.to) > 0)) last.to = range.to;
      continue;
    }
    merged.push({ ...range });
  }
  return merged;
}
