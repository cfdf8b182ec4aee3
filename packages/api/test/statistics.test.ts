import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatisticsRefreshJob } from '../src/modules/maintenance/statistics-refresh.job.ts';
import { runningCampaign } from './support/campaigns.ts';
import { accountRow, importAccounts } from './support/fixtures.ts';
import { sql, startTestApi, type TestApi } from './support/test-api.ts';
import { waitFor } from './support/wait.ts';

/**
 * The planner's statistics are the product's to keep fresh (issue 14): after an import, a campaign's queue
 * filling, and on a schedule for whatever else changed — whether autovacuum runs or not. What PostgreSQL itself
 * reports (pg_class, pg_stat_user_tables) is the oracle.
 */

interface TableStats extends Record<string, unknown> {
  reltuples: number;
  analyze_count: number;
}

async function statsOf(api: TestApi, table: string): Promise<TableStats> {
  const [row] = await sql<TableStats>(
    api,
    `select c.reltuples::float8 as reltuples, s.analyze_count::int as analyze_count
       from pg_class c join pg_stat_user_tables s on s.relid = c.oid
      where c.relname = ? and s.schemaname = current_schema()`,
    [table],
  );
  return row!;
}

async function count(api: TestApi, table: string): Promise<number> {
  const [row] = await sql<{ n: number }>(api, `select count(*)::int as n from ${table}`);
  return row!.n;
}

describe('planner statistics', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    // Autovacuum must not be the one keeping them fresh here: each check below is of our own ANALYZE.
    for (const table of ['account', 'debtor', 'queue_membership', 'interaction']) {
      await sql(api, `alter table ${table} set (autovacuum_enabled = false)`);
    }
  });
  afterAll(() => api?.close());

  it('names, times and charges parallel workers on every connection the API opens, its first too', async () => {
    // PostgreSQL's default parallel_setup_cost (1,000) had an agency's 50-row page launch two workers: 147 ms
    // against 33 ms serial. The statement timeout is the operation budget's default, 10 s.
    const settings = await Promise.all(
      Array.from({ length: 3 }, () =>
        sql<{ application_name: string; parallel_setup_cost: string; statement_timeout_ms: string }>(
          api,
          `select current_setting('application_name') as application_name,
                  current_setting('parallel_setup_cost') as parallel_setup_cost,
                  extract(epoch from current_setting('statement_timeout')::interval) * 1000 as statement_timeout_ms`,
        ),
      ),
    );
    for (const [row] of settings) {
      expect(row!.application_name).toBe('recupera-api');
      expect(Number(row!.parallel_setup_cost)).toBe(10_000);
      expect(Number(row!.statement_timeout_ms)).toBe(10_000);
    }
  });

  it('are taken after an import: the planner knows how many accounts and debtors there are', async () => {
    const before = await statsOf(api, 'account');
    await importAccounts(
      api,
      Array.from({ length: 120 }, (_, i) => accountRow({ debtorName: `Estadística ${i}` })),
    );
    const after = await statsOf(api, 'account');
    expect(after.analyze_count).toBe(before.analyze_count + 1);
    expect(after.reltuples).toBe(await count(api, 'account'));
    expect((await statsOf(api, 'debtor')).reltuples).toBe(await count(api, 'debtor'));
  });

  it('are not retaken for a change small against the table', async () => {
    const before = await statsOf(api, 'account');
    await importAccounts(api, [accountRow({ debtorName: 'Estadística sola' })]);
    expect((await statsOf(api, 'account')).analyze_count).toBe(before.analyze_count);
  });

  it("are taken after a campaign's queues are filled", async () => {
    const before = await statsOf(api, 'queue_membership');
    await runningCampaign(api, 'Campaña estadística', { search: 'Estadística' });
    const after = await statsOf(api, 'queue_membership');
    expect(after.analyze_count).toBe(before.analyze_count + 1);
    expect(after.reltuples).toBe(await count(api, 'queue_membership'));
  });

  it('are refreshed by the sweep for a table written outside those paths, and left alone when nothing changed', async () => {
    const accounts = await sql<{ id: string }>(api, 'select id from account limit 100');
    // 300 attempts written straight to the table, in a session that flushes its counters at once.
    const connection = api.orm.em.getConnection();
    await connection.execute(
      `insert into interaction (id, account_id, channel, disposition, started_at, duration_seconds, created_at)
       select gen_random_uuid(), a.id, 'CALL', 'NO_ANSWER', now() - make_interval(mins => g), 0, now()
         from unnest(?::uuid[]) as a(id) cross join generate_series(1, 3) as g`,
      [`{${accounts.map((row) => row.id).join(',')}}`],
    );
    await connection.execute('select pg_stat_force_next_flush()');
    await connection.execute('select pg_stat_clear_snapshot()');
    const before = await statsOf(api, 'interaction');

    await new StatisticsRefreshJob(api.jobDeps).handle();
    const after = await statsOf(api, 'interaction');
    expect(after.analyze_count).toBe(before.analyze_count + 1);
    expect(after.reltuples).toBe(await count(api, 'interaction'));

    await new StatisticsRefreshJob(api.jobDeps).handle();
    expect((await statsOf(api, 'interaction')).analyze_count).toBe(after.analyze_count);
  });

  it('vacuums a table autovacuum leaves alone once its dead rows pass its threshold, and only then', async () => {
    // queue_membership has autovacuum off (above). Every place updated twice, as an offer and its outcome do.
    const client = new pg.Client({ connectionString: api.database.url });
    await client.connect();
    const vacuumStats = async () => {
      await client.query('select pg_stat_clear_snapshot()');
      const { rows } = await client.query<{ vacuum_count: number; n_dead_tup: number; relallvisible: number }>(
        `select s.vacuum_count::int, s.n_dead_tup::int, c.relallvisible
           from pg_stat_user_tables s join pg_class c on c.oid = s.relid
          where s.relname = 'queue_membership' and s.schemaname = current_schema()`,
      );
      return rows[0]!;
    };
    try {
      const places = await count(api, 'queue_membership');
      expect(places).toBeGreaterThan(100);
      for (let round = 0; round < 2; round += 1) {
        await client.query('update queue_membership set skipped_because = null');
      }
      await client.query('select pg_stat_force_next_flush()');
      await client.query('select 1');
      const before = await waitFor('the updates in the statistics', async () => {
        const stats = await vacuumStats();
        return stats.n_dead_tup >= 2 * places ? stats : null;
      });

      await new StatisticsRefreshJob(api.jobDeps).handle();
      const after = await waitFor('the vacuum in the statistics', async () => {
        const stats = await vacuumStats();
        return stats.vacuum_count > before.vacuum_count ? stats : null;
      });
      expect(after.vacuum_count).toBe(before.vacuum_count + 1);
      expect(after.n_dead_tup).toBe(0);
      expect(after.relallvisible).toBeGreaterThan(0);

      await new StatisticsRefreshJob(api.jobDeps).handle();
      expect((await vacuumStats()).vacuum_count).toBe(after.vacuum_count);
    } finally {
      await client.end();
    }
  });
});
