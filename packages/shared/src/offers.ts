/**
 * What may be offered to a debtor (docs/design.md: "each profile gets its own treatment: … an instalment plan, a
 * settlement offer"): the agent's case view lists these so nobody improvises a discount on the phone.
 *
 * Every number comes from {@link OFFER_RULES}, a table an operation can replace (the functions take the table
 * as a parameter). Money is exact: amounts are `bigint` minor units, discounts are basis points, and the
 * balance thresholds are whole major units scaled by the currency's exponent. The default bands are sized for
 * the operation's currency (PEN); a currency of a very different value (CLP, COP, JPY) wants a table of its own.
 */
import { bucketForDaysPastDue, type AgingBucket } from './buckets.ts';
import { addDays, type IsoDate } from './dates.ts';
import { currencyExponent, formatAmount } from './money.ts';

export const OFFER_KINDS = ['PAY_IN_FULL', 'SETTLEMENT', 'INSTALMENT_PLAN'] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];

/** A rule row keyed by a minimum: the row used is the last one whose minimum the value reaches. */
interface BandRow {
  /** Whole major units of the account's currency (balance bands) or a count (broken promises). */
  min: number;
}

export interface BalanceBand extends BandRow {
  /** Longest plan a balance from `min` up may be spread over; below 2 there is no plan. */
  maxInstalments: number;
}

export interface BrokenPromiseBand extends BandRow {
  /** Share of the bucket's discount still granted, in basis points (10 000 = all of it, 0 = no settlement). */
  discountShareBps: number;
  maxInstalments: number;
}

export interface BucketOfferRule {
  /** One-off settlement discount, in basis points of the balance (2 000 = 20 %). */
  discountBps: number;
  maxInstalments: number;
}

export interface OfferRules {
  /** Days from the business date the debtor has to accept (and pay, or pay the first instalment). */
  validityDays: Readonly<Record<OfferKind, number>>;
  byBucket: Readonly<Record<AgingBucket, BucketOfferRule>>;
  /** Ascending by `min` (major units); the first row must start at 0. */
  balanceBands: readonly BalanceBand[];
  /** Ascending by `min`, keyed by broken promises not offset by kept ones; the first row must start at 0. */
  brokenPromises: readonly BrokenPromiseBand[];
  /** Longest plan for a debtor who has never paid nor kept a promise. */
  maxInstalmentsWithoutTrackRecord: number;
  /** No instalment is smaller than this many major units: the plan gets fewer instalments instead. */
  minInstalmentMajor: number;
  /** A settlement never asks less than this share of the balance (basis points) nor this many major units. */
  settlementFloor: { minShareBps: number; minMajor: number };
}

/**
 * The default rules. Discounts grow with age because old debt is rarely recovered in full (docs/design.md:
 * young debt is the cheap one, so it gets no discount at all); a debtor who broke promises gets half the
 * discount after one and none after two, and shorter plans; long plans are for debtors with a track record.
 */
export const OFFER_RULES: OfferRules = {
  validityDays: { PAY_IN_FULL: 30, SETTLEMENT: 10, INSTALMENT_PLAN: 15 },
  byBucket: {
    CURRENT: { discountBps: 0, maxInstalments: 3 },
    D1_30: { discountBps: 0, maxInstalments: 6 },
    D31_60: { discountBps: 500, maxInstalments: 6 },
    D61_90: { discountBps: 1_000, maxInstalments: 9 },
    D91_120: { discountBps: 2_000, maxInstalments: 12 },
    D121_PLUS: { discountBps: 3_000, maxInstalments: 12 },
  },
  balanceBands: [
    { min: 0, maxInstalments: 1 },
    { min: 100, maxInstalments: 3 },
    { min: 500, maxInstalments: 6 },
    { min: 2_000, maxInstalments: 9 },
    { min: 5_000, maxInstalments: 12 },
  ],
  brokenPromises: [
    { min: 0, discountShareBps: 10_000, maxInstalments: 12 },
    { min: 1, discountShareBps: 5_000, maxInstalments: 6 },
    { min: 2, discountShareBps: 0, maxInstalments: 3 },
  ],
  maxInstalmentsWithoutTrackRecord: 6,
  minInstalmentMajor: 50,
  settlementFloor: { minShareBps: 6_000, minMajor: 50 },
};

