import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp, type App } from '../src/app/create-app.ts';
import { openOrm } from '../src/app/database.ts';
import { openDemoClock } from '../src/app/demo-clock.ts';
import { loadConfig } from '../src/core/config.ts';
import { systemEm } from '../src/core/database/orm.ts';
import type { DemoClock } from '../src/core/demo-clock.ts';
import { createLogger } from '../src/core/logger.ts';
import { DEMO_KEYS, seedDemo } from '../src/seed/demo-seeder.ts';
import { DemoShifts, SHIFT_END_LEAD_MS } from '../src/simulator/demo-shifts.ts';
import { TrafficSimulator } from '../src/simulator/traffic-simulator.ts';
import { graphqlClient } from './support/graphql-http-client.ts';
import { startTestApi, TEST_NOW } from './support/test-api.ts';
import { cloneTemplate, type TestDatabase } from './support/test-database.ts';
import { waitFor } from './support/wait.ts';

/**
 * The demo clock inside a real API (docs/demo.md): a demo started at a Saturday 02:00 in Lima is seeded and served
 * on Monday 07:00; at the evening close the floor's shift ends, demo time jumps over two holidays to Thursday
 * 07:00, and that day starts as a real one would (the aging roll of every day passed over, the live figures of the
 * new day, a new shift); a restart never sets it back. Real time is the test's to move; everything else is real.
 * Expected instants are written out by hand (Lima is UTC−5 all year).
 */

const HOUR = 3_600_000;
const MANAGER = DEMO_KEYS.find((key) => key.role === 'MANAGER')!.key;
const lima = (wall: string) => Date.parse(`${wall}-05:00`);

const OPERATION = `{ operation { now businessDate demoClock { active offsetMs } } }`;
interface Operation {
  operation: { now: string; businessDate: string; demoClock: { active: boolean; offsetMs: number } };
}

describe('the operation’s clock on a real deployment', () => {
  it('is not a demo clock: now is the API’s clock, no offset', async () => {
    const api = await startTestApi();
    try {
      const { operation } = await api.ok<Operation>(OPERATION);
      expect(operation).toEqual({
        now: TEST_NOW.toISOString(),
        businessDate: '2026-11-24',
        demoClock: { active: false, offsetMs: 0 },
      });
    } finally {
      await api.close();
    }
  });
});

