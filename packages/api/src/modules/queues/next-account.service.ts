import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict, notFound } from '../../core/errors.ts';
import { recordEvent } from '../../core/events/record-event.ts';
import { runSql } from '../../core/database/sql.ts';
import type { Principal } from '../../core/principal.ts';
import { changeAgentStatus } from '../agencies/agent-status.service.ts';
import { Agent } from '../agencies/agent.entity.ts';
import { Account } from '../portfolio/account.entity.ts';
import {
  decideContact,
  effectiveProfile,
  loadContactHistories,
  type ContactDecision,
  type ContactSubject,
} from './contact-eligibility.ts';
import { QueueMembership } from './queue-membership.entity.ts';
import { isUuid } from '../../core/ids.ts';

/** How long an account handed to an agent stays theirs without an interaction being recorded. */
export const RESERVATION_MINUTES = 10;
/** Candidates read and examined per round; rounds walk further down the queue while none can be taken. */
const CANDIDATES_PER_ROUND = 25;
const MAX_ROUNDS = 8;

interface CandidateRow {
  membership_id: string;
  account_id: string;
  recovery: string;
  time_zone: string;
  do_not_contact: boolean;
  status: string;
  country: string;
}

/** Due, unreserved, still workable members of the queue; `after` continues below an earlier page. */
const CANDIDATES_SQL = (after: boolean) => `
  select m.id as membership_id, m.account_id, m.expected_recovery::text as recovery, d.time_zone, d.do_not_contact,
         a.status, c.contact_profile as country
    from queue_membership m
    join account a on a.id = m.account_id
    join debtor d on d.id = a.debtor_id
    join creditor c on c.id = a.creditor_id
   where m.queue_id = ?
     and (m.next_attempt_at is null or m.next_attempt_at <= ?)
     and (m.reserved_until is null or m.reserved_until <= ?)
     and a.status = 'ACTIVE' and not a.reconciliation_pending
     ${after ? 'and m.expected_recovery <= ?::numeric and (m.expected_recovery < ?::numeric or m.id < ?::uuid)' : ''}
   order by m.expected_recovery desc, m.id desc
   limit ?`;

/**
 * Hands `agentId` the best account of its queue that may be contacted now, or null.
 *
 * Several API instances share the database, so exclusivity comes from PostgreSQL, not from process memory.
 * Candidates are read in expected-recovery order without locks and checked against the contact rules; then
 * the best allowed one that no concurrent request holds is locked (`FOR UPDATE SKIP LOCKED`, one row) and
 * reserved for RESERVATION_MINUTES. Locking only the row taken — not the whole page examined — means
 * agents asking at the same moment never get the same account and never come back empty-handed while
 * another request merely looks at the accounts they could have had. Each agent's requests are serialised on
 * its row, so a retried request gets the account the first one reserved, not a second one. Candidates the
 * contact rules refuse right now (hours, days, holidays, caps, quiet periods) are given a `nextAttemptAt`
 * when they may be contacted and the reasons, so later requests skip them cheaply and a supervisor can read
 * why they were not offered.
 */
