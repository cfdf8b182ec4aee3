// The engine's modules load type-graphql classes before test-api.ts would load the metadata polyfill.
import 'reflect-metadata';
import { isDeepStrictEqual } from 'node:util';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparable, expectedKpis, KPI_FIELDS, type KpisValue, type Scope } from './support/kpi-oracle.ts';
import { LiveTraffic } from './support/live-traffic.ts';
import { settle, Watch, wsClient } from './support/graphql-ws-client.ts';
import { OwnRedisServer } from './support/redis.ts';
import { sql, startTestApi, TEST_ADMIN_KEY, type TestApi } from './support/test-api.ts';
import { waitFor } from './support/wait.ts';

/**
 * Issue 14: a Redis outage must not take the `kpis` query down. The API's event bus runs on a redis-server of this
 * test's own, which is killed (SIGKILL) and started again on the same port while the API keeps running:
 *
 * - during the outage `kpis` answers within a second, says `mayLag: true`, and its figures are exactly the oracle's
 *   for the facts committed before the outage (the engine's state: it cannot hear what commits meanwhile); writes
 *   keep working, their events wait in the outbox, and subscribers are told `mayLag: true`;
 * - once Redis is back the relay publishes the outbox, `kpis` and every subscriber equal the oracle over every
 *   fact again, and `mayLag` is false.
 *
 * The figures are compared with support/kpi-oracle.ts (plain SQL over the stored facts, none of the API's code).
 */

const SEED = 1_414_213;
const PUSH_INTERVAL_MS = 100;
const BUSINESS_DATE = '2026-11-24';
const IMPORT_AT = new Date('2026-11-23T14:00:00.000Z');
/** Every write and every comparison at one instant: the windows do not move between the oracle and the reads. */
const AT = new Date('2026-11-24T16:07:42.123Z');
const TIMEOUT_MS = 240_000;

type LaggingKpis = KpisValue & { mayLag: boolean };
const QUERY = `query ($scope: KpiScope!, $window: KpiWindow!) { kpis(scope: $scope, window: $window) { ${KPI_FIELDS} mayLag } }`;
const SUBSCRIPTION = `subscription ($scope: KpiScope!, $window: KpiWindow!) {
  kpiUpdated(scope: $scope, window: $window) { ${KPI_FIELDS} mayLag } }`;
const WINDOWS = ['TODAY', 'LAST_15_MINUTES'] as const;

/** The figures alone: neither the instant nor the lag flag. */
const figuresOf = (kpis: KpisValue): KpisValue => {
  const figures: KpisValue & { mayLag?: boolean } = { ...kpis, asOf: '' };
  delete figures.mayLag;
  return figures;
};

