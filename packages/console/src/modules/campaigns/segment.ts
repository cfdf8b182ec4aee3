import { formatAmount, parseAmount } from '@recupera/shared';
import type { AccountFilter } from '../../api/generated/graphql.ts';
import { BUCKETS, type AgingBucket } from '../floor/floor-api.ts';

/** What the segment builder's fields hold: text as typed, so a half-typed number is not lost. */
export interface SegmentDraft {
  buckets: AgingBucket[];
  minDaysPastDue: string;
  maxDaysPastDue: string;
  minBalance: string;
  maxBalance: string;
  agencyId: string;
}

/** The subset of the API's `AccountFilter` the builder produces, named and typed as in the schema. */
export type SegmentFilter = {
  [K in 'buckets' | 'minDaysPastDue' | 'maxDaysPastDue' | 'minBalance' | 'maxBalance' | 'agencyId']?: NonNullable<
    AccountFilter[K]
  >;
};

export type SegmentField = 'minDaysPastDue' | 'maxDaysPastDue' | 'minBalance' | 'maxBalance';
export type SegmentProblem = 'invalid' | 'range';

export type SegmentResult =
  { ok: true; filter: SegmentFilter } | { ok: false; errors: Partial<Record<SegmentField, SegmentProblem>> };

export function emptySegment(): SegmentDraft {
  return { buckets: [], minDaysPastDue: '', maxDaysPastDue: '', minBalance: '', maxBalance: '', agencyId: '' };
}

function parseDays(text: string): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/^\d{1,5}$/.test(trimmed)) return 'invalid';
  return Number(trimmed);
}

function parseBalance(text: string, currency: string): bigint | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  try {
    return parseAmount(trimmed, currency);
  } catch {
    return 'invalid';
  }
}

/**
 * Maps the builder's fields to an `AccountFilter`: empty fields are left out (no constraint), balances
 * are sent as canonical decimal strings of the operation currency, and a minimum above its maximum is
 * refused here rather than sent as a filter that matches nothing.
 */
export function toAccountFilter(draft: SegmentDraft, currency: string): SegmentResult {
  const errors: Partial<Record<SegmentField, SegmentProblem>> = {};
  const filter: SegmentFilter = {};

  if (draft.buckets.length > 0) filter.buckets = BUCKETS.filter((b) => draft.buckets.includes(b));

  const minDays = parseDays(draft.minDaysPastDue);
  const maxDays = parseDays(draft.maxDaysPastDue);
  if (minDays === 'invalid') errors.minDaysPastDue = 'invalid';
  else if (minDays !== null) filter.minDaysPastDue = minDays;
  if (maxDays === 'invalid') errors.maxDaysPastDue = 'invalid';
  else if (maxDays !== null) filter.maxDaysPastDue = maxDays;
  if (typeof minDays === 'number' && typeof maxDays === 'number' && minDays > maxDays) errors.maxDaysPastDue = 'range';

  const minBalance = parseBalance(draft.minBalance, currency);
  const maxBalance = parseBalance(draft.maxBalance, currency);
  if (minBalance === 'invalid') errors.minBalance = 'invalid';
  else if (minBalance !== null) filter.minBalance = formatAmount(minBalance, currency);
  if (maxBalance === 'invalid') errors.maxBalance = 'invalid';
  else if (maxBalance !== null) filter.maxBalance = formatAmount(maxBalance, currency);
  if (typeof minBalance === 'bigint' && typeof maxBalance === 'bigint' && minBalance > maxBalance) {
    errors.maxBalance = 'range';
  }

  if (draft.agencyId) filter.agencyId = draft.agencyId;

  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, filter };
}
