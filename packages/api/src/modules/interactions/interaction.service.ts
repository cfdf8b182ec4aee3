import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isContact, isRightPartyContact, nextAttemptAt, type IsoDate, type AccountStatus } from '@recupera/shared';
import type { Clock } from '../../core/clock.ts';
import { conflict, notFound } from '../../core/errors.ts';
import { recordEvent } from '../../core/events/record-event.ts';
import type { Principal } from '../../core/principal.ts';
import { changeAgentStatus } from '../agencies/agent-status.service.ts';
import { Agent } from '../agencies/agent.entity.ts';
import { lockAccountForWrite } from '../portfolio/account-lock.ts';
import type { Account } from '../portfolio/account.entity.ts';
import { QueueMembership } from '../queues/queue-membership.entity.ts';
import { releaseAfterAttempt, reopenInQueue, rescoreMembership } from '../queues/queue-membership.service.ts';
import { DispositionEffects } from './disposition-effects.ts';
import {
  checkInteractionInput,
  checkPromiseTerms,
  wrongNumberPhone,
  type CheckedInteraction,
} from './interaction-input.ts';
import { Interaction } from './interaction.entity.ts';
import { placementNow } from '../portfolio/fact-placement.ts';
import { IN_HOUSE_TENANT, tenantOf } from '../portfolio/phone-validity.ts';
import { runSql } from '../../core/database/sql.ts';
import type { RecordInteractionInput } from './record-interaction.input.ts';
import { isUuid } from '../../core/ids.ts';

/** Settings of the operation that bound what an interaction may record. */
export interface InteractionRules {
  /** Furthest a promise may be due, in days after the debtor's local today (`PROMISE_MAX_DAYS`). */
  promiseMaxDays: number;
}

/** The request's time: its clock, and the operation's business date when it began. */
export interface OperationTime {
  clock: Clock;
  businessDate: IsoDate;
}

/** Settled debts take no new attempts: there is nothing left to collect. */
const CLOSED_STATUSES: ReadonlySet<AccountStatus> = new Set(['PAID', 'WRITTEN_OFF']);

/**
 * Records one contact attempt and its disposition, and everything the disposition means for the account, in
 * one transaction with the events that describe it:
 * - every attempt moves `lastAttemptAt` (and `lastRightPartyContactAt` for a right-party contact); the
 *   interaction table itself is the contact-frequency record the queue side counts from;
 * - PROMISE_TO_PAY makes the promise (a pending one it replaces is CANCELLED) and the account PROMISED;
 * - DISPUTE puts the account on hold as DISPUTED (its pending promises are CANCELLED);
 * - ALREADY_PAID flags the account for reconciliation; REFUSED_TO_PAY counts a refusal;
 * - WRONG_NUMBER marks the number invalid on the debtor;
 * - CALLBACK_REQUESTED re-opens the account in its queue at `callbackAt`.
 * Then the account's queue place is released (parked while it waits on a promise, a dispute or a
 * reconciliation) and re-scored.
 */
