import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  formatAmount,
  MoneyError,
  parseAmount,
  type IsoDate,
  storedToMinor,
  type AccountStatus,
} from '@recupera/shared';
import type { Clock } from '../../core/clock.ts';
import { badInput, conflict } from '../../core/errors.ts';
import { recordEvent } from '../../core/events/record-event.ts';
import type { Principal } from '../../core/principal.ts';
import { lockAccountForWrite } from '../portfolio/account-lock.ts';
import type { Account } from '../portfolio/account.entity.ts';
import { settlePromisesWithPayment, type SettlementResult } from '../promises/promise-settlement.ts';
import { PromiseToPay } from '../promises/promise-to-pay.entity.ts';
import { QueueMembership } from '../queues/queue-membership.entity.ts';
import { leaveQueue, reopenInQueue, rescoreMembership } from '../queues/queue-membership.service.ts';
import { Payment } from './payment.entity.ts';
import { placementNow } from '../portfolio/fact-placement.ts';
import type { RecordPaymentInput } from './payment.input.ts';

/** Clock skew allowed between a payment feed and us before a `paidAt` counts as "in the future". */
export const FUTURE_TOLERANCE_MS = 60_000;
/** The `payment.reference` column's width. */
export const MAX_REFERENCE_LENGTH = 120;

/** The request's time: its clock, and the operation's business date when it began. */
export interface OperationTime {
  clock: Clock;
  businessDate: IsoDate;
}

/** A payment request whose fields have been checked on their own (before the account is looked at). */
export interface PaymentRequest {
  accountId: string;
  amountMinor: bigint;
  currency: string;
  paidAt: Date;
  reference: string;
}

