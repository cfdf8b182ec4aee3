import { mount } from '@vue/test-utils';
import { h } from 'vue';
import { describe, expect, it } from 'vitest';
import StateGate from './StateGate.vue';

const texts = { error: 'Could not load', loading: 'Loading rows', empty: 'No rows' };
const slots = { default: ({ data }: { data: string[] }) => h('ul', { 'data-testid': 'rows' }, data.join('|')) };

function gate(props: { data: string[] | null; error?: { kind: 'network'; reason: string } | null }) {
  return mount(StateGate<string[]>, {
    props: { ...props, texts, isEmpty: (rows: string[]) => rows.length === 0 },
    slots,
  });
}

describe('StateGate', () => {
  it('shows the error first, even beside data, and asks for a retry', async () => {
    const wrapper = gate({ data: ['a'], error: { kind: 'network', reason: 'offline' } });
    expect(wrapper.get('[data-testid="screen-error"]').text()).toContain('Could not load');
    expect(wrapper.find('[data-testid="rows"]').exists()).toBe(false);
    await wrapper.get('button').trigger('click');
    expect(wrapper.emitted('retry')).toHaveLength(1);
  });

  it('shows loading while there is no data, then "nothing to show" for empty data', async () => {
    const wrapper = gate({ data: null });
    expect(wrapper.get('[data-testid="screen-loading"]').text()).toBe('Loading rows');
    await wrapper.setProps({ data: [] });
    expect(wrapper.get('[data-testid="screen-empty"]').text()).toBe('No rows');
  });

  it('hands the data itself to its slot', () => {
    expect(
      gate({ data: ['a', 'b'], error: null })
        .get('[data-testid="rows"]')
        .text(),
    ).toBe('a|b');
  });
});
