import type { EntityManager } from '@mikro-orm/postgresql';
import type { IsoDate } from '@recupera/shared';
import { runSql } from '../../core/database/sql.ts';
import { Account } from '../portfolio/account.entity.ts';
import { invalidPhonesSql } from '../portfolio/phone-validity.ts';
import { expectedRecoveryOf, scoreFacts } from '../queues/account-scoring.ts';
import type { WorkQueue } from '../queues/work-queue.entity.ts';
import type { Campaign } from './campaign.entity.ts';
import { queueSegmentWhere } from './campaign-segment.ts';

/** Accounts read, scored and inserted per statement. */
const FILL_BATCH = 2_000;

/** Raw SQL hands timestamps back as text (`2026-11-24 15:00:00+00`), not as Date objects. */
type StoredInstant = string | Date | null;

function instantOf(value: StoredInstant): Date | null {
  return value === null ? null : new Date(value);
}

interface MemberFacts {
  id: string;
  balance: string;
  currency: string;
  due_date: string;
  last_attempt_at: StoredInstant;
  last_right_party_contact_at: StoredInstant;
  last_payment_at: StoredInstant;
  promises_kept: number;
  promises_broken: number;
  refusals: number;
  phones: string[];
  invalid_phones: string[];
  emails: string[];
}

export interface FillClock {
  now: Date;
  businessDate: IsoDate;
  timeZone: string;
}

/**
 * Puts the campaign's segment into its queues, scored: an account goes to the first queue (in the order given
 * at creation) whose filter it matches, and never into a second running queue — the unique
 * `queue_membership.account_id` turns a clash with a concurrent start into "already taken" (ON CONFLICT DO
 * NOTHING). The challenger variant is drawn from a hash of the account id, so a restart draws the same accounts.
 *
 * Each queue's segment is walked in account-id order, FILL_BATCH accounts at a time, reading the plain rows
 * the score needs (no entity hydration); each member is written once, with its propensity score and
 * expected recovery already computed — not inserted and then rewritten by a scoring pass, which on half a
 * million accounts doubled the writes and outlasted an HTTP request.
 */
export async function fillQueues(
  tx: EntityManager,
  campaign: Campaign,
  queues: WorkQueue[],
  clock: FillClock,
): Promise<number> {
  const challengerThreshold = Math.round((campaign.challenger?.share ?? 0) * 1024);
  let added = 0;
  for (const queue of queues) {
    const segment = queueSegmentWhere(campaign, queue, clock.businessDate);
    let lastId: string | null = null;
    for (;;) {
      const { sql, params } = tx
        .createQueryBuilder(Account, 'a')
        .select('a.id')
        // The same condition object em.find takes; MikroORM types the QueryBuilder's filter separately.
        .where((lastId ? { $and: [segment, { id: { $gt: lastId } }] } : segment) as never)
        .orderBy({ id: 'asc' })
        .limit(FILL_BATCH)
        .toQuery();
      const batch: MemberFacts[] = await runSql<MemberFacts>(
        tx,
        `select a.id, a.balance::text as balance, a.currency, to_char(a.due_date, 'YYYY-MM-DD') as due_date,
                a.last_attempt_at, a.last_right_party_contact_at, a.last_payment_at, a.promises_kept,
                a.promises_broken, a.refusals, d.phones, ${invalidPhonesSql('d', 'ag')} as invalid_phones, d.emails
           from (${sql}) as segment
           join account a on a.id = segment.id
           join debtor d on d.id = a.debtor_id
           left join agency ag on ag.id = a.agency_id
          order by a.id`,
        params,
      );
      if (batch.length === 0) break;
      lastId = batch.at(-1)!.id;
      // Accounts an earlier queue (or another running campaign) took are skipped by the unique account_id.
      const rows = batch.map((member) => scoredRow(member, clock));
      const inserted = await runSql<{ id: string }>(
        tx,
        `insert into queue_membership
                (id, account_id, queue_id, campaign_id, entered_at, variant, score, expected_recovery, score_factors)
         select gen_random_uuid(), v.account_id::uuid, ?::uuid, ?::uuid, ?::timestamptz,
                case when (('x' || substr(md5(v.account_id), 1, 8))::bit(32)::int & 1023) < ?
                     then 'CHALLENGER' else 'CHAMPION' end,
                v.score::numeric, v.recovery::numeric, v.factors::jsonb
           from (values ${rows.map(() => '(?, ?, ?, ?)').join(', ')}) as v(account_id, score, recovery, factors)
         on conflict (account_id) do nothing
         returning id`,
        [queue.id, campaign.id, clock.now, challengerThreshold, ...rows.flat()],
      );
      added += inserted.length;
    }
  }
  return added;
}

/** [account id, score, expected recovery, factors] of one new member. */
function scoredRow(member: MemberFacts, clock: FillClock): [string, string, string, string] {
  const propensity = scoreFacts(
    {
      dueDate: member.due_date,
      lastAttemptAt: instantOf(member.last_attempt_at),
      lastRightPartyContactAt: instantOf(member.last_right_party_contact_at),
      lastPaymentAt: instantOf(member.last_payment_at),
      promisesKept: member.promises_kept,
      promisesBroken: member.promises_broken,
      refusals: member.refusals,
      phones: member.phones,
      invalidPhones: member.invalid_phones,
      emails: member.emails,
    },
    clock.businessDate,
    clock.timeZone,
  );
  return [
    member.id,
    propensity.score.toFixed(4),
    expectedRecoveryOf(member.balance, member.currency, propensity.score),
    JSON.stringify(propensity.factors),
  ];
}
