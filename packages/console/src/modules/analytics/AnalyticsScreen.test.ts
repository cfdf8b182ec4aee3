import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useI18n } from '../../i18n/index.ts';
import { useApiKey } from '../../session/use-api-key.ts';
import { signInAs, viewerAnswer } from '../../test-support/app.ts';
import { jsonResponse, stubFetch } from '../../test-support/responses.ts';
import AnalyticsScreen from './AnalyticsScreen.vue';

// Canvas drawing is the chart library's business (and the browser tests'); here the options handed to it are checked.
const chartOptions: Record<string, unknown>[] = [];
vi.mock('../../charts/echarts.ts', async () => {
  const { defineComponent, h } = await import('vue');
  return {
    VChart: defineComponent({
      props: { option: { type: Object, required: true } },
      setup(props) {
        return () => {
          chartOptions.push(props.option as Record<string, unknown>);
          return h('div', { 'data-testid': 'chart' });
        };
      },
    }),
  };
});

const money = (amount: string) => [{ amount, currency: 'PEN' }];

const FIGURES = {
  contactHeatmap: [
    {
      channel: 'CALL',
      weekday: 2,
      hour: 10,
      attempts: 120,
      contacts: 40,
      rightPartyContacts: 30,
      promises: 6,
      contactRate: 1 / 3,
      rpcRate: 0.25,
      promiseRate: 0.2,
      collected: money('300.00'),
      collectedPerAttempt: money('2.50'),
    },
  ],
  bestHours: [{ channel: 'CALL', weekday: 2, hour: 10, attempts: 120, rpcRate: 0.25, promiseRate: 0.2 }],
  attemptIntensity: [
    {
      attemptNumber: 1,
      attempts: 80,
      contacts: 30,
      rightPartyContacts: 25,
      promises: 5,
      contactRate: 0.375,
      rpcRate: 0.3125,
      promiseRate: 0.2,
      orMore: false,
    },
    {
      attemptNumber: 20,
      attempts: 40,
      contacts: 10,
      rightPartyContacts: 5,
      promises: 1,
      contactRate: 0.25,
      rpcRate: 0.125,
      promiseRate: 0.2,
      orMore: true,
    },
  ],
  scriptEffectiveness: [
    {
      script: 'Buenos días, le llamamos por su deuda',
      campaignNames: ['Temprana'],
      accounts: 50,
      attempts: 120,
      rightPartyContacts: 30,
      promises: 6,
      rpcRate: 0.25,
      promiseRate: 0.2,
      amountCollected: money('300.00'),
    },
  ],
  rollRates: ['CURRENT', 'D1_30', 'D31_60', 'D61_90', 'D91_120', 'D121_PLUS'].map((toBucket) => ({
    fromBucket: 'D1_30',
    toBucket,
    accounts: toBucket === 'D31_60' ? 30 : toBucket === 'CURRENT' ? 10 : 0,
    accountShare: toBucket === 'D31_60' ? 0.75 : toBucket === 'CURRENT' ? 0.25 : 0,
    balanceShare: toBucket === 'D31_60' ? 0.8 : toBucket === 'CURRENT' ? 0.2 : 0,
    paidOffAccounts: toBucket === 'CURRENT' ? 10 : 0,
  })),
  liquidationRates: [
    {
      bucket: 'D1_30',
      accounts: 40,
      rate: 0.05,
      balanceAtStart: { amount: '6000.00', currency: 'PEN' },
      collected: { amount: '300.00', currency: 'PEN' },
    },
  ],
};

const COMPARISON = {
  campaign: { id: 'c1', name: 'Temprana' },
  champion: {
    variant: 'CHAMPION',
    script: 'Guion A',
    accounts: 40,
    attempts: 100,
    contacts: 30,
    rightPartyContacts: 25,
    promises: 5,
    contactRate: 0.3,
    rpcRate: 0.25,
    promiseRate: 0.2,
    amountCollected: money('250.00'),
  },
  challenger: {
    variant: 'CHALLENGER',
    script: 'Guion B',
    accounts: 10,
    attempts: 20,
    contacts: 10,
    rightPartyContacts: 5,
    promises: 2,
    contactRate: 0.5,
    rpcRate: 0.25,
    promiseRate: 0.4,
    amountCollected: money('50.00'),
  },
  difference: 0.2,
  confidenceLow: -0.1,
  confidenceHigh: 0.6,
  significant: false,
  statement: 'El retador va adelante: tasa de promesa 40,0 % frente a 20,0 %.',
};

