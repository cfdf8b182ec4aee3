import type { EntityManager } from '@mikro-orm/postgresql';
import {
  AGING_BUCKETS,
  CONTACT_DISPOSITIONS,
  dueDateRangeForBucket,
  kpiWindowBounds,
  startOfLocalDay,
  type AgingBucket,
  type IsoDate,
  type KpiWindowName,
} from '@recupera/shared';
import { runSql } from '../../core/database/sql.ts';

/** A KPI scope with at most one field set per dimension (all null: the whole operation). */
export interface ScopeIds {
  campaignId: string | null;
  queueId: string | null;
  agentId: string | null;
  agencyId: string | null;
}

/** The additive facts of one scope and window, straight from the tables. */
export interface KpiFacts {
  attempts: number;
  contacts: number;
  rightPartyContacts: number;
  promises: number;
  promisesKept: number;
  promisesBroken: number;
  promisesPartiallyKept: number;
  /** Decimal strings per currency. */
  amountPromised: Map<string, string>;
  amountCollected: Map<string, string>;
  /** Per bucket (at the start of the business day) and currency: collected in the window and balance at day start. */
  recovery: { bucket: AgingBucket; currency: string; collected: string; outstandingAtStart: string }[];
}

/** `and <column> = ?` for each scope field, on facts that carry their own attribution columns. */
function attribution(scope: ScopeIds, alias: string, agentColumn: string | null): { sql: string; params: string[] } {
  const parts: string[] = [];
  const params: string[] = [];
  const add = (column: string, value: string | null) => {
    if (value === null) return;
    parts.push(`and ${alias}.${column} = ?`);
    params.push(value);
  };
  add('campaign_id', scope.campaignId);
  add('queue_id', scope.queueId);
  add('agency_id', scope.agencyId);
  if (scope.agentId !== null) {
    // A fact with no agent column (none) cannot belong to an agent's scope.
    parts.push(agentColumn ? `and ${alias}.${agentColumn} = ?` : 'and false');
    if (agentColumn) params.push(scope.agentId);
  }
  return { sql: parts.join(' '), params };
}