export async function nextAccount(
  em: EntityManager,
  actor: Principal,
  agentId: string,
  now: Date,
): Promise<Account | null> {
  if (!isUuid(agentId)) throw notFound('Agent', agentId, 'agentId');
  return em.transactional(async (tx) => {
    // One request per agent at a time: the second waits here, then finds what the first reserved.
    await runSql(tx, 'select id from agent where id = ? for update', [agentId]);
    const agent = await tx.findOne(Agent, { id: agentId }, { populate: ['queue', 'queue.campaign'] });
    if (!agent) throw notFound('Agent', agentId, 'agentId');
    if (agent.status === 'LOGGED_OUT' || agent.status === 'PAUSED') {
      throw conflict('agentId', `the agent is ${agent.status}; set it AVAILABLE before asking for the next account`);
    }
    const queue = agent.queue;
    if (!queue || queue.paused || queue.campaign.status !== 'RUNNING') return null;

    // Asking again before recording an outcome returns the same account: a retried request loses nothing.
    // Only an account of the agent's current queue: after a reassignment the next account comes from the new one.
    const held = await tx.findOne(QueueMembership, { reservedBy: agent, reservedUntil: { $gt: now }, queue });
    if (held) {
      const account = await tx.findOne(Account, { id: held.account.id }, { populate: ['debtor', 'agency'] });
      if (account) return account;
    }
    const window = { startMinute: queue.campaign.windowStartMinute, endMinute: queue.campaign.windowEndMinute };
    let last: CandidateRow | null = null;
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const candidates: CandidateRow[] = await runSql<CandidateRow>(tx, CANDIDATES_SQL(last !== null), [
        queue.id,
        now,
        now,
        ...(last ? [last.recovery, last.recovery, last.membership_id] : []),
        CANDIDATES_PER_ROUND,
      ]);
      if (candidates.length === 0) return null;
      last = candidates.at(-1)!;

      const subjects: ContactSubject[] = candidates.map((row) => ({
        accountId: row.account_id,
        timeZone: row.time_zone,
        doNotContact: row.do_not_contact,
        disputed: row.status === 'DISPUTED',
        country: row.country,
      }));
      const profiles = new Map(
        subjects.map((subject) => [subject.accountId, effectiveProfile(subject.country, window)]),
      );
      const rollingDays = Math.max(1, ...[...profiles.values()].map((p) => p.maxAttemptsInRollingDays?.days ?? 1));
      const histories = await loadContactHistories(tx, subjects, now, rollingDays);

      const refused: { membershipId: string; decision: ContactDecision }[] = [];
      const allowed: string[] = [];
      for (const [index, subject] of subjects.entries()) {
        const decision = decideContact(
          subject,
          profiles.get(subject.accountId)!,
          histories.get(subject.accountId)!,
          now,
        );
        const membershipId = candidates[index]!.membership_id;
        if (decision.allowed) allowed.push(membershipId);
        else refused.push({ membershipId, decision });
      }
      await deferRefused(tx, refused);
      while (allowed.length > 0) {
        const [claimed] = await claimBest(tx, queue.id, allowed, now);
        // Every allowed candidate was taken by a concurrent request meanwhile: look further down.
        if (!claimed) break;
        allowed.splice(allowed.indexOf(claimed.membership_id), 1);
        // The scoped EntityManager has the last word on visibility (raw SQL above does not see the agency scope).
        const account = await tx.findOne(Account, { id: claimed.account_id }, { populate: ['debtor', 'agency'] });
        if (!account) continue;
        await reserve(tx, actor, agent, claimed.membership_id, account, now);
        return account;
      }
    }
    return null;
  });
}

/** Locks the best of `membershipIds` that is still free and no concurrent request holds (one row, or none). */
function claimBest(
  tx: EntityManager,
  queueId: string,
  membershipIds: string[],
  now: Date,
): Promise<{ membership_id: string; account_id: string }[]> {
  return runSql<{ membership_id: string; account_id: string }>(
    tx,
    `select m.id as membership_id, m.account_id
       from queue_membership m
       join account a on a.id = m.account_id
      where m.id in (${membershipIds.map(() => '?').join(', ')})
        and m.queue_id = ?
        and (m.next_attempt_at is null or m.next_attempt_at <= ?)
        and (m.reserved_until is null or m.reserved_until <= ?)
        and a.status = 'ACTIVE' and not a.reconciliation_pending
      order by m.expected_recovery desc, m.id desc
      limit 1
      for update of m skip locked`,
    [...membershipIds, queueId, now, now],
  );
}

/**
 * Records when each refused candidate is worth looking at again, and why. A row some other request holds
 * right now is left alone (SKIP LOCKED): never wait on — or deadlock with — a concurrent request for a note.
 */
async function deferRefused(
  tx: EntityManager,
  refused: { membershipId: string; decision: ContactDecision }[],
): Promise<void> {
  if (refused.length === 0) return;
  await runSql(
    tx,
    `update queue_membership as m
        set next_attempt_at = v.retry_at::timestamptz, skipped_because = v.reasons::jsonb
       from (values ${refused.map(() => '(?, ?, ?)').join(', ')}) as v(id, retry_at, reasons)
      where m.id = v.id::uuid
        and m.id in (select id from queue_membership
                      where id in (${refused.map(() => '?').join(', ')})
                      for update skip locked)`,
    [
      ...refused.flatMap(({ membershipId, decision }) => [
        membershipId,
        decision.retryAt.toISOString(),
        JSON.stringify(decision.reasons),
      ]),
      ...refused.map(({ membershipId }) => membershipId),
    ],
  );
}

async function reserve(
  tx: EntityManager,
  actor: Principal,
  agent: Agent,
  membershipId: string,
  account: Account,
  now: Date,
): Promise<void> {
  const reservedUntil = new Date(now.getTime() + RESERVATION_MINUTES * 60_000);
  await tx.nativeUpdate(
    QueueMembership,
    { id: membershipId },
    { reservedBy: agent.id, reservedUntil, skippedBecause: null },
  );
  await changeAgentStatus(tx, actor, agent, 'ON_CONTACT', now);
  recordEvent(tx, {
    type: 'AccountOffered',
    aggregateId: account.id,
    actor: actor.actor,
    payload: { agentId: agent.id, queueId: agent.queue?.id ?? null, reservedUntil: reservedUntil.toISOString() },
  });
}
