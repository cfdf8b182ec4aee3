import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Role } from '@recupera/shared';
import { badInput, notFound } from '../../core/errors.ts';
import { recordEvent } from '../../core/events/record-event.ts';
import { isUuid } from '../../core/ids.ts';
import type { Principal } from '../../core/principal.ts';
import { getVisibleAgency } from '../agencies/agency.service.ts';
import { Agent } from '../agencies/agent.entity.ts';
import { generateKey, hashKey, keyPrefix } from './api-key-secret.ts';
import { ApiKey } from './api-key.entity.ts';

/** The longest a rotated key keeps working next to its replacement. */
export const MAX_OVERLAP_MINUTES = 7 * 24 * 60;
/** A label is for people: short. */
export const MAX_LABEL_LENGTH = 120;

export interface ApiKeyGrant {
  role: Role;
  agencyId: string | null;
  agentId: string | null;
  label: string | null;
  expiresAt: Date | null;
}

export interface CreatedApiKey {
  id: string;
  key: string;
  role: Role;
  agencyId: string | null;
  agentId: string | null;
}

/**
 * Checks a grant: AGENCY keys are bound to an agency and AGENT keys to an agent (a key bound to nothing would see
 * or act as everything), no other role is bound; an expiry is in the future.
 */
async function checkGrant(tx: EntityManager, grant: ApiKeyGrant, now: Date) {
  if (grant.role === 'AGENCY' && !grant.agencyId) throw badInput('agencyId', 'is required for an AGENCY key');
  if (grant.role !== 'AGENCY' && grant.agencyId) throw badInput('agencyId', 'only AGENCY keys are bound to an agency');
  if (grant.role === 'AGENT' && !grant.agentId) throw badInput('agentId', 'is required for an AGENT key');
  if (grant.role !== 'AGENT' && grant.agentId) throw badInput('agentId', 'only AGENT keys are bound to an agent');
  if (grant.label !== null && grant.label.trim().length > MAX_LABEL_LENGTH) {
    throw badInput('label', `must be at most ${MAX_LABEL_LENGTH} characters`);
  }
  if (grant.expiresAt && grant.expiresAt.getTime() <= now.getTime())
    throw badInput('expiresAt', 'must be in the future');
  const agency = grant.agencyId ? await getVisibleAgency(tx, grant.agencyId) : null;
  const agent = grant.agentId ? (isUuid(grant.agentId) ? await tx.findOne(Agent, { id: grant.agentId }) : null) : null;
  if (grant.agentId && !agent) throw notFound('Agent', grant.agentId, 'agentId');
  return { agency, agent };
}

function storeKey(tx: EntityManager, key: string, grant: ApiKeyGrant, bound: Awaited<ReturnType<typeof checkGrant>>) {
  return tx.create(ApiKey, {
    hash: hashKey(key),
    prefix: keyPrefix(key),
    role: grant.role,
    agency: bound.agency,
    agent: bound.agent,
    label: grant.label?.trim() || null,
    expiresAt: grant.expiresAt,
  });
}

/** Issues a key; the secret is returned once and only its hash is stored. */
export async function createApiKey(
  em: EntityManager,
  actor: Principal,
  grant: ApiKeyGrant,
  now: Date,
): Promise<CreatedApiKey> {
  const key = generateKey(grant.role);
  const stored = await em.transactional(async (tx) => {
    const apiKey = storeKey(tx, key, grant, await checkGrant(tx, grant, now));
    recordEvent(tx, {
      type: 'ApiKeyCreated',
      aggregateId: apiKey.id,
      actor: actor.actor,
      payload: { role: grant.role, agencyId: grant.agencyId, agentId: grant.agentId, prefix: apiKey.prefix },
    });
    return apiKey;
  });
  return { id: stored.id, key, role: grant.role, agencyId: grant.agencyId, agentId: grant.agentId };
}

