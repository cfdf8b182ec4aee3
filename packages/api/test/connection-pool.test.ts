import { describe, expect, it } from 'vitest';
import { openOrm } from '../src/app/database.ts';
import { FastSql, statement } from '../src/core/database/fast-sql.ts';

/**
 * The ORM's pool against a real PostgreSQL. A connection is a PostgreSQL process whose first run of each hot path
 * plans it from nothing (POOL_IDLE_TIMEOUT_MS in core/database/orm.ts): the pool must keep a connection that sits
 * unused for a while rather than open a cold one for the next request.
 */

const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
/** node-postgres closes a pooled connection idle this long unless told otherwise. */
const NODE_POSTGRES_IDLE_TIMEOUT_MS = 10_000;
const BACKEND = statement('orm-test-backend', 'select pg_backend_pid() as pid');

describe('the ORM pool', () => {
  it('keeps a connection left idle past node-postgres’s own timeout: the next request finds the same, warm backend', async () => {
    const orm = await openOrm({ url: serverUrl, poolMax: 1 });
    try {
      const sql = await FastSql.of(orm);
      const backend = async () => (await sql.transaction((tx) => tx.rows<{ pid: number }>(BACKEND, [])))[0]!.pid;
      const before = await backend();
      await new Promise((resolve) => setTimeout(resolve, NODE_POSTGRES_IDLE_TIMEOUT_MS + 1500));
      expect(await backend()).toBe(before);
    } finally {
      await orm.close(true);
    }
  }, 30_000);
});
