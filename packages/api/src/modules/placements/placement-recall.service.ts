import type { Clock } from '../../core/clock.ts';
import { systemEm, type Orm } from '../../core/database/orm.ts';
import { runSql } from '../../core/database/sql.ts';
import { changeHolder } from './holder-change.ts';
import { recordEnded } from './placement.service.ts';

/**
 * Ends every ACTIVE placement whose recall date has come (recall date ≤ today's business date), batch by batch: the
 * accounts come back in-house and out of the agency's queues (RECALLED, RECALL_DATE_REACHED). Exactly once across
 * instances and overlapping runs: each batch is one UPDATE over rows claimed with SKIP LOCKED that re-checks ACTIVE,
 * so two runs never end the same placement, and a placement a manager is recalling at the same moment is left to
 * whoever locked it first. Returns how many placements it ended.
 */
export async function recallDuePlacements(orm: Orm, clock: Clock, batchSize = 1_000): Promise<number> {
  let total = 0;
  for (;;) {
    const ended = await systemEm(orm).transactional(async (tx) => {
      const now = clock.now();
      const rows = await runSql<{ id: string; account_id: string; agency_id: string }>(
        tx,
        `update placement set status = 'RECALLED', ended_at = ?, end_reason = 'RECALL_DATE_REACHED'
          where status = 'ACTIVE' and id in (
                select id from placement
                 where status = 'ACTIVE' and recall_date <= ?::date
                 order by recall_date, id limit ? for update skip locked)
          returning id, account_id, agency_id`,
        [now, clock.businessDate(), batchSize],
      );
      if (rows.length === 0) return 0;
      recordEnded(tx, 'system', rows, { status: 'RECALLED', reason: 'RECALL_DATE_REACHED' });
      await changeHolder(tx, {
        accountIds: rows.map((row) => row.account_id),
        to: null,
        reason: 'RECALL_DATE_REACHED',
        now,
        actor: 'system',
      });
      return rows.length;
    });
    if (ended === 0) return total;
    total += ended;
  }
}
