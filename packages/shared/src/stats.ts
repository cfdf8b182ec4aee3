/**
 * Statistics of champion / challenger comparisons (docs/analytics.md): confidence intervals for a proportion and
 * for the difference of two independent proportions, and the sample size that tells two proportions apart.
 *
 * The normal quantiles come from stdlib's `@stdlib/stats-base-dists-normal-quantile` (accurate to double precision;
 * the rational approximations some libraries ship are off in the third decimal, enough to move a published limit).
 */
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/** A two-sided interval. */
export interface Interval {
  low: number;
  high: number;
}

/** The standard normal quantile: the z with P(Z ≤ z) = `p`. */
export function zQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`zQuantile: p must be in (0, 1), got ${p}`);
  return normalQuantile(p, 0, 1);
}

/** The two-sided critical value of a `confidence` level: 1.959964… for 0.95. */
export function twoSidedZ(confidence: number): number {
  return zQuantile(1 - (1 - confidence) / 2);
}

function checkCounts(successes: number, trials: number): void {
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || successes < 0 || trials < 0 || successes > trials) {
    throw new RangeError(`expected whole counts with 0 ≤ successes ≤ trials, got ${successes}/${trials}`);
  }
}

/**
 * Wilson's score interval for a proportion `successes / trials` (Wilson 1927; method 3 of Newcombe 1998,
 * "Two-sided confidence intervals for the single proportion"). Unlike the textbook Wald interval it stays inside
 * [0, 1] and behaves at 0 and n successes. Null with no trials.
 */
export function wilsonInterval(successes: number, trials: number, confidence = 0.95): Interval | null {
  checkCounts(successes, trials);
  if (trials === 0) return null;
  const z = twoSidedZ(confidence);
  const z2 = z * z;
  const denominator = trials + z2;
  const centre = (successes + z2 / 2) / denominator;
  const half = (z * Math.sqrt((successes * (trials - successes)) / trials + z2 / 4)) / denominator;
  // The exact ends are 0 and 1 at 0 and n successes; floating point could leave a hair outside.
  return {
    low: successes === 0 ? 0 : Math.max(0, centre - half),
    high: successes === trials ? 1 : Math.min(1, centre + half),
  };
}

/** A proportion as counts. */
export interface Proportion {
  successes: number;
  trials: number;
}

/** The difference `a − b` of two proportions with its interval. */
export interface ProportionDifference {
  difference: number;
  low: number;
  high: number;
  /** The interval excludes 0. */
  significant: boolean;
}

/**
 * The difference of two independent proportions `a − b` with Newcombe's hybrid score interval (Newcombe 1998,
 * "Interval estimation for the difference between independent proportions", method 10): the square-and-add
 * combination of each proportion's Wilson interval. Its coverage stays close to nominal for small samples and
 * proportions near 0 or 1, where the Wald interval fails. Null when either proportion has no trials.
 */
export function newcombeDifference(a: Proportion, b: Proportion, confidence = 0.95): ProportionDifference | null {
  const intervalA = wilsonInterval(a.successes, a.trials, confidence);
  const intervalB = wilsonInterval(b.successes, b.trials, confidence);
  if (!intervalA || !intervalB) return null;
  const pA = a.successes / a.trials;
  const pB = b.successes / b.trials;
  const difference = pA - pB;
  const low = difference - Math.sqrt((pA - intervalA.low) ** 2 + (intervalB.high - pB) ** 2);
  const high = difference + Math.sqrt((intervalA.high - pA) ** 2 + (pB - intervalB.low) ** 2);
  return { difference, low, high, significant: low > 0 || high < 0 };
}

/**
 * Trials needed in each of two equal groups for a two-sided test of `p1` against `p2` at level `alpha` to detect
 * their difference with probability `power` — the normal-approximation formula without continuity correction
 * (Fleiss, Levin & Paik, "Statistical Methods for Rates and Proportions", 3rd ed., eq. 4.14):
 * n = [z(1−α/2)·√(2·p̄·q̄) + z(power)·√(p1·q1 + p2·q2)]² / (p1 − p2)², rounded up.
 * Null when the proportions are equal (no sample tells them apart) or outside [0, 1].
 */
export function sampleSizePerGroup(
  p1: number,
  p2: number,
  options: { alpha?: number; power?: number } = {},
): number | null {
  const alpha = options.alpha ?? 0.05;
  const power = options.power ?? 0.8;
  if (!(p1 >= 0 && p1 <= 1 && p2 >= 0 && p2 <= 1) || p1 === p2) return null;
  const zAlpha = zQuantile(1 - alpha / 2);
  const zBeta = zQuantile(power);
  const mean = (p1 + p2) / 2;
  const root = zAlpha * Math.sqrt(2 * mean * (1 - mean)) + zBeta * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  // A hair of tolerance so a value that is whole up to rounding error is not pushed to the next integer.
  return Math.ceil((root * root) / (p1 - p2) ** 2 - 1e-9);
}
