import type { EntityManager } from '@mikro-orm/postgresql';
import { businessDateIn, formatAmount, promiseDeadline, type IsoDate, storedToMinor } from '@recupera/shared';
import { recordEvent } from '../../core/events/record-event.ts';
import type { Account } from '../portfolio/account.entity.ts';
import type { Payment } from '../payments/payment.entity.ts';
import { attributionOf, PromiseToPay } from './promise-to-pay.entity.ts';

/**
 * How a payment settles an account's pending promises.
 *
 * The rule is the one of shared `promiseStatus`: a payment counts towards a promise, in full, when it was
 * made between the moment the promise was made and the end of the promise's deadline day (due date + grace
 * days, on the debtor's local calendar). Each pending promise is judged on its own, so one payment counts
 * towards every promise whose window holds it. A promise becomes KEPT as soon as what counts reaches its
 * amount — or when the payment clears the whole debt, since nothing more is owed.
 *
 * A promise still short stays PENDING here. Resolving it once its deadline has passed (PARTIALLY_KEPT when
 * something was paid, BROKEN otherwise) is the promise-due job's work, reading the same `paidAmount`. A payment
 * posted after that job ran (even one made inside the window) does not revisit the resolved promise.
 *
 * The pure part ({@link creditPayment}) decides; {@link settlePromisesWithPayment} loads and writes the rows.
 * Callers hold the account's row lock, which serialises every change to the account's promises.
 */

/** What the settlement rule needs to know about one pending promise. */
export interface PendingPromise {
  id: string;
  promisedMinor: bigint;
  /** What counted towards it so far, minor units. */
  paidMinor: bigint;
  /** When the promise was made (the PROMISE_TO_PAY interaction's start). */
  madeAt: Date;
  dueDate: IsoDate;
  graceDays: number;
}

/** The payment being applied. */
export interface PaymentFact {
  amountMinor: bigint;
  paidAt: Date;
  /** The payment brought the balance to zero. */
  clearsDebt: boolean;
}

/** A promise the payment counts towards, and its new figures. */
export interface PromiseCredit {
  promiseId: string;
  paidMinor: bigint;
  kept: boolean;
}

/** True when a payment made at `paidAt` counts towards the promise (debtor-local calendar for the deadline). */
export function paymentCountsTowards(promise: PendingPromise, paidAt: Date, timeZone: string): boolean {
  if (paidAt.getTime() < promise.madeAt.getTime()) return false;
  // ISO dates with four-digit years order as strings do.
  return businessDateIn(paidAt, timeZone) <= promiseDeadline(promise.dueDate, promise.graceDays);
}

/** The promises the payment counts towards, with their new paid amount and whether that keeps them. Pure. */
export function creditPayment(
  promises: readonly PendingPromise[],
  payment: PaymentFact,
  timeZone: string,
): PromiseCredit[] {
  return promises
    .filter((promise) => paymentCountsTowards(promise, payment.paidAt, timeZone))
    .map((promise) => {
      const paidMinor = promise.paidMinor + payment.amountMinor;
      return { promiseId: promise.id, paidMinor, kept: paidMinor >= promise.promisedMinor || payment.clearsDebt };
    });
}

/** What a payment did to the account's promises. */
export interface SettlementResult {
  /** Promises the payment counted towards (kept or not). */
  credited: PromiseToPay[];
  /** Those of them it kept. */
  kept: PromiseToPay[];
  /** Promises of the account still PENDING afterwards. */
  stillPending: number;
}

/**
 * Applies a just-recorded payment to the account's PENDING promises inside the caller's transaction: raises
 * their `paidAmount`, marks the ones it keeps KEPT (`resolvedAt` = `now`, `account.promisesKept` + 1), and
 * writes a `PromisePaymentApplied` or `PromiseKept` event per promise touched.
 */
export async function settlePromisesWithPayment(
  tx: EntityManager,
  account: Account,
  payment: Payment,
  options: { clearsDebt: boolean; now: Date; actor: string },
): Promise<SettlementResult> {
  const pending = await tx.find(
    PromiseToPay,
    { account, status: 'PENDING' },
    { orderBy: { createdAt: 'asc', id: 'asc' }, populate: ['interaction'] },
  );
  const byId = new Map(pending.map((promise) => [promise.id, promise]));
  const currency = account.currency;
  const credits = creditPayment(
    pending.map((promise) => ({
      id: promise.id,
      promisedMinor: storedToMinor(promise.amount, promise.currency),
      paidMinor: storedToMinor(promise.paidAmount, promise.currency),
      madeAt: promise.createdAt,
      dueDate: promise.dueDate,
      graceDays: promise.graceDays,
    })),
    { amountMinor: storedToMinor(payment.amount, currency), paidAt: payment.paidAt, clearsDebt: options.clearsDebt },
    account.debtor.timeZone,
  );

  const result: SettlementResult = { credited: [], kept: [], stillPending: pending.length };
  for (const credit of credits) {
    const promise = byId.get(credit.promiseId)!;
    promise.paidAmount = formatAmount(credit.paidMinor, currency);
    result.credited.push(promise);
    if (credit.kept) {
      promise.status = 'KEPT';
      promise.resolvedAt = options.now;
      account.promisesKept += 1;
      result.kept.push(promise);
      result.stillPending -= 1;
    }
    const figures = {
      accountId: account.id,
      agencyId: account.agency?.id ?? null,
      // The agent who took the promise: "amount collected on promises the agent took".
      agentId: promise.interaction?.agent?.id ?? null,
      // Where the promise was made: the KPI scopes its outcome counts in.
      attribution: attributionOf(promise),
      interactionId: promise.interaction?.id ?? null,
      paymentId: payment.id,
      paymentAmount: formatAmount(storedToMinor(payment.amount, currency), currency),
      amount: formatAmount(storedToMinor(promise.amount, currency), currency),
      paidAmount: promise.paidAmount,
      currency,
      dueDate: promise.dueDate,
    };
    const event = { aggregateId: promise.id, actor: options.actor };
    if (credit.kept) recordEvent(tx, { ...event, type: 'PromiseKept', payload: { ...figures, status: 'KEPT' } });
    else recordEvent(tx, { ...event, type: 'PromisePaymentApplied', payload: { ...figures, status: 'PENDING' } });
  }
  return result;
}
