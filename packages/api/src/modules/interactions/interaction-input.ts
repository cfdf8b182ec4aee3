import {
  addDays,
  businessDateIn,
  MoneyError,
  parseAmount,
  type Channel,
  type Disposition,
  type IsoDate,
  storedToMinor,
} from '@recupera/shared';
import { badInput } from '../../core/errors.ts';
import type { Account } from '../portfolio/account.entity.ts';
import type { Debtor } from '../portfolio/debtor.entity.ts';
import type { PromiseInput, RecordInteractionInput } from './record-interaction.input.ts';

/**
 * The checks of `recordInteraction` input, each naming its field. The first group needs nothing but the input
 * and the clock; the promise and wrong-number checks need the account and its debtor.
 */

/** Clock skew allowed between an agent's desktop or dialer and us before `startedAt` counts as future. */
export const FUTURE_TOLERANCE_MS = 60_000;
/** One day: a longer "call" is a recording mistake. */
export const MAX_DURATION_SECONDS = 86_400;
export const MAX_NOTES_LENGTH = 2_000;
/** The `interaction.contact_point` column's width. */
export const MAX_CONTACT_POINT_LENGTH = 200;
/** A callback further out than this is not a callback but a new campaign. */
export const MAX_CALLBACK_DAYS = 30;

const DAY_MS = 86_400_000;
const PHONE_CHANNELS: ReadonlySet<Channel> = new Set(['CALL', 'SMS', 'WHATSAPP']);
const MESSAGE_DISPOSITIONS: ReadonlySet<Disposition> = new Set(['MESSAGE_SENT', 'MESSAGE_REPLIED']);

/** The input after the checks that need no database, with defaults filled in. */
export interface CheckedInteraction {
  accountId: string;
  agentId: string | null;
  channel: Channel;
  disposition: Disposition;
  startedAt: Date;
  durationSeconds: number;
  notes: string | null;
  contactPoint: string | null;
  callbackAt: Date | null;
  promise: PromiseInput | null;
}

/** Phone numbers are stored compact (`+51987654321`); an agent may type them with spaces or dashes. */
export function compactPhone(value: string): string {
  return value.replace(/[\s()-]/g, '');
}

/** Checks what can be checked without the database; names the field of the first problem. */
export function checkInteractionInput(input: RecordInteractionInput, now: Date): CheckedInteraction {
  const { channel, disposition } = input;
  const startedAt = input.startedAt ?? now;
  if (startedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS)
    throw badInput('startedAt', 'must not be in the future');

  const durationSeconds = input.durationSeconds ?? 0;
  if (durationSeconds < 0 || durationSeconds > MAX_DURATION_SECONDS) {
    throw badInput('durationSeconds', `must be between 0 and ${MAX_DURATION_SECONDS}`);
  }
  const notes = input.notes ?? null;
  if (notes !== null && notes.length > MAX_NOTES_LENGTH) {
    throw badInput('notes', `must be at most ${MAX_NOTES_LENGTH} characters`);
  }

  // The outcome must be one the channel can produce.
  if (MESSAGE_DISPOSITIONS.has(disposition) && channel === 'CALL') {
    throw badInput('disposition', `${disposition} is for message channels (SMS, EMAIL, WHATSAPP), not CALL`);
  }
  if (disposition === 'WRONG_NUMBER' && !PHONE_CHANNELS.has(channel)) {
    throw badInput('disposition', 'WRONG_NUMBER is for phone channels (CALL, SMS, WHATSAPP)');
  }

  let contactPoint = input.contactPoint?.trim() ?? null;
  if (contactPoint !== null) {
    if (contactPoint === '') throw badInput('contactPoint', 'must not be empty when given');
    if (PHONE_CHANNELS.has(channel)) contactPoint = compactPhone(contactPoint);
    if (contactPoint.length > MAX_CONTACT_POINT_LENGTH) {
      throw badInput('contactPoint', `must be at most ${MAX_CONTACT_POINT_LENGTH} characters`);
    }
  }

  const promise = input.promise ?? null;
  if (disposition === 'PROMISE_TO_PAY' && !promise) throw badInput('promise', 'is required for PROMISE_TO_PAY');
  if (disposition !== 'PROMISE_TO_PAY' && promise) throw badInput('promise', 'is only accepted with PROMISE_TO_PAY');

  const callbackAt = input.callbackAt ?? null;
  if (disposition === 'CALLBACK_REQUESTED') {
    if (!callbackAt) throw badInput('callbackAt', 'is required for CALLBACK_REQUESTED');
    if (callbackAt.getTime() <= now.getTime()) throw badInput('callbackAt', 'must be in the future');
    if (callbackAt.getTime() > now.getTime() + MAX_CALLBACK_DAYS * DAY_MS) {
      throw badInput('callbackAt', `must be within ${MAX_CALLBACK_DAYS} days`);
    }
  } else if (callbackAt) {
    throw badInput('callbackAt', 'is only accepted with CALLBACK_REQUESTED');
  }

  return {
    accountId: input.accountId,
    agentId: input.agentId ?? null,
    channel,
    disposition,
    startedAt,
    durationSeconds,
    notes,
    contactPoint,
    callbackAt,
    promise,
  };
}

/** A promise's terms once checked against the account. */
export interface PromiseTerms {
  amountMinor: bigint;
  currency: string;
  dueDate: IsoDate;
}

/**
 * A promise is in the account's currency, more than zero and not more than the balance (promising more than
 * is owed is a recording mistake, not a plan: BAD_USER_INPUT), due no earlier than the debtor's local today
 * and no later than `maxDays` after it.
 */
export function checkPromiseTerms(
  promise: PromiseInput,
  account: Pick<Account, 'balance' | 'currency'>,
  debtor: Pick<Debtor, 'timeZone'>,
  now: Date,
  maxDays: number,
): PromiseTerms {
  const currency = account.currency;
  let amountMinor: bigint;
  try {
    amountMinor = parseAmount(promise.amount, currency, { allowZero: false });
  } catch (error) {
    if (!(error instanceof MoneyError)) throw error;
    throw badInput('promise.amount', error.message);
  }
  const balanceMinor = storedToMinor(account.balance, currency);
  if (amountMinor > balanceMinor) {
    throw badInput('promise.amount', `must not exceed the balance (${account.balance} ${currency})`);
  }
  const today = businessDateIn(now, debtor.timeZone);
  if (promise.dueDate < today) {
    throw badInput('promise.dueDate', `must not be before the debtor's local date today (${today})`);
  }
  const latest = addDays(today, maxDays);
  if (promise.dueDate > latest) {
    throw badInput('promise.dueDate', `must be within ${maxDays} days (${latest} at the latest)`);
  }
  return { amountMinor, currency, dueDate: promise.dueDate };
}

/**
 * The phone a WRONG_NUMBER names: `contactPoint` when given (one of the debtor's phones), otherwise the
 * debtor's only phone. Anything else would guess which number to stop calling.
 */
export function wrongNumberPhone(contactPoint: string | null, debtor: Pick<Debtor, 'phones'>): string {
  if (contactPoint !== null) {
    if (!debtor.phones.includes(contactPoint)) throw badInput('contactPoint', "is not one of the debtor's phones");
    return contactPoint;
  }
  if (debtor.phones.length !== 1) {
    throw badInput('contactPoint', 'is required for WRONG_NUMBER unless the debtor has exactly one phone');
  }
  return debtor.phones[0]!;
}
