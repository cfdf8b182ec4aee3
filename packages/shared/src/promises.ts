/**
 * Promise-to-pay outcomes. docs/design.md: a promise (amount, due date) is later "kept (paid in full by its
 * date, with a grace period), partially kept, or broken". This file fixes the exact rule so that the live
 * KPI engine, the nightly job and a recomputation from stored facts all agree.
 */
import { addDays, type IsoDate } from './dates.ts';

/** A promise's state; only the last three are final and count in the kept rate. */
export const PROMISE_STATUSES = ['PENDING', 'KEPT', 'PARTIALLY_KEPT', 'BROKEN'] as const;

/** One of {@link PROMISE_STATUSES}. */
export type PromiseStatus = (typeof PROMISE_STATUSES)[number];

/** A final promise status: the outcome the "promises kept rate" counts. */
export type PromiseOutcome = Exclude<PromiseStatus, 'PENDING'>;

/**
 * Days after the promised date during which a payment still keeps the promise (a transfer made on the
 * due date may post a day or two later). A product default, not a docs/design.md figure: the API may configure
 * another value per creditor, but must then use it consistently.
 */
export const DEFAULT_PROMISE_GRACE_DAYS = 3;

/** The last calendar date on which a payment still counts towards the promise. */
export function promiseDeadline(dueDate: IsoDate, graceDays: number): IsoDate {
  if (!Number.isInteger(graceDays) || graceDays < 0) {
    throw new RangeError(`Grace days must be a non-negative integer, got ${graceDays}`);
  }
  return addDays(dueDate, graceDays);
}

/** What {@link promiseStatus} needs to know about one promise. */
export interface PromiseStatusInput {
  /** Promised amount, minor units (> 0). */
  promisedMinor: bigint;
  /**
   * Sum of payments on the account posted from the promise's creation up to and including its deadline,
   * minor units. Later payments reduce the balance but do not rescue the promise.
   */
  paidByDeadlineMinor: bigint;
  dueDate: IsoDate;
  graceDays: number;
  /** Today in the account's time zone. */
  businessDate: IsoDate;
}

/**
 * Status of a promise on `businessDate`:
 * - `KEPT` as soon as payments reach the promised amount by the deadline (it can be final early);
 * - while the deadline (due date + grace) has not passed and the amount is not reached: `PENDING`;
 * - once it has passed: `PARTIALLY_KEPT` if something was paid, else `BROKEN`.
 */
export function promiseStatus(input: PromiseStatusInput): PromiseStatus {
  if (input.paidByDeadlineMinor >= input.promisedMinor) return 'KEPT';
  const deadline = promiseDeadline(input.dueDate, input.graceDays);
  if (input.businessDate <= deadline) return 'PENDING';
  return input.paidByDeadlineMinor > 0n ? 'PARTIALLY_KEPT' : 'BROKEN';
}
