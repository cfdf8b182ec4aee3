import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '../../core/errors.ts';
import { Account } from './account.entity.ts';
import { isUuid } from '../../core/ids.ts';

/**
 * Loads the account for a write, holding its row lock (`SELECT … FOR UPDATE`) until the caller's transaction
 * ends, with its debtor populated. Every write that changes an account's balance, counters, status or promises
 * takes this lock first, so two outcomes on one account (a payment feed retrying, an interaction recorded
 * while a payment posts) apply one after the other instead of overwriting each other's figures.
 *
 * Goes through the caller's scoped EntityManager: an account that is not placed with an AGENCY caller's agency
 * is NOT_FOUND naming `field`, exactly like one that does not exist.
 */
export async function lockAccountForWrite(tx: EntityManager, id: string, field = 'accountId'): Promise<Account> {
  const account = isUuid(id)
    ? await tx.findOne(Account, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true })
    : null;
  if (!account) throw notFound('Account', id, field);
  await tx.populate(account, ['debtor']);
  return account;
}
