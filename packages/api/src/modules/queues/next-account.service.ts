import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict, notFound } from '../../core/errors.ts';
import { recordEvent } from '../../core/events/record-event.ts';
import { runSql } from '../../core/database/sql.ts';
import type { Principal } from '../../core/graphql/context.ts';
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

/** How long an account handed to an agent stays theirs without an interaction being recorded. */
export const RESERVATION_MINUTES = 10;
/** Candidates locked and examined per round; rounds repeat while every candidate is outside its rules. */
const CANDIDATES_PER_ROUND = 25;
const MAX_ROUNDS = 8;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface CandidateRow {
  membership_id: string;
  account_id: string;
  time_zone: string;
  do_not_contact: boolean;
  status: string;
  country: string;
}

/**
 * Hands `agentId` the best account of its queue that may be contacted now, or null.
 *
 * Several API instances share the database, so exclusivity comes from PostgreSQL, not from process memory:
 * candidates are read in expected-recovery order with `FOR UPDATE SKIP LOCKED`, so two agents asking at the
 * same moment lock different rows and never get the same account; the chosen row is then reserved for
 * RESERVATION_MINUTES. Candidates the contact rules refuse right now (hours, days, holidays, caps, quiet
 * periods) are given a `nextAttemptAt` when they may be contacted and the reasons, so later requests skip
 * them cheaply and a supervisor can read why they were not offered.
 */
export async function nextAccount(
  em: EntityManager,
  actor: Principal,
  agentId: string,
  now: Date,
): Promise<Account | null> {
  const agent = UUID.test(agentId)
    ? await em.findOne(Agent, { id: agentId }, { populate: ['queue', 'queue.campaign'] })
    : null;
  if (!agent) throw notFound('Agent', agentId, 'agentId');
  if (agent.status === 'LOGGED_OUT' || agent.status === 'PAUSED') {
    throw conflict('agentId', `the agent is ${agent.status}; set it AVAILABLE before asking for the next account`);
  }
  const queue = agent.queue;
  if (!queue || queue.paused || queue.campaign.status !== 'RUNNING') return null;

  return em.transactional(async (tx) => {
    // Asking again before recording an outcome returns the same account: a retried request loses nothing.
    const held = await tx.findOne(QueueMembership, { reservedBy: agent, reservedUntil: { $gt: now } });
    if (held) {
      const account = await tx.findOne(Account, { id: held.account.id }, { populate: ['debtor', 'agency'] });
      if (account) return account;
    }
    const window = { startMinute: queue.campaign.windowStartMinute, endMinute: queue.campaign.windowEndMinute };
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const candidates = await runSql<CandidateRow>(
        tx,
        `select m.id as membership_id, m.account_id, d.time_zone, d.do_not_contact, a.status,
                c.contact_profile as country
           from queue_membership m
           join account a on a.id = m.account_id
           join debtor d on d.id = a.debtor_id
           join creditor c on c.id = a.creditor_id
          where m.queue_id = ?
            and (m.next_attempt_at is null or m.next_attempt_at <= ?)
            and (m.reserved_until is null or m.reserved_until <= ?)
            and a.status = 'ACTIVE' and not a.reconciliation_pending
          order by m.expected_recovery desc, m.id
          limit ?
          for update of m skip locked`,
        [queue.id, now, now, CANDIDATES_PER_ROUND],
      );
      if (candidates.length === 0) return null;

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
      for (const [index, subject] of subjects.entries()) {
        const decision = decideContact(
          subject,
          profiles.get(subject.accountId)!,
          histories.get(subject.accountId)!,
          now,
        );
        const membershipId = candidates[index]!.membership_id;
        if (!decision.allowed) {
          refused.push({ membershipId, decision });
          continue;
        }
        // The scoped EntityManager has the last word on visibility (raw SQL above does not see the agency scope).
        const account = await tx.findOne(Account, { id: subject.accountId }, { populate: ['debtor', 'agency'] });
        if (!account) continue;
        await deferRefused(tx, refused);
        await reserve(tx, actor, agent, membershipId, account, now);
        return account;
      }
      await deferRefused(tx, refused);
    }
    return null;
  });
}

async function deferRefused(tx: EntityManager, refused: { membershipId: string; decision: ContactDecision }[]) {
  for (const { membershipId, decision } of refused) {
    await tx.nativeUpdate(
      QueueMembership,
      { id: membershipId },
      { nextAttemptAt: decision.retryAt, skippedBecause: decision.reasons },
    );
  }
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
    aggregateType: 'Account',
    aggregateId: account.id,
    actor: actor.actor,
    payload: { agentId: agent.id, queueId: agent.queue?.id ?? null, reservedUntil: reservedUntil.toISOString() },
  });
}
