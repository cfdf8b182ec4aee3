import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useI18n } from '../../i18n/index.ts';
import { useApiKey } from '../../session/use-api-key.ts';
import { signInAs, viewerAnswer } from '../../test-support/app.ts';
import { stubFetch } from '../../test-support/responses.ts';
import QueueCard from './QueueCard.vue';
import { withoutAgentElsewhere, type BoardQueue } from './queues-api.ts';

function queue(id: string, agents: string[], patch: Partial<BoardQueue> = {}): BoardQueue {
  return {
    id,
    name: `Cola ${id}`,
    paused: false,
    priority: 5,
    size: 200,
    remaining: 150,
    minutesToExhaust: 135,
    campaign: { id: 'c1', name: 'Deuda joven' },
    agents: agents.map((a) => ({ id: a, name: `Agente ${a}`, status: 'AVAILABLE' })),
    lastHour: { attempts: 42, asOf: '2026-11-24T15:00:00Z' },
    today: { contactRate: 0.25, asOf: '2026-11-24T15:00:00Z' },
    ...patch,
  };
}

/** A drag carrying an agent id, as the browser hands it from the chip to the card. */
function dropOf(agentId: string) {
  const data = new Map<string, string>([['application/x-recupera-agent', agentId]]);
  return {
    dataTransfer: { getData: (type: string) => data.get(type) ?? '', dropEffect: 'none' },
  };
}

describe('QueueCard', () => {
  beforeEach(async () => {
    useI18n().setLocale('es');
    stubFetch({ '/graphql': viewerAnswer('MANAGER') });
    await signInAs();
  });
  afterEach(() => useApiKey().signOut());

  it('shows the queue’s figures and its agents as draggable chips for a manager', () => {
    const wrapper = mount(QueueCard, {
      props: {
        queue: queue('q1', ['a1', 'a2']),
        siblings: [queue('q2', [])],
        canReallocate: true,
        busy: new Set<string>(),
      },
    });
    expect(wrapper.get('[data-testid="queue-card-q1"]').attributes('data-paused')).toBe('false');
    expect(wrapper.get('[data-testid="queue-remaining"]').text()).toBe('150 / 200');
    expect(wrapper.text()).toContain('42');
    expect(wrapper.text()).toContain('25.0%');
    expect(wrapper.text()).toContain('2 h 15 min');
    expect(wrapper.get('[data-testid="queue-agent-a1"]').attributes('draggable')).toBe('true');
    expect(wrapper.find('[data-testid="pause-queue-q1"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="priority-q1"]').exists()).toBe(true);
  });

  it('asks to assign an agent dropped from another queue, not one already here', async () => {
    const wrapper = mount(QueueCard, {
      props: { queue: queue('q1', ['a1']), siblings: [], canReallocate: true, busy: new Set<string>() },
    });
    const card = wrapper.get('[data-testid="queue-card-q1"]');
    await card.trigger('drop', dropOf('a9'));
    await card.trigger('drop', dropOf('a1'));
    expect(wrapper.emitted('assign')).toEqual([['a9']]);
  });

  it('gives a supervisor no controls and no drop target', async () => {
    const wrapper = mount(QueueCard, {
      props: {
        queue: queue('q1', ['a1'], { paused: true }),
        siblings: [],
        canReallocate: false,
        busy: new Set<string>(),
      },
    });
    expect(wrapper.get('[data-testid="queue-card-q1"]').attributes('data-paused')).toBe('true');
    expect(wrapper.get('[data-testid="queue-agent-a1"]').attributes('draggable')).toBe('false');
    expect(wrapper.find('[data-testid="resume-queue-q1"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="move-accounts-q1"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="priority-q1"]').exists()).toBe(false);
    await wrapper.get('[data-testid="queue-card-q1"]').trigger('drop', dropOf('a9'));
    expect(wrapper.emitted('assign')).toBeUndefined();
  });

  it('sends a move of N accounts to the chosen queue', async () => {
    const wrapper = mount(QueueCard, {
      props: {
        queue: queue('q1', []),
        siblings: [queue('q2', []), queue('q3', [])],
        canReallocate: true,
        busy: new Set<string>(),
      },
    });
    await wrapper.get('[data-testid="move-accounts-q1"]').trigger('click');
    await wrapper.get('[data-testid="move-count"]').setValue('25');
    await wrapper.get('[data-testid="move-target"]').setValue('q3');
    await wrapper.get('[data-testid="move-submit"]').trigger('submit');
    expect(wrapper.emitted('move')).toEqual([['q3', 25]]);
  });

  it('changes the priority on enter, only when it changed', async () => {
    const wrapper = mount(QueueCard, {
      props: { queue: queue('q1', []), siblings: [], canReallocate: true, busy: new Set<string>() },
    });
    const input = wrapper.get('[data-testid="priority-q1"]');
    await input.trigger('keydown', { key: 'Enter' });
    await input.setValue('9');
    await input.trigger('keydown', { key: 'Enter' });
    expect(wrapper.emitted('priority')?.[0]).toEqual([9]);
  });
});

describe('withoutAgentElsewhere', () => {
  it('keeps a moved agent only in the queue it went to', () => {
    const moved = withoutAgentElsewhere([queue('q1', ['a1', 'a2']), queue('q2', ['a1'])], 'a1', 'q2');
    expect(moved.map((q) => q.agents.map((a) => a.id))).toEqual([['a2'], ['a1']]);
  });
});
