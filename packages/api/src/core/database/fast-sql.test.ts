import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, dropDatabase } from './admin.ts';
import { FastSql, run, statement } from './fast-sql.ts';

/**
 * FastSql's transactions against a real PostgreSQL: statements sent together in one round trip still run as
 * statements of their own, in order (one after a lock wait sees what the holder committed), an error stops the
 * rest and rolls everything back, and a COMMIT sent with the last statement commits. Rows come back as pg's own
 * queries return them.
 */

const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const database = `recupera_fast_sql_${randomBytes(4).toString('hex')}`;

const LOCK = statement('fast-sql-test-lock', 'select id from slot where id = $1 for update');
const HOLDERS = statement('fast-sql-test-holders', 'select holder from claim where slot_id = $1 order by holder');
const CLAIM = statement('fast-sql-test-claim', 'insert into claim (slot_id, holder) values ($1, $2) returning holder');
const FAIL = statement('fast-sql-test-fail', 'select 1 / $1::int as quotient');
const TYPES = statement(
  'fast-sql-test-types',
  `select 42 as int, 12345678901::int8 as big, 10.50::numeric as amount, $1::timestamptz as at, '{"a":[1]}'::jsonb as doc,
          array['x','y'] as list, true as yes, null::text as nothing, $2::uuid[] as ids, $3::jsonb as payload`,
);

let pool: pg.Pool;
let other: pg.Client;
/** `client.query` calls per connection: one per round trip. */
let roundTrips = 0;

beforeAll(async () => {
  const url = await createDatabase(serverUrl, database);
  pool = new pg.Pool({ connectionString: url, max: 1 });
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      roundTrips += 1;
      return query(...args);
    };
  });
  other = new pg.Client({ connectionString: url });
  await other.connect();
  await other.query(`create table slot (id int primary key);
                     create table claim (slot_id int not null references slot, holder text not null unique);
                     insert into slot values (1), (2), (3);`);
});

afterAll(async () => {
  await other?.end();
  await pool?.end();
  await dropDatabase(serverUrl, database);
});

const fast = () => new FastSql(pool);

async function counted<T>(work: () => Promise<T>): Promise<{ result: T; roundTrips: number }> {
  const before = roundTrips;
  const result = await work();
  return { result, roundTrips: roundTrips - before };
}

describe('FastSql', () => {
  it('sends BEGIN with the first statements and COMMIT with the last, once the connection knows them', async () => {
    const transaction = (holder: string) =>
      fast().transaction(async (tx) => {
        const [[slot], holders] = await tx.batch(run<{ id: number }>(LOCK, [1]), run<{ holder: string }>(HOLDERS, [1]));
        const [claimed] = await tx.rowsThenCommit<{ holder: string }>(CLAIM, [slot!.id, holder]);
        return { holders: holders.map((row) => row.holder), claimed: claimed!.holder };
      });
    // First use on this connection: each statement on its own (pg parses and remembers them).
    const first = await counted(() => transaction('first'));
    expect(first.result).toEqual({ holders: [], claimed: 'first' });
    expect(first.roundTrips).toBe(5); // begin, lock, holders, claim, commit
    const second = await counted(() => transaction('second'));
    expect(second.result).toEqual({ holders: ['first'], claimed: 'second' });
    expect(second.roundTrips).toBe(2);
    const { rows } = await other.query('select holder from claim where slot_id = 1 order by holder');
    expect(rows.map((row: { holder: string }) => row.holder)).toEqual(['first', 'second']);
  });

  it('returns rows exactly as a plain pg query does', async () => {
    const at = new Date('2026-11-24T15:00:00.123Z');
    const values = [at, ['01a23c33-2c06-723f-9493-eeb7eb02e197'], JSON.stringify({ reasons: ['DAILY_CAP'] })];
    const client = await pool.connect();
    const plain = await client.query({ ...TYPES, values }).finally(() => client.release());
    const ordinary = await fast().transaction((tx) => tx.rows(TYPES, values)); // its first time through FastSql
    const { result, roundTrips: trips } = await counted(() => fast().transaction((tx) => tx.rows(TYPES, values)));
    expect(trips).toBe(2); // begin + statement, commit
    expect(ordinary).toEqual(plain.rows);
    expect(result).toEqual(plain.rows);
    expect(result[0]).toMatchObject({ int: 42, amount: '10.50', at, doc: { a: [1] }, list: ['x', 'y'], nothing: null });
  });

  it('runs a statement sent after a lock as one of its own: it sees what the holder of the lock committed', async () => {
    await fast().transaction(async (tx) => tx.batch(run(LOCK, [2]), run(HOLDERS, [2]))); // both known now
    await other.query('begin');
    await other.query('select id from slot where id = 2 for update');
    await other.query("insert into claim (slot_id, holder) values (2, 'holder of the lock')");
    const waiting = fast().transaction(async (tx) => {
      const [, holders] = await tx.batch(run(LOCK, [2]), run<{ holder: string }>(HOLDERS, [2]));
      return holders.map((row) => row.holder);
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await other.query('commit');
    expect(await waiting).toEqual(['holder of the lock']);
  });

  it('stops at an error: nothing after it runs, nothing before it stays, and the connection serves on', async () => {
    await fast().transaction(async (tx) => tx.batch(run(CLAIM, [3, 'warm-up']), run(FAIL, [1]))); // known now
    const failed = fast().transaction(async (tx) =>
      tx.batch(run(CLAIM, [3, 'before the error']), run(FAIL, [0]), run(CLAIM, [3, 'after the error'])),
    );
    await expect(failed).rejects.toMatchObject({ code: '22012' }); // division_by_zero
    const { rows } = await other.query('select holder from claim where slot_id = 3 order by holder');
    expect(rows.map((row: { holder: string }) => row.holder)).toEqual(['warm-up']);
    expect(await fast().transaction((tx) => tx.rows(FAIL, [2]))).toEqual([{ quotient: 0 }]);
  });

  it('rolls back when the work throws between statements, and refuses statements after the commit', async () => {
    const thrown = fast().transaction(async (tx) => {
      await tx.rows(CLAIM, [3, 'rolled back']);
      throw new Error('the work failed');
    });
    await expect(thrown).rejects.toThrow('the work failed');
    const afterCommit = fast().transaction(async (tx) => {
      await tx.rowsThenCommit(CLAIM, [3, 'committed']);
      return tx.rows(HOLDERS, [3]);
    });
    await expect(afterCommit).rejects.toThrow('the transaction is over');
    const { rows } = await other.query('select holder from claim where slot_id = 3 order by holder');
    expect(rows.map((row: { holder: string }) => row.holder)).toEqual(['committed', 'warm-up']);
  });
});