describe('the demo clock in a running API', () => {
  let database: TestDatabase;
  let real = lima('2026-12-05T02:00:00');
  const logger = createLogger((process.env.TEST_LOG_LEVEL as 'error') ?? 'silent');
  let clock: DemoClock;
  let app: App | null = null;
  let shifts: DemoShifts | null = null;

  const start = async (): Promise<App> => {
    const orm = await openOrm({ url: database.url, poolMax: 2 });
    try {
      clock = await openDemoClock(orm, 'America/Lima', logger, () => real);
    } finally {
      await orm.close(true);
    }
    return createApp({
      config: loadConfig({ PORT: '0', HOST: '127.0.0.1', DB_POOL_MAX: '10' }),
      databaseUrl: database.url,
      clock,
      logger,
    });
  };
  const query = async <T>(text: string): Promise<T> => graphqlClient(app!.url, { key: MANAGER }).ok<T>(text);
  const rows = <T extends Record<string, unknown>>(text: string, params: unknown[] = []) =>
    systemEm(app!.orm).getConnection().execute<T[]>(text, params);

  beforeAll(async () => {
    database = await cloneTemplate(inject('templateDatabase'));
  });

  afterAll(async () => {
    await shifts?.stop();
    await app?.close();
    await database?.drop();
  });

  it('started on Saturday 02:00 in Lima, seeds and serves Monday 07:00, and saves the offset', async () => {
    app = await start();
    // What prepareDatabase does for the embedded demo: the seed reads the demo clock.
    await seedDemo(systemEm(app.orm), {
      accounts: 300,
      businessDate: clock.businessDate(),
      campaigns: { now: clock.now(), timeZone: clock.timeZone },
    });
    const { operation } = await query<Operation>(OPERATION);
    expect(operation).toEqual({
      now: '2026-12-07T12:00:00.000Z',
      businessDate: '2026-12-07',
      demoClock: { active: true, offsetMs: 53 * HOUR },
    });
    const [stored] = await rows<{ offset_ms: string }>('select offset_ms::text as offset_ms from demo_clock');
    expect(stored?.offset_ms).toBe(String(53 * HOUR));
    const [seeded] = await rows<{ date: string }>(
      `select payload->>'businessDate' as date from domain_event where type = 'DemoSeeded'`,
    );
    expect(seeded?.date).toBe('2026-12-07');
    const [campaigns] = await rows<{ running: string; earliest: Date }>(
      `select count(*)::text as running, min(started_at) as earliest from campaign where status = 'RUNNING'`,
    );
    expect(Number(campaigns?.running)).toBeGreaterThan(0);
    expect(new Date(campaigns!.earliest).toISOString()).toBe('2026-12-07T12:00:00.000Z');
  });

  it('ends the shift before the close, jumps over the holidays to Thursday 07:00 and starts that day', async () => {
    // Monday 19:59:25 in the demo: the shift has 5 s left before it ends, 30 s before the close.
    real = lima('2026-12-05T14:59:25');
    shifts = new DemoShifts({
      makeSimulator: () => new TrafficSimulator({ endpoint: app!.url, apiKey: MANAGER, seed: 7, speed: 100 }),
      clock,
    });
    expect(await shifts.start()).toBeGreaterThan(0);
    expect(SHIFT_END_LEAD_MS).toBe(30_000);
    await waitFor('the shift’s first attempts', async () => (await rows('select id from interaction')).length > 0);
    await waitFor(
      'every agent to log out before the close',
      async () => (await rows(`select id from agent where status <> 'LOGGED_OUT'`)).length === 0,
      15_000,
    );
    const [monday] = await rows<{ latest: Date; attempts: string }>(
      `select max(started_at) as latest, (select count(*) from interaction)::text as attempts from agent_status_period`,
    );
    expect(new Date(monday!.latest).getTime()).toBeLessThan(lima('2026-12-07T20:00:00'));

    // The accounts whose bucket turns on Tuesday 8, Wednesday 9 (holidays, passed over) and Thursday 10: DPD 1,
    // 31, 61, 91 and 121 reached that day, among those still aging.
    const expected = await rows<{ account_id: string; business_date: string }>(
      `select a.id::text as account_id, to_char(d.day, 'YYYY-MM-DD') as business_date
         from unnest(array['2026-12-08', '2026-12-09', '2026-12-10']::date[]) as d(day)
         join account a on a.due_date in (d.day - 1, d.day - 31, d.day - 61, d.day - 91, d.day - 121)
        where a.status in ('ACTIVE', 'PROMISED', 'DISPUTED')
        order by 1, 2`,
    );
    expect(expected.length).toBeGreaterThan(0);

    // Real time passes the demo's 20:00: the next read of the clock jumps to the opening, Thursday 07:00.
    real = lima('2026-12-05T15:00:05');
    expect(clock.now().toISOString()).toBe(new Date(lima('2026-12-10T07:00:00')).toISOString());

    const { operation } = await query<Operation>(OPERATION);
    expect(operation.businessDate).toBe('2026-12-10');
    const offset = lima('2026-12-10T07:00:00') - lima('2026-12-05T15:00:05');
    expect(operation.demoClock).toEqual({ active: true, offsetMs: offset });
    await waitFor('the new offset to be saved', async () => {
      const [stored] = await rows<{ offset_ms: string }>('select offset_ms::text as offset_ms from demo_clock');
      return stored?.offset_ms === String(offset);
    });

    const transitions = await waitFor(
      'the aging rolls of 8, 9 and 10 December',
      async () => {
        const found = await rows<{ account_id: string; business_date: string }>(
          `select account_id::text as account_id, to_char(business_date, 'YYYY-MM-DD') as business_date
             from bucket_transition where business_date between '2026-12-08' and '2026-12-10' order by 1, 2`,
        );
        return found.length >= expected.length ? found : null;
      },
      15_000,
    );
    expect(transitions).toEqual(expected);

    // A new shift: agents back on the floor from Thursday morning, nobody's Monday period left open overnight.
    await waitFor(
      'the next shift',
      async () =>
        (
          await rows(`select id from agent_status_period where status = 'AVAILABLE' and started_at >= ?`, [
            new Date(lima('2026-12-10T07:00:00')),
          ])
        ).length > 0,
      15_000,
    );
    const overnight = await rows(
      `select id from agent_status_period
        where status <> 'LOGGED_OUT' and started_at < ? and (ended_at is null or ended_at > ?)`,
      [new Date(lima('2026-12-07T20:00:00')), new Date(lima('2026-12-07T20:00:00'))],
    );
    expect(overnight).toEqual([]);
    await waitFor(
      'Thursday’s first attempts',
      async () =>
        (await rows('select id from interaction where started_at >= ?', [new Date(lima('2026-12-10T07:00:00'))]))
          .length > 0,
    );
    await shifts.stop();
    shifts = null;

    // The live figures are Thursday's: counted from Thursday's midnight, none of Monday's attempts (read once the
    // floor is quiet, a second later).
    real += 1_000;
    const { kpis } = await query<{ kpis: { asOf: string; attempts: number } }>(
      `{ kpis(scope: {}, window: TODAY) { asOf attempts } }`,
    );
    expect(kpis.asOf).toBe(new Date(lima('2026-12-10T07:00:01')).toISOString());
    const [thursday] = await rows<{ attempts: string }>(
      `select count(*)::text as attempts from interaction where started_at >= ?`,
      [new Date(lima('2026-12-10T00:00:00'))],
    );
    expect(Number(thursday!.attempts)).toBeGreaterThan(0);
    expect(kpis.attempts).toBe(Number(thursday!.attempts));
    expect(Number(monday!.attempts)).toBeGreaterThan(0);
  });

  it('restarts where it was: demo time never goes back', async () => {
    await app!.close();
    app = null;
    // An hour of real time later: an hour later in the demo, not Monday again.
    real = lima('2026-12-05T16:00:05');
    app = await start();
    const { operation } = await query<Operation>(OPERATION);
    expect(operation.now).toBe(new Date(lima('2026-12-10T08:00:00')).toISOString());
    expect(operation.businessDate).toBe('2026-12-10');
  });
});
