import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql } from './sql.ts';
import { quotedTable } from './statistics.ts';

/**
 * VACUUM where autovacuum does not run — off for the server (as on the machines this was measured on) or for a
 * table. Without it the dead row versions every update leaves stay in the table and its indexes for good: a queue's
 * places are updated at each offer and each outcome, and `nextAccount`'s walk down the queue visits each dead version
 * to learn that it is dead; and the visibility map stays empty, so no index-only scan can skip the table. A table is
 * vacuumed once its dead rows, or the rows inserted since its last vacuum, pass autovacuum's own default thresholds
 * (50 + 20 % and 1,000 + 20 % of the table), as autovacuum would. Where autovacuum runs, it is left to it.
 */
const DEAD_ROWS_BASE = 50;
const DEAD_ROWS_SCALE = 0.2;
const INSERTED_ROWS_BASE = 1_000;
const INSERTED_ROWS_SCALE = 0.2;

/** VACUUMs every table of the schema autovacuum leaves alone and would have vacuumed by now; returns them. */
export async function vacuumNeglectedTables(em: EntityManager): Promise<string[]> {
  const due = await runSql<{ table: string }>(
    em,
    `select s.relname as table
       from pg_stat_user_tables s
       join pg_class c on c.oid = s.relid
      where s.schemaname = current_schema()
        and (current_setting('autovacuum') = 'off' or coalesce(c.reloptions, '{}') @> array['autovacuum_enabled=false'])
        and (s.n_dead_tup >= ? + ? * greatest(c.reltuples, 0)
             or s.n_ins_since_vacuum >= ? + ? * greatest(c.reltuples, 0))`,
    [DEAD_ROWS_BASE, DEAD_ROWS_SCALE, INSERTED_ROWS_BASE, INSERTED_ROWS_SCALE],
  );
  const tables = due.map((row) => row.table);
  // VACUUM cannot run inside a transaction: this em is not in one, so the statement runs on its own.
  if (tables.length > 0) await runSql(em, `vacuum ${tables.map(quotedTable).join(', ')}`);
  return tables;
}
