import type { DomainEventPayloads } from '@recupera/shared';
import { v7 as uuidv7 } from 'uuid';
import { run, type FastSql, type FastTransaction } from '../../core/database/fast-sql.ts';
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
  CANDIDATES,
  CLAIM_AND_OFFER,
  HELD_ACCOUNT,
  LOCK_AGENT,
  type AccountAndDebtorRows,
  type AgentRow,
  type CandidateRow,
} from './next-account-statements.ts';

/** How long an account handed to an agent stays theirs without an interaction being recorded. */
export const RESERVATION_MINUTES = 10;
/** Rounds walk further down the queue, a page each, while none of a page's candidates can be taken. */
const MAX_ROUNDS = 8;

/** Where a round stopped in the queue: the next round reads below it. */
interface PageEnd {
  recovery: string;
  membershipId: string;
}

/** A round's answer: the offer (or null: nothing to offer), or the end of a page none of which could be taken. */
type RoundOutcome = { done: true; offer: AccountAndDebtorRows | null } | { done: false; after: PageEnd };

/**
 * Hands `agentId` the best account of its queue that may be contacted now, or null: the account and its debtor
 * as database rows (the resolver maps them into its EntityManager).
 *
 * Several API instances share the database, so exclusivity comes from PostgreSQL, not from process memory. Each
 * round is one transaction of prepared statements (next-account-statements.ts) in two round trips. The first
 * locks the agent — one request per agent at a time: the second waits there — and, as statements of their own
 * after the lock, reads the reservation the agent holds and a page of candidates in expected-recovery order,
 * unlocked, with each one's recent attempts. A reservation is handed back as it is; otherwise the candidates are
 * checked against the contact rules here, and the second round trip, in one statement, notes why the refused ones
 * wait and until when (so later requests skip them cheaply and a supervisor can read why they were not offered),
 * claims the best allowed one no concurrent request holds, reserves it for RESERVATION_MINUTES and records the
 * offer, and commits. When every allowed candidate of a page was taken meanwhile, the next round reads the next page.
 */
export async function nextAccount(
  sql: FastSql,
  actor: Principal,
  agentId: string,
  now: Date,
): Promise<AccountAndDebtorRows | null> {
  if (!isUuid(agentId)) throw notFound('Agent', agentId, 'agentId');
  let after: PageEnd | null = null;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const outcome: RoundOutcome = await sql.transaction((tx) => offerRound(tx, actor, agentId, now, after));
    if (outcome.done) return outcome.offer;
    after = outcome.after;
  }
  return null;
}

async function offerRound(
  tx: FastTransaction,
  actor: Principal,
  agentId: string,
  now: Date,
  after: PageEnd | null,
): Promise<RoundOutcome> {
  const [[agent], [held], page] = await tx.batch(
    run<AgentRow>(LOCK_AGENT, [agentId, actor.agencyId]),
    run<AccountAndDebtorRows>(HELD_ACCOUNT, [agentId, now, actor.agencyId]),
    run<CandidateRow>(CANDIDATES[actor.agencyId === null ? 'everything' : 'agency'][after ? 'after' : 'first'], [
      agentId,
      now,
      actor.agencyId,
      contactLookbackStart(now),
      ...(after ? [after.recovery, after.membershipId] : []),
    ]),
  );
  if (!agent) throw notFound('Agent', agentId, 'agentId');
  if (agent.status === 'LOGGED_OUT' || agent.status === 'PAUSED') {
    throw conflict('agentId', `the agent is ${agent.status}; set it AVAILABLE before asking for the next account`);
  }
  if (!agent.queue_id || agent.paused || agent.campaign_status !== 'RUNNING') return { done: true, offer: null };
  if (held) return { done: true, offer: held };
  if (page.length === 0) return { done: true, offer: null };
  const offer = await claimBest(tx, actor, agent, agent.queue_id, page, now);
  if (offer) return { done: true, offer };
  // None: every allowed candidate of the page was taken by a concurrent request meanwhile (or none was allowed).
  const last = page.at(-1)!;
  return { done: false, after: { recovery: last.recovery, membershipId: last.membership_id } };
}

/** Checks the page against the contact rules, then notes the refused, claims the best allowed and commits. */
async function claimBest(
  tx: FastTransaction,
  actor: Principal,
  agent: AgentRow,
  queueId: string,
  page: CandidateRow[],
  now: Date,
): Promise<AccountAndDebtorRows | undefined> {
  const window: CampaignWindow = { startMinute: agent.window_start_minute, endMinute: agent.window_end_minute };
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
  const allowed: string[] = [];
  const refused: { membershipId: string; decision: ContactDecision }[] = [];
  for (const candidate of page) {
    const decision = decide(candidate, window, boundaries, now);
    if (decision.allowed) allowed.push(candidate.membership_id);
    else refused.push({ membershipId: candidate.membership_id, decision });
  }
  const [offer] = await tx.rowsThenCommit<AccountAndDebtorRows>(CLAIM_AND_OFFER, [
    allowed,
    now,
    actor.agencyId,
    agent.tenant,
    agent.agency_id,
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
  return offer;
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