describe('kpis during a Redis outage', () => {
  let redis: OwnRedisServer;
  let api: TestApi;
  let traffic: LiveTraffic;
  let client: Client;
  const watches = new Map<string, Watch<{ kpiUpdated: LaggingKpis }>>();
  /** The oracle at AT over the facts committed before the outage. */
  const beforeOutage = new Map<string, KpisValue>();

  const checks = (): { label: string; scope: Scope; window: (typeof WINDOWS)[number] }[] =>
    [
      { label: 'operation', scope: {} },
      { label: 'campaign', scope: { campaignId: traffic.ids.main } },
      { label: 'queue', scope: { queueId: traffic.ids.media } },
      { label: 'agency Alfa', scope: { agencyId: traffic.ids.alpha } },
    ].flatMap((check) => WINDOWS.map((window) => ({ ...check, window, label: `${check.label} · ${window}` })));

  const unpublished = async () =>
    Number(
      (await sql<{ n: string }>(api, 'select count(*)::text as n from domain_event where published_at is null'))[0]!.n,
    );

  async function oracle(): Promise<Map<string, KpisValue>> {
    const expected = new Map<string, KpisValue>();
    for (const check of checks()) expected.set(check.label, await expectedKpis(api, check.scope, check.window, AT));
    return expected;
  }

  beforeAll(async () => {
    redis = await OwnRedisServer.onFreePort();
    await redis.start();
    api = await startTestApi({ redisEvents: redis.url, pushIntervalMs: PUSH_INTERVAL_MS });
    traffic = new LiveTraffic(api, SEED, 8);
    await traffic.setup(IMPORT_AT, BUSINESS_DATE, 120);
    client = wsClient(api, TEST_ADMIN_KEY);
    for (const check of checks()) {
      watches.set(check.label, new Watch(client, SUBSCRIPTION, { scope: check.scope, window: check.window }));
    }
    await settle([...watches.values()], 50);
  }, TIMEOUT_MS);

  afterAll(async () => {
    for (const watch of watches.values()) await watch.close();
    await client?.dispose();
    // Redis back first, so the API closes its connections normally.
    await api?.close();
    await redis?.kill();
  });

  it(
    'serves exact figures with mayLag false while Redis is up',
    async () => {
      await traffic.tick(AT, 3);
      await traffic.touch(AT);
      const expected = await oracle();
      for (const check of checks()) {
        const { kpis } = (await api.ok<{ kpis: LaggingKpis }>(QUERY, check)) as { kpis: LaggingKpis };
        expect.soft(kpis.mayLag, check.label).toBe(false);
        expect.soft(figuresOf(comparable(kpis, expected.get(check.label)!)), check.label).toEqual({
          ...expected.get(check.label)!,
          asOf: '',
        });
        beforeOutage.set(check.label, expected.get(check.label)!);
      }
      expect(beforeOutage.get('operation · TODAY')!.attempts).toBeGreaterThan(0);
    },
    TIMEOUT_MS,
  );

  it(
    'answers within a second from the engine during the outage, saying it may lag; writes keep working',
    async () => {
      await redis.kill();
      await waitFor('the bus to notice Redis is gone', () => api.events.delivering?.() === false, 5_000);

      // Writes go on: facts and their events are committed, the events wait in the outbox.
      const sentBefore = { ...traffic.sent };
      await traffic.tick(AT, 3);
      await traffic.touch(AT);
      expect(traffic.sent.interactions).toBeGreaterThan(sentBefore.interactions);
      expect(await unpublished()).toBeGreaterThan(0);
      const now = await oracle();
      expect(now.get('operation · TODAY')!.attempts).toBeGreaterThan(beforeOutage.get('operation · TODAY')!.attempts);

      for (const check of checks()) {
        const started = performance.now();
        const response = await api.gql<{ kpis: LaggingKpis }>(QUERY, check);
        const tookMs = performance.now() - started;
        expect.soft(response.errors, check.label).toBeUndefined();
        expect.soft(tookMs, `${check.label}: answered in ${tookMs.toFixed(0)} ms`).toBeLessThan(1_000);
        const kpis = response.data!.kpis;
        expect.soft(kpis.mayLag, check.label).toBe(true);
        // Exactly what was committed before the outage: the engine's state, which is all this instance heard.
        const before = beforeOutage.get(check.label)!;
        expect.soft(figuresOf(comparable(kpis, before)), check.label).toEqual({ ...before, asOf: '' });
      }
      // Subscribers are told too.
      for (const [label, watch] of watches) {
        await watch
          .next((data) => data.kpiUpdated.mayLag, 0, 5_000)
          .catch((error: unknown) => {
            expect.soft(String(error), `subscription ${label}`).toBe('a message with mayLag true');
          });
      }
    },
    TIMEOUT_MS,
  );

  it(
    'converges once Redis is back: nothing lost, exact figures, mayLag false',
    async () => {
      await redis.start();
      await waitFor('the bus to deliver again', () => api.events.delivering?.() === true, 15_000);
      await waitFor('the outbox to be published', async () => (await unpublished()) === 0, 15_000);
      const expected = await oracle();
      for (const check of checks()) {
        const { kpis } = (await api.ok<{ kpis: LaggingKpis }>(QUERY, check)) as { kpis: LaggingKpis };
        expect.soft(kpis.mayLag, check.label).toBe(false);
        expect.soft(figuresOf(comparable(kpis, expected.get(check.label)!)), check.label).toEqual({
          ...expected.get(check.label)!,
          asOf: '',
        });
      }
      // Every subscriber's newest message equals the oracle over every fact, with mayLag false.
      for (const [label, watch] of watches) {
        const want = { ...expected.get(label)!, asOf: '' };
        await watch
          .next(
            (data) =>
              !data.kpiUpdated.mayLag &&
              isDeepStrictEqual(figuresOf(comparable(data.kpiUpdated, expected.get(label)!)), want),
            0,
            10_000,
          )
          .catch(() => undefined);
        await settle([watch], 3 * PUSH_INTERVAL_MS);
        const last = watch.last!.kpiUpdated;
        expect.soft(last.mayLag, `subscription ${label}`).toBe(false);
        expect.soft(figuresOf(comparable(last, expected.get(label)!)), `subscription ${label}`).toEqual(want);
        expect.soft(watch.errors, `subscription ${label}`).toEqual([]);
      }
    },
    TIMEOUT_MS,
  );
});
