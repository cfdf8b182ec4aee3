import { type Role } from '@recupera/shared';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { badInput, unauthenticated } from '../../core/errors.ts';
import { recordEvent } from '../../core/events/record-event.ts';
import type { Principal } from '../../core/principal.ts';
import { getVisibleAgency } from '../agencies/agency.service.ts';
import { ApiKey } from './api-key.entity.ts';

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** 256 random bits; the prefix names the role so a leaked key is recognisable in logs and scanners. */
export function generateKey(role: Role): string {
  return `rk_${role.toLowerCase()}_${randomBytes(32).toString('base64url')}`;
}

export async function createApiKey(
  em: EntityManager,
  actor: Principal,
  input: { role: Role; agencyId: string | null },
): Promise<{ key: string; role: Role; agencyId: string | null }> {
  // Only AGENCY keys are bound to an agency: an agency key without one would see everything.
  if (input.role === 'AGENCY' && !input.agencyId) throw badInput('agencyId', 'is required for an AGENCY key');
  if (input.role !== 'AGENCY' && input.agencyId) throw badInput('agencyId', 'only AGENCY keys are bound to an agency');
  const key = generateKey(input.role);
  await em.transactional(async (tx) => {
    const agency = input.agencyId ? await getVisibleAgency(tx, input.agencyId) : null;
    const apiKey = tx.create(ApiKey, { hash: hashKey(key), prefix: key.slice(0, 12), role: input.role, agency });
    recordEvent(tx, {
      type: 'ApiKeyCreated',
      aggregateId: apiKey.id,
      actor: actor.actor,
      payload: { role: input.role, agencyId: input.agencyId, prefix: apiKey.prefix },
    });
  });
  return { key, role: input.role, agencyId: input.agencyId };
}

/** Stores a key whose text is chosen by the caller (the demo seeder's published keys). */
export function storeKnownKey(em: EntityManager, key: string, role: Role, agencyId: string | null): ApiKey {
  return em.create(ApiKey, { hash: hashKey(key), prefix: key.slice(0, 12), role, agency: agencyId });
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(hashKey(a), 'hex');
  const right = Buffer.from(hashKey(b), 'hex');
  return timingSafeEqual(left, right);
}

/**
 * Resolves `Authorization: Bearer <key>` to a principal. No header: anonymous (null), and `@Authorized`
 * answers UNAUTHENTICATED; a header with an unknown or revoked key is UNAUTHENTICATED at once.
 */
export async function authenticate(
  em: EntityManager,
  authorization: string | undefined | null,
  bootstrapAdminKey: string | undefined,
): Promise<Principal | null> {
  // A blank header or a bare "Bearer " (the IDE's template before a key is pasted) is anonymous, not an error:
  // introspection still works and every operation answers UNAUTHENTICATED.
  if (!authorization || /^\s*(Bearer\s*)?$/i.test(authorization)) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw unauthenticated('The Authorization header must be "Bearer <api key>"');
  const key = match[1]!;
  if (bootstrapAdminKey && sameSecret(key, bootstrapAdminKey)) {
    return { role: 'ADMIN', agencyId: null, actor: 'admin-bootstrap' };
  }
  const stored = await em.findOne(ApiKey, { hash: hashKey(key), revokedAt: null });
  if (!stored) throw unauthenticated('Unknown or revoked API key');
  return { role: stored.role, agencyId: stored.agency?.id ?? null, actor: `apikey:${stored.id}` };
}