export async function recordInteraction(
  em: EntityManager,
  actor: Principal,
  time: OperationTime,
  rules: InteractionRules,
  input: RecordInteractionInput,
): Promise<Interaction> {
  const now = time.clock.now();
  const checked = checkInteractionInput(input, now);
  return em.transactional(async (tx) => {
    const account = await lockAccountForWrite(tx, checked.accountId);
    if (CLOSED_STATUSES.has(account.status)) {
      throw conflict('accountId', `the account is ${account.status} and takes no new interactions`);
    }
    const agent = checked.agentId ? await getVisibleAgent(tx, checked.agentId) : null;
    if (agent && !(await agentWorksFor(tx, agent, account))) {
      // docs/agencies.md: once an account changes holder, the previous holder's agents no longer work it (an agent
      // holding a reservation from before would otherwise record in the new holder's figures).
      throw conflict('agentId', "the agent's team does not hold this account");
    }
    const terms = checked.promise
      ? checkPromiseTerms(checked.promise, account, account.debtor, now, rules.promiseMaxDays)
      : null;
    const wrongPhone =
      checked.disposition === 'WRONG_NUMBER' ? wrongNumberPhone(checked.contactPoint, account.debtor) : null;

    const membership = await tx.findOne(QueueMembership, { account });
    // The campaign and queue the attempt was made in: every KPI is also reported per campaign and queue.
    const placement = placementNow(account, membership);
    const interaction = tx.create(Interaction, {
      account,
      agent,
      channel: checked.channel,
      disposition: checked.disposition,
      startedAt: checked.startedAt,
      durationSeconds: checked.durationSeconds,
      notes: checked.notes,
      contactPoint: checked.contactPoint ?? wrongPhone,
      variant: membership?.variant ?? null,
      callbackAt: checked.callbackAt,
      placement,
      createdAt: now,
    });
    recordEvent(tx, {
      type: 'InteractionRecorded',
      aggregateId: interaction.id,
      actor: actor.actor,
      payload: {
        accountId: account.id,
        ...placement,
        agentId: agent?.id ?? null,
        variant: interaction.variant,
        channel: interaction.channel,
        disposition: interaction.disposition,
        contact: isContact(interaction.disposition),
        rightPartyContact: isRightPartyContact(interaction.disposition),
        startedAt: interaction.startedAt.toISOString(),
        durationSeconds: interaction.durationSeconds,
        callbackAt: interaction.callbackAt?.toISOString() ?? null,
      },
    });

    const effects = new DispositionEffects(tx, actor.actor, now, account, interaction);
    await effects.apply(terms, wrongPhone);
    noteAttempt(account, checked);
    await requeue(tx, account, checked, time.businessDate);
    await rescoreMembership(tx, account, time.businessDate, time.clock.timeZone);
    // The call is over: the agent wraps up (notes, follow-ups) until it asks for the next account.
    if (agent?.status === 'ON_CONTACT') await changeAgentStatus(tx, actor, agent, 'WRAP_UP', now);
    return interaction;
  });
}

/**
 * The agent as the caller may see it (an AGENCY key records only for its own agents), row-locked: its status
 * change at the end of the call must not race another call of the same agent's (two would both close the one
 * open status period and leave two open).
 */
async function getVisibleAgent(tx: EntityManager, id: string): Promise<Agent> {
  const agent = isUuid(id)
    ? await tx.findOne(Agent, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true })
    : null;
  if (!agent) throw notFound('Agent', id, 'agentId');
  return agent;
}

/**
 * Whether the agent may work the account as its holder stands (docs/agencies.md): an account placed with a partner
 * is worked by that partner's agents only, and a partner's agents no longer work an account that left it (recalled,
 * returned, placed elsewhere). Agents of any team may still work an account that was never placed.
 */
async function agentWorksFor(tx: EntityManager, agent: Agent, account: Account): Promise<boolean> {
  await tx.populate(agent, ['agency']);
  await tx.populate(account, ['agency']);
  const holder = tenantOf(account.agency);
  if (holder !== IN_HOUSE_TENANT) return holder === tenantOf(agent.agency);
  if (!agent.agency.partner) return true;
  const [left] = await runSql<{ n: number }>(
    tx,
    `select count(*)::int as n from placement where account_id = ? and agency_id = ? and status <> 'ACTIVE'`,
    [account.id, agent.agency.id],
  );
  return left!.n === 0;
}

/** The running contact figures of the account; kept monotonic when an attempt is recorded late. */
function noteAttempt(account: Account, checked: CheckedInteraction): void {
  const at = checked.startedAt;
  if (!account.lastAttemptAt || account.lastAttemptAt < at) account.lastAttemptAt = at;
  if (isRightPartyContact(checked.disposition)) {
    if (!account.lastRightPartyContactAt || account.lastRightPartyContactAt < at) account.lastRightPartyContactAt = at;
  }
}

/**
 * Releases the account's queue place after the attempt. It stays parked while it waits on something else
 * (a promise, a dispute, a reported payment to find); a requested callback re-opens it at the asked time,
 * unless the account is in dispute or the debtor is do-not-contact: a callback request overrides neither.
 */
async function requeue(
  tx: EntityManager,
  account: Account,
  checked: CheckedInteraction,
  businessDate: IsoDate,
): Promise<void> {
  const next = nextAttemptAt(checked.disposition, checked.startedAt);
  const waiting = account.status === 'PROMISED' || account.status === 'DISPUTED' || account.reconciliationPending;
  await releaseAfterAttempt(tx, account, { businessDate, nextAttemptAt: next, parked: next === null || waiting });
  const contactable = account.status !== 'DISPUTED' && !account.debtor.doNotContact;
  if (checked.callbackAt && contactable) await reopenInQueue(tx, account, checked.callbackAt);
}
