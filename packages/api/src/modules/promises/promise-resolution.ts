import type { EntityManager } from '@mikro-orm/postgresql';
import {
  addDays,
  businessDateIn,
  formatAmount,
  promiseDeadline,
  promiseStatus,
  utcDateOf,
  type DomainEventType,
  type PromiseOutcome,
  storedToMinor,
} from '@recupera/shared';
import type { Clock } from '../../core/clock.ts';
import { systemEm, type Orm } from '../../core/database/orm.ts';
import { recordEvent } from '../../core/events/record-event.ts';
import type { Account } from '../portfolio/account.entity.ts';
import { reopenInQueue, rescoreMembership } from '../queues/queue-membership.service.ts';
import { attributionOf, PromiseToPay } from './promise-to-pay.entity.ts';

export interface PromiseResolution {
  promiseId: string;
  accountId: string;
  outcome: PromiseOutcome;
}

export interface ResolveDuePromisesOptions {
  /** Accounts locked and resolved per transaction: short transactions, short row locks. */
  batchSize?: number;
  /** Called after each batch commits, with what it resolved (e.g. to queue reminders). */
  afterBatch?: (resolved: PromiseResolution[]) => Promise<void>;
}

const EVENT_TYPE = {
  KEPT: 'PromiseKept',
  PARTIALLY_KEPT: 'PromisePartiallyKept',
  BROKEN: 'PromiseBroken',
} as const satisfies Record<PromiseOutcome, DomainEventType>;

/**
 * Resolves every PENDING promise whose deadline (due date + grace, shared `promiseDeadline`) has passed in the
 * debtor's own calendar, batch by batch until none is left. Safe to run twice and from several workers at once:
 * each batch locks its accounts with SKIP LOCKED, so two workers never hold the same account, and a promise
 * that is no longer PENDING is never selected again — each promise is resolved exactly once.
 */
export async function resolveDuePromises(
  orm: Orm,
  clock: Clock,
  options: ResolveDuePromisesOptions = {},
): Promise<PromiseResolution[]> {
  const batchSize = options.batchSize ?? 200;
  const all: PromiseResolution[] = [];
  for (;;) {
    const resolved = await systemEm(orm).transactional((tx) => resolveBatch(tx, clock, batchSize));
    if (resolved.length === 0) return all;
    all.push(...resolved);
    await options.afterBatch?.(resolved);
  }
}

async function resolveBatch(tx: EntityManager, clock: Clock, batchSize: number): Promise<PromiseResolution[]> {
  const now = clock.now();
  // No calendar anywhere is more than a day ahead of UTC, so this bound (on the indexed due date) keeps every
  // promise the per-debtor condition could accept.
  const latestLocalDate = addDays(utcDateOf(now), 1);
  // Accounts are locked before their promises: the order a payment takes (balance first, then the promises it
  // settles), so the two never wait on each other in a cycle. SKIP LOCKED (applied before LIMIT) hands each
  // worker accounts no other worker holds, and leaves an account an agent or a payment holds for a later batch.
  const candidates = await tx.execute<{ id: string }[]>(
    `select a.id
       from promise_to_pay p
       join account a on a.id = p.account_id
       join debtor d on d.id = a.debtor_id
      where p.status = 'PENDING'
        and p.due_date < ?::date
        and p.due_date + p.grace_days < (?::timestamptz at time zone d.time_zone)::date
      order by p.due_date
      limit ?
      for update of a skip locked`,
    [latestLocalDate, now.toISOString(), batchSize],
  );
  if (candidates.length === 0) return [];
  // Two due promises of one account give its id twice.
  const accountIds = [...new Set(candidates.map((row) => row.id))];
  // Under the account lock every writer of these promises is already excluded; the row lock is for writers
  // that touch a promise alone (a cancellation).
  const locked = await tx.execute<{ id: string }[]>(
    `select id from promise_to_pay where account_id in (${accountIds.map(() => '?').join(', ')})
        and status = 'PENDING' order by id for update`,
    accountIds,
  );
  const promises = await tx.find(
    PromiseToPay,
    { id: { $in: locked.map((row) => row.id) } },
    { populate: ['account', 'account.debtor', 'interaction'], orderBy: { dueDate: 'asc' } },
  );

  const resolved: PromiseResolution[] = [];
  const touched = new Set<Account>();
  for (const promise of promises) {
    const outcome = outcomeOf(promise, now);
    if (outcome === null) continue;
    applyOutcome(tx, promise, outcome, now);
    touched.add(promise.account);
    resolved.push({ promiseId: promise.id, accountId: promise.account.id, outcome });
  }
  await tx.flush();

  for (const account of touched) {
    const stillPending = await tx.count(PromiseToPay, { account, status: 'PENDING' });
    // docs/design.md: a broken promise feeds back into the work — the account is worked again at once. A disputed or
    // paid account keeps its status; one with another promise still running stays PROMISED and parked.
    if (account.status === 'PROMISED' && stillPending === 0) {
      account.status = 'ACTIVE';
      await reopenInQueue(tx, account, now);
    }
    await rescoreMembership(tx, account, clock.businessDate(), clock.timeZone);
  }
  return resolved;
}

/** The shared rule, on the debtor's calendar date; null while the promise is still running. */
function outcomeOf(promise: PromiseToPay, now: Date): PromiseOutcome | null {
  const status = promiseStatus({
    promisedMinor: storedToMinor(promise.amount, promise.currency),
    paidByDeadlineMinor: storedToMinor(promise.paidAmount, promise.currency),
    dueDate: promise.dueDate,
    graceDays: promise.graceDays,
    businessDate: businessDateIn(now, promise.account.debtor.timeZone),
  });
  return status === 'PENDING' ? null : status;
}

function applyOutcome(tx: EntityManager, promise: PromiseToPay, outcome: PromiseOutcome, now: Date): void {
  const account = promise.account;
  promise.status = outcome;
  promise.resolvedAt = now;
  // docs/design.md: a partially kept promise counts as broken in the kept rate; the promise row keeps the difference.
  if (outcome === 'KEPT') account.promisesKept += 1;
  else account.promisesBroken += 1;
  const money = (stored: string) => formatAmount(storedToMinor(stored, promise.currency), promise.currency);
  recordEvent<(typeof EVENT_TYPE)[PromiseOutcome]>(tx, {
    type: EVENT_TYPE[outcome],
    aggregateId: promise.id,
    actor: 'system',
    // The same figures as the payment's PromiseKept event, so the KPI engine reads both alike.
    payload: {
      accountId: account.id,
      agencyId: account.agency?.id ?? null,
      agentId: promise.interaction?.agent?.id ?? null,
      attribution: attributionOf(promise),
      interactionId: promise.interaction?.id ?? null,
      status: outcome,
      amount: money(promise.amount),
      paidAmount: money(promise.paidAmount),
      currency: promise.currency,
      dueDate: promise.dueDate,
      deadline: promiseDeadline(promise.dueDate, promise.graceDays),
    },
  });
}
