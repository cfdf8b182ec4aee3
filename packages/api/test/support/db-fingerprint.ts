import { sql, type TestApi } from './test-api.ts';
import { sleep } from './wait.ts';

/**
 * A fingerprint of everything a request could change: each table's row count and a hash of its rows, read straight
 * from PostgreSQL. Two equal fingerprints around a refused request show it changed nothing.
 *
 * Left out, because they change on purpose whatever the request's outcome:
 * - `audit_entry`: the audit trail keeps refused requests too, with their error code (docs/security-testing.md);
 * - `api_key.last_used_at`: the key directory notes, about once a minute, that a key was used;
 * - `domain_event.published_at`: the outbox relay marks, in the background, the events of earlier accepted writes
 *   as published (a new event still shows in the table's row count and hash).
 */
const IGNORED_TABLES = new Set(['audit_entry']);
const IGNORED_COLUMNS: Record<string, string[]> = { api_key: ['last_used_at'], domain_event: ['published_at'] };

export type Fingerprint = Record<string, string>;

let statement: string | null = null;

async function fingerprintStatement(api: TestApi): Promise<string> {
  if (statement) return statement;
  const columns = await sql<{ table_name: string; column_name: string }>(
    api,
    `select c.table_name, c.column_name
       from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
      order by c.table_name, c.ordinal_position`,
  );
  const byTable = new Map<string, string[]>();
  for (const { table_name: table, column_name: column } of columns) {
    if (IGNORED_TABLES.has(table) || IGNORED_COLUMNS[table]?.includes(column)) continue;
    byTable.set(table, [...(byTable.get(table) ?? []), column]);
  }
  // One statement for all tables: each row as the text of its kept columns, hashed, the hashes sorted and hashed again.
  statement = [...byTable.entries()]
    .map(([table, kept]) => {
      const row = `row(${kept.map((column) => `t."${column}"`).join(', ')})::text`;
      return `select '${table}' as name, count(*)::text || ':' || coalesce(md5(string_agg(md5(${row}), '' order by md5(${row}))), '-') as print from "${table}" t`;
    })
    .join('\nunion all\n');
  return statement;
}

/** Row counts and row hashes of every table but the ones above. */
export async function fingerprint(api: TestApi): Promise<Fingerprint> {
  const rows = await sql<{ name: string; print: string }>(api, await fingerprintStatement(api));
  return Object.fromEntries(rows.map((row) => [row.name, row.print]));
}

/** The tables whose fingerprint differs, with both prints. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names]
    .filter((name) => before[name] !== after[name])
    .map((name) => `${name} ${before[name]} → ${after[name]}`);
}

/**
 * The fingerprint once the database has stopped changing: work an earlier, accepted request started in the
 * background (the outbox relay, a queued import) must not be blamed on the refused request measured next.
 */
export async function settledFingerprint(api: TestApi, quietMs = 60, timeoutMs = 5_000): Promise<Fingerprint> {
  const deadline = Date.now() + timeoutMs;
  let previous = await fingerprint(api);
  for (;;) {
    await sleep(quietMs);
    const current = await fingerprint(api);
    if (changedTables(previous, current).length === 0 || Date.now() > deadline) return current;
    previous = current;
  }
}
