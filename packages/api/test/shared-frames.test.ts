// The engine's modules load type-graphql classes before test-api.ts would load the metadata polyfill.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KPI_FIELDS, type KpisValue } from './support/kpi-oracle.ts';
import { LiveTraffic } from './support/live-traffic.ts';
import { RawSubscription } from './support/raw-graphql-ws.ts';
import { startTestApi, TEST_ADMIN_KEY, type TestApi } from './support/test-api.ts';
import { waitFor } from './support/wait.ts';

/**
 * A `kpiUpdated` result shared by every subscriber of an operation is serialised once and sent to each subscriber
 * as the same bytes behind its own graphql-ws header (core/http/shared-subscription-results.ts). Read on bare
 * sockets: every frame is a text frame in graphql-ws's exact shape, `{"id":…,"type":"next","payload":…}`, with the
 * subscriber's own id (escaped as JSON), two subscribers of one operation receive byte-identical payloads, and the
 * result is turned into JSON once per push (graphql-ws's own path stringified it once per subscriber).
 */

const AT = new Date('2026-11-24T16:07:42.123Z');
const QUERY = `subscription ($scope: KpiScope!, $window: KpiWindow!) { kpiUpdated(scope: $scope, window: $window) { ${KPI_FIELDS} mayLag } }`;
const VARIABLES = { scope: {}, window: 'TODAY' };
/** Ids a client chooses: one needs escaping in JSON. */
const IDS = ['first', 'second "quoted" \\ id'];

describe('shared kpiUpdated frames', () => {
  let api: TestApi;
  let traffic: LiveTraffic;
  const subscriptions: RawSubscription<{ kpiUpdated: KpisValue }>[] = [];

  beforeAll(async () => {
    api = await startTestApi({ pushIntervalMs: 100 });
    traffic = new LiveTraffic(api, 271_828, 8);
    await traffic.setup(new Date('2026-11-23T14:00:00.000Z'), '2026-11-24', 60);
  }, 120_000);

  afterAll(async () => {
    for (const subscription of subscriptions) subscription.close();
    await api?.close();
  });

  it('sends each subscriber the same payload bytes under its own id, as graphql-ws text frames', async () => {
    for (const id of IDS) subscriptions.push(await RawSubscription.open(api, TEST_ADMIN_KEY, QUERY, VARIABLES, id));
    await waitFor('both snapshots', () => subscriptions.every((subscription) => subscription.messages.length > 0));
    // An update of the setup's last events may still be on its way: counted on one socket and not yet on the other,
    // it would make their counts below differ by one. Both quiet first, then counted.
    await Promise.all(subscriptions.map((subscription) => subscription.drain(300)));
    const before = subscriptions.map((subscription) => subscription.messages.length);
    // The API runs in this process: count how often a kpiUpdated result is turned into JSON while updates flow.
    const stringify = JSON.stringify;
    let serialised = 0;
    JSON.stringify = ((...args: Parameters<typeof stringify>) => {
      const text = stringify(...args);
      if (typeof text === 'string' && text.includes('"kpiUpdated":')) serialised += 1;
      return text;
    }) as typeof JSON.stringify;
    try {
      await traffic.tick(AT, 2);
      await waitFor('an update on both', () =>
        subscriptions.every((subscription, index) => subscription.messages.length > before[index]!),
      );
      await Promise.all(subscriptions.map((subscription) => subscription.drain(500)));
    } finally {
      JSON.stringify = stringify;
    }
    // Once per push, not once per subscriber: at most one serialisation per update the first subscriber received.
    const updates = subscriptions.map((subscription, index) => subscription.messages.length - before[index]!);
    expect(updates[0]).toBeGreaterThan(0);
    expect(updates[1]).toBe(updates[0]);
    expect(serialised).toBeGreaterThan(0);
    expect(serialised).toBeLessThanOrEqual(updates[0]!);

    const payloads: string[] = [];
    subscriptions.forEach((subscription, index) => {
      const id = IDS[index]!;
      for (const frame of subscription.frames) {
        expect(frame.binary).toBe(false);
        const header = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
        expect(frame.text.startsWith(header), frame.text.slice(0, 80)).toBe(true);
        expect(frame.text.endsWith('}')).toBe(true);
        const parsed = JSON.parse(frame.text) as { id: string; type: string; payload: { data: unknown } };
        expect(Object.keys(parsed)).toEqual(['id', 'type', 'payload']);
        expect(parsed.id).toBe(id);
        expect(parsed.type).toBe('next');
        expect(Object.keys(parsed.payload)).toEqual(['data']);
      }
      const last = subscription.frames.at(-1)!.text;
      payloads.push(last.slice(`{"id":${JSON.stringify(id)},"type":"next","payload":`.length, -1));
    });
    // The last update went to both from one shared result: the same bytes, and figures that moved.
    expect(payloads[1]).toBe(payloads[0]);
    const last = JSON.parse(payloads[0]!) as { data: { kpiUpdated: KpisValue & { mayLag: boolean } } };
    const first = subscriptions[0]!.messages[0]!.kpiUpdated;
    expect(last.data.kpiUpdated.attempts).toBeGreaterThan(first.attempts);
    expect(last.data.kpiUpdated.mayLag).toBe(false);
  });
});
