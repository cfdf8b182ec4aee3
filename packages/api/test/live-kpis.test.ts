// The engine's modules load type-graphql classes before test-api.ts would load the metadata polyfill.
import 'reflect-metadata';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InProcessEventBus } from '../src/core/events/event-bus.ts';
import { createLogger } from '../src/core/logger.ts';
import type { Attribution as ScopeIds } from '@recupera/shared';
import { startLive } from '../src/modules/kpi/live/live-services.ts';
import { resolveDuePromises } from '../src/modules/promises/promise-resolution.ts';
import { expectedPerformance, PERFORMANCE_FIELDS, type PerformanceValue } from './support/agent-oracle.ts';
import {
  comparable,
  expectedKpis,
  KPI_FIELDS,
  KPIS_QUERY,
  WINDOWS,
  type KpisValue,
  type Scope,
  adminCheck,
  agencyCheck,
  type Check,
} from './support/kpi-oracle.ts';
import { LiveTraffic } from './support/live-traffic.ts';
import { settle, Watch, wsClient } from './support/graphql-ws-client.ts';
import { sql, startTestApi, type TestApi } from './support/test-api.ts';

/**
 * The live KPIs are exact: after thousands of random writes through the API (support/live-traffic.ts: every
 * disposition, promises of random amounts and due dates, payments in full, in part, unrelated, payoffs,
 * overpayments and retried references, PEN and USD, two campaigns, in-house and partner agencies and their keys,
 * agents changing status, one event in five about something minutes earlier), at four instants of a day and just
 * after midnight, for many scopes and every window:
 *
 * - the `kpis` query, and the last message of a `kpiUpdated` subscription open all along, equal the SQL oracle
 *   (support/kpi-oracle.ts, written without the API's code);
 * - `Agent.performance(window)` equals SQL over the agent's facts and status periods (support/agent-oracle.ts);
 * - an engine built afresh from the database answers exactly what the incremental one does.
 *
 * A subscription sends only what changed: at each checkpoint every watched scope gets one call at that instant
 * (`LiveTraffic.touch`), so its last message is computed at the instant the oracle is asked about — the FixedClock
 * jumps, where a real clock would have the engine's minute tick refresh the sliding windows.
 *
 * Deliberate SQL writes: `account.created_at` (the import stamps the wall clock, see kpis.test.ts) and, before
 * midnight, `grace_days = 0` on the promises due that day still pending, so the due job breaks them just after midnight and the
 * last hour (which then spans both dates) counts broken promises that arrived as events.
 */

const SEED = Number(process.env.LIVE_KPI_SEED ?? 424_242);
const WORKERS = 8;
const PER_WORKER = 6;
const PUSH_INTERVAL_MS = 100;
/** Per step of the day: hundreds of writes through the API, then ~70 comparisons (generous for a loaded machine). */
const STEP_TIMEOUT_MS = 300_000;

const BUSINESS_DATE = '2026-11-24';
const IMPORT_AT = new Date('2026-11-23T14:00:00.000Z');
const DAY_OPENS = new Date('2026-11-24T13:00:00.000Z'); // 08:00 in Lima
const C1 = new Date('2026-11-24T16:07:42.123Z');
const C2 = new Date('2026-11-24T23:00:00.000Z');
const C3 = new Date('2026-11-25T04:59:59.999Z'); // 23:59:59.999 in Lima
const AFTER_MIDNIGHT = new Date('2026-11-25T05:04:00.000Z');
const C4 = new Date('2026-11-25T05:20:30.000Z'); // 00:20:30: the last hour spans two dates

/** `count` instants from after `from` to exactly `to`, denser towards `to` (the short windows get many facts). */
function ticks(from: Date, to: Date, count: number): Date[] {
  const span = to.getTime() - from.getTime();
  return Array.from({ length: count }, (_, index) => {
    const left = 1 - (index + 1) / count;
    return new Date(Math.round(to.getTime() - span * left ** 3));
  });
}

const withoutAsOf = (kpis: KpisValue) => ({ ...kpis, asOf: undefined });
const scopeIds = (scope: Scope): ScopeIds => ({
  campaignId: scope.campaignId ?? null,
  queueId: scope.queueId ?? null,
  agentId: scope.agentId ?? null,
  agencyId: scope.agencyId ?? null,
});