/** The bucket an account was in at the start of `businessDate`, as SQL over its due date. */
function bucketCase(businessDate: IsoDate, column: string): { sql: string; params: string[] } {
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

/**
 * Recomputes the KPI facts of a scope and window with SQL aggregates over interactions, promises and
 * payments — the definitions of docs/design.md, the window bounds of `kpiWindowBounds`. The source of truth the
 * live figures must equal (and what the live engine rebuilds from).
 */
export async function computeKpiFacts(
  em: EntityManager,
  scope: ScopeIds,
  window: KpiWindowName,
  now: Date,
  timeZone: string,
): Promise<KpiFacts> {
  const bounds = kpiWindowBounds(window, now, timeZone);
  const contactList = CONTACT_DISPOSITIONS.map((d) => `'${d}'`).join(', ');
  const rpcList = CONTACT_DISPOSITIONS.filter((d) => d !== 'THIRD_PARTY')
    .map((d) => `'${d}'`)
    .join(', ');

  const onInteraction = attribution(scope, 'i', 'agent_id');
  const [counts] = await runSql<{ attempts: number; contacts: number; rpc: number; promises: number }>(
    em,
    `select count(*)::int as attempts,
            count(*) filter (where i.disposition in (${contactList}))::int as contacts,
            count(*) filter (where i.disposition in (${rpcList}))::int as rpc,
            count(*) filter (where i.disposition = 'PROMISE_TO_PAY')::int as promises
       from interaction i
      where i.started_at >= ? and i.started_at <= ? ${onInteraction.sql}`,
    [bounds.from, bounds.to, ...onInteraction.params],
  );

  const onPromise = attribution(scope, 'p', 'agent_id');
  const promised = await runSql<{ currency: string; total: string }>(
    em,
    `select p.currency, sum(p.amount)::text as total from promise_to_pay p
      where p.created_at >= ? and p.created_at <= ? ${onPromise.sql} group by p.currency`,
    [bounds.from, bounds.to, ...onPromise.params],
  );
  const outcomes = await runSql<{ status: string; n: number }>(
    em,
    `select p.status, count(*)::int as n from promise_to_pay p
      where p.due_date >= ?::date and p.due_date <= ?::date and p.status in ('KEPT', 'BROKEN', 'PARTIALLY_KEPT')
        ${onPromise.sql} group by p.status`,
    [bounds.fromDate, bounds.toDate, ...onPromise.params],
  );

  const onPayment = attribution(scope, 'pay', 'agent_id');
  const collected = await runSql<{ currency: string; total: string }>(
    em,
    `select pay.currency, sum(pay.amount)::text as total from payment pay
      where pay.paid_at >= ? and pay.paid_at <= ? ${onPayment.sql} group by pay.currency`,
    [bounds.from, bounds.to, ...onPayment.params],
  );

  const recovery = await computeRecovery(em, scope, bounds, now, timeZone);
  const outcome = (status: string) => outcomes.find((row) => row.status === status)?.n ?? 0;
  return {
    attempts: counts?.attempts ?? 0,
    contacts: counts?.contacts ?? 0,
    rightPartyContacts: counts?.rpc ?? 0,
    promises: counts?.promises ?? 0,
    promisesKept: outcome('KEPT'),
    promisesBroken: outcome('BROKEN'),
    promisesPartiallyKept: outcome('PARTIALLY_KEPT'),
    amountPromised: new Map(promised.map((row) => [row.currency, row.total])),
    amountCollected: new Map(collected.map((row) => [row.currency, row.total])),
    recovery,
  };
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
  scope: ScopeIds,
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

/**
 * Recovery by bucket: the payments of the window attributed to the scope (like amount collected), on accounts
 * that existed when the business day began, by the bucket the account was in then; over the outstanding balance
 * of the scope's accounts at that moment.
 */
async function computeRecovery(
  em: EntityManager,
  scope: ScopeIds,
  bounds: { from: Date; to: Date },
  now: Date,
  timeZone: string,
): Promise<KpiFacts['recovery']> {
  if (scope.agentId !== null) return [];
  const today = kpiWindowBounds('TODAY', now, timeZone).toDate;
  const dayStart = startOfLocalDay(today, timeZone);
  const outstanding = await computeOutstandingAtStart(em, scope, today, timeZone);
  const bucket = bucketCase(today, 'a.due_date');
  const onPayment = attribution(scope, 'pay', 'agent_id');
  const collected = await runSql<{ bucket: AgingBucket; currency: string; collected: string }>(
    em,
    `select ${bucket.sql} as bucket, pay.currency, sum(pay.amount)::text as collected
       from payment pay join account a on a.id = pay.account_id
      where pay.paid_at >= ? and pay.paid_at <= ? and a.created_at < ? ${onPayment.sql}
      group by 1, 2`,
    [...bucket.params, bounds.from, bounds.to, dayStart, ...onPayment.params],
  );
  const rows = new Map<string, KpiFacts['recovery'][number]>();
  const row = (bucketName: AgingBucket, currency: string) => {
    const key = `${bucketName}|${currency}`;
    let found = rows.get(key);
    if (!found) {
      found = { bucket: bucketName, currency, collected: '0', outstandingAtStart: '0' };
      rows.set(key, found);
    }
    return found;
  };
  for (const item of outstanding) row(item.bucket, item.currency).outstandingAtStart = item.outstanding;
  for (const item of collected) row(item.bucket, item.currency).collected = item.collected;
  // Sums of numeric(19,4) come back as "0.0000": a bucket with nothing owed and nothing collected is left out.
  return [...rows.values()].filter((item) => !isZeroDecimal(item.outstandingAtStart) || !isZeroDecimal(item.collected));
}

/** "0", "0.0000", "-0.00": a decimal string that is zero. */
function isZeroDecimal(text: string): boolean {
  return /^-?0*(\.0*)?$/.test(text);
}
