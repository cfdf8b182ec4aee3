import { IsolationLevel } from '@mikro-orm/core';
import type { PublishedEvent } from '@recupera/shared';
import { systemEm, type Orm } from '../../core/database/orm.ts';
import { runSql } from '../../core/database/sql.ts';
import { applyEvents } from './analytics.projector.ts';
import { buildRollSummary, ROLL_TABLES } from './roll-summary.ts';
import {
  chained,
  CONTACT_CELLS,
  factsCte,
  factsUpsert,
  INTENSITY_CELLS,
  rollupFromFiner,
  ROLLUPS,
} from './cell-keys.ts';

export interface AnalyticsBuildSummary {
  attempts: number;
  contactCells: number;
  intensityCells: number;
  /** Events committed but not yet projected when the build read the facts (taken out again; the relay adds them). */
  pendingEvents: number;
  ms: number;
}

const PENDING_TYPES = ['InteractionRecorded', 'PromisePaymentApplied', 'PromiseKept'];

/**
 * Recomputes every analytics table from the stored facts, in `timeZone` (the operation's), with the definitions
 * the projector uses (cell-keys.ts). Safe while the API runs:
 * - one REPEATABLE READ transaction reads every fact from one snapshot;
 * - it first locks the analytics tables, so a relay pass that is projecting a batch finishes before the snapshot
 *   (its events are then published, and counted once, from the facts) or waits until the build commits;
 * - events committed but still unpublished in the snapshot are counted from the facts *and* will be projected by
 *   the relay after the build, so the build takes their effect out again (the projector's own code, sign −1).
 */
export async function buildAnalytics(orm: Orm, timeZone: string): Promise<AnalyticsBuildSummary> {
  const started = performance.now();
  return systemEm(orm).transactional(
    async (tx) => {
      // Before any query, so the snapshot is taken after the lock is granted.
      const tables = [...ROLLUPS.map((rollup) => rollup.table), ...ROLL_TABLES].join(', ');
      await runSql(tx, `lock table analytics_state, ${tables} in access exclusive mode`);
      await runSql(tx, `set local work_mem = '256MB'`);
      await runSql(tx, `truncate ${tables}`);
      const direct = ROLLUPS.filter((rollup) => !rollup.from);
      // Window functions number every account's interactions in id (recording) order: the same attempt number and
      // "first in its campaign and variant" the projector gets by counting earlier rows.
      // The money collected on each promise joins its attempt here, read from the promise (its paid_amount is the
      // sum of the payments the projector adds one by one).
      const facts = factsCte(
        `from interaction i join account a on a.id = i.account_id join debtor d on d.id = a.debtor_id
         left join promise_to_pay p on p.interaction_id = i.id`,
        '',
        'row_number() over (partition by i.account_id order by i.id)',
        'row_number() over (partition by i.account_id, i.campaign_id, i.variant order by i.id) = 1',
        'coalesce(p.paid_amount, 0)',
      );
      await runSql(
        tx,
        chained(
          [facts],
          direct.map((rollup) => factsUpsert(rollup, 1, 'empty')),
        ),
        [timeZone],
      );
      // The coarser tables are sums of the finer ones, in the order ROLLUPS lists them.
      for (const rollup of ROLLUPS.filter((candidate) => candidate.from)) await runSql(tx, rollupFromFiner(rollup));
      // Every account as it stands in the snapshot. Unlike the cells, the roll summary needs nothing taken out for
      // the pending events: the projector counts their accounts anew from their rows, which ends the same.
      await buildRollSummary(tx, timeZone);
      const pending = await runSql<{ id: string; type: string; aggregate_id: string; payload: unknown }>(
        tx,
        `select id::text, type, aggregate_id, payload from domain_event
          where published_at is null and type in (${PENDING_TYPES.map(() => '?').join(', ')}) order by id`,
        PENDING_TYPES,
      );
      const events = pending.map(
        (row) =>
          ({ id: row.id, type: row.type, aggregateId: row.aggregate_id, payload: row.payload }) as PublishedEvent,
      );
      if (events.length > 0) await applyEvents(tx, events, -1, timeZone);
      await runSql(
        tx,
        `insert into analytics_state (id, time_zone, built_at) values (1, ?, now())
         on conflict (id) do update set time_zone = excluded.time_zone, built_at = excluded.built_at`,
        [timeZone],
      );
      const [counts] = await runSql<{ attempts: string; contact_cells: string; intensity_cells: string }>(
        tx,
        `select (select coalesce(sum(attempts), 0) from ${CONTACT_CELLS.table})::text as attempts,
                (select count(*) from ${CONTACT_CELLS.table})::text as contact_cells,
                (select count(*) from ${INTENSITY_CELLS.table})::text as intensity_cells`,
      );
      return {
        attempts: Number(counts!.attempts),
        contactCells: Number(counts!.contact_cells),
        intensityCells: Number(counts!.intensity_cells),
        pendingEvents: events.length,
        ms: Math.round(performance.now() - started),
      };
    },
    { isolationLevel: IsolationLevel.REPEATABLE_READ },
  );
}

/** The time zone the tables were built in, or null before the first build. */
export async function analyticsBuiltIn(orm: Orm): Promise<string | null> {
  const [state] = await runSql<{ time_zone: string }>(
    systemEm(orm),
    'select time_zone from analytics_state where id = 1',
  );
  return state?.time_zone ?? null;
}
