import { AGENT_STATUSES, type AgentStatus } from '@recupera/shared';
import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { badInput, conflict, notFound } from '../../core/errors.ts';
import { recordEvent } from '../../core/events/record-event.ts';
import type { Principal } from '../../core/principal.ts';
import { Agency } from './agency.entity.ts';
import { changeAgentStatus } from './agent-status.service.ts';
import { Agent } from './agent.entity.ts';
import { isUuid } from '../../core/ids.ts';

const AGENCY_CODE = /^[A-Za-z0-9_-]{2,40}$/;

function requireName(field: string, value: string): string {
  const name = value.trim();
  if (name.length === 0) throw badInput(field, 'must not be empty');
  if (name.length > 200) throw badInput(field, 'must be at most 200 characters');
  return name;
}

export async function createAgency(
  em: EntityManager,
  actor: Principal,
  input: { code: string; name: string; partner: boolean },
): Promise<Agency> {
  const code = input.code.trim().toUpperCase();
  if (!AGENCY_CODE.test(code)) throw badInput('code', 'must be 2–40 letters, digits, "-" or "_"');
  const name = requireName('name', input.name);
  try {
    return await em.transactional(async (tx) => {
      if (await tx.count(Agency, { code })) throw conflict('code', `an agency with code ${code} already exists`);
      const agency = tx.create(Agency, { code, name, partner: input.partner });
      recordEvent(tx, {
        type: 'AgencyCreated',
        aggregateId: agency.id,
        actor: actor.actor,
        payload: { code, name, partner: input.partner },
      });
      return agency;
    });
  } catch (error) {
    // Two concurrent creations with one code: the unique index decides, the loser gets the same answer.
    if (error instanceof UniqueConstraintViolationException) {
      throw conflict('code', `an agency with code ${code} already exists`);
    }
    throw error;
  }
}

/** The agency as the caller may see it; another agency's id is NOT_FOUND for an AGENCY key. */
export async function getVisibleAgency(em: EntityManager, id: string, field = 'agencyId'): Promise<Agency> {
  const agency = isUuid(id) ? await em.findOne(Agency, { id }) : null;
  if (!agency) throw notFound('Agency', id, field);
  return agency;
}

export async function createAgent(
  em: EntityManager,
  actor: Principal,
  input: { name: string; agencyId: string },
): Promise<Agent> {
  const name = requireName('name', input.name);
  return em.transactional(async (tx) => {
    const agency = await getVisibleAgency(tx, input.agencyId);
    const agent = tx.create(Agent, { name, agency });
    recordEvent(tx, {
      type: 'AgentCreated',
      aggregateId: agent.id,
      actor: actor.actor,
      payload: { name, agencyId: agency.id },
    });
    return agent;
  });
}

/** Sets an agent's status (an AGENCY key only for its own agents: others are NOT_FOUND). */
export async function setAgentStatus(
  em: EntityManager,
  actor: Principal,
  agentId: string,
  status: AgentStatus,
  now: Date,
): Promise<Agent> {
  if (!AGENT_STATUSES.includes(status)) throw badInput('status', `unknown status ${status}`);
  return em.transactional(async (tx) => {
    // Locked: two changes at once would both close the same open period and leave two open ones.
    const agent = isUuid(agentId)
      ? await tx.findOne(Agent, { id: agentId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true })
      : null;
    if (!agent) throw notFound('Agent', agentId, 'agentId');
    await changeAgentStatus(tx, actor, agent, status, now);
    return agent;
  });
}
