import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ref } from 'vue';
import { useI18n } from '../../i18n/index.ts';
import { initialConnection } from '../../live/connection-state.ts';
import { useApiKey } from '../../session/use-api-key.ts';
import { signInAs, viewerAnswer } from '../../test-support/app.ts';
import { jsonResponse, stubFetch } from '../../test-support/responses.ts';
import type { AgentRow, AgentStatus } from './agents-api.ts';
import AgentsScreen from './AgentsScreen.vue';

vi.mock('../../live/client.ts', () => ({
  useLive: () => ({ connection: ref(initialConnection()), subscribe: () => () => {} }),
}));

function agent(id: string, name: string, status: AgentStatus, minutes: number, attempts: number, collected: string) {
  const row: AgentRow = {
    id,
    name,
    status,
    statusSince: new Date(Date.now() - minutes * 60_000).toISOString(),
    agency: { code: 'INT', name: 'Interno' },
    queue: null,
    performance: {
      attempts,
      contacts: 1,
      rightPartyContacts: 1,
      promises: 0,
      amountPromised: [],
      amountCollected: [{ amount: collected, currency: 'PEN' }],
      promisesKeptRate: null,
      attemptsPerLoggedInHour: null,
      averageHandleSeconds: null,
      occupancy: null,
      loggedInSeconds: 1800,
      contactsLastHour: 1,
    },
  };
  return row;
}

const AGENTS = [
  agent('a1', 'Ana', 'AVAILABLE', 2, 30, '900.00'),
  agent('a2', 'Beto', 'PAUSED', 25, 10, '1000.00'),
  agent('a3', 'Carla', 'ON_CONTACT', 3, 50, '99.99'),
];

const rowIds = (wrapper: ReturnType<typeof mount>) =>
  wrapper.findAll('[data-testid^="agent-row-"]').map((r) => r.attributes('data-testid')?.replace('agent-row-', ''));

describe('the agents table', () => {
  beforeEach(async () => {
    useI18n().setLocale('es');
    stubFetch({
      '/graphql': viewerAnswer('SUPERVISOR', null, () => jsonResponse({ data: { agents: AGENTS, campaigns: [] } })),
    });
    await signInAs();
  });
  afterEach(() => useApiKey().signOut());

  it('highlights the agents needing attention and lists them first', async () => {
    const wrapper = mount(AgentsScreen);
    await flushPromises();
    expect(rowIds(wrapper)).toEqual(['a2', 'a1', 'a3']);
    expect(wrapper.get('[data-testid="agent-row-a2"]').attributes('data-attention')).toBe('true');
    expect(wrapper.get('[data-testid="agent-row-a2"]').text()).toContain('Pausa larga');
    expect(wrapper.get('[data-testid="agent-row-a1"]').attributes('data-attention')).toBe('false');
    wrapper.unmount();
  });

  it('sorts by a column and flips on a second click; money sorts by amount, not text', async () => {
    const wrapper = mount(AgentsScreen);
    await flushPromises();
    await wrapper.get('[data-testid="sort-attempts"]').trigger('click');
    expect(rowIds(wrapper)).toEqual(['a3', 'a1', 'a2']);
    await wrapper.get('[data-testid="sort-attempts"]').trigger('click');
    expect(rowIds(wrapper)).toEqual(['a2', 'a1', 'a3']);
    // As text "99.99" > "900.00" > "1000.00"; as amounts it is the other way round.
    await wrapper.get('[data-testid="sort-amountCollected"]').trigger('click');
    expect(rowIds(wrapper)).toEqual(['a2', 'a1', 'a3']);
    await wrapper.get('[data-testid="sort-name"]').trigger('click');
    expect(rowIds(wrapper)).toEqual(['a1', 'a2', 'a3']);
    wrapper.unmount();
  });
});
