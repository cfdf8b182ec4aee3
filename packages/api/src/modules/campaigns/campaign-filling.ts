import type { EntityManager } from '@mikro-orm/postgresql';
import type { IsoDate } from '@recupera/shared';
import { runSql } from '../../core/database/sql.ts';
import { Account } from '../portfolio/account.entity.ts';
import { expectedRecoveryOf, scoreFacts } from '../queues/account-scoring.ts';
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

interface MemberFacts {
  id: string;
  balance: string;
  currency: string;
  due_date: string;
  last_attempt_at: Date | null;
  last_right_party_contact_at: Date | null;
  last_payment_at: Date | null;
  promises_kept: number;
  promises_broken: number;
  refusals: number;
  phones: string[];
  invalid_phones: string[];
  emails: string[];
}

/**
 * Scores every member of the campaign (propensity and expected recovery) in batches of plain rows — no
 * entity hydration — so starting a campaign over hundreds of thousands of accounts stays a matter of seconds.
 */
export async function scoreCampaignMembers(
  tx: EntityManager,
  campaign: Campaign,
  businessDate: IsoDate,
  timeZone: string,
): Promise<void> {
  let lastId = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const members = await runSql<MemberFacts>(
      tx,
      `select m.id, a.balance, a.currency, to_char(a.due_date, 'YYYY-MM-DD') as due_date, a.last_attempt_at,
              a.last_right_party_contact_at, a.last_payment_at, a.promises_kept, a.promises_broken, a.refusals,
              d.phones, d.invalid_phones, d.emails
         from queue_membership m
         join account a on a.id = m.account_id
         join debtor d on d.id = a.debtor_id
        where m.campaign_id = ? and m.id > ?
        order by m.id
        limit ?`,
      [campaign.id, lastId, SCORE_BATCH],
    );
    if (members.length === 0) return;
    lastId = members.at(-1)!.id;
    const rows = members.map((member) => {
      const propensity = scoreFacts(
        {
          dueDate: member.due_date,
          lastAttemptAt: member.last_attempt_at,
          lastRightPartyContactAt: member.last_right_party_contact_at,
          lastPaymentAt: member.last_payment_at,
          promisesKept: member.promises_kept,
          promisesBroken: member.promises_broken,
          refusals: member.refusals,
          phones: member.phones,
          invalidPhones: member.invalid_phones,
          emails: member.emails,
        },
        businessDate,
        timeZone,
      );
      return [
        member.id,
        propensity.score.toFixed(4),
        expectedRecoveryOf(member.balance, member.currency, propensity.score),
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
  }
}
