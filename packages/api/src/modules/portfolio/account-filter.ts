import { raw, type FilterQuery } from '@mikro-orm/core';
import {
  AGING_BUCKETS,
  diffDays,
  dueDateRangeForBucket,
  dueDateRangeForDaysPastDue,
  mergeDueDateRanges,
  type AgingBucket as AgingBucketName,
  type IsoDate,
  ACCOUNT_STATUSES,
  type AccountStatus as AccountStatusName,
  OLDEST_DATE,
} from '@recupera/shared';
import { Field, ID, InputType, Int } from 'type-graphql';
import { badInput } from '../../core/errors.ts';
import { AccountStatus, AgingBucket } from '../../core/graphql/enums.ts';
import type { Account } from './account.entity.ts';
import { isUuid } from '../../core/ids.ts';

/** The plain shape of an `AccountFilter`, as stored with campaigns and queues. */
export interface AccountFilterData {
  buckets?: AgingBucketName[] | null;
  statuses?: AccountStatusName[] | null;
  agencyId?: string | null;
  campaignId?: string | null;
  queueId?: string | null;
  minDaysPastDue?: number | null;
  maxDaysPastDue?: number | null;
  minBalance?: string | null;
  maxBalance?: string | null;
  search?: string | null;
}

@InputType('AccountFilter')
export class AccountFilterInput implements AccountFilterData {
  @Field(() => [AgingBucket], { nullable: true })
  buckets?: AgingBucketName[] | null;

  @Field(() => [AccountStatus], { nullable: true })
  statuses?: AccountStatusName[] | null;

  @Field(() => ID, { nullable: true })
  agencyId?: string | null;

  @Field(() => ID, { nullable: true })
  campaignId?: string | null;

  @Field(() => ID, { nullable: true })
  queueId?: string | null;

  @Field(() => Int, { nullable: true })
  minDaysPastDue?: number | null;

  @Field(() => Int, { nullable: true })
  maxDaysPastDue?: number | null;

  @Field(() => String, { nullable: true })
  minBalance?: string | null;

  @Field(() => String, { nullable: true })
  maxBalance?: string | null;

  @Field(() => String, { nullable: true, description: "Matches the debtor's name or document id." })
  search?: string | null;
}

const DECIMAL = /^-?\d{1,15}(\.\d{1,4})?$/;

/** The account has a queue membership with this campaign or queue (a semi-join on the unique account_id). */
function inQueueMembership(column: 'campaign_id' | 'queue_id', id: string): FilterQuery<Account> {
  const exists = raw(
    (alias) =>
      `exists (select 1 from "queue_membership" as "qm" where "qm"."account_id" = ${alias}."id" and "qm"."${column}" = ?)`,
    [id],
  );
  return { [exists]: true } as FilterQuery<Account>;
}

/** Escapes LIKE wildcards so a search for "50%" means the characters, not a pattern. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

function dueDateCondition(range: { from: IsoDate | null; to: IsoDate | null }): FilterQuery<Account> {
  const condition: Record<string, string> = {};
  if (range.from) condition.$gte = range.from;
  if (range.to) condition.$lte = range.to;
  return Object.keys(condition).length > 0 ? { dueDate: condition } : {};
}

/**
 * Whether the filter bounds the due date to one range and asks nothing beyond the account's own row (no debtor
 * search, no queue place): then every match is in the due-date covering indexes, which a page may probe first.
 */
export function boundsDueDateOnly(filter: AccountFilterData | null | undefined, businessDate: IsoDate): boolean {
  if (!filter || filter.search?.trim() || filter.campaignId || filter.queueId) return false;
  const byDays = filter.minDaysPastDue != null || filter.maxDaysPastDue != null;
  if (!filter.buckets?.length) return byDays;
  const known = filter.buckets.filter((bucket) => AGING_BUCKETS.includes(bucket));
  return mergeDueDateRanges(known.map((bucket) => dueDateRangeForBucket(bucket, businessDate))).length === 1;
}

