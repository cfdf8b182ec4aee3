import type { EntityManager } from '@mikro-orm/postgresql';
import {
  AGING_BUCKETS,
  dueDateRangeForBucket,
  startOfLocalDay,
  storedToMinor,
  type AgingBucket,
  type Attribution,
  type IsoDate,
} from '@recupera/shared';
import { systemEm, type Orm } from '../../../core/database/orm.ts';
import { runSql } from '../../../core/database/sql.ts';

/** Recovery of one bucket and currency, in minor units. */
export interface RecoveryFigure {
  bucket: (typeof AGING_BUCKETS)[number];
  currency: string;
  collectedMinor: bigint;
  outstandingMinor: bigint;
}

/**
 * The outstanding balances at the start of the business day, per scope: read once per scope and day with SQL, and
 * again only after `clear()` (a change of membership or placement). Payments leave them unchanged.
 */
export class OutstandingBalances {
  private readonly byScope = new Map<string, Promise<RecoveryFigure[]>>();

  constructor(private readonly orm: Orm) {}

  forScope(scope: Attribution, key: string, businessDate: IsoDate, timeZone: string): Promise<RecoveryFigure[]> {
    const cacheKey = `${businessDate}#${key}`;
    let rows = this.byScope.get(cacheKey);
    if (!rows) {
      rows = computeOutstandingAtStart(systemEm(this.orm), scope, businessDate, timeZone).then((found) =>
        found.map((row) => ({
          bucket: row.bucket,
          currency: row.currency,
          collectedMinor: 0n,
          outstandingMinor: storedToMinor(row.outstanding, row.currency),
        })),
      );
      const pending = rows;
      pending.catch(() => {
        if (this.byScope.get(cacheKey) === pending) this.byScope.delete(cacheKey);
      });
      this.byScope.set(cacheKey, rows);
    }
    return rows;
  }

  clear(): void {
    this.byScope.clear();
  }
}

/** Recovery rows of a scope: its outstanding balances with what the window collected, by bucket and currency. */
export function recoveryRows(outstanding: RecoveryFigure[], recovered: Map<string, bigint>): RecoveryFigure[] {
  const rows = new Map<string, RecoveryFigure>();
  for (const row of outstanding) rows.set(`${row.bucket}|${row.currency}`, { ...row });
  for (const [name, collected] of recovered) {
    const [bucket, currency] = name.split('|') as [RecoveryFigure['bucket'], string];
    const row = rows.get(name) ?? { bucket, currency, collectedMinor: 0n, outstandingMinor: 0n };
    row.collectedMinor += collected;
    rows.set(name, row);
  }
  return [...rows.values()]
    .filter((row) => row.collectedMinor !== 0n || row.outstandingMinor !== 0n)
    .sort(
      (a, b) =>
        AGING_BUCKETS.indexOf(a.bucket) - AGING_BUCKETS.indexOf(b.bucket) || a.currency.localeCompare(b.currency),
    );
}

/** The bucket an account was in at the start of `businessDate`, as SQL over its due date. */
export function bucketCase(businessDate: IsoDate, column: string): { sql: string; params: string[] } {
  const params: string[] = [];
  const whens = AGING_BUCKETS.map((bucket) => {
    const range = dueDateRangeForBucket(bucket, businessDate);
    const conditions: string[] = [];
    if (range.from) {
      conditions.push(`${column} >= ?::date`);
      params.push(range.from);
    }
    if (range.to) {
      conditions.push(`${column} <= ?::date`);
      params.push(range.to);
    }
    return `when ${conditions.join(' and ') || 'true'} then '${bucket}'`;
  });
  return { sql: `case ${whens.join(' ')} end`, params };
}

/** Outstanding balance at the start of the business day per bucket and currency, in minor-unit decimals. */
export interface OutstandingRow {
  bucket: AgingBucket;
  currency: string;
  outstanding: string;
}

/**
 * The denominator of recovery by bucket: the accounts of the scope as the business day began, in the bucket
 * they were in then, with their balance then (today's balance plus what today's payments took off it). An
 * account is in a campaign or queue scope while it is a member — or, once a payment posted today and attributed
 * to it paid the account off and took it out, still for the rest of the day; in an agency scope while placed
 * there. An agent has no portfolio of its own. Payments leave this figure unchanged (they move money from the
 * balance to "applied today"); only changes of membership or placement move it.
 */
export async function computeOutstandingAtStart(
  em: EntityManager,
  scope: Attribution,
  businessDate: IsoDate,
  timeZone: string,
): Promise<OutstandingRow[]> {
  if (scope.agentId !== null) return [];
  const dayStart = startOfLocalDay(businessDate, timeZone);
  const bucket = bucketCase(businessDate, 'a.due_date');
  const accountScope: string[] = [];
  const accountParams: unknown[] = [];
  const inQueue = (column: 'campaign_id' | 'queue_id', id: string) => {
    accountScope.push(
      `and (exists (select 1 from queue_membership m where m.account_id = a.id and m.${column} = ?)
            or exists (select 1 from payment p where p.account_id = a.id and p.${column} = ? and p.created_at >= ?))`,
    );
    accountParams.push(id, id, dayStart);
  };
  if (scope.campaignId) inQueue('campaign_id', scope.campaignId);
  if (scope.queueId) inQueue('queue_id', scope.queueId);
  if (scope.agencyId) {
    accountScope.push('and a.agency_id = ?');
    accountParams.push(scope.agencyId);
  }
  return runSql<OutstandingRow>(
    em,
    `select ${bucket.sql} as bucket, a.currency,
            sum(a.balance + coalesce(today_pay.applied, 0))::text as outstanding
       from account a
       left join (select account_id, sum(applied_amount) as applied from payment
                   where created_at >= ? group by account_id) as today_pay on today_pay.account_id = a.id
      where a.created_at < ? and a.status <> 'WRITTEN_OFF' ${accountScope.join(' ')}
      group by 1, 2`,
    [...bucket.params, dayStart, dayStart, ...accountParams],
  );
}
