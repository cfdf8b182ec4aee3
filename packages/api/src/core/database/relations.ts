import { wrap } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The related entity behind `owner[key]`, loading it only if the list query did not already join it. Field
 * resolvers use this so a page of 50 accounts costs no extra round trip per row for what was populated.
 */
export async function related<T extends object, K extends keyof T & string>(
  em: EntityManager,
  owner: T,
  key: K,
): Promise<T[K]> {
  const value = owner[key];
  if (value === null || value === undefined || wrap(value as object).isInitialized()) return value;
  await em.populate(owner, [key] as never);
  return owner[key];
}