describe(`live KPIs under random traffic (seed ${SEED})`, () => {
  let api: TestApi;
  let traffic: LiveTraffic;
  const clients: Client[] = [];
  const watches = new Map<string, Watch<{ kpiUpdated: KpisValue }>>();

  function checks(): Check[] {
    const { ids, keys } = traffic;
    const admin = adminCheck;
    const agency = agencyCheck;
    return [
      admin('operation', {}),
      { label: 'operation (supervisor)', key: keys.supervisor, asked: {}, expected: {} },
      admin('campaign Mora temprana', { campaignId: ids.main }),
      admin('campaign Cartera Alfa', { campaignId: ids.alfa }),
      admin('queue Deuda joven', { queueId: ids.joven }),
      admin('queue Deuda media', { queueId: ids.media }),
      admin('queue Alfa joven', { queueId: ids.alfaQ1 }),
      admin('agent h1', { agentId: ids.h1 }),
      admin('agent h4', { agentId: ids.h4 }),
      admin('agent a1', { agentId: ids.a1 }),
      admin('agent b2', { agentId: ids.b2 }),
      admin('agent idle', { agentId: ids.idle }),
      admin('agency in-house', { agencyId: ids.house }),
      admin('agency Alfa', { agencyId: ids.alpha }),
      admin('agency Beta', { agencyId: ids.beta }),
      admin('campaign × queue', { campaignId: ids.main, queueId: ids.media }),
      admin('campaign × agent', { campaignId: ids.main, agentId: ids.h2 }),
      admin('agency × campaign', { agencyId: ids.house, campaignId: ids.main }),
      admin('agency × agent', { agencyId: ids.alpha, agentId: ids.a2 }),
      agency('Alfa key, {}', keys.alpha, {}, ids.alpha),
      agency('Alfa key, own queue', keys.alpha, { queueId: ids.alfaQ2 }, ids.alpha),
      agency('Alfa key, own agent', keys.alpha, { agentId: ids.a1 }, ids.alpha),
      agency('Beta key, {}', keys.beta, {}, ids.beta),
      agency('Beta key, own agent', keys.beta, { agentId: ids.b1 }, ids.beta),
    ];
  }

  beforeAll(async () => {
    api = await startTestApi({ pushIntervalMs: PUSH_INTERVAL_MS });
    traffic = new LiveTraffic(api, SEED, WORKERS);
    await traffic.setup(IMPORT_AT, BUSINESS_DATE, 320);
    const byKey = new Map<string, Client>();
    for (const check of checks()) {
      let client = byKey.get(check.key);
      if (!client) {
        client = wsClient(api, check.key);
        byKey.set(check.key, client);
        clients.push(client);
      }
      for (const window of WINDOWS) {
        const query = `subscription ($scope: KpiScope!, $window: KpiWindow!) {
          kpiUpdated(scope: $scope, window: $window) { ${KPI_FIELDS} } }`;
        watches.set(`${check.label}|${window}`, new Watch(client, query, { scope: check.asked, window }));
      }
    }
    await settle([...watches.values()], 50);
  }, STEP_TIMEOUT_MS);

  afterAll(async () => {
    for (const watch of watches.values()) watch.close();
    await Promise.all(clients.map((client) => client.dispose()));
    await api?.close();
  });

  async function runDay(from: Date, to: Date, count: number): Promise<void> {
    for (const at of ticks(from, to, count)) await traffic.tick(at, PER_WORKER);
    await traffic.touch(to);
  }

  /** Every check and window through `kpis` and through its subscription, and several agents' performance. */
  async function compareAll(label: string): Promise<Map<string, KpisValue>> {
    const now = api.clock.now();
    const expectedBy = new Map<string, KpisValue>();
    const jobs = checks().flatMap((check) => WINDOWS.map((window) => ({ check, window })));
    const worker = async () => {
      for (let job = jobs.shift(); job; job = jobs.shift()) {
        const { check, window } = job;
        const name = `${label} · ${check.label} · ${window}`;
        const response = await api.gql<{ kpis: KpisValue }>(KPIS_QUERY, { scope: check.asked, window }, check.key);
        const expected = await expectedKpis(api, check.expected, window, now);
        expect.soft(response.errors, name).toBeUndefined();
        if (response.data) expect.soft(comparable(response.data.kpis, expected), name).toEqual(expected);
        expectedBy.set(`${check.label}|${window}`, expected);
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));

    // The queries above waited for every committed event; the subscriptions have had them too once they go quiet.
    const all = [...watches.values()];
    await settle(all, 5 * PUSH_INTERVAL_MS);
    for (const [name, watch] of watches) {
      const expected = expectedBy.get(name)!;
      const last = watch.last?.kpiUpdated;
      expect.soft(watch.errors, `${label} · subscription ${name}`).toEqual([]);
      if (last) {
        expect
          .soft(withoutAsOf(comparable(last, expected)), `${label} · subscription ${name}`)
          .toEqual(withoutAsOf(expected));
      }
    }

    const { ids } = traffic;
    for (const window of WINDOWS) {
      const data = await api.ok<{ agents: ({ id: string } & { performance: PerformanceValue })[] }>(
        `query ($window: KpiWindow!) { agents { id performance(window: $window) { ${PERFORMANCE_FIELDS} } } }`,
        { window },
      );
      for (const agentId of [ids.h1, ids.h3, ids.a2, ids.b1, ids.idle]) {
        const actual = data.agents.find((agent) => agent.id === agentId)!.performance;
        const expected = await expectedPerformance(api, agentId, window, now);
        const name = `${label} · performance of ${agentId} · ${window}`;
        const floats = ['attemptsPerLoggedInHour', 'averageHandleSeconds', 'occupancy', 'promisesKeptRate'] as const;
        for (const field of floats) {
          if (expected[field] === null) expect.soft(actual[field], `${name} ${field}`).toBeNull();
          else expect.soft(actual[field], `${name} ${field}`).toBeCloseTo(expected[field], 9);
        }
        const exact = (value: PerformanceValue) => ({ ...value, ...Object.fromEntries(floats.map((f) => [f, 0])) });
        expect.soft(exact(actual), name).toEqual(exact(expected));
      }
    }
    return expectedBy;
  }

  it(
    `matches the oracle mid-morning, ${C1.toISOString()} (seed ${SEED})`,
    async () => {
      await runDay(DAY_OPENS, C1, 14);
      const results = await compareAll('C1');
      expect(results.get('operation|LAST_15_MINUTES')!.attempts).toBeGreaterThan(0);
      expect(results.get('operation|TODAY')!.amountCollected.length).toBeGreaterThan(0);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    `matches the oracle in the evening, ${C2.toISOString()} (seed ${SEED})`,
    async () => {
      await runDay(C1, C2, 14);
      await compareAll('C2');
    },
    STEP_TIMEOUT_MS,
  );

  it(
    `matches the oracle at the last millisecond of the day, ${C3.toISOString()} (seed ${SEED})`,
    async () => {
      await runDay(C2, C3, 14);
      const results = await compareAll('C3');
      const today = results.get('operation|TODAY')!;
      expect(today.attempts).toBeGreaterThan(1_200);
      expect(today.promises).toBeGreaterThan(100);
      expect(today.promisesKept).toBeGreaterThan(0);
      expect(today.amountPromised.map((money) => money.currency)).toEqual(['PEN', 'USD']);
      expect(today.amountCollected.map((money) => money.currency)).toEqual(['PEN', 'USD']);
      expect(today.recoveryByBucket.length).toBeGreaterThan(3);
      const dispositions = await sql<{ disposition: string }>(api, 'select distinct disposition from interaction');
      expect(dispositions).toHaveLength(12);
      expect(traffic.sent.repeats).toBeGreaterThan(10);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    `matches the oracle after midnight, with promises broken by the due job, ${C4.toISOString()}`,
    async () => {
      await sql(
        api,
        `update promise_to_pay set grace_days = 0 where status = 'PENDING' and due_date = cast(? as date)`,
        [BUSINESS_DATE],
      );
      const [graced] = await sql<{ n: number }>(
        api,
        'select count(*)::int as n from promise_to_pay where grace_days = 0',
      );
      expect(graced!.n).toBeGreaterThan(5);
      await runDay(C3, AFTER_MIDNIGHT, 2);
      const resolved = await resolveDuePromises(api.orm, api.clock);
      expect(resolved.length).toBeGreaterThan(5);
      traffic.forgetPromises(resolved.map((resolution) => resolution.accountId));
      await runDay(AFTER_MIDNIGHT, C4, 6);

      const results = await compareAll('C4');
      const lastHour = results.get('operation|LAST_HOUR')!;
      expect(lastHour.promisesBroken + lastHour.promisesPartiallyKept).toBeGreaterThan(0);
      expect(lastHour.attempts).toBeGreaterThan(results.get('operation|TODAY')!.attempts);
      const total = traffic.sent.interactions + traffic.sent.payments + traffic.sent.repeats;
      expect(total).toBeGreaterThanOrEqual(2_000);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'answers the same from an engine rebuilt from the database as from the incremental one',
    async () => {
      const second = await startLive({
        orm: api.orm,
        bus: new InProcessEventBus(),
        clock: api.clock,
        logger: createLogger('silent'),
        operationCurrency: 'PEN',
        pushIntervalMs: PUSH_INTERVAL_MS,
      });
      try {
        await api.gql(KPIS_QUERY, { scope: {}, window: 'TODAY' }); // every committed event counted by the first
        for (const check of checks()) {
          for (const window of WINDOWS) {
            const scope = scopeIds(check.expected);
            expect
              .soft(await second.engine.figures(scope, window), `${check.label} · ${window}`)
              .toEqual(await api.live.engine.figures(scope, window));
          }
        }
        for (const agentId of traffic.workingAgents()) {
          for (const window of WINDOWS) {
            expect
              .soft(await second.engine.agentTime(agentId, window), `${agentId} · ${window}`)
              .toEqual(await api.live.engine.agentTime(agentId, window));
          }
        }
      } finally {
        second.close();
      }
      // And the API's own engine, rebuilt in place, still matches the oracle.
      await api.live.engine.rebuild();
      await traffic.touch(api.clock.now());
      await compareAll('rebuilt');
    },
    STEP_TIMEOUT_MS,
  );
});
