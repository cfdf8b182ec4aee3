import type { Clock } from '../../core/clock.ts';
import { systemEm, type Orm } from '../../core/database/orm.ts';
import { recordEvent } from '../../core/events/record-event.ts';
import { Account } from '../portfolio/account.entity.ts';
import { QueueMembership } from './queue-membership.entity.ts';
import { reopenInQueue } from './queue-membership.service.ts';

export type CallbackOutcome = 'DUE_NOW' | 'ALREADY_DONE' | 'NOT_APPLICABLE';

/**
 * The debtor's callback time has come: the account becomes due at once in its work queue. Exactly once per
 * (account, callback time): the `CallbackDue` event written with the change is what a rerun finds, read under
 * the account's row lock so two concurrent runs cannot both miss it. Never for an account that is closed,
 * disputed or do-not-contact: a callback request does not override those.
 */
export async function makeCallbackDue(
  orm: Orm,
  clock: Clock,
  accountId: string,
  callbackAt: string,
): Promise<CallbackOutcome> {
  return systemEm(orm).transactional(async (tx) => {
    const locked = await tx.execute<{ id: string }[]>('select id from account where id = ? for update', [accountId]);
    if (locked.length === 0) return 'NOT_APPLICABLE';
    const done = await tx.execute(
      `select 1 from domain_event
        where aggregate_type = 'Account' and aggregate_id = ? and type = 'CallbackDue' and payload->>'callbackAt' = ?`,
      [accountId, callbackAt],
    );
    if (done.length > 0) return 'ALREADY_DONE';
    const account = await tx.findOneOrFail(Account, accountId, { populate: ['debtor'] });
    if (account.status !== 'ACTIVE' && account.status !== 'PROMISED') return 'NOT_APPLICABLE';
    if (account.debtor.doNotContact) return 'NOT_APPLICABLE';
    const membership = await tx.findOne(QueueMembership, { account });
    if (!membership) return 'NOT_APPLICABLE';
    const now = clock.now();
    // Already due (or due sooner) stays as it is; a later or parked one is brought forward to now.
    if (membership.nextAttemptAt !== null && membership.nextAttemptAt > now) await reopenInQueue(tx, account, now);
    recordEvent(tx, {
      type: 'CallbackDue',
      aggregateId: accountId,
      actor: 'system',
      payload: { callbackAt, queueId: membership.queue.id },
    });
    return 'DUE_NOW';
  });
}
