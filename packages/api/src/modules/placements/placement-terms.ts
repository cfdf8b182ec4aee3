import {
  CommissionRateError,
  formatCommissionRate,
  MAX_RECALL_AFTER_DAYS,
  parseCommissionRate,
  recallDateFor,
  type IsoDate,
} from '@recupera/shared';
import { badInput } from '../../core/errors.ts';

/** The terms a placement is made on, checked. */
export interface PlacementTerms {
  recallDate: IsoDate | null;
  /** Canonical decimal text, e.g. "0.15". */
  commissionRate: string;
}

/**
 * Without a commission the placement earns none ("0"): a rate is an agreement, never guessed. Without a recall
 * period it is open-ended (recalled by hand or returned).
 */
export const DEFAULT_COMMISSION_RATE = '0';

export function checkPlacementTerms(
  input: { recallAfterDays?: number | null; commissionRate?: string | null },
  placedOn: IsoDate,
): PlacementTerms {
  const days = input.recallAfterDays ?? null;
  if (days !== null && (!Number.isInteger(days) || days < 1 || days > MAX_RECALL_AFTER_DAYS)) {
    throw badInput('recallAfterDays', `must be a whole number of days from 1 to ${MAX_RECALL_AFTER_DAYS}`);
  }
  let rate: bigint;
  try {
    rate = parseCommissionRate(input.commissionRate ?? DEFAULT_COMMISSION_RATE);
  } catch (error) {
    if (error instanceof CommissionRateError) throw badInput('commissionRate', error.message);
    throw error;
  }
  return { recallDate: recallDateFor(placedOn, days), commissionRate: formatCommissionRate(rate) };
}