/**
 * Translates an `AccountFilter` into a MikroORM condition of indexed predicates. Buckets and days past due
 * become due-date ranges for the given business date (the bucket is not stored, so it is never stale).
 * Invalid values are BAD_USER_INPUT naming `<fieldPrefix>.<field>`.
 */
export function accountWhere(
  filter: AccountFilterData | null | undefined,
  businessDate: IsoDate,
  fieldPrefix = 'filter',
): FilterQuery<Account> {
  if (!filter) return {};
  const parts: FilterQuery<Account>[] = [];
  const field = (name: string) => `${fieldPrefix}.${name}`;

  // An empty list filters nothing, as a segment builder with no box ticked means "any".
  if (filter.buckets?.length) {
    for (const bucket of filter.buckets) {
      if (!AGING_BUCKETS.includes(bucket)) throw badInput(field('buckets'), `unknown bucket ${bucket}`);
    }
    const ranges = mergeDueDateRanges(filter.buckets.map((bucket) => dueDateRangeForBucket(bucket, businessDate)));
    parts.push(ranges.length === 1 ? dueDateCondition(ranges[0]!) : { $or: ranges.map(dueDateCondition) });
  }
  if (filter.statuses?.length) {
    for (const status of filter.statuses) {
      if (!ACCOUNT_STATUSES.includes(status)) throw badInput(field('statuses'), `unknown status ${status}`);
    }
    parts.push({ status: { $in: filter.statuses } });
  }
  for (const key of ['agencyId', 'campaignId', 'queueId'] as const) {
    const id = filter[key];
    if (id !== null && id !== undefined && !isUuid(id)) throw badInput(field(key), 'is not a valid id');
  }
  if (filter.agencyId) parts.push({ agency: filter.agencyId });
  if (filter.campaignId) parts.push(inQueueMembership('campaign_id', filter.campaignId));
  if (filter.queueId) parts.push(inQueueMembership('queue_id', filter.queueId));

  const { minDaysPastDue: minDpd, maxDaysPastDue: maxDpd } = filter;
  if ((minDpd ?? 0) < 0) throw badInput(field('minDaysPastDue'), 'must be 0 or more');
  if ((maxDpd ?? 0) < 0) throw badInput(field('maxDaysPastDue'), 'must be 0 or more');
  if (minDpd != null && maxDpd != null && minDpd > maxDpd) {
    throw badInput(field('minDaysPastDue'), 'must not exceed maxDaysPastDue');
  }
  if (minDpd != null || maxDpd != null) {
    // No due date is older than 0001-01-01, so a bound beyond it changes nothing; translating it as it is would
    // run the date arithmetic off the calendar (an internal error for a valid Int such as 2147483647).
    const oldest = diffDays(businessDate, OLDEST_DATE);
    if (minDpd != null && minDpd > oldest) {
      parts.push({ id: null }); // nothing is that old
    } else {
      const max = maxDpd != null && maxDpd <= oldest ? maxDpd : null;
      parts.push(dueDateCondition(dueDateRangeForDaysPastDue(minDpd ?? null, max, businessDate)));
    }
  }

  for (const [key, operator] of [
    ['minBalance', '$gte'],
    ['maxBalance', '$lte'],
  ] as const) {
    const value = filter[key];
    if (value === null || value === undefined) continue;
    if (!DECIMAL.test(value)) throw badInput(field(key), 'must be a decimal string such as "1500.00"');
    parts.push({ balance: { [operator]: value } });
  }

  const search = filter.search?.trim();
  if (search) {
    if (search.length > 100) throw badInput(field('search'), 'must be at most 100 characters');
    parts.push({
      debtor: { $or: [{ name: { $ilike: `%${likeLiteral(search)}%` } }, { documentId: search }] },
    });
  }
  return parts.length === 0 ? {} : parts.length === 1 ? parts[0]! : { $and: parts };
}
