import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ref } from 'vue';
import { useI18n } from '../../i18n/index.ts';
import { initialConnection, nextConnection } from '../../live/connection-state.ts';
import type { LiveSink } from '../../live/client.ts';
import { useApiKey } from '../../session/use-api-key.ts';
import { signInAs, viewerAnswer } from '../../test-support/app.ts';
import { jsonResponse, stubFetch } from '../../test-support/responses.ts';
import type { Kpis } from './floor-api.ts';
import FloorScreen from './FloorScreen.vue';

const live = vi.hoisted(() => ({ sinks: [] as { query: string; variables: unknown; sink: unknown }[] }));
const connection = ref(nextConnection(initialConnection(), { type: 'connected' }));
vi.mock('../../live/client.ts', () => ({
  useLive: () => ({
    connection,
    subscribe: (query: string, variables: unknown, sink: unknown) => {
      live.sinks.push({ query, variables, sink });
      return () => {};
    },
  }),
}));

function kpis(asOf: string, attempts: number, contactRate: number | null, mayLag = false): Kpis {
  return {
    asOf,
    mayLag,
    attempts,
    contacts: 7,
    rightPartyContacts: 6,
    promises: 2,
    promisesKept: 0,
    promisesBroken: 0,
    promisesPartiallyKept: 0,
    contactRate,
    rpcRate: 0.375,
    promiseRate: null,
    promisesKeptRate: null,
    youngDebtRecoveryRate: null,
    amountPromised: [{ amount: '1500.10', currency: 'PEN' }],
    amountCollected: [],
    recoveryByBucket: [],
  };
}

const stubs = { TrendSparkline: true, BucketChart: true };

describe('the live floor', () => {
  let answerKpis: (snapshot: Kpis) => void = () => {};

  beforeEach(async () => {
    live.sinks = [];
    useI18n().setLocale('es');
    stubFetch({
      '/graphql': viewerAnswer('SUPERVISOR', null, (body) => {
        if (body.query.includes('dailyTarget')) {
          return jsonResponse({
            data: { campaigns: [{ id: 'c1', name: 'Deuda joven', status: 'RUNNING', dailyTarget: null }] },
          });
        }
        if (body.query.includes('kpiTrend')) return jsonResponse({ data: { kpiTrend: [] } });
        throw new Error(`unexpected ${body.query}`);
      }),
    });
    await signInAs();
    // The kpis query is answered by hand, to play a slow HTTP answer against the live feed.
    const original = globalThis.fetch;
    vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body)) as { query: string };
      if (!body.query.includes('FloorKpis')) return original(url, init);
      return new Promise<Response>((resolve) => {
        answerKpis = (snapshot) => resolve(jsonResponse({ data: { kpis: snapshot } }));
      });
    });
  });

  afterEach(() => useApiKey().signOut());

  it('shows the raw API value next to the formatted one', async () => {
    const wrapper = mount(FloorScreen, { global: { stubs } });
    await flushPromises();
    expect(wrapper.find('[data-testid="screen-loading"]').exists()).toBe(true);

    answerKpis(kpis('2026-11-24T15:00:00Z', 16, 0.4375));
    await flushPromises();

    const tile = wrapper.get('[data-testid="kpi-tile-contactRate"]');
    expect(tile.attributes('data-value')).toBe('0.4375');
    expect(tile.text()).toContain('43.8%');
    expect(wrapper.get('[data-testid="kpi-tile-promiseRate"]').attributes('data-value')).toBe('');
    expect(wrapper.get('[data-testid="kpi-tile-promiseRate"]').text()).toContain('—');
    expect(wrapper.get('[data-testid="kpi-tile-amountPromised"]').attributes('data-value')).toBe('1500.10');
    expect(wrapper.get('[data-testid="kpi-tile-amountCollected"]').attributes('data-value')).toBe('0.00');
    expect(wrapper.get('[data-testid="kpi-tile-attempts"]').attributes('data-value')).toBe('16');
    // 15:00 UTC is 10:00 in Lima, the operation's zone.
    expect(wrapper.get('[data-testid="last-update"]').text()).toContain('10:00:00');
    wrapper.unmount();
  });

  it('says when the figures may lag (the server cannot publish its events), and not otherwise', async () => {
    const wrapper = mount(FloorScreen, { global: { stubs } });
    await flushPromises();
    answerKpis(kpis('2026-11-24T15:00:00Z', 16, 0.4375, true));
    await flushPromises();
    // 15:00 UTC is 10:00 in Lima, the operation's zone.
    expect(wrapper.get('[data-testid="may-lag-warning"]').text()).toBe(
      'El servidor se está poniendo al día: las cifras son exactas a las 10:00:00 y pueden ir con retraso.',
    );

    // The live feed says the server caught up: the warning goes.
    const feed = live.sinks.find((entry) => entry.query.includes('kpiUpdated'));
    (feed?.sink as LiveSink<{ kpiUpdated: Kpis }>).next({ kpiUpdated: kpis('2026-11-24T15:01:00Z', 17, 0.4) });
    await flushPromises();
    expect(wrapper.find('[data-testid="may-lag-warning"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('keeps a pushed update when an older HTTP answer arrives after it', async () => {
    const wrapper = mount(FloorScreen, { global: { stubs } });
    await flushPromises();
    const feed = live.sinks.find((s) => s.query.includes('kpiUpdated'));
    expect(feed?.variables).toEqual({ scope: {} });

    (feed?.sink as LiveSink<{ kpiUpdated: Kpis }>).next({ kpiUpdated: kpis('2026-11-24T15:00:05Z', 20, 0.5) });
    await flushPromises();
    answerKpis(kpis('2026-11-24T15:00:00Z', 16, 0.4375));
    await flushPromises();

    expect(wrapper.get('[data-testid="kpi-tile-attempts"]').attributes('data-value')).toBe('20');
    expect(wrapper.get('[data-testid="kpi-tile-contactRate"]').attributes('data-value')).toBe('0.5');

    // A snapshot replayed after a reconnect that is older than the screen is ignored too; a newer one wins.
    (feed?.sink as LiveSink<{ kpiUpdated: Kpis }>).next({ kpiUpdated: kpis('2026-11-24T15:00:03Z', 18, 0.45) });
    await flushPromises();
    expect(wrapper.get('[data-testid="kpi-tile-attempts"]').attributes('data-value')).toBe('20');
    (feed?.sink as LiveSink<{ kpiUpdated: Kpis }>).next({ kpiUpdated: kpis('2026-11-24T15:00:09Z', 21, 0.5) });
    await flushPromises();
    expect(wrapper.get('[data-testid="kpi-tile-attempts"]').attributes('data-value')).toBe('21');
    wrapper.unmount();
  });

  it('follows the selected campaign with a new subscription', async () => {
    const wrapper = mount(FloorScreen, { global: { stubs } });
    await flushPromises();
    await wrapper.get('[data-testid="campaign-select"]').setValue('c1');
    await flushPromises();
    const feeds = live.sinks.filter((s) => s.query.includes('kpiUpdated'));
    expect(feeds.at(-1)?.variables).toEqual({ scope: { campaignId: 'c1' } });
    await wrapper.get('[data-testid="campaign-select"]').setValue('');
    wrapper.unmount();
  });
});
