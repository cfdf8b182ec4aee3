import type { DomainEventPayloads } from '@recupera/shared';
import { v7 as uuidv7 } from 'uuid';
import type { FastSql, FastTransaction } from '../../core/database/fast-sql.ts';
import { conflict, notFound } from '../../core/errors.ts';
import { isUuid } from '../../core/ids.ts';
import { currentRequestId } from '../../core/observability/request-context.ts';
import type { Principal } from '../../core/principal.ts';
import {
  contactHistoryOf,
  contactLookbackStart,
  decideContact,
  effectiveProfile,
  LocalDayBoundaries,
  type CampaignWindow,
  type ContactDecision,
} from './contact-eligibility.ts';
import {
  CLAIM_AND_OFFER,
  FIRST_CANDIDATES,
  HELD_ACCOUNT,
  LOCK_AGENT,
  MORE_CANDIDATES,
  type AccountAndDebtorRows,
  type AgentRow,
  type CandidateRow,
} from './next-account-statements.ts';

/** How long an account handed to an agent stays theirs without an interaction being recorded. */
export const RESERVATION_MINUTES = 10;
/** Candidates read and examined per round; rounds walk further down the queue while none can be taken. */
const CANDIDATES_PER_ROUND = 25;
const MAX_ROUNDS = 8;

/**
 * Hands `agentId` the best account of its queue that may be contacted now, or null: the account and its debtor
 * as database rows (the resolver maps them into its EntityManager).
 *
 * Several API instances share the database, so exclusivity comes from PostgreSQL, not from process memory. In
 * one transaction of prepared statements (next-account-statements.ts): the agent is locked and its queue read;
 * a reservation it holds is handed back as it is; otherwise a page of candidates in expected-recovery order is read without
 * locks, with each one's recent attempts, and checked against the contact rules here; then one statement notes why
 * the refused ones wait and until when (so later requests skip them cheaply and a supervisor can read why they
 * were not offered), claims the best allowed one no concurrent request holds, reserves it for RESERVATION_MINUTES
 * and records the offer. While every allowed candidate of a page was taken meanwhile, the next page is read.
 */
export async function nextAccount(
  sql: FastSql,
  actor: Principal,
  agentId: string,
  now: Date,
): Promise<AccountAndDebtorRows | null> {
  if (!isUuid(agentId)) throw notFound('Agent', agentId, 'agentId');
  return sql.transaction(async (tx) => {
    const agent = await tx.one<AgentRow>(LOCK_AGENT, [agentId, actor.agencyId]);
    if (!agent) throw notFound('Agent', agentId, 'agentId');
    if (agent.status === 'LOGGED_OUT' || agent.status === 'PAUSED') {
      throw conflict('agentId', `the agent is ${agent.status}; set it AVAILABLE before asking for the next account`);
    }
    if (!agent.queue_id || agent.paused || agent.campaign_status !== 'RUNNING') return null;
    const held = await tx.one<AccountAndDebtorRows>(HELD_ACCOUNT, [agent.id, agent.queue_id, now, actor.agencyId]);
    return held ?? offerBest(tx, actor, agent, agent.queue_id, now);
  });
}

async function offerBest(
  tx: FastTransaction,
  actor: Principal,
  agent: AgentRow,
  queueId: string,
  now: Date,
): Promise<AccountAndDebtorRows | null> {
  const window: CampaignWindow = { startMinute: agent.window_start_minute, endMinute: agent.window_end_minute };
  const scope = [now, actor.agencyId, agent.tenant, agent.agency_id];
  const boundaries = new LocalDayBoundaries(now);
  const reservedUntil = new Date(now.getTime() + RESERVATION_MINUTES * 60_000);
  const statusChanges = agent.status !== 'ON_CONTACT';
  const statusChanged: DomainEventPayloads['AgentStatusChanged'] = {
    from: agent.status,
    to: 'ON_CONTACT',
    at: now.toISOString(),
  };
  const offered: DomainEventPayloads['AccountOffered'] = {
    agentId: agent.id,
    queueId,
    reservedUntil: reservedUntil.toISOString(),
  };
  let last: CandidateRow | null = null;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const page: CandidateRow[] = await tx.rows<CandidateRow>(last ? MORE_CANDIDATES : FIRST_CANDIDATES, [
      queueId,
      ...scope,
      contactLookbackStart(now),
      CANDIDATES_PER_ROUND,
      ...(last ? [last.recovery, last.membership_id] : []),
    ]);
    if (page.length === 0) return null;
    last = page.at(-1)!;

    const allowed: string[] = [];
    const refused: { membershipId: string; decision: ContactDecision }[] = [];
    for (const candidate of page) {
      const decision = decide(candidate, window, boundaries, now);
      if (decision.allowed) allowed.push(candidate.membership_id);
      else refused.push({ membershipId: candidate.membership_id, decision });
    }
    const [offer] = await tx.rows<AccountAndDebtorRows>(CLAIM_AND_OFFER, [
      allowed,
      ...scope,
      queueId,
      agent.id,
      reservedUntil,
      refused.map((entry) => entry.membershipId),
      refused.map((entry) => entry.decision.retryAt),
      refused.map((entry) => JSON.stringify(entry.decision.reasons)),
      statusChanges,
      uuidv7(),
      actor.actor,
      JSON.stringify(statusChanged),
      JSON.stringify(offered),
      currentRequestId(),
    ]);
    // None: every allowed candidate of the page was taken by a concurrent request meanwhile (or none was allowed).
    if (offer) return offer;
  }
  return null;
}

function decide(candidate: CandidateRow, window: CampaignWindow, boundaries: LocalDayBoundaries, now: Date) {
  const subject = {
    accountId: candidate.account_id,
    timeZone: candidate.time_zone,
    doNotContact: candidate.do_not_contact,
    disputed: candidate.status === 'DISPUTED',
    country: candidate.country,
  };
  const profile = effectiveProfile(subject.country, window);
  const attempts = candidate.attempts.map(([startedAt, disposition]) => ({
    startedAt: new Date(startedAt),
    disposition,
  }));
  return decideContact(subject, profile, contactHistoryOf(attempts, subject.timeZone, profile, boundaries), now);
}