describe('the analytics screen', () => {
  const queries: { query: string; variables?: Record<string, unknown> }[] = [];

  beforeEach(async () => {
    queries.length = 0;
    chartOptions.length = 0;
    useI18n().setLocale('es');
    stubFetch({
      '/graphql': viewerAnswer('MANAGER', null, (body) => {
        queries.push(body);
        if (body.query.includes('query AnalyticsOptions')) {
          return jsonResponse({ data: { campaigns: [{ id: 'c1', name: 'Temprana' }], agencies: [] } });
        }
        if (body.query.includes('query ChampionChallenger'))
          return jsonResponse({ data: { championChallenger: COMPARISON } });
        if (body.query.includes('query Analytics(')) return jsonResponse({ data: FIGURES });
        throw new Error(`unexpected query ${body.query}`);
      }),
    });
    await signInAs();
  });
  afterEach(() => useApiKey().signOut());

  it('asks for the last 90 business days and shows every figure', async () => {
    const wrapper = mount(AnalyticsScreen);
    await flushPromises();
    const first = queries.find((q) => q.query.includes('query Analytics('))!;
    expect(first.variables).toMatchObject({
      filter: { from: '2026-08-27', to: '2026-11-24', campaignId: null, agencyId: null, buckets: null, channels: null },
      from: '2026-08-27',
      to: '2026-11-24',
      minAttempts: 100,
    });
    expect(wrapper.get('[data-testid="best-hours"]').text()).toContain('Mar');
    expect(wrapper.get('[data-testid="best-hours"]').text()).toContain('10:00');
    expect(wrapper.get('[data-testid="intensity-table"]').text()).toContain('20 o más');
    expect(wrapper.get('[data-testid="roll-row-D1_30"]').text()).toContain('75');
    expect(wrapper.get('[data-testid="scripts-table"]').text()).toContain('Buenos días');
    expect(wrapper.find('[data-testid="variants-pick"]').exists()).toBe(true);
    // Tuesday 10:00 coloured by its RPC rate, Monday on the top row.
    const heat = chartOptions.find((option) => JSON.stringify(option).includes('"heatmap"')) as {
      series: { data: unknown[] }[];
    };
    expect(heat.series[0]!.data).toEqual([[10, 5, 0.25]]);
    wrapper.unmount();
  });

  it('narrows the figures with the filters and compares the campaign’s variants', async () => {
    const wrapper = mount(AnalyticsScreen);
    await flushPromises();
    await wrapper.get('[data-testid="analytics-campaign"]').setValue('c1');
    await wrapper.get('[data-testid="analytics-bucket-D31_60"]').setValue(true);
    await wrapper.get('[data-testid="analytics-channel-CALL"]').setValue(true);
    await flushPromises();
    const last = queries.filter((q) => q.query.includes('query Analytics(')).at(-1)!;
    expect(last.variables).toMatchObject({
      filter: { campaignId: 'c1', buckets: ['D31_60'], channels: ['CALL'] },
    });
    expect(queries.some((q) => q.query.includes('query ChampionChallenger') && q.variables?.campaignId === 'c1')).toBe(
      true,
    );
    expect(wrapper.get('[data-testid="variants-statement"]').text()).toBe(COMPARISON.statement);
    expect(wrapper.get('[data-testid="variants-table"]').text()).toContain('Retador');
    wrapper.unmount();
  });

  it('downloads a table as CSV from the rows it shows', async () => {
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:csv';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const clicks = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const wrapper = mount(AnalyticsScreen);
    await flushPromises();
    await wrapper.get('[data-testid="csv-roll-rates"]').trigger('click');
    expect(clicks).toHaveBeenCalledTimes(1);
    const text = await blobs[0]!.text();
    const lines = text.replace(/^\ufeff/, '').split('\r\n');
    expect(lines[0]).toBe('from_bucket,to_bucket,accounts,paid_off_accounts,account_share,balance_share');
    expect(lines).toContain('D1_30,CURRENT,10,10,0.25,0.2');
    expect(lines).toHaveLength(7);
    wrapper.unmount();
    vi.restoreAllMocks();
  });
});
