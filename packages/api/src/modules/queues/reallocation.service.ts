import type { EntityManager } from '@mikro-orm/postgresql';
import type { IsoDate } from '@recupera/shared';
import { badInput, conflict, notFound } from '../../core/errors.ts';
import { recordEvent } from '../../core/events/record-event.ts';
import { runSql } from '../../core/database/sql.ts';
import type { Principal } from '../../core/principal.ts';
import { Agent } from '../agencies/agent.entity.ts';
import { Account } from '../portfolio/account.entity.ts';
import { accountWhere, type AccountFilterData } from '../portfolio/account-filter.ts';
import { QueueMembership } from './queue-membership.entity.ts';
import { WorkQueue } from './work-queue.entity.ts';
import { isUuid } from '../../core/ids.ts';

/**
 * Mid-day reallocation by managers. Every change is a plain row update committed before the call returns,
 * and `nextAccount` reads the agent's queue and the memberships afresh on every request — so the very next
 * request follows the new assignment, on every API instance.
 */

export async function getQueue(em: EntityManager, id: string, field: string): Promise<WorkQueue> {
  const queue = isUuid(id) ? await em.findOne(WorkQueue, { id }, { populate: ['campaign', 'campaign.agency'] }) : null;
  if (!queue) throw notFound('WorkQueue', id, field);
  if (queue.campaign.status === 'FINISHED') throw conflict(field, 'the queue belongs to a finished campaign');
  return queue;
}

/** Assigns agents to a queue (each agent works one queue at a time); agents of a partner work only its campaigns. */
export async function assignAgents(
  em: EntityManager,
  actor: Principal,
  agentIds: string[],
  queueId: string,
): Promise<WorkQueue> {
  if (agentIds.length === 0) throw badInput('agentIds', 'name at least one agent');
  if (agentIds.length > 500) throw badInput('agentIds', 'at most 500 agents per call');
  return em.transactional(async (tx) => {
    const queue = await getQueue(tx, queueId, 'queueId');
    // An empty id is no id at all (a client's bug, said as such); any other malformed id is simply not found.
    const blank = agentIds.findIndex((id) => id.trim() === '');
    if (blank >= 0) throw badInput(`agentIds[${blank}]`, 'must not be empty');
    const ids = [...new Set(agentIds)];
    const invalid = ids.find((id) => !isUuid(id));
    if (invalid !== undefined) throw notFound('Agent', invalid, 'agentIds');
    // Agent rows first, in one order, as nextAccount takes them: a reassignment and a request never interleave.
    await runSql(tx, `select id from agent where id in (${ids.map(() => '?').join(', ')}) order by id for update`, ids);
    const agents = await tx.find(Agent, { id: { $in: ids } }, { populate: ['agency'] });
    const missing = ids.find((id) => !agents.some((agent) => agent.id === id));
    if (missing) throw notFound('Agent', missing, 'agentIds');
    const campaignAgency = queue.campaign.agency?.id ?? null;
    for (const agent of agents) {
      const fits = campaignAgency ? agent.agency.id === campaignAgency : !agent.agency.partner;
      if (!fits) {
        throw badInput('agentIds', `${agent.name} belongs to ${agent.agency.name}, which does not run this campaign`);
      }
    }
    for (const agent of agents) {
      const from = agent.queue?.id ?? null;
      agent.queue = queue;
      recordEvent(tx, {
        type: 'AgentAssigned',
        aggregateId: agent.id,
        actor: actor.actor,
        payload: { fromQueueId: from, toQueueId: queue.id },
      });
    }
    // An account an agent held in its former queue goes back to that queue's agents at once.
    await tx.nativeUpdate(
      QueueMembership,
      { reservedBy: { $in: agents.map((agent) => agent.id) }, queue: { $ne: queue.id } },
      { reservedBy: null, reservedUntil: null },
    );
    return queue;
  });
}

/**
 * Moves up to `count` of the best unreserved accounts (highest expected recovery, optionally only those
 * matching `filter`) from one queue to another. Rows being worked right now are skipped (SKIP LOCKED and not
 * reserved), so a move never pulls an account from under an agent.
 */
export async function moveAccounts(
  em: EntityManager,
  actor: Principal,
  input: { fromQueueId: string; toQueueId: string; count: number; filter?: AccountFilterData | null },
  now: Date,
  businessDate: IsoDate,
): Promise<number> {
  if (!Number.isInteger(input.count) || input.count < 1 || input.count > 100_000) {
    throw badInput('count', 'must be a whole number from 1 to 100000');
  }
  if (input.fromQueueId === input.toQueueId) throw badInput('toQueueId', 'must differ from fromQueueId');
  return em.transactional(async (tx) => {
    const from = await getQueue(tx, input.fromQueueId, 'fromQueueId');
    const to = await getQueue(tx, input.toQueueId, 'toQueueId');
    if ((from.campaign.agency?.id ?? null) !== (to.campaign.agency?.id ?? null)) {
      throw badInput('toQueueId', 'accounts can only move between queues run by the same agency');
    }
    let accountCondition = '';
    let accountParams: readonly unknown[] = [];
    if (input.filter) {
      const { sql, params } = tx
        .createQueryBuilder(Account, 'a')
        .select('a.id')
        // The same condition object em.find takes; MikroORM types the QueryBuilder's filter separately.
        .where(accountWhere(input.filter, businessDate) as never)
        .toQuery();
      accountCondition = `and m.account_id in (${sql})`;
      accountParams = params;
    }
    const moved = await runSql<{ id: string }>(
      tx,
      `update queue_membership as target set queue_id = ?, campaign_id = ?
         from (select m.id from queue_membership m
                where m.queue_id = ? and (m.reserved_until is null or m.reserved_until <= ?) ${accountCondition}
                order by m.expected_recovery desc, m.id desc
                limit ?
                for update of m skip locked) as chosen
        where target.id = chosen.id
        returning target.id`,
      [to.id, to.campaign.id, from.id, now, ...accountParams, input.count],
    );
    recordEvent(tx, {
      type: 'AccountsMoved',
      aggregateId: from.id,
      actor: actor.actor,
      payload: { fromQueueId: from.id, toQueueId: to.id, requested: input.count, moved: moved.length },
    });
    return moved.length;
  });
}

/** Changes a queue's priority, or pauses / resumes it; `nextAccount` hands nothing from a paused queue. */
export async function updateQueue(
  em: EntityManager,
  actor: Principal,
  queueId: string,
  change: { priority?: number | null; paused?: boolean | null },
): Promise<WorkQueue> {
  if (
    change.priority != null &&
    (!Number.isInteger(change.priority) || change.priority < 0 || change.priority > 1000)
  ) {
    throw badInput('priority', 'must be a whole number from 0 to 1000');
  }
  return em.transactional(async (tx) => {
    const queue = await getQueue(tx, queueId, 'queueId');
    const before = { priority: queue.priority, paused: queue.paused };
    if (change.priority != null) queue.priority = change.priority;
    if (change.paused != null) queue.paused = change.paused;
    recordEvent(tx, {
      type: 'QueueUpdated',
      aggregateId: queue.id,
      actor: actor.actor,
      payload: { before, after: { priority: queue.priority, paused: queue.paused } },
    });
    return queue;
  });
}
