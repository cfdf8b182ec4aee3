/**
 * Partner-agency placements (docs/agencies.md): the lifecycle vocabulary, the commission rate as an exact decimal
 * fraction, and the commission a payment earns. Pure: no I/O, no clock.
 */
import type { IsoDate } from './dates.ts';
import { addDays } from './dates.ts';

/** ACTIVE while the agency works the account; RECALLED (by a manager, a replacement or the recall date) or RETURNED. */
export const PLACEMENT_STATUSES = ['ACTIVE', 'RECALLED', 'RETURNED'] as const;
export type PlacementStatus = (typeof PLACEMENT_STATUSES)[number];

/** The coded reasons an agency hands an account back for (docs/agencies.md, "Return"). */
export const RETURN_REASONS = ['PAID_IN_FULL', 'DECEASED', 'BANKRUPT', 'DISPUTE', 'CANNOT_LOCATE', 'OTHER'] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

/** Why a placement was recalled: by a manager, by a placement with another agency, or at its recall date. */
export const RECALL_REASONS = ['MANAGER_RECALL', 'REPLACED', 'RECALL_DATE_REACHED'] as const;
export type RecallReason = (typeof RECALL_REASONS)[number];

export type PlacementEndReason = RecallReason | ReturnReason;

/** A placement period longer than this (10 years) is a typing mistake, not a placement. */
export const MAX_RECALL_AFTER_DAYS = 3_650;

/** Commission rates have at most this many decimals (basis points of a percent: 0.0001). */
export const COMMISSION_RATE_DECIMALS = 4;
const RATE_SCALE = 10n ** BigInt(COMMISSION_RATE_DECIMALS);

/** Why a commission rate was refused. */
export class CommissionRateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommissionRateError';
  }
}

/**
 * A commission rate as ten-thousandths (e.g. "0.15" → 1500n): a decimal fraction from 0 (included) to 1
 * (excluded) with at most four decimals. Never rounds: "0.12345" is refused, not taken as 0.1235.
 */
export function parseCommissionRate(text: string): bigint {
  const match = /^(0|1)?(?:\.(\d{1,4}))?$/.exec(text.trim());
  if (!match || text.trim() === '' || text.trim() === '.') {
    throw new CommissionRateError('must be a decimal fraction such as "0.15", with at most 4 decimals');
  }
  const whole = BigInt(match[1] ?? '0');
  const fraction = BigInt((match[2] ?? '').padEnd(COMMISSION_RATE_DECIMALS, '0'));
  const rate = whole * RATE_SCALE + fraction;
  if (rate >= RATE_SCALE) throw new CommissionRateError('must be less than 1');
  return rate;
}

/** The canonical text of a rate in ten-thousandths: "0.15", "0", "0.0825" (no trailing zeros). */
export function formatCommissionRate(tenThousandths: bigint): string {
  if (tenThousandths === 0n) return '0';
  const digits = tenThousandths.toString().padStart(COMMISSION_RATE_DECIMALS, '0');
  return `0.${digits.replace(/0+$/, '')}`;
}

/** A rate as PostgreSQL hands back `numeric(5,4)` ("0.1500") → ten-thousandths. */
export function storedRateToTenThousandths(stored: string): bigint {
  return parseCommissionRate(stored);
}

/**
 * The commission earned on one payment, in the payment's minor units: amount × rate, rounded half away from zero
 * to the minor unit, per payment (docs/agencies.md, "Commission"). Symmetric, so the commission of a reversal
 * line (a negative amount) is exactly minus the commission of the payment it reverses.
 */
export function commissionMinor(amountMinor: bigint, rateTenThousandths: bigint): bigint {
  const product = amountMinor * rateTenThousandths;
  const negative = product < 0n;
  const magnitude = negative ? -product : product;
  const rounded = (magnitude + RATE_SCALE / 2n) / RATE_SCALE;
  return negative ? -rounded : rounded;
}

/** The business date a placement made on `placedOn` comes back, `days` later; null days: open-ended. */
export function recallDateFor(placedOn: IsoDate, days: number | null): IsoDate | null {
  return days === null ? null : addDays(placedOn, days);
}

/**
 * Balance bands the agency comparison groups accounts by, in whole units of the operation's currency (lower bound
 * included, upper bound excluded, null: no bound).
 */
export const BALANCE_BANDS = [
  { name: 'UNDER_500', min: null, max: 500 },
  { name: 'FROM_500_TO_2000', min: 500, max: 2_000 },
  { name: 'FROM_2000_TO_10000', min: 2_000, max: 10_000 },
  { name: 'FROM_10000', min: 10_000, max: null },
] as const satisfies readonly { name: string; min: number | null; max: number | null }[];
export type BalanceBandName = (typeof BALANCE_BANDS)[number]['name'];

/** The band of a balance in whole units of its currency. */
export function balanceBandOf(balance: number): BalanceBandName {
  const band = BALANCE_BANDS.find(
    (candidate) =>
      (candidate.min === null || balance >= candidate.min) && (candidate.max === null || balance < candidate.max),
  );
  return band!.name;
}
