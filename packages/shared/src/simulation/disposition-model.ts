/**
 * How likely each disposition is for one attempt, by the account's aging bucket, the debtor's local hour and
 * the channel. A starting model for a demo and a load test, shaped after the usual collections findings:
 * young debt is reached and promises more, old debt refuses, disputes and has stale numbers more, and people
 * answer more in the evening than at mid-morning.
 */
import type { AgingBucket } from '../buckets.ts';
import { DISPOSITIONS, type Channel, type Disposition } from '../dispositions.ts';

/** A probability per disposition; impossible outcomes are 0 and the whole sums to 1. */
export type DispositionTable = Readonly<Record<Disposition, number>>;

/** What the outcome of an attempt depends on. */
export interface AttemptContext {
  bucket: AgingBucket;
  /** The debtor's local hour, 0–23. */
  localHour: number;
  channel: Channel;
}

/** Share of calls answered by a person (the debtor or a third party) at an average hour. */
export const CALL_CONTACT_RATE: Readonly<Record<AgingBucket, number>> = {
  CURRENT: 0.42,
  D1_30: 0.38,
  D31_60: 0.3,
  D61_90: 0.24,
  D91_120: 0.19,
  D121_PLUS: 0.14,
};

/** Share of messages that get a reply at an average hour. */
export const MESSAGE_REPLY_RATE: Readonly<Record<AgingBucket, number>> = {
  CURRENT: 0.3,
  D1_30: 0.26,
  D31_60: 0.19,
  D61_90: 0.14,
  D91_120: 0.1,
  D121_PLUS: 0.07,
};

/** Share of right-party conversations that end in a promise to pay: the first lever is speed. */
export const PROMISE_SHARE: Readonly<Record<AgingBucket, number>> = {
  CURRENT: 0.5,
  D1_30: 0.45,
  D31_60: 0.34,
  D61_90: 0.26,
  D91_120: 0.19,
  D121_PLUS: 0.13,
};

const ALREADY_PAID_SHARE: Readonly<Record<AgingBucket, number>> = {
  CURRENT: 0.12,
  D1_30: 0.08,
  D31_60: 0.05,
  D61_90: 0.04,
  D91_120: 0.03,
  D121_PLUS: 0.03,
};

const DISPUTE_SHARE: Readonly<Record<AgingBucket, number>> = {
  CURRENT: 0.01,
  D1_30: 0.02,
  D31_60: 0.03,
  D61_90: 0.04,
  D91_120: 0.05,
  D121_PLUS: 0.07,
};

const CALLBACK_SHARE = 0.14;
/** Share of answered calls taken by someone other than the debtor. */
const THIRD_PARTY_SHARE = 0.12;

/** Share of unanswered calls that reach a number that is not the debtor's: numbers go stale as debt ages. */
const WRONG_NUMBER_SHARE: Readonly<Record<AgingBucket, number>> = {
  CURRENT: 0.02,
  D1_30: 0.03,
  D31_60: 0.05,
  D61_90: 0.07,
  D91_120: 0.09,
  D121_PLUS: 0.12,
};

/** Share of WhatsApp replies that settle on a promise in the chat itself. */
const CHAT_PROMISE_SHARE = 0.3;
/** Share of SMS and WhatsApp messages that bounce off a dead number. */
const MESSAGE_BOUNCE_SHARE = 0.03;

/**
 * How much more (or less) likely a person is to answer at a local hour: evenings at home answer most,
 * mid-morning at work least. Outside 07:00–21:59 nobody should be contacted; the factor is low, not zero,
 * because a debtor may still answer if rules allow it.
 */
export function hourFactor(localHour: number): number {
  if (!Number.isInteger(localHour) || localHour < 0 || localHour > 23) {
    throw new RangeError(`local hour must be an integer 0–23, got ${localHour}`);
  }
  if (localHour < 7 || localHour >= 22) return 0.6;
  if (localHour < 9) return 0.9;
  if (localHour < 12) return 0.8;
  if (localHour < 14) return 1.05;
  if (localHour < 18) return 0.9;
  return 1.35;
}

/** The dispositions `channel` can produce in this model (and the API accepts for it). */
export function possibleDispositions(channel: Channel): readonly Disposition[] {
  switch (channel) {
    case 'CALL':
      return DISPOSITIONS.filter((d) => d !== 'MESSAGE_SENT' && d !== 'MESSAGE_REPLIED');
    case 'WHATSAPP':
      return ['MESSAGE_SENT', 'MESSAGE_REPLIED', 'PROMISE_TO_PAY', 'WRONG_NUMBER'];
    case 'SMS':
      return ['MESSAGE_SENT', 'MESSAGE_REPLIED', 'WRONG_NUMBER'];
    case 'EMAIL':
      return ['MESSAGE_SENT', 'MESSAGE_REPLIED'];
  }
}

function emptyTable(): Record<Disposition, number> {
  return Object.fromEntries(DISPOSITIONS.map((d) => [d, 0])) as Record<Disposition, number>;
}

function callTable(bucket: AgingBucket, localHour: number): Record<Disposition, number> {
  const table = emptyTable();
  const reached = Math.min(0.85, CALL_CONTACT_RATE[bucket] * hourFactor(localHour));
  const unanswered = 1 - reached;
  const wrong = WRONG_NUMBER_SHARE[bucket];
  // What is left of the unanswered calls after wrong numbers: mostly rings out, some busy, some voicemail.
  table.WRONG_NUMBER = unanswered * wrong;
  table.NO_ANSWER = unanswered * (1 - wrong) * 0.62;
  table.BUSY = unanswered * (1 - wrong) * 0.15;
  table.VOICEMAIL = unanswered * (1 - wrong) * 0.23;

  table.THIRD_PARTY = reached * THIRD_PARTY_SHARE;
  const rpc = reached * (1 - THIRD_PARTY_SHARE);
  const promise = PROMISE_SHARE[bucket];
  const alreadyPaid = ALREADY_PAID_SHARE[bucket];
  const dispute = DISPUTE_SHARE[bucket];
  table.PROMISE_TO_PAY = rpc * promise;
  table.ALREADY_PAID = rpc * alreadyPaid;
  table.DISPUTE = rpc * dispute;
  table.CALLBACK_REQUESTED = rpc * CALLBACK_SHARE;
  table.REFUSED_TO_PAY = rpc * (1 - promise - alreadyPaid - dispute - CALLBACK_SHARE);
  return table;
}

function messageTable(bucket: AgingBucket, localHour: number, channel: Channel): Record<Disposition, number> {
  const table = emptyTable();
  const bounce = channel === 'EMAIL' ? 0 : MESSAGE_BOUNCE_SHARE;
  const delivered = 1 - bounce;
  const replied = delivered * Math.min(0.8, MESSAGE_REPLY_RATE[bucket] * hourFactor(localHour));
  const chatPromise = channel === 'WHATSAPP' ? replied * CHAT_PROMISE_SHARE * (PROMISE_SHARE[bucket] / 0.45) : 0;
  table.WRONG_NUMBER = bounce;
  table.PROMISE_TO_PAY = chatPromise;
  table.MESSAGE_REPLIED = replied - chatPromise;
  table.MESSAGE_SENT = delivered - replied;
  return table;
}

/** The probability of every disposition for one attempt; sums to 1. */
export function dispositionTable(context: AttemptContext): DispositionTable {
  return context.channel === 'CALL'
    ? callTable(context.bucket, context.localHour)
    : messageTable(context.bucket, context.localHour, context.channel);
}