/** The facts offers depend on: the account's running figures and the business date. */
export interface OfferInput {
  /** Outstanding balance in minor units of `currency`. */
  balanceMinor: bigint;
  currency: string;
  daysPastDue: number;
  promisesKept: number;
  promisesBroken: number;
  paymentCount: number;
  /** A disputed debt is not collected until the dispute is resolved: nothing is offered. */
  disputed?: boolean;
  businessDate: IsoDate;
}

export interface Offer {
  kind: OfferKind;
  currency: string;
  /** The outstanding balance the offer settles. */
  balanceMinor: bigint;
  /** What the debtor pays in total. */
  amountMinor: bigint;
  /** Balance forgiven (settlements only; 0 otherwise). */
  discountMinor: bigint;
  /** `discountMinor / balance`, rounded to 4 decimals, for display only; null when nothing is forgiven. */
  discountRate: number | null;
  /** 1 for a one-off payment. */
  instalments: number;
  /** Every payment in order; the first carries the rounding remainder, so they sum to `amountMinor` exactly. */
  scheduleMinor: bigint[];
  /** The instalment paid from the second one on; null for a one-off payment. */
  instalmentAmountMinor: bigint | null;
  /** Last day to accept the offer and make its (first) payment. */
  validUntil: IsoDate;
  /** Stable key for translations, e.g. `offer.settlement`. */
  descriptionKey: string;
  /** The offer in one English sentence, with its amounts (a console words it from the fields above instead). */
  description: string;
}

/** The offers allowed today: always paying in full, then a settlement and a plan when the rules grant them. */
export function allowedOffers(input: OfferInput, rules: OfferRules = OFFER_RULES): Offer[] {
  if (input.balanceMinor <= 0n || input.disputed) return [];
  const offers = [payInFull(input, rules)];
  const settlement = settlementOffer(input, rules);
  if (settlement) offers.push(settlement);
  const plan = instalmentPlanOffer(input, rules);
  if (plan) offers.push(plan);
  return offers;
}

/**
 * Splits `amountMinor` into `count` instalments of whole minor units: every one equal, except the first,
 * which also carries the remainder, so the sum is `amountMinor` to the unit.
 */
export function splitInstalments(amountMinor: bigint, count: number): bigint[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`Instalment count must be a positive integer`);
  if (amountMinor < 0n) throw new RangeError('Cannot split a negative amount');
  const regular = amountMinor / BigInt(count);
  const first = amountMinor - regular * BigInt(count - 1);
  return [first, ...Array.from({ length: count - 1 }, () => regular)];
}

/** The row of an ascending band table whose minimum `value` reaches. */
function bandFor<T extends BandRow>(bands: readonly T[], value: bigint | number, scale: bigint = 1n): T {
  const scaled = BigInt(value);
  const found = bands.findLast((band) => BigInt(band.min) * scale <= scaled);
  if (!found) throw new RangeError(`The rule table has no band for ${value}; its first row must start at 0`);
  return found;
}

function majorToMinor(major: number, currency: string): bigint {
  return BigInt(major) * 10n ** BigInt(currencyExponent(currency));
}

function money(minor: bigint, currency: string): string {
  return `${formatAmount(minor, currency)} ${currency}`;
}

/** Broken promises count less for a debtor who kept others: each kept promise offsets one broken. */
function brokenBand(input: OfferInput, rules: OfferRules): BrokenPromiseBand {
  return bandFor(rules.brokenPromises, Math.max(0, input.promisesBroken - input.promisesKept));
}

