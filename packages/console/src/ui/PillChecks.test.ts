import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import PillChecks from './PillChecks.vue';

type Colour = 'RED' | 'GREEN' | 'BLUE';
const COLOURS: readonly Colour[] = ['RED', 'GREEN', 'BLUE'];

function pills(modelValue: readonly Colour[], testidPrefix?: string) {
  return mount(PillChecks<Colour>, {
    props: { modelValue, options: COLOURS, label: (c: Colour) => c.toLowerCase(), testidPrefix },
  });
}

describe('PillChecks', () => {
  it('shows every option as a pill, the picked ones checked', () => {
    const wrapper = pills(['BLUE'], 'colour-');
    expect(wrapper.findAll('label.check--pill').map((label) => label.text())).toEqual(['red', 'green', 'blue']);
    expect(wrapper.findAll('input').map((input) => (input.element as HTMLInputElement).checked)).toEqual([
      false,
      false,
      true,
    ]);
    expect(wrapper.find('[data-testid="colour-GREEN"]').exists()).toBe(true);
  });

  it('adds a checked option after the ones picked before, and takes an unchecked one out', async () => {
    const wrapper = pills(['BLUE']);
    await wrapper.findAll('input')[0]!.setValue(true);
    expect(wrapper.emitted('update:modelValue')).toEqual([[['BLUE', 'RED']]]);
    await wrapper.findAll('input')[2]!.setValue(false);
    expect(wrapper.emitted('update:modelValue')![1]).toEqual([['RED']]);
    expect(wrapper.find('[data-testid]').exists()).toBe(false);
  });
});
