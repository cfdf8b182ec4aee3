/**
 * KPI arithmetic, exactly as the KPI table in docs/design.md defines it. The live engine keeps {@link KpiCounts}
 * per scope (live-kpis.ts); a recomputation from stored facts must produce the same counts, and the rates are
 * always derived from counts, never stored.
 */

/**
 * A ratio, or null when the denominator is 0 (docs/design.md: "A rate with a zero denominator is null (shown
 * as '—'), never 0 and never NaN"). Counts must be finite and non-negative; anything else is a bug and
 * throws `RangeError`.
 */
export function rate(numerator: number, denominator: number): number | null {
  assertCount(numerator);
  assertCount(denominator);
  return denominator === 0 ? null : numerator / denominator;
}

function assertCount(value: number): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`A KPI count must be finite and >= 0, got ${value}`);
}

/** The additive counters behind the rate KPIs, for one scope and time window. */
export interface KpiCounts {
  /** Interactions started in the window. */
  attempts: number;
  /** Attempts that reached a person (see `CONTACT_DISPOSITIONS`). */
  contacts: number;
  /** Contacts with the debtor: contacts minus `THIRD_PARTY`. */
  rightPartyContacts: number;
  /** `PROMISE_TO_PAY` interactions in the window. */
  promises: number;
  /** Promises whose due date fell in the window and that were kept. */
  promisesKept: number;
  /** Promises whose due date fell in the window and that were broken outright (nothing paid). */
  promisesBroken: number;
  /** Promises whose due date fell in the window and that were partially kept (reported on their own). */
  promisesPartiallyKept: number;
}

/** The rate KPIs; each is null when its denominator is 0. */
export interface KpiRates {
  /** contacts / attempts */
  contactRate: number | null;
  /** RPC / attempts */
  rpcRate: number | null;
  /** promises / RPC */
  promiseRate: number | null;
  /** kept / (kept + broken + partially kept) */
  promisesKeptRate: number | null;
}

/**
 * The rate KPIs of docs/design.md.
 *
 * Promises kept rate: docs/design.md divides kept promises by *resolved* promises and says "a partially kept
 * promise counts as broken here and is reported on its own". So `promisesBroken` holds only the outright
 * broken ones, `promisesPartiallyKept` the partial ones, and both sit in the denominator:
 * kept / (kept + broken + partiallyKept). Pending promises are in neither.
 */
export function kpiRates(counts: KpiCounts): KpiRates {
  const resolvedPromises = counts.promisesKept + counts.promisesBroken + counts.promisesPartiallyKept;
  return {
    contactRate: rate(counts.contacts, counts.attempts),
    rpcRate: rate(counts.rightPartyContacts, counts.attempts),
    promiseRate: rate(counts.promises, counts.rightPartyContacts),
    promisesKeptRate: rate(counts.promisesKept, resolvedPromises),
  };
}

/** Decimal places kept by {@link recoveryRate}; more than any display needs, far below float noise. */
const RECOVERY_RATE_SCALE = 1_000_000_000n;

/**
 * Recovery rate of a bucket: amount collected / outstanding balance at the start of the business day
 * (docs/design.md), both in minor units of one currency. The only float in the money path, and only as a
 * ratio: the division is done in bigint, rounded half away from zero to 9 decimals, then converted.
 * Null when the balance is 0 or negative (nothing to recover). May exceed 1 (payments larger than the
 * opening balance, e.g. fees) and may be negative (reversals); it is not clamped.
 */
export function recoveryRate(collectedMinor: bigint, balanceMinor: bigint): number | null {
  if (balanceMinor <= 0n) return null;
  const scaled = collectedMinor * RECOVERY_RATE_SCALE;
  let quotient = scaled / balanceMinor; // truncates toward zero
  const remainder = scaled % balanceMinor;
  const twiceRemainder = remainder < 0n ? -2n * remainder : 2n * remainder;
  if (twiceRemainder >= balanceMinor) quotient += scaled < 0n ? -1n : 1n;
  return Number(quotient) / Number(RECOVERY_RATE_SCALE);
}