/** Checks what can be checked without the database; names the field of the first problem. */
export function checkPaymentInput(input: RecordPaymentInput, now: Date): PaymentRequest {
  const reference = input.reference;
  if (reference.trim() === '') throw badInput('reference', 'must not be empty');
  if (reference.length > MAX_REFERENCE_LENGTH) {
    throw badInput('reference', `must be at most ${MAX_REFERENCE_LENGTH} characters`);
  }
  let amountMinor: bigint;
  try {
    amountMinor = parseAmount(input.amount, input.currency, { allowZero: false });
  } catch (error) {
    if (!(error instanceof MoneyError)) throw error;
    throw badInput(error.reason === 'CURRENCY' ? 'currency' : 'amount', error.message);
  }
  const paidAt = input.paidAt ?? now;
  if (paidAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw badInput('paidAt', 'must not be in the future');
  return { accountId: input.accountId, amountMinor, currency: input.currency, paidAt, reference };
}

/**
 * Posts a payment against an account (payment feeds: ADMIN, MANAGER, AGENCY keys).
 *
 * Idempotent by `reference`: posting a reference again returns the first payment and changes nothing, also
 * when the retries race (the unique index on `reference` decides; the losers roll back and answer with the
 * stored row). A reference already used for a different payment — another account, amount or currency — is
 * a CONFLICT naming `reference`, never silently the old payment: a feed that reuses a key has a bug worth
 * seeing. `paidAt` is not compared, since a feed retrying without one gets "now" each time.
 *
 * Effects, in one transaction with their events: the balance falls (an overpayment leaves it at 0 and the
 * rest in `credit`), payment history figures move, pending promises are settled (promise-settlement.ts), a
 * pending reconciliation is cleared, and the account's status and queue place follow (see
 * {@link statusAfterPayment}).
 */
export async function recordPayment(
  em: EntityManager,
  actor: Principal,
  time: OperationTime,
  input: RecordPaymentInput,
): Promise<Payment> {
  const now = time.clock.now();
  const request = checkPaymentInput(input, now);
  const replay = await findReplay(em, request);
  if (replay) return replay;
  try {
    return await em.transactional((tx) => postPayment(tx, actor, time, request));
  } catch (error) {
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    // A concurrent post of the same reference committed first: answer with it.
    const stored = await findReplay(em, request);
    if (stored) return stored;
    // Used on an account this caller cannot see: say it is taken, without saying where.
    throw conflict('reference', 'is already used by another payment');
  }
}

/** The payment already stored under the request's reference (as the caller may see it), or null. */
async function findReplay(em: EntityManager, request: PaymentRequest): Promise<Payment | null> {
  const stored = await em.findOne(Payment, { reference: request.reference }, { refresh: true });
  if (!stored) return null;
  const same =
    stored.account.id === request.accountId &&
    stored.currency === request.currency &&
    storedToMinor(stored.amount, stored.currency) === request.amountMinor;
  if (!same) {
    throw conflict('reference', 'was already used for a different payment (account, amount or currency)', {
      paymentId: stored.id,
    });
  }
  return stored;
}

async function postPayment(
  tx: EntityManager,
  actor: Principal,
  time: OperationTime,
  request: PaymentRequest,
): Promise<Payment> {
  const now = time.clock.now();
  const account = await lockAccountForWrite(tx, request.accountId);
  if (account.currency !== request.currency) {
    throw badInput('currency', `must be the account's currency, ${account.currency}`);
  }
  const currency = account.currency;
  // Read before a payoff removes it: "amount collected" is reported per campaign and queue too.
  const membership = await tx.findOne(QueueMembership, { account });
  // The agent credited is the one whose pending promise this payment pays ("collected on promises taken").
  const promise = await tx.findOne(
    PromiseToPay,
    { account, status: 'PENDING', createdAt: { $lte: request.paidAt } },
    { orderBy: { createdAt: 'desc' } },
  );
  const payment = tx.create(Payment, {
    account,
    amount: formatAmount(request.amountMinor, currency),
    currency,
    paidAt: request.paidAt,
    reference: request.reference,
    agentId: promise?.agentId ?? null,
    placement: placementNow(account, membership),
    createdAt: now,
  });

  const split = applyToBalance(
    storedToMinor(account.balance, currency),
    storedToMinor(account.credit, currency),
    request.amountMinor,
  );
  payment.appliedAmount = formatAmount(split.appliedMinor, currency);
  account.balance = formatAmount(split.balanceMinor, currency);
  account.credit = formatAmount(split.creditMinor, currency);
  if (!account.lastPaymentAt || account.lastPaymentAt < request.paidAt) account.lastPaymentAt = request.paidAt;
  account.paymentCount += 1;
  const reconciled = account.reconciliationPending;
  account.reconciliationPending = false;
  recordEvent(tx, {
    type: 'PaymentRecorded',
    aggregateId: payment.id,
    actor: actor.actor,
    payload: {
      accountId: account.id,
      ...payment.placement,
      agentId: payment.agentId,
      reference: payment.reference,
      amount: payment.amount,
      currency,
      paidAt: payment.paidAt.toISOString(),
      appliedToBalance: formatAmount(split.appliedMinor, currency),
      toCredit: formatAmount(split.excessMinor, currency),
      balanceAfter: account.balance,
      reconciliationCleared: reconciled,
      // What recovery-by-bucket needs to place the payment: the account's age and whether it is in recovery.
      accountDueDate: account.dueDate,
      accountCreatedAt: account.createdAt.toISOString(),
      accountStatus: account.status,
    },
  });

  const settlement = await settlePromisesWithPayment(tx, account, payment, {
    clearsDebt: split.balanceMinor === 0n && split.appliedMinor > 0n,
    now,
    actor: actor.actor,
  });
  await followPayment(tx, actor, time, account, { settlement, reconciled, paymentId: payment.id });
  return payment;
}

/** How a payment of `amountMinor` splits between the balance and the customer's credit. Pure. */
export function applyToBalance(
  balanceMinor: bigint,
  creditMinor: bigint,
  amountMinor: bigint,
): { balanceMinor: bigint; creditMinor: bigint; appliedMinor: bigint; excessMinor: bigint } {
  const appliedMinor = amountMinor < balanceMinor ? amountMinor : balanceMinor > 0n ? balanceMinor : 0n;
  const excessMinor = amountMinor - appliedMinor;
  return {
    balanceMinor: balanceMinor - appliedMinor,
    creditMinor: creditMinor + excessMinor,
    appliedMinor,
    excessMinor,
  };
}

/**
 * The account's status after a payment:
 * - balance 0 → PAID (whatever it was; a written-off debt paid in full is paid);
 * - PROMISED, a promise kept and none left pending → ACTIVE: the rest of the balance is worked again;
 * - otherwise unchanged (a partial payment keeps a promise pending; a dispute stays on hold).
 */
export function statusAfterPayment(
  account: Pick<Account, 'status' | 'balance' | 'currency'>,
  settlement: Pick<SettlementResult, 'kept' | 'stillPending'>,
): AccountStatus {
  if (storedToMinor(account.balance, account.currency) === 0n) return 'PAID';
  if (account.status === 'PROMISED' && settlement.kept.length > 0 && settlement.stillPending === 0) return 'ACTIVE';
  return account.status;
}

/** Status change, queue place and score after the payment, with the status event. */
async function followPayment(
  tx: EntityManager,
  actor: Principal,
  time: OperationTime,
  account: Account,
  facts: { settlement: SettlementResult; reconciled: boolean; paymentId: string },
): Promise<void> {
  const now = time.clock.now();
  const from = account.status;
  const to = statusAfterPayment(account, facts.settlement);
  if (to !== from) {
    account.status = to;
    recordEvent(tx, {
      type: 'AccountStatusChanged',
      aggregateId: account.id,
      actor: actor.actor,
      payload: {
        accountId: account.id,
        agencyId: account.agency?.id ?? null,
        from,
        to,
        reason: to === 'PAID' ? 'PAID_IN_FULL' : 'PROMISE_KEPT',
        paymentId: facts.paymentId,
      },
    });
  }
  if (to === 'PAID') {
    await leaveQueue(tx, account);
    return;
  }
  // Back to work now: a kept promise with a balance left, or a reported payment that has now been found.
  const keptAndActive = from === 'PROMISED' && to === 'ACTIVE';
  const reconciledAndActive = facts.reconciled && to === 'ACTIVE';
  if (keptAndActive || reconciledAndActive) await reopenInQueue(tx, account, now);
  await rescoreMembership(tx, account, time.businessDate, time.clock.timeZone);
}