/** Stored keys, newest first, optionally of one agency; never their secrets. */
export function listApiKeys(em: EntityManager, agencyId: string | null): Promise<ApiKey[]> {
  if (agencyId !== null && !isUuid(agencyId)) return Promise.resolve([]);
  return em.find(ApiKey, agencyId ? { agency: agencyId } : {}, {
    orderBy: { createdAt: 'desc', id: 'desc' },
    populate: ['agency', 'agent'],
  });
}

async function lockedKey(tx: EntityManager, id: string): Promise<ApiKey> {
  const key = isUuid(id)
    ? await tx.findOne(ApiKey, { id }, { refresh: true, lockMode: LockMode.PESSIMISTIC_WRITE })
    : null;
  if (!key) throw notFound('ApiKey', id, 'id');
  return key;
}

/**
 * Stops a key at once, on every instance (the table notifies every key directory), its open WebSocket
 * connections included. Revoking a revoked key changes nothing and answers it as it is.
 */
export async function revokeApiKey(em: EntityManager, actor: Principal, id: string, now: Date): Promise<ApiKey> {
  return em.transactional(async (tx) => {
    const key = await lockedKey(tx, id);
    if (key.revokedAt) return key;
    key.revokedAt = now;
    recordEvent(tx, {
      type: 'ApiKeyRevoked',
      aggregateId: key.id,
      actor: actor.actor,
      payload: { prefix: key.prefix },
    });
    return key;
  });
}

/**
 * A new secret for the same grant (role, agency, agent, label, expiry). The old key keeps working for
 * `overlapMinutes` (default 0: it stops now), so a partner can deploy the new one without a gap.
 */
export async function rotateApiKey(
  em: EntityManager,
  actor: Principal,
  id: string,
  overlapMinutes: number,
  now: Date,
): Promise<CreatedApiKey> {
  if (!Number.isInteger(overlapMinutes) || overlapMinutes < 0 || overlapMinutes > MAX_OVERLAP_MINUTES) {
    throw badInput('overlapMinutes', `must be a whole number of minutes from 0 to ${MAX_OVERLAP_MINUTES}`);
  }
  const secret = await em.transactional(async (tx) => {
    const old = await lockedKey(tx, id);
    if (old.revokedAt) throw badInput('id', 'the key is revoked: issue a new one');
    if (old.expiresAt && old.expiresAt.getTime() <= now.getTime()) throw badInput('id', 'the key has expired');
    await tx.populate(old, ['agency', 'agent']);
    const grant: ApiKeyGrant = {
      role: old.role,
      agencyId: old.agency?.id ?? null,
      agentId: old.agent?.id ?? null,
      label: old.label,
      expiresAt: old.expiresAt,
    };
    const key = generateKey(old.role);
    const replacement = storeKey(tx, key, grant, { agency: old.agency, agent: old.agent });
    replacement.rotatedFromId = old.id;
    const endsAt = new Date(now.getTime() + overlapMinutes * 60_000);
    if (!old.expiresAt || old.expiresAt > endsAt) old.expiresAt = endsAt;
    recordEvent(tx, {
      type: 'ApiKeyRotated',
      aggregateId: old.id,
      actor: actor.actor,
      payload: { prefix: old.prefix, replacementId: replacement.id, oldKeyExpiresAt: endsAt.toISOString() },
    });
    return { id: replacement.id, key, grant };
  });
  return {
    id: secret.id,
    key: secret.key,
    role: secret.grant.role,
    agencyId: secret.grant.agencyId,
    agentId: secret.grant.agentId,
  };
}

/** Stores a key whose text is chosen by the caller (the demo seeder's published keys). */
export function storeKnownKey(
  em: EntityManager,
  key: string,
  grant: { role: Role; agencyId: string | null; agentId?: string | null; label?: string },
): ApiKey {
  return em.create(ApiKey, {
    hash: hashKey(key),
    prefix: keyPrefix(key),
    role: grant.role,
    agency: grant.agencyId,
    agent: grant.agentId ?? null,
    label: grant.label ?? null,
  });
}
