import { IsolationLevel } from '@mikro-orm/core';
import {
  AgentTimeline,
  bucketOf,
  isDisposition,
  KpiLedger,
  type Attribution,
  type IsoDate,
  type PromiseOutcome,
  storedToMinor,
} from '@recupera/shared';
import { systemEm, type Orm } from '../../../core/database/orm.ts';
import { runSql } from '../../../core/database/sql.ts';
import { LEDGER_EVENT_TYPES } from './event-facts.ts';

/** How far back from the newest event a rebuild looks for events that may still be on their way. */
const RECENT_EVENTS = 500_000;

/** The ledger as the database holds it at one instant, and the events it already counts. */
export interface LoadedLedger {
  ledger: KpiLedger;
  timelines: Map<string, AgentTimeline>;
  /** Ids of recent events whose facts are in the ledger: if the bus delivers them later they are skipped. */
  counted: string[];
  /** The newest event in the snapshot: everything committed up to it is counted. */
  newestEventId: string;
}

interface AttributionRow {
  campaign_id: string | null;
  queue_id: string | null;
  agent_id: string | null;
  agency_id: string | null;
}

const attributionOf = (row: AttributionRow): Attribution => ({
  campaignId: row.campaign_id,
  queueId: row.queue_id,
  agentId: row.agent_id,
  agencyId: row.agency_id,
});

/**
 * The instant of a fact as the ledger keys it: its whole minute when it is not later than `now` (as the window
 * sums count it), its exact instant otherwise (it waits in the ledger until its time comes).
 */
const instant = (column: string) =>
  `case when ${column} <= ? then floor(extract(epoch from ${column}) / 60) * 60000
        else floor(extract(epoch from ${column}) * 1000) end::bigint::text`;

/**
 * Rebuilds the ledger from the stored facts since `from`, in one repeatable-read snapshot: grouped per minute and
 * attribution, so the cost is the number of distinct (minute, scope) pairs, not of facts. Promise outcomes are
 * read by due date from `fromDate`; agents' status periods that were still open at `from`.
 */
export async function loadLedger(
  orm: Orm,
  options: { now: Date; from: Date; fromDate: IsoDate; businessDate: IsoDate; dayStart: Date; timeZone: string },
): Promise<LoadedLedger> {
  const { now, from, fromDate, businessDate, dayStart, timeZone } = options;
  const ledger = new KpiLedger(businessDate, timeZone);
  const nowMs = now.getTime();
  const em = systemEm(orm);
  return em.transactional(
    async (tx) => {
      const interactions = await runSql<
        AttributionRow & { at: string; disposition: string; n: number; seconds: string }
      >(
        tx,
        `select ${instant('started_at')} as at, campaign_id, queue_id, agent_id, agency_id, disposition,
                count(*)::int as n, sum(duration_seconds)::text as seconds
           from interaction where started_at >= ? group by 1, 2, 3, 4, 5, 6`,
        [now, from],
      );
      for (const row of interactions) {
        if (!isDisposition(row.disposition)) continue;
        ledger.record(
          {
            kind: 'interaction',
            at: Number(row.at),
            attribution: attributionOf(row),
            disposition: row.disposition,
            count: row.n,
            durationSeconds: Number(row.seconds),
          },
          nowMs,
        );
      }

      const promised = await runSql<AttributionRow & { at: string; currency: string; total: string }>(
        tx,
        `select ${instant('created_at')} as at, campaign_id, queue_id, agent_id, agency_id, currency,
                sum(amount)::text as total
           from promise_to_pay where created_at >= ? group by 1, 2, 3, 4, 5, 6`,
        [now, from],
      );
      for (const row of promised) {
        ledger.record(
          {
            kind: 'promiseMade',
            at: Number(row.at),
            attribution: attributionOf(row),
            currency: row.currency,
            amountMinor: storedToMinor(row.total, row.currency),
          },
          nowMs,
        );
      }

      const payments = await runSql<
        AttributionRow & { at: string; currency: string; due: string | null; total: string }
      >(
        tx,
        `select ${instant('p.paid_at')} as at, p.campaign_id, p.queue_id, p.agent_id, p.agency_id, p.currency,
                case when a.created_at < ? then to_char(a.due_date, 'YYYY-MM-DD') end as due,
                sum(p.amount)::text as total
           from payment p join account a on a.id = p.account_id
          where p.paid_at >= ? group by 1, 2, 3, 4, 5, 6, 7`,
        [now, dayStart, from],
      );
      for (const row of payments) {
        ledger.record(
          {
            kind: 'payment',
            at: Number(row.at),
            attribution: attributionOf(row),
            currency: row.currency,
            amountMinor: storedToMinor(row.total, row.currency),
            recoveryBucket: row.due === null ? null : bucketOf(row.due, businessDate),
          },
          nowMs,
        );
      }

      const outcomes = await runSql<AttributionRow & { due: string; status: PromiseOutcome; n: number }>(
        tx,
        `select to_char(due_date, 'YYYY-MM-DD') as due, campaign_id, queue_id, agent_id, agency_id, status,
                count(*)::int as n
           from promise_to_pay
          where due_date >= ?::date and status in ('KEPT', 'BROKEN', 'PARTIALLY_KEPT')
          group by 1, 2, 3, 4, 5, 6`,
        [fromDate],
      );
      for (const row of outcomes) {
        ledger.recordOutcome({ attribution: attributionOf(row), dueDate: row.due, outcome: row.status, count: row.n });
      }

      const periods = await runSql<{ agent_id: string; status: string; started_at: Date; ended_at: Date | null }>(
        tx,
        `select agent_id, status, started_at, ended_at from agent_status_period
          where ended_at is null or ended_at > ? order by agent_id, started_at, ended_at nulls last`,
        [from],
      );
      const timelines = new Map<string, AgentTimeline>();
      for (const period of periods) {
        let timeline = timelines.get(period.agent_id);
        if (!timeline) {
          timeline = new AgentTimeline();
          timelines.set(period.agent_id, timeline);
        }
        timeline.load({
          status: period.status,
          from: new Date(period.started_at).getTime(),
          to: period.ended_at ? new Date(period.ended_at).getTime() : null,
        });
      }

      // Events committed in this snapshot but perhaps not yet delivered: their facts are counted above. The relay
      // publishes within moments of marking an event, so the last minute's are enough; the id bound keeps the
      // read on the primary key's tail instead of the whole audit trail.
      const types = LEDGER_EVENT_TYPES.map(() => '?').join(', ');
      const counted = await runSql<{ id: string }>(
        tx,
        `select id::text from domain_event where published_at is null and type in (${types})
         union
         select id::text from domain_event
          where id > (select coalesce(max(id), 0) - ${RECENT_EVENTS} from domain_event)
            and published_at > now() - interval '1 minute' and type in (${types})`,
        [...LEDGER_EVENT_TYPES, ...LEDGER_EVENT_TYPES],
      );
      const [newest] = await runSql<{ id: string | null }>(tx, 'select max(id)::text as id from domain_event');
      return { ledger, timelines, counted: counted.map((row) => row.id), newestEventId: newest?.id ?? '0' };
    },
    { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true },
  );
}
