import { addDays, AGING_BUCKETS, BUCKET_DPD_BOUNDS, bucketOf, type AgingBucket, type IsoDate } from '@recupera/shared';
import { systemEm, type Orm } from '../../core/database/orm.ts';
import { recordEvent } from '../../core/events/record-event.ts';

/** Accounts that still age: open, with a balance to collect. Paid and written-off ones are out of the roll. */
export const AGING_STATUSES = ['ACTIVE', 'PROMISED', 'DISPUTED'] as const;

export interface BucketCrossing {
  /** The due date whose accounts cross a boundary on the business date. */
  dueDate: IsoDate;
  from: AgingBucket;
  to: AgingBucket;
}

/**
 * The due dates whose accounts change bucket between the day before `businessDate` and `businessDate`:
 * one per bucket's first DPD (1, 31, 61, 91, 121), each labelled with the shared `bucketOf` on both days.
 */
export function bucketCrossings(businessDate: IsoDate): BucketCrossing[] {
  const yesterday = addDays(businessDate, -1);
  return AGING_BUCKETS.map((bucket) => addDays(businessDate, -BUCKET_DPD_BOUNDS[bucket].min))
    .map((dueDate) => ({ dueDate, from: bucketOf(dueDate, yesterday), to: bucketOf(dueDate, businessDate) }))
    .filter((crossing) => crossing.from !== crossing.to);
}

export interface AgingRollSummary {
  businessDate: IsoDate;
  transitions: { from: AgingBucket; to: AgingBucket; accounts: number }[];
}

/**
 * Writes a BucketTransition for every open account whose bucket changed at the start of `businessDate`, in one
 * set-based statement: an equality on five due dates (the due-date index) instead of a pass over the portfolio.
 * Idempotent: the unique (account, business date) makes a second run of the same day insert nothing.
 */
export async function rollAging(orm: Orm, businessDate: IsoDate): Promise<AgingRollSummary> {
  const crossings = bucketCrossings(businessDate);
  const values = crossings.map(() => '(?::date, ?, ?)').join(', ');
  const params = crossings.flatMap((crossing) => [crossing.dueDate, crossing.from, crossing.to]);
  const statuses = AGING_STATUSES.map(() => '?').join(', ');
  return systemEm(orm).transactional(async (tx) => {
    const rows = await tx.execute<{ from_bucket: AgingBucket; to_bucket: AgingBucket; accounts: string }[]>(
      `with inserted as (
         insert into bucket_transition (id, account_id, business_date, from_bucket, to_bucket, balance, currency)
         select gen_random_uuid(), a.id, ?::date, c.from_bucket, c.to_bucket, a.balance, a.currency
           from (values ${values}) as c(due_date, from_bucket, to_bucket)
           join account a on a.due_date = c.due_date
          where a.status in (${statuses})
         on conflict (account_id, business_date) do nothing
         returning from_bucket, to_bucket)
       select from_bucket, to_bucket, count(*)::text as accounts from inserted group by from_bucket, to_bucket`,
      [businessDate, ...params, ...AGING_STATUSES],
    );
    const summary: AgingRollSummary = {
      businessDate,
      transitions: rows
        .map((row) => ({ from: row.from_bucket, to: row.to_bucket, accounts: Number(row.accounts) }))
        .sort((a, b) => AGING_BUCKETS.indexOf(a.from) - AGING_BUCKETS.indexOf(b.from)),
    };
    // Only a roll that wrote something is a fact worth an event; a re-run of the day is not.
    if (summary.transitions.length > 0) {
      recordEvent(tx, {
        type: 'AgingRolled',
        aggregateId: businessDate,
        actor: 'system',
        payload: { transitions: summary.transitions },
      });
    }
    return summary;
  });
}
