import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql } from './sql.ts';

/**
 * The planner's statistics, kept fresh by the product itself. Autovacuum may lag behind a bulk write, or be off,
 * and a table whose statistics still describe it empty gets plans that walk it whole (issue 14 measured the
 * candidate query of `nextAccount` at 69 ms instead of 0.65 ms, an agency's page walking the whole primary key).
 * The threshold is autovacuum's default: 50 rows plus 10 % of the table.
 */
const BASE_THRESHOLD = 50;
const SCALE_FACTOR = 0.1;

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** A table name as an identifier of a maintenance statement (ANALYZE, VACUUM), refused unless it is a plain name. */
export function quotedTable(table: string): string {
  if (!IDENTIFIER.test(table)) throw new Error(`not a table name: ${table}`);
  return `"${table}"`;
}

/**
 * After a bulk write of `changedRows` rows to `tables` (a seed, an import, a campaign's queue filling): ANALYZE
 * each table the change is large for, or that was never analysed. Returns the tables analysed. Run it after the
 * write committed: ANALYZE reads what other transactions can see.
 */
export async function refreshStatisticsAfter(
  em: EntityManager,
  tables: readonly string[],
  changedRows: number,
): Promise<string[]> {
  const sizes = await runSql<{ table: string; reltuples: number }>(
    em,
    `select relname as table, reltuples from pg_class
      where relkind in ('r', 'p') and relnamespace = current_schema()::regnamespace and relname in (?)`,
    [tables],
  );
  const stale = sizes
    .filter((row) => row.reltuples < 0 || changedRows >= BASE_THRESHOLD + SCALE_FACTOR * row.reltuples)
    .map((row) => row.table);
  if (stale.length > 0) await runSql(em, `analyze ${stale.map(quotedTable).join(', ')}`);
  return stale;
}

/**
 * The sweep: ANALYZE every table of the schema whose rows changed past the threshold since its last analysis
 * (by anyone: autovacuum's or ours), or that holds rows and was never analysed. Returns the tables analysed.
 */
export async function refreshStaleStatistics(em: EntityManager): Promise<string[]> {
  const stale = await runSql<{ table: string }>(
    em,
    `select relname as table from pg_stat_user_tables
      where schemaname = current_schema()
        and (n_mod_since_analyze >= ? + ? * n_live_tup
             or (last_analyze is null and last_autoanalyze is null and n_live_tup > 0))`,
    [BASE_THRESHOLD, SCALE_FACTOR],
  );
  const tables = stale.map((row) => row.table);
  if (tables.length > 0) await runSql(em, `analyze ${tables.map(quotedTable).join(', ')}`);
  return tables;
}
