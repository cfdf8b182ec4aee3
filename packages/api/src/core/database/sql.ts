import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Plain SQL (`?` placeholders) on the EntityManager's connection, inside its transaction when it has one.
 * For set-based statements and row locks the ORM cannot express (SKIP LOCKED, INSERT … SELECT). Raw SQL
 * bypasses the agency-scope filter: callers load what they hand out through the scoped EntityManager.
 */
export function runSql<T extends object = Record<string, unknown>>(
  em: EntityManager,
  sql: string,
  params: readonly unknown[] = [],
): Promise<T[]> {
  return em.getConnection().execute<T[]>(sql, params, 'all', em.getTransactionContext());
}
