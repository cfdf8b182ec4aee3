import net from 'node:net';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './unavailable.ts';

/**
 * The classification against errors node-postgres really raises: a refused connection, a backend terminated with a
 * query in flight, a pool that cannot hand out a connection in time; and the errors that must stay what they are (a
 * statement timeout, bad SQL, a constraint), which are bugs or refusals, not outages.
 */

const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

async function caught(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected the work to fail');
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('isDatabaseUnavailable', () => {
  it('a refused connection (ECONNREFUSED) is an outage', async () => {
    const client = new pg.Client({ host: '127.0.0.1', port: await closedPort(), user: 'postgres' });
    const error = await caught(() => client.connect());
    expect((error as { code?: string }).code).toBe('ECONNREFUSED');
    expect(isDatabaseUnavailable(error)).toBe(true);
    // Wrapped, as MikroORM or a job runner may hand it on.
    expect(isDatabaseUnavailable(new Error('query failed', { cause: error }))).toBe(true);
  });

  it('a backend terminated with a query in flight (57P01) is an outage, and so is the next use of that client', async () => {
    const victim = new pg.Client({ connectionString: serverUrl });
    const admin = new pg.Client({ connectionString: serverUrl });
    await Promise.all([victim.connect(), admin.connect()]);
    victim.on('error', () => undefined);
    try {
      const pid = (await victim.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
      const sleeping = caught(() => victim.query('select pg_sleep(30)'));
      await new Promise((resolve) => setTimeout(resolve, 200));
      await admin.query('select pg_terminate_backend($1)', [pid]);
      const error = await sleeping;
      expect(isDatabaseUnavailable(error)).toBe(true);
      const after = await caught(() => victim.query('select 1'));
      expect(isDatabaseUnavailable(after)).toBe(true);
    } finally {
      await admin.end();
      await victim.end().catch(() => undefined);
    }
  });

  it("the pool's acquire timeout is an outage", async () => {
    const pool = new pg.Pool({ connectionString: serverUrl, max: 1, connectionTimeoutMillis: 200 });
    const held = await pool.connect();
    try {
      const error = await caught(() => pool.query('select 1'));
      expect(String((error as Error).message)).toMatch(/timeout/);
      expect(isDatabaseUnavailable(error)).toBe(true);
    } finally {
      held.release();
      await pool.end();
    }
  });

  it('a statement timeout, bad SQL and a constraint violation are not', async () => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query('set statement_timeout = 50');
      const timeout = await caught(() => client.query('select pg_sleep(1)'));
      expect((timeout as { code?: string }).code).toBe('57014');
      expect(isDatabaseUnavailable(timeout)).toBe(false);
      // Only the sleep is meant to time out: on a loaded machine creating the table below can take 50 ms too.
      await client.query('set statement_timeout = 0');
      const syntax = await caught(() => client.query('selec 1'));
      expect((syntax as { code?: string }).code).toBe('42601');
      expect(isDatabaseUnavailable(syntax)).toBe(false);
      await client.query('create temporary table unique_probe (id int primary key)');
      await client.query('insert into unique_probe values (1)');
      const duplicate = await caught(() => client.query('insert into unique_probe values (1)'));
      expect((duplicate as { code?: string }).code).toBe('23505');
      expect(isDatabaseUnavailable(duplicate)).toBe(false);
      expect(isDatabaseUnavailable(new Error('something else broke'))).toBe(false);
    } finally {
      await client.end();
    }
  });
});
