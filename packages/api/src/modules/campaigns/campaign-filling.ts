import type { EntityManager } from '@mikro-orm/postgresql';
import type { IsoDate } from '@recupera/shared';
import { runSql } from '../../core/database/sql.ts';
import { Account } from '../portfolio/account.entity.ts';
import { expectedRecovery, scoreAccount } from '../queues/account-scoring.ts';
import { QueueMembership } from '../queues/queue-membership.entity.ts';
import type { WorkQueue } from '../queues/work-queue.entity.ts';
import type { Campaign } from './campaign.entity.ts';
import { queueSegmentWhere } from './campaign-segment.ts';

const SCORE_BATCH = 2_000;

/**
 * Puts the campaign's segment into its queues, set-based: an account goes to the first queue (in the order
 * given at creation) whose filter it matches, and never into a second running queue — the unique
 * `queue_membership.account_id` turns a clash into "already taken" (ON CONFLICT DO NOTHING). The challenger
 * variant is drawn from a hash of the account id, so a restart draws the same accounts.
 */
export async function fillQueues(
  tx: EntityManager,
  campaign: Campaign,
  queues: WorkQueue[],
  businessDate: IsoDate,
  now: Date,
): Promise<number> {
  const challengerShare = campaign.challenger?.share ?? 0;
  let added = 0;
  for (const queue of queues) {
    const { sql, params } = tx
      .createQueryBuilder(Account, 'a')
      .select('a.id')
      // The same condition object em.find takes; MikroORM types the QueryBuilder's filter separately.
      .where(queueSegmentWhere(campaign, queue, businessDate) as never)
      .toQuery();
    const inserted = await runSql<{ id: string }>(
      tx,
      `insert into queue_membership (id, account_id, queue_id, campaign_id, entered_at, variant)
       select gen_random_uuid(), segment.id, ?, ?, ?,
              case when (('x' || substr(md5(segment.id::text), 1, 8))::bit(32)::int & 1023) < ?
                   then 'CHALLENGER' else 'CHAMPION' end
         from (${sql}) as segment
       on conflict (account_id) do nothing
       returning id`,
      [queue.id, campaign.id, now, Math.round(challengerShare * 1024), ...params],
    );
    added += inserted.length;
  }
  return added;
}

/**
 * Scores every member of the campaign (propensity and expected recovery), in batches so a campaign over a
 * large segment never holds it all in memory.
 */
export async function scoreCampaignMembers(
  tx: EntityManager,
  campaign: Campaign,
  businessDate: IsoDate,
  timeZone: string,
): Promise<void> {
  let lastId: string | null = null;
  for (;;) {
    const members: QueueMembership[] = await tx.find(
      QueueMembership,
      lastId ? { campaign, id: { $gt: lastId } } : { campaign },
      { orderBy: { id: 'asc' }, limit: SCORE_BATCH, populate: ['account', 'account.debtor'] },
    );
    if (members.length === 0) return;
    lastId = members.at(-1)!.id;
    const rows = members.map((member) => {
      const propensity = scoreAccount(member.account, member.account.debtor, businessDate, timeZone);
      return [
        member.id,
        propensity.score.toFixed(4),
        expectedRecovery(member.account, propensity.score),
        JSON.stringify(propensity.factors),
      ];
    });
    await runSql(
      tx,
      `update queue_membership as m
          set score = v.score::numeric, expected_recovery = v.recovery::numeric, score_factors = v.factors::jsonb
         from (values ${rows.map(() => '(?, ?, ?, ?)').join(', ')}) as v(id, score, recovery, factors)
        where m.id = v.id::uuid`,
      rows.flat(),
    );
    tx.clear();
  }
}
