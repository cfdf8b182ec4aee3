/**
 * The load benchmark's naive baseline (bench/live-kpis.bench.ts): KPIs recomputed with SQL aggregates over the
 * stored facts on every pushed update, as an API without the live engine would. Never part of the API itself: the
 * bench's API entry (naive-api.ts) hands `sqlPushedKpis` to createApp.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  CONTACT_DISPOSITIONS,
  kpiWindowBounds,
  scopeKey,
  startOfLocalDay,
  storedToMinor,
  type AgingBucket,
  type Attribution,
  type KpiWindowName,
} from '@recupera/shared';
import type { Clock } from '../../src/core/clock.ts';
import { systemEm, type Orm } from '../../src/core/database/orm.ts';
import { runSql } from '../../src/core/database/sql.ts';
import { buildKpis } from '../../src/modules/kpi/kpi-reader.ts';
import type { Kpis } from '../../src/modules/kpi/kpi.types.ts';
import { bucketCase, computeOutstandingAtStart } from '../../src/modules/kpi/live/recovery-figures.ts';

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
function attribution(scope: Attribution, alias: string, agentColumn: string | null): { sql: string; params: string[] } {
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

/**
 * Recomputes the KPI facts of a scope and window with SQL aggregates over interactions, promises and
 * payments — the definitions of docs/design.md, the window bounds of `kpiWindowBounds`. The source of truth the
 * live figures must equal (and what the live engine rebuilds from).
 */
export async function computeKpiFacts(
  em: EntityManager,
  scope: Attribution,
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
 * Recovery by bucket: the payments of the window attributed to the scope (like amount collected), on accounts
 * that existed when the business day began, by the bucket the account was in then; over the outstanding balance
 * of the scope's accounts at that moment.
 */
async function computeRecovery(
  em: EntityManager,
  scope: Attribution,
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

/** The facts as `Kpis`, through the API's own builder (the comparison is about where figures come from). */
function kpisFromFacts(facts: KpiFacts, asOf: Date, operationCurrency: string): Kpis {
  const minor = (totals: Map<string, string>) =>
    new Map([...totals].map(([currency, total]) => [currency, storedToMinor(total, currency)]));
  return buildKpis(
    {
      ...facts,
      handleSeconds: 0,
      promised: minor(facts.amountPromised),
      collected: minor(facts.amountCollected),
      recovered: new Map(),
    },
    facts.recovery.map((row) => ({
      bucket: row.bucket,
      currency: row.currency,
      collectedMinor: storedToMinor(row.collected, row.currency),
      outstandingMinor: storedToMinor(row.outstandingAtStart, row.currency),
    })),
    asOf,
    operationCurrency,
  );
}

/**
 * The naive way to feed live subscriptions: every pushed update and every snapshot recomputes the scope's KPIs
 * with SQL aggregates over the stored facts.
 *
 * Per scope and window at most one computation runs at a time, and every request that arrived while it ran is
 * answered by the next one, which starts after them — so each answer still includes everything committed before
 * it was asked for, while a thousand subscribers of one scope cost one query round, not a thousand.
 */
export function sqlPushedKpis(
  orm: Orm,
  clock: Clock,
  operationCurrency: string,
): (scope: Attribution, window: KpiWindowName) => Promise<Kpis> {
  const running = new Map<string, Promise<unknown>>();
  const queued = new Map<string, Promise<Kpis>>();
  const computeNow = async (scope: Attribution, window: KpiWindowName): Promise<Kpis> => {
    const now = clock.now();
    const facts = await computeKpiFacts(systemEm(orm), scope, window, now, clock.timeZone);
    return kpisFromFacts(facts, now, operationCurrency);
  };
  return (scope, window) => {
    const key = `${scopeKey(scope)}#${window}`;
    const waiting = queued.get(key);
    if (waiting) return waiting;
    const before = running.get(key) ?? Promise.resolve();
    const next = before
      .catch(() => undefined)
      .then(() => {
        queued.delete(key);
        return computeNow(scope, window);
      });
    queued.set(key, next);
    const settled = next.catch(() => undefined);
    running.set(key, settled);
    void settled.then(() => {
      if (running.get(key) === settled) running.delete(key);
    });
    return next;
  };
}
