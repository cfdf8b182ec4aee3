/**
 * Propensity to pay: an explainable score in [0, 1] that orders work queues by expected recovery
 * (balance × score). Every point of the score comes from a named factor a supervisor can read, so "why is
 * this account first?" always has an answer. The weights are a starting model for a contact centre that has
 * no history yet; they follow the usual collections findings: recovery odds fall with every bucket, a recent
 * payer pays again, broken promises and refusals predict more of the same, and calling a debtor who was
 * just reached only adds pressure.
 */
import type { AgingBucket } from './buckets.ts';

/** What the score is computed from: facts kept on the account, plus "now". */
export interface PropensityInput {
  bucket: AgingBucket;
  /** Days since the last attempt of any kind; null if never attempted. */
  daysSinceLastAttempt: number | null;
  /** Days since the debtor was last reached (right-party contact); null if never. */
  daysSinceLastRightPartyContact: number | null;
  /** Days since the last payment; null if none. */
  daysSinceLastPayment: number | null;
  promisesKept: number;
  promisesBroken: number;
  refusals: number;
  /** False when every phone and e-mail of the debtor is known to be wrong. */
  hasValidContactPoint: boolean;
}

/** Every factor code the score can name, in the order it lists them (a client words each one). */
export const PROPENSITY_FACTORS = [
  'BUCKET',
  'RECENT_PAYMENT',
  'PROMISES_KEPT',
  'PROMISES_BROKEN',
  'REFUSALS',
  'JUST_REACHED',
  'NEVER_ATTEMPTED',
  'RESTED',
  'NO_VALID_CONTACT',
] as const;

/** One of {@link PROPENSITY_FACTORS}. */
export type PropensityFactorCode = (typeof PROPENSITY_FACTORS)[number];

/** The facts a factor's sentence is made of, so a reader's own language can word it (docs/api.md). */
export interface PropensityFactorParams {
  /** BUCKET: the aging bucket whose base odds apply. */
  bucket?: AgingBucket;
  /** RECENT_PAYMENT, JUST_REACHED, RESTED: days since the payment, the contact or the last attempt. */
  days?: number;
  /** PROMISES_KEPT, PROMISES_BROKEN, REFUSALS: how many. */
  count?: number;
}

/** One named contribution to the score, as shown to a supervisor. */
export interface PropensityFactor {
  /** The factor's code: with `params`, what a console words. */
  factor: PropensityFactorCode;
  /** Added to the score (negative lowers it), before the final clamp. */
  effect: number;
  /** The factor in one English sentence, for logs and clients that do not word codes. */
  detail: string;
  params: PropensityFactorParams;
}

export interface Propensity {
  score: number;
  factors: PropensityFactor[];
}

/** Base odds of recovering a debt by its age: young debt is the cheapest to recover. */
export const BUCKET_BASE_SCORE: Readonly<Record<AgingBucket, number>> = {
  CURRENT: 0.8,
  D1_30: 0.6,
  D31_60: 0.42,
  D61_90: 0.3,
  D91_120: 0.2,
  D121_PLUS: 0.1,
};

const MIN_SCORE = 0.01;
const MAX_SCORE = 0.99;

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** The score and the factors that make it up, largest effect first after the base. */
export function propensityScore(input: PropensityInput): Propensity {
  const factors: PropensityFactor[] = [
    {
      factor: 'BUCKET',
      effect: BUCKET_BASE_SCORE[input.bucket],
      detail: `base odds for ${input.bucket}`,
      params: { bucket: input.bucket },
    },
  ];
  const add = (factor: PropensityFactorCode, effect: number, detail: string, params: PropensityFactorParams = {}) => {
    if (effect !== 0) factors.push({ factor, effect: round4(effect), detail, params });
  };

  if (input.daysSinceLastPayment !== null && input.daysSinceLastPayment <= 90) {
    const days = input.daysSinceLastPayment;
    add('RECENT_PAYMENT', 0.12, `paid ${days} days ago`, { days });
  }
  if (input.promisesKept > 0) {
    const count = input.promisesKept;
    add('PROMISES_KEPT', Math.min(0.15, 0.05 * count), `${count} promise(s) kept`, { count });
  }
  if (input.promisesBroken > 0) {
    const count = input.promisesBroken;
    add('PROMISES_BROKEN', -Math.min(0.3, 0.1 * count), `${count} promise(s) broken`, { count });
  }
  if (input.refusals > 0) {
    const count = input.refusals;
    add('REFUSALS', -Math.min(0.2, 0.07 * count), `refused to pay ${count} time(s)`, { count });
  }
  if (input.daysSinceLastRightPartyContact !== null && input.daysSinceLastRightPartyContact <= 2) {
    const days = input.daysSinceLastRightPartyContact;
    add('JUST_REACHED', -0.1, `reached ${days} day(s) ago: give them time`, { days });
  } else if (input.daysSinceLastAttempt === null) {
    add('NEVER_ATTEMPTED', 0.05, 'never contacted: first contact is the strongest lever');
  } else if (input.daysSinceLastAttempt >= 7) {
    const days = input.daysSinceLastAttempt;
    add('RESTED', 0.03, `no attempt for ${days} days`, { days });
  }
  if (!input.hasValidContactPoint) {
    add('NO_VALID_CONTACT', -0.25, 'every known phone and e-mail is marked wrong');
  }

  const raw = factors.reduce((sum, factor) => sum + factor.effect, 0);
  return { score: round4(Math.min(MAX_SCORE, Math.max(MIN_SCORE, raw))), factors };
}

/** Balance × score in minor units, rounded down: what working the account is expected to bring in. */
export function expectedRecoveryMinor(balanceMinor: bigint, score: number): bigint {
  if (balanceMinor <= 0n) return 0n;
  return (balanceMinor * BigInt(Math.round(score * 10_000))) / 10_000n;
}