function payInFull(input: OfferInput, rules: OfferRules): Offer {
  const validUntil = addDays(input.businessDate, rules.validityDays.PAY_IN_FULL);
  return {
    kind: 'PAY_IN_FULL',
    currency: input.currency,
    balanceMinor: input.balanceMinor,
    amountMinor: input.balanceMinor,
    discountMinor: 0n,
    discountRate: null,
    instalments: 1,
    scheduleMinor: [input.balanceMinor],
    instalmentAmountMinor: null,
    validUntil,
    descriptionKey: 'offer.payInFull',
    description: `Pay the full balance of ${money(input.balanceMinor, input.currency)} by ${validUntil}.`,
  };
}

function settlementOffer(input: OfferInput, rules: OfferRules): Offer | null {
  const { balanceMinor: balance, currency } = input;
  const bucketBps = rules.byBucket[bucketForDaysPastDue(input.daysPastDue)].discountBps;
  const grantedBps = BigInt(bucketBps) * BigInt(brokenBand(input, rules).discountShareBps);
  // Dividing once, at the end, truncates the discount: any rounding favours the creditor.
  const asked = balance - (balance * grantedBps) / 100_000_000n;
  const shareFloor = ceilDiv(balance * BigInt(rules.settlementFloor.minShareBps), 10_000n);
  const floor = max(shareFloor, majorToMinor(rules.settlementFloor.minMajor, currency));
  const amount = max(asked, floor);
  if (amount >= balance) return null;

  const discount = balance - amount;
  const validUntil = addDays(input.businessDate, rules.validityDays.SETTLEMENT);
  return {
    kind: 'SETTLEMENT',
    currency,
    balanceMinor: balance,
    amountMinor: amount,
    discountMinor: discount,
    discountRate: Number(((discount * 20_000n) / balance + 1n) / 2n) / 10_000,
    instalments: 1,
    scheduleMinor: [amount],
    instalmentAmountMinor: null,
    validUntil,
    descriptionKey: 'offer.settlement',
    description:
      `Settle the balance of ${money(balance, currency)} with one payment of ${money(amount, currency)} ` +
      `(${money(discount, currency)} off) by ${validUntil}.`,
  };
}

function instalmentPlanOffer(input: OfferInput, rules: OfferRules): Offer | null {
  const { balanceMinor: balance, currency } = input;
  const minInstalment = majorToMinor(rules.minInstalmentMajor, currency);
  const hasTrackRecord = input.paymentCount > 0 || input.promisesKept > 0;
  const caps = [
    rules.byBucket[bucketForDaysPastDue(input.daysPastDue)].maxInstalments,
    bandFor(rules.balanceBands, balance, 10n ** BigInt(currencyExponent(currency))).maxInstalments,
    brokenBand(input, rules).maxInstalments,
    hasTrackRecord ? Number.MAX_SAFE_INTEGER : rules.maxInstalmentsWithoutTrackRecord,
    // Fewer instalments rather than any below the minimum (clamped first, so Number() is exact).
    minInstalment > 0n ? Number(min(balance / minInstalment, 1_000n)) : Number.MAX_SAFE_INTEGER,
  ];
  const count = Math.min(...caps);
  if (count < 2) return null;

  const schedule = splitInstalments(balance, count);
  const [first = 0n, regular = 0n] = schedule;
  const validUntil = addDays(input.businessDate, rules.validityDays.INSTALMENT_PLAN);
  const parts =
    first === regular
      ? `${count} monthly instalments of ${money(regular, currency)}`
      : `${count} monthly instalments: ${money(first, currency)} first, then ${count - 1} × ${money(regular, currency)}`;
  return {
    kind: 'INSTALMENT_PLAN',
    currency,
    balanceMinor: balance,
    amountMinor: balance,
    discountMinor: 0n,
    discountRate: null,
    instalments: count,
    scheduleMinor: schedule,
    instalmentAmountMinor: regular,
    validUntil,
    descriptionKey: 'offer.instalmentPlan',
    description: `${parts} (${money(balance, currency)} in total), the first by ${validUntil}.`,
  };
}

function ceilDiv(numerator: bigint, denominator: bigint): bigint {
  return (numerator + denominator - 1n) / denominator;
}

function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
