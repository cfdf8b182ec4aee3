import type { EntityManager } from '@mikro-orm/postgresql';
import type { IsoDate } from '@recupera/shared';
import { type Account } from '../portfolio/account.entity.ts';
import { invalidPhonesFor, tenantOf } from '../portfolio/phone-validity.ts';
import { expectedRecovery, scoreAccount } from './account-scoring.ts';
import { QueueMembership } from './queue-membership.entity.ts';
import type { WorkQueue } from './work-queue.entity.ts';

/**
 * What the outcome services (interactions, payments, promises) call to keep an account's place in its work
 * queue right. All of them run inside the caller's transaction.
 */

/** Recomputes the membership's score and expected recovery after the account's facts changed. No-op outside a queue. */
export async function rescoreMembership(
  em: EntityManager,
  account: Account,
  businessDate: IsoDate,
  timeZone: string,
): Promise<void> {
  const membership = await em.findOne(QueueMembership, { account });
  if (!membership) return;
  await em.populate(account, ['debtor', 'agency']);
  const invalidPhones = invalidPhonesFor(account.debtor, tenantOf(account.agency));
  const propensity = scoreAccount(account, account.debtor, invalidPhones, businessDate, timeZone);
  membership.score = propensity.score.toFixed(4);
  membership.scoreFactors = propensity.factors;
  membership.expectedRecovery = expectedRecovery(account, propensity.score);
}

/**
 * After an attempt is recorded: the reservation ends, the account counts as worked today, and it may be
 * offered again from `nextAttemptAt` (null parks it until something else re-opens it).
 */
export async function releaseAfterAttempt(
  em: EntityManager,
  account: Account,
  options: { businessDate: IsoDate; nextAttemptAt: Date | null; parked: boolean },
): Promise<void> {
  const membership = await em.findOne(QueueMembership, { account });
  if (!membership) return;
  membership.reservedBy = null;
  membership.reservedUntil = null;
  membership.lastWorkedOn = options.businessDate;
  membership.skippedBecause = null;
  // A parked account keeps its place but is never due; `reopen` (a broken promise, a resolved dispute) frees it.
  membership.nextAttemptAt = options.parked ? PARKED : options.nextAttemptAt;
}

/** Far future: "not until something re-opens it", while keeping the row (and so the campaign history). */
export const PARKED = new Date('9999-12-31T00:00:00.000Z');

/** Makes a parked account due again from `at` (a broken promise, a resolved dispute, a callback time). */
export async function reopenInQueue(em: EntityManager, account: Account, at: Date): Promise<void> {
  const membership = await em.findOne(QueueMembership, { account });
  if (membership) membership.nextAttemptAt = at;
}

/** Accounts of the queue not yet worked on `businessDate`. */
export function remainingInQueue(em: EntityManager, queue: WorkQueue, businessDate: IsoDate): Promise<number> {
  return em.count(QueueMembership, {
    queue,
    $or: [{ lastWorkedOn: null }, { lastWorkedOn: { $lt: businessDate } }],
  });
}

/** An account paid in full (or written off) leaves its queue for good. */
export async function leaveQueue(em: EntityManager, account: Account): Promise<void> {
  await em.nativeDelete(QueueMembership, { account });
}
