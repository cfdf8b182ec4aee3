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
 * payments — the definitions of DESIGN.md, the window bounds of `kpiWindowBounds`. The source of truth the
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

/**
 * Recovery by bucket: collected in the window on accounts that were in the bucket at the start of the
 * business day, over their outstanding balance at that moment (today's balance plus what today's payments
 * took off it). Accounts are in scope by their queue membership (campaign, queue) — also when a payoff today
 * removed it — or placement (agency);
 * an agent has no portfolio of its own, so its scope has no recovery figures.
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
  const bucket = bucketCase(today, 'a.due_date');
  const accountScope: string[] = [];
  const accountParams: unknown[] = [];
  // In the campaign or queue now, or until a payment posted today (attributed to it) paid the account off: a
  // payoff takes the account out of its queue, but it was in the campaign when the day began.
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
  const rows = await runSql<{ bucket: AgingBucket; currency: string; outstanding: string; collected: string }>(
    em,
    `select ${bucket.sql} as bucket, a.currency,
            sum(a.balance + coalesce(today_pay.applied, 0))::text as outstanding,
            coalesce(sum(window_pay.amount), 0)::text as collected
       from account a
       left join (select account_id, sum(applied_amount) as applied from payment
                   where created_at >= ? group by account_id) as today_pay on today_pay.account_id = a.id
       left join (select account_id, sum(amount) as amount from payment
                   where paid_at >= ? and paid_at <= ? group by account_id) as window_pay on window_pay.account_id = a.id
      where a.created_at < ? and a.status <> 'WRITTEN_OFF' ${accountScope.join(' ')}
      group by 1, 2`,
    [...bucket.params, dayStart, bounds.from, bounds.to, dayStart, ...accountParams],
  );
  // Sums of numeric(19,4) come back as "0.0000": a bucket with nothing owed and nothing collected is left out.
  return rows
    .filter((row) => !isZeroDecimal(row.outstanding) || !isZeroDecimal(row.collected))
    .map((row) => ({
      bucket: row.bucket,
      currency: row.currency,
      collected: row.collected,
      outstandingAtStart: row.outstanding,
    }));
}

/** "0", "0.0000", "-0.00": a decimal string that is zero. */
function isZeroDecimal(text: string): boolean {
  return /^-?0*(\.0*)?$/.test(text);
}
