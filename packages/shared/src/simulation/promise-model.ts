/**
 * What a simulated debtor promises and what they then do. Amounts are exact minor units (bigint), never
 * floats: a promise is the whole balance or a round share of it, and a partial payment a share of the promise.
 */
import type { AgingBucket } from '../buckets.ts';
import { addDays, type IsoDate } from '../dates.ts';
import { currencyExponent } from '../money.ts';
import type { SimulationRandom } from './random.ts';

/** What the payer does about the promise: pays it all, pays part of it, or pays nothing. */
export const PAYER_BEHAVIOURS = ['KEEPS', 'PAYS_PART', 'BREAKS'] as const;

/** One of {@link PAYER_BEHAVIOURS}. */
export type PayerBehaviour = (typeof PAYER_BEHAVIOURS)[number];

/** How likely each behaviour is by bucket: a young debtor who promises mostly pays. Each row sums to 1. */
export const PAYER_BEHAVIOUR_TABLE: Readonly<Record<AgingBucket, Readonly<Record<PayerBehaviour, number>>>> = {
  CURRENT: { KEEPS: 0.72, PAYS_PART: 0.1, BREAKS: 0.18 },
  D1_30: { KEEPS: 0.64, PAYS_PART: 0.12, BREAKS: 0.24 },
  D31_60: { KEEPS: 0.52, PAYS_PART: 0.14, BREAKS: 0.34 },
  D61_90: { KEEPS: 0.42, PAYS_PART: 0.15, BREAKS: 0.43 },
  D91_120: { KEEPS: 0.33, PAYS_PART: 0.15, BREAKS: 0.52 },
  D121_PLUS: { KEEPS: 0.25, PAYS_PART: 0.15, BREAKS: 0.6 },
};

/** Chance that the promise is the whole balance rather than a share of it (a first instalment). */
export const FULL_BALANCE_SHARE: Readonly<Record<AgingBucket, number>> = {
  CURRENT: 0.6,
  D1_30: 0.55,
  D31_60: 0.42,
  D61_90: 0.32,
  D91_120: 0.25,
  D121_PLUS: 0.2,
};

/** [min, mode, max] days until the promised date: young debt promises for the next payday, old debt later. */
const DUE_IN_DAYS: Readonly<Record<AgingBucket, readonly [number, number, number]>> = {
  CURRENT: [1, 4, 15],
  D1_30: [1, 5, 20],
  D31_60: [1, 7, 30],
  D61_90: [2, 10, 40],
  D91_120: [2, 12, 50],
  D121_PLUS: [3, 15, 60],
};

/** Share of payers who pay within hours of the call instead of by the promised date. */
const PAYS_AT_ONCE_SHARE = 0.35;

/** What the account looks like when the promise is made. */
export interface PromiseContext {
  bucket: AgingBucket;
  /** Outstanding balance in minor units (> 0). */
  balanceMinor: bigint;
  currency: string;
  /** The debtor's local date today. */
  today: IsoDate;
  /** Furthest the API accepts a promise, in days after the debtor's today (`PROMISE_MAX_DAYS`). */
  promiseMaxDays: number;
}

/** A payment the debtor will make against the promise. */
export interface PlannedPayment {
  amountMinor: bigint;
  /** Seconds after the promise was made; never later than the promised date. */
  afterSeconds: number;
}

export interface PromisePlan {
  amountMinor: bigint;
  dueDate: IsoDate;
  dueInDays: number;
  behaviour: PayerBehaviour;
  /** Null when the promise is broken. */
  payment: PlannedPayment | null;
}

/** `share` percent of `minor`, rounded down to whole currency units when that leaves something. */
function shareOf(minor: bigint, percent: number, unit: bigint): bigint {
  const exact = (minor * BigInt(percent)) / 100n;
  const whole = (exact / unit) * unit;
  if (whole > 0n) return whole;
  return exact > 0n ? exact : 1n;
}

/** The promised amount: the whole balance, or 20–70 % of it in whole currency units. Never above the balance. */
export function promiseAmount(random: SimulationRandom, context: PromiseContext): bigint {
  if (context.balanceMinor <= 0n) throw new RangeError('a promise needs a positive balance');
  const unit = 10n ** BigInt(currencyExponent(context.currency));
  if (context.balanceMinor <= 2n * unit || random.chance(FULL_BALANCE_SHARE[context.bucket])) {
    return context.balanceMinor;
  }
  return shareOf(context.balanceMinor, random.int(20, 70), unit);
}

/** Days until the promised date, within 1 … `promiseMaxDays` (a date the API accepts). */
export function promiseDueInDays(random: SimulationRandom, context: PromiseContext): number {
  const max = Math.max(1, context.promiseMaxDays);
  const [low, mode, high] = DUE_IN_DAYS[context.bucket];
  const days = Math.round(random.triangular(low, mode, high));
  return Math.min(max, Math.max(1, days));
}

/** When a paying debtor pays: within hours, or on some day up to the promised date. */
export function paymentDelaySeconds(random: SimulationRandom, dueInDays: number): number {
  if (dueInDays <= 0 || random.chance(PAYS_AT_ONCE_SHARE))
    return Math.round(random.triangular(900, 2 * 3_600, 8 * 3_600));
  // A day from tomorrow to the promised date, at some hour of it.
  const day = random.int(1, dueInDays);
  return (day - 1) * 86_400 + Math.round(random.triangular(3_600, 12 * 3_600, 86_400));
}

/** The whole promise: amount, date, and what the debtor then does. */
export function planPromise(random: SimulationRandom, context: PromiseContext): PromisePlan {
  const amountMinor = promiseAmount(random, context);
  const dueInDays = promiseDueInDays(random, context);
  const behaviour = random.pick(PAYER_BEHAVIOUR_TABLE[context.bucket]);
  let payment: PlannedPayment | null = null;
  if (behaviour !== 'BREAKS') {
    const paid =
      behaviour === 'KEEPS' || amountMinor < 2n
        ? amountMinor
        : shareOf(amountMinor, random.int(20, 80), 10n ** BigInt(currencyExponent(context.currency)));
    payment = {
      amountMinor: behaviour === 'PAYS_PART' && paid >= amountMinor ? amountMinor - 1n : paid,
      afterSeconds: paymentDelaySeconds(random, dueInDays),
    };
    if (payment.amountMinor <= 0n) payment = null;
  }
  return { amountMinor, dueDate: addDays(context.today, dueInDays), dueInDays, behaviour, payment };
}
