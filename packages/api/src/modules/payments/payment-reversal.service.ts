import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  businessDateIn,
  formatAmount,
  promiseDeadline,
  promiseStatus,
  storedToMinor,
  type PromiseOutcome,
} from '@recupera/shared';
import type { Clock } from '../../core/clock.ts';
import { runSql } from '../../core/database/sql.ts';
import { badInput, conflict, notFound } from '../../core/errors.ts';
import { recordEvent } from '../../core/events/record-event.ts';
import { isUuid } from '../../core/ids.ts';
import type { Principal } from '../../core/principal.ts';
import { lockAccountForWrite } from '../portfolio/account-lock.ts';
import type { Account } from '../portfolio/account.entity.ts';
import { attributionOf, PromiseToPay } from '../promises/promise-to-pay.entity.ts';
import { Payment } from './payment.entity.ts';

export const MAX_REASON_LENGTH = 500;

/**
 * Takes a payment back (a chargeback, a bounced transfer): ADMIN and MANAGER only, once per payment, in one
 * transaction with its events (docs/agencies.md, "Reversals"):
 * - a reversal line is written: a payment row of minus the amount at the moment of the reversal, attributed like the
 *   payment (campaign, queue, agency, agent), so every sum over payments — amounts collected, recovery, the agency's
 *   statement (a negative line with minus the commission) — nets it out from then on, and past windows stay as they were;
 * - the money comes back out of the customer's credit first, then onto the balance (a paid account is ACTIVE again);
 * - the promises the payment counted towards lose what it paid: a KEPT one is PENDING again while its deadline has not
 *   passed, or is resolved anew (PARTIALLY_KEPT or BROKEN) when it has — its KEPT outcome retracted.
 */
