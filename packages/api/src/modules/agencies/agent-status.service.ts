import { type AgentStatus } from '@recupera/shared';
import type { EntityManager } from '@mikro-orm/postgresql';
import { recordEvent } from '../../core/events/record-event.ts';
import type { Principal } from '../../core/principal.ts';
import { QueueMembership } from '../queues/queue-membership.entity.ts';
import { type Agent } from './agent.entity.ts';
import { AgentStatusPeriod } from './agent-status-period.entity.ts';

/**
 * Moves an agent to `status` at `now`: closes the open status period and opens the next, so handle time,
 * logged-in hours and occupancy are sums of periods. Logging out hands back any account the agent held.
 * Runs in the caller's transaction; a change to the same status is a no-op.
 */
export async function changeAgentStatus(
  em: EntityManager,
  actor: Principal,
  agent: Agent,
  status: AgentStatus,
  now: Date,
): Promise<void> {
  if (agent.status === status) return;
  const open = await em.findOne(AgentStatusPeriod, { agent, endedAt: null }, { orderBy: { startedAt: 'desc' } });
  if (open) open.endedAt = now;
  em.create(AgentStatusPeriod, { agent, status, startedAt: now });
  if (status === 'LOGGED_OUT') {
    await em.nativeUpdate(QueueMembership, { reservedBy: agent }, { reservedBy: null, reservedUntil: null });
  }
  recordEvent(em, {
    type: 'AgentStatusChanged',
    aggregateId: agent.id,
    actor: actor.actor,
    payload: { from: agent.status, to: status, at: now.toISOString() },
  });
  agent.status = status;
  agent.statusSince = now;
}
