import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECTORS } from '../src/app/modules.ts';
import { relayOnce } from '../src/core/events/outbox-relay.ts';
import { buildAnalytics } from '../src/modules/analytics/analytics-build.ts';
import { AnalyticsBuildJob } from '../src/modules/analytics/analytics-build.job.ts';
import { accountRow, importAccounts } from './support/fixtures.ts';
import { RECORD_INTERACTION, RECORD_PAYMENT } from './support/outcomes.ts';
import { allAnalyticsRows } from './support/analytics-oracle.ts';
import { sql, startTestApi, type TestApi } from './support/test-api.ts';

/**
 * The analytics tables when the build and the relay interleave (the relay driven by the test): nothing is projected
 * before the first build (the build counts those facts itself), and a build that runs while events are committed
 * but not yet relayed leaves them to the projector — each fact is counted exactly once, equal to a rebuild after.
 */
describe('analytics build and projector together', () => {
  let api: TestApi;
  let accountIds: string[] = [];
  let sequence = 0;

  const relayAll = async () => {
    while ((await relayOnce(api.orm, api.events, { projectors: PROJECTORS, batchSize: 7 })) > 0) {
      // Small batches, so promises and their payments land in different batches.
    }
  };
  const attempts = async () =>
    Number(
      (await sql<{ n: string }>(api, 'select coalesce(sum(attempts), 0)::text as n from analytics_contact_cell'))[0]!.n,
    );
  const collected = async () =>
    (await sql<{ n: string }>(api, 'select coalesce(sum(collected), 0)::text as n from analytics_contact_cell'))[0]!.n;
  // Rows netted to zero (a build took out what the relay then added back) mean nothing: compare the others.
  const tables = () => allAnalyticsRows(api, { nonZero: true });

  async function record(accountId: string, hourUtc: number, disposition: string, promise?: string): Promise<void> {
    await api.ok(RECORD_INTERACTION, {
      input: {
        accountId,
        channel: 'CALL',
        disposition,
        startedAt: `2026-11-2${hourUtc % 3}T${String(hourUtc).padStart(2, '0')}:15:00Z`,
        ...(promise ? { promise: { amount: promise, dueDate: '2026-11-30' } } : {}),
      },
    });
  }

  async function pay(accountId: string, amount: string): Promise<void> {
    sequence += 1;
    await api.ok(RECORD_PAYMENT, { input: { accountId, amount, currency: 'PEN', reference: `REB-${sequence}` } });
  }

  beforeAll(async () => {
    api = await startTestApi({ outboxRelay: false });
    const rows = Array.from({ length: 6 }, (_, n) => accountRow({ debtorName: `Rebuild ${n}`, balance: '800.00' }));
    await importAccounts(api, rows);
    accountIds = (
      await sql<{ id: string }>(
        api,
        `select id from account where external_ref in (${rows.map(() => '?').join(', ')}) order by id`,
        [...rows.map((row) => row.externalRef)],
      )
    ).map((row) => row.id);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('projects nothing before the first build, which counts those facts itself', async () => {
    await record(accountIds[0]!, 14, 'NO_ANSWER');
    await record(accountIds[0]!, 15, 'PROMISE_TO_PAY', '120.00');
    await relayAll();
    expect(await attempts()).toBe(0);
    const summary = await buildAnalytics(api.orm, 'America/Lima');
    expect(summary).toMatchObject({ attempts: 2, pendingEvents: 0 });
    expect(await attempts()).toBe(2);
  });

  it('counts once the events a build finds committed but not yet relayed', async () => {
    await record(accountIds[1]!, 16, 'REFUSED_TO_PAY');
    await record(accountIds[1]!, 17, 'PROMISE_TO_PAY', '200.00');
    await pay(accountIds[0]!, '50.00');
    await relayAll();
    // Committed, not relayed: the build counts them from the facts and takes them out again for the projector.
    await record(accountIds[2]!, 18, 'PROMISE_TO_PAY', '90.00');
    await record(accountIds[1]!, 19, 'THIRD_PARTY');
    await pay(accountIds[1]!, '200.00');
    await pay(accountIds[2]!, '30.00');
    const summary = await buildAnalytics(api.orm, 'America/Lima');
    // Two attempts, a payment that keeps a promise and one that pays part of another.
    expect(summary.pendingEvents).toBe(4);
    expect(await attempts()).toBe(4);
    await relayAll();
    expect(await attempts()).toBe(6);
    expect(Number(await collected())).toBe(280);
    const incremental = await tables();
    await buildAnalytics(api.orm, 'America/Lima');
    expect(await tables()).toEqual(incremental);
  });

  it('counts the attempt number the same way after interactions recorded late', async () => {
    // Recorded after the others but started before them: the attempt number follows the recording order.
    await record(accountIds[0]!, 3, 'BUSY');
    await relayAll();
    const incremental = await tables();
    const [late] = await sql<{ attempt_number: number }>(
      api,
      `select attempt_number from analytics_intensity_cell where attempts = 1 and business_date = '2026-11-19'::date`,
    );
    expect(Number(late!.attempt_number)).toBe(3);
    await buildAnalytics(api.orm, 'America/Lima');
    expect(await tables()).toEqual(incremental);
  });

  it('has the build job build only tables never built (or built in another zone), or when forced', async () => {
    const builtAt = async () =>
      (await sql<{ at: string }>(api, 'select built_at::text as at, time_zone from analytics_state'))[0]!.at;
    const job = new AnalyticsBuildJob(api.jobDeps);
    const before = await builtAt();
    await job.handle({});
    expect(await builtAt()).toBe(before);
    await sql(api, `update analytics_state set time_zone = 'Europe/Madrid'`);
    await job.handle({});
    expect(await builtAt()).not.toBe(before);
    const [state] = await sql<{ time_zone: string }>(api, 'select time_zone from analytics_state');
    expect(state!.time_zone).toBe('America/Lima');
    const rebuilt = await builtAt();
    await job.handle({ force: true });
    expect(await builtAt()).not.toBe(rebuilt);
  });
});
