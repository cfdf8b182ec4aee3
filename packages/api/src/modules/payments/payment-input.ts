import { MoneyError, parseAmount } from '@recupera/shared';
import { badInput } from '../../core/errors.ts';
import type { RecordPaymentInput } from './payment.input.ts';

/** Clock skew allowed between a payment feed and us before a `paidAt` counts as "in the future". */
export const FUTURE_TOLERANCE_MS = 60_000;
/** The `payment.reference` column's width. */
export const MAX_REFERENCE_LENGTH = 120;
/** A feed's name: short, like a bank's code. */
export const MAX_SOURCE_LENGTH = 32;
/** Amounts the API takes have at most this many integer digits (below a trillion): sums of them stay exact. */
export const MAX_AMOUNT_INTEGER_DIGITS = 12;

/** A payment request whose fields have been checked on their own (before the account is looked at). */
export interface PaymentRequest {
  accountId: string;
  amountMinor: bigint;
  currency: string;
  paidAt: Date;
  reference: string;
  /** The feed that posts it (''), part of the reference's idempotency scope. */
  source: string;
}

/** Checks what can be checked without the database; names the field of the first problem. */
export function checkPaymentInput(input: RecordPaymentInput, now: Date): PaymentRequest {
  const reference = input.reference;
  if (reference.trim() === '') throw badInput('reference', 'must not be empty');
  if (reference.length > MAX_REFERENCE_LENGTH) {
    throw badInput('reference', `must be at most ${MAX_REFERENCE_LENGTH} characters`);
  }
  const source = input.source?.trim() ?? '';
  if (source.length > MAX_SOURCE_LENGTH || /[|\s]/.test(source)) {
    throw badInput('source', `must be at most ${MAX_SOURCE_LENGTH} characters, without spaces or "|"`);
  }
  let amountMinor: bigint;
  try {
    amountMinor = parseAmount(input.amount, input.currency, { allowZero: false });
  } catch (error) {
    if (!(error instanceof MoneyError)) throw error;
    throw badInput(error.reason === 'CURRENCY' ? 'currency' : 'amount', error.message);
  }
  if (input.amount.replace(/^[-+]?0*/, '').split('.')[0]!.length > MAX_AMOUNT_INTEGER_DIGITS) {
    throw badInput('amount', `must have at most ${MAX_AMOUNT_INTEGER_DIGITS} integer digits`);
  }
  const paidAt = input.paidAt ?? now;
  if (paidAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw badInput('paidAt', 'must not be in the future');
  return { accountId: input.accountId, amountMinor, currency: input.currency, paidAt, reference, source };
}

/**
 * Whose idempotency key a reference is: the posting tenant (`in-house`, or the agency's id) and its feed. Another
 * tenant's payment with the same reference is another payment, never a replay and never a conflict (Stripe scopes
 * its idempotency keys per account; the IETF Idempotency-Key draft per client).
 */
export function idempotencyScope(principal: { agencyId: string | null }, source: string): string {
  return `${principal.agencyId ?? 'in-house'}|${source}`;
}
