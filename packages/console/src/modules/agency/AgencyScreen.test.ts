import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { useI18n } from '../../i18n/index.ts';
import { useApiKey } from '../../session/use-api-key.ts';
import { signInAs, viewerAnswer } from '../../test-support/app.ts';
import { jsonResponse, stubFetch } from '../../test-support/responses.ts';
import type { PlacementRow } from './agency-api.ts';
import AgencyScreen from './AgencyScreen.vue';

const AGENCY = { id: 'ag1', code: 'COBSUR', name: 'Cobranzas del Sur' };

function placement(id: string, recallDate: string | null): PlacementRow {
  return {
    id,
    status: 'ACTIVE',
    placedAt: '2026-11-17T17:00:00.000Z',
    recallDate,
    commissionRate: '0.18',
    endReason: null,
    account: {
      id: `acc-${id}`,
      externalRef: `MOV-${id}`,
      bucket: 'D61_90',
      balance: { amount: '781.48', currency: 'PEN' },
      debtor: { name: `Deudor ${id}` },
    },
  };
}

describe("the agency's workspace", () => {
  let asked: { query: string; variables?: Record<string, unknown> }[];

  beforeEach(async () => {
    useI18n().setLocale('es');
    asked = [];
    stubFetch({
      '/graphql': viewerAnswer('AGENCY', AGENCY, (body) => {
        asked.push(body);
        if (body.query.includes('placementSummary')) {
          return jsonResponse({
            data: { placementSummary: { active: 2, recallsDueIn7Days: 1, pendingExtensionRequests: 0 } },
          });
        }
        if (body.query.includes('agencyStatement')) {
          return jsonResponse({
            data: {
              agencyStatement: {
                from: '2026-11-01',
                to: '2026-11-24',
                placedAccounts: 2,
                payments: 3,
                reversals: 1,
                collected: [{ amount: '200.10', currency: 'PEN' }],
                commission: [{ amount: '30.02', currency: 'PEN' }],
              },
            },
          });
        }
        return jsonResponse({
          data: {
            placements: {
              totalCount: 2,
              edges: [placement('1', '2026-11-28'), placement('2', null)].map((node) => ({ node })),
            },
          },
        });
      }),
    });
    await signInAs();
  });
  afterEach(() => useApiKey().signOut());

  it('lists its placements, its statement for the month to date and what returns soon', async () => {
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [{ path: '/:p(.*)*', component: AgencyScreen }],
    });
    const wrapper = mount(AgencyScreen, { global: { plugins: [router] } });
    await flushPromises();
    expect(wrapper.findAll('[data-testid^="placement-row-"]')).toHaveLength(2);
    expect(wrapper.get('[data-testid="placement-row-2"]').text()).toContain('Sin plazo');
    expect(wrapper.get('[data-testid="statement-commission"]').text()).toContain('30.02');
    expect(wrapper.get('[data-testid="agency-returning"]').text()).toContain('1');
    const statement = asked.find((body) => body.query.includes('agencyStatement'))!;
    expect(statement.variables).toEqual({ agencyId: 'ag1', from: '2026-11-01', to: '2026-11-24' });

    // "Returning within 7 days" asks for placements due back by the sixth day after today.
    await wrapper.get('[data-testid="placement-soon"]').setValue(true);
    await wrapper.get('[data-testid="placement-apply"]').trigger('submit');
    await flushPromises();
    const last = asked.filter((body) => body.query.includes('placements(')).at(-1)!;
    expect(last.variables).toMatchObject({ agencyId: 'ag1', status: 'ACTIVE', recallBy: '2026-11-30' });
    wrapper.unmount();
  });
});