export async function reversePayment(
  em: EntityManager,
  actor: Principal,
  clock: Clock,
  input: { paymentId: string; reason: string },
): Promise<Payment> {
  const reason = input.reason.trim();
  if (reason === '') throw badInput('reason', 'must not be empty');
  if (reason.length > MAX_REASON_LENGTH) throw badInput('reason', `must be at most ${MAX_REASON_LENGTH} characters`);
  if (!isUuid(input.paymentId)) throw notFound('Payment', input.paymentId, 'paymentId');
  return em.transactional(async (tx) => {
    const found = await tx.findOne(Payment, { id: input.paymentId });
    if (!found) throw notFound('Payment', input.paymentId, 'paymentId');
    // The account first, then the payment: the lock order of every payment write.
    const account = await lockAccountForWrite(tx, found.account.id, 'paymentId');
    const payment = await tx.findOneOrFail(
      Payment,
      { id: found.id },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    if (payment.reversalOf !== null) throw conflict('paymentId', 'is a reversal line; it cannot be reversed');
    if (payment.reversedAt !== null) throw conflict('paymentId', 'was already reversed');

    const now = clock.now();
    const currency = payment.currency;
    const amountMinor = storedToMinor(payment.amount, currency);
    const creditMinor = storedToMinor(account.credit, currency);
    const fromCredit = creditMinor < amountMinor ? creditMinor : amountMinor;
    const toBalance = amountMinor - fromCredit;
    account.credit = formatAmount(creditMinor - fromCredit, currency);
    account.balance = formatAmount(storedToMinor(account.balance, currency) + toBalance, currency);
    account.paymentCount = Math.max(0, account.paymentCount - 1);
    payment.reversedAt = now;
    payment.reversalReason = reason;
    const line = tx.create(Payment, {
      account,
      amount: formatAmount(-amountMinor, currency),
      currency,
      paidAt: now,
      reference: `REVERSAL:${payment.id}`,
      // Reversal lines are keyed apart from every feed's references.
      idempotencyScope: 'reversal|',
      // What went back onto the balance: start-of-day balances are rebuilt from applied amounts.
      appliedAmount: formatAmount(-toBalance, currency),
      placement: { ...payment.placement },
      agentId: payment.agentId,
      reversalOf: payment.id,
      reversalReason: reason,
      createdAt: now,
    });
    const statusBefore = account.status;
    recordEvent(tx, {
      type: 'PaymentReversed',
      aggregateId: payment.id,
      actor: actor.actor,
      payload: {
        accountId: account.id,
        ...payment.placement,
        agentId: payment.agentId,
        paymentId: payment.id,
        reversalId: line.id,
        reference: payment.reference,
        amount: formatAmount(amountMinor, currency),
        currency,
        paidAt: payment.paidAt.toISOString(),
        reversedAt: now.toISOString(),
        reason,
        restoredToBalance: formatAmount(toBalance, currency),
        takenFromCredit: formatAmount(fromCredit, currency),
        balanceAfter: account.balance,
        accountDueDate: account.dueDate,
        accountCreatedAt: account.createdAt.toISOString(),
        accountStatus: statusBefore,
      },
    });
    await takeBackFromPromises(tx, actor, account, payment, amountMinor, now);
    await refreshLastPayment(tx, account);
    followStatus(tx, actor, account, statusBefore, payment.id);
    return payment;
  });
}

/** The promises the payment counted towards, as their PromisePaymentApplied / PromiseKept events name them. */
async function creditedPromiseIds(tx: EntityManager, account: Account, paymentId: string): Promise<string[]> {
  const rows = await runSql<{ aggregate_id: string }>(
    tx,
    `select distinct e.aggregate_id from domain_event e
      where e.aggregate_type = 'PromiseToPay'
        and e.aggregate_id in (select id::text from promise_to_pay where account_id = ?)
        and e.type in ('PromisePaymentApplied', 'PromiseKept') and e.payload->>'paymentId' = ?`,
    [account.id, paymentId],
  );
  return rows.map((row) => row.aggregate_id);
}

async function takeBackFromPromises(
  tx: EntityManager,
  actor: Principal,
  account: Account,
  payment: Payment,
  amountMinor: bigint,
  now: Date,
): Promise<void> {
  const ids = await creditedPromiseIds(tx, account, payment.id);
  if (ids.length === 0) return;
  const promises = await tx.find(
    PromiseToPay,
    { id: { $in: ids } },
    { populate: ['interaction'], lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
  );
  const timeZone = account.debtor.timeZone;
  for (const promise of promises) {
    if (promise.status === 'CANCELLED') continue;
    const currency = promise.currency;
    const paid = storedToMinor(promise.paidAmount, currency) - amountMinor;
    promise.paidAmount = formatAmount(paid > 0n ? paid : 0n, currency);
    if (promise.status === 'PENDING') continue;
    const previous = promise.status as PromiseOutcome;
    const judged = promiseStatus({
      promisedMinor: storedToMinor(promise.amount, currency),
      paidByDeadlineMinor: paid > 0n ? paid : 0n,
      dueDate: promise.dueDate,
      graceDays: promise.graceDays,
      businessDate: businessDateIn(now, timeZone),
    });
    if (judged === previous) continue;
    const figures = {
      accountId: account.id,
      agencyId: promise.placement.agencyId,
      agentId: promise.agentId,
      attribution: attributionOf(promise),
      interactionId: promise.interaction?.id ?? null,
      amount: formatAmount(storedToMinor(promise.amount, currency), currency),
      paidAmount: promise.paidAmount,
      currency,
      dueDate: promise.dueDate,
    };
    recordEvent(tx, {
      type: 'PromiseOutcomeRetracted',
      aggregateId: promise.id,
      actor: actor.actor,
      payload: { ...figures, previous, status: judged, paymentId: payment.id },
    });
    if (previous === 'KEPT') account.promisesKept = Math.max(0, account.promisesKept - 1);
    else account.promisesBroken = Math.max(0, account.promisesBroken - 1);
    promise.status = judged;
    promise.resolvedAt = judged === 'PENDING' ? null : now;
    if (judged === 'PENDING') continue;
    account.promisesBroken += judged === 'KEPT' ? 0 : 1;
    if (judged === 'KEPT') account.promisesKept += 1;
    const deadline = promiseDeadline(promise.dueDate, promise.graceDays);
    if (judged === 'BROKEN') {
      recordEvent(tx, {
        type: 'PromiseBroken',
        aggregateId: promise.id,
        actor: actor.actor,
        payload: { ...figures, status: 'BROKEN', deadline },
      });
    } else if (judged === 'PARTIALLY_KEPT') {
      recordEvent(tx, {
        type: 'PromisePartiallyKept',
        aggregateId: promise.id,
        actor: actor.actor,
        payload: { ...figures, status: 'PARTIALLY_KEPT', deadline },
      });
    }
  }
}

/** The last payment still standing. */
async function refreshLastPayment(tx: EntityManager, account: Account): Promise<void> {
  await tx.flush();
  const [row] = await runSql<{ last: Date | null }>(
    tx,
    'select max(paid_at) as last from payment where account_id = ? and reversal_of is null and reversed_at is null',
    [account.id],
  );
  account.lastPaymentAt = row?.last ? new Date(row.last) : null;
}

/**
 * A paid account owes again: ACTIVE, or PROMISED while a promise is running again. Its queue place is not restored
 * here: a paid account left its queue for good, and the next campaign start takes it up like any active account.
 */
function followStatus(
  tx: EntityManager,
  actor: Principal,
  account: Account,
  statusBefore: Account['status'],
  paymentId: string,
): void {
  if (statusBefore !== 'PAID' || storedToMinor(account.balance, account.currency) === 0n) return;
  account.status = 'ACTIVE';
  recordEvent(tx, {
    type: 'AccountStatusChanged',
    aggregateId: account.id,
    actor: actor.actor,
    payload: {
      accountId: account.id,
      agencyId: account.agency?.id ?? null,
      from: statusBefore,
      to: 'ACTIVE',
      reason: 'PAYMENT_REVERSED',
      paymentId,
    },
  });
}
