/**
 * When an account may be offered again after an attempt, by disposition. Spacing attempts is both courtesy
 * and compliance (harassment rules look at frequency); the contact-window rules still apply on top.
 */
import type { Disposition } from './dispositions.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Delay before the next attempt, in milliseconds; null when the disposition takes the account out of the
 * rotation until something else happens (a promise waits for its due date, a dispute for its resolution, a
 * reported payment for reconciliation, a callback for its requested time).
 */
export const RETRY_DELAY_MS: Readonly<Record<Disposition, number | null>> = {
  NO_ANSWER: 2 * HOUR,
  BUSY: 30 * MINUTE,
  VOICEMAIL: 4 * HOUR,
  // Another number of the debtor may work at once; the wrong one is marked invalid by the caller.
  WRONG_NUMBER: 0,
  // Never discuss the debt with a third party; try the debtor again tomorrow.
  THIRD_PARTY: DAY,
  REFUSED_TO_PAY: 3 * DAY,
  PROMISE_TO_PAY: null,
  ALREADY_PAID: null,
  DISPUTE: null,
  CALLBACK_REQUESTED: null,
  MESSAGE_SENT: DAY,
  MESSAGE_REPLIED: 2 * HOUR,
};

/** The instant the account may be offered again, or null when the disposition parks it. */
export function nextAttemptAt(disposition: Disposition, attemptedAt: Date): Date | null {
  const delay = RETRY_DELAY_MS[disposition];
  return delay === null ? null : new Date(attemptedAt.getTime() + delay);
}
