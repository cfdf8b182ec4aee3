import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { useI18n } from '../../i18n/index.ts';
import TrendSparkline from './TrendSparkline.vue';

const LABELS = ['00:00', '00:30', '07:00', '07:30', '08:00'];

function sparkline(values: (number | null)[]) {
  return mount(TrendSparkline, {
    props: { labels: LABELS, values, format: String, caption: 'Evolución del día por tramos de 30 min' },
    // The chart itself needs a canvas; what is under test is whether one is drawn at all.
    global: { stubs: { Echarts: { template: '<div data-testid="echarts"></div>' } } },
  });
}

describe('the trend sparkline', () => {
  afterEach(() => useI18n().setLocale('es'));

  it('says there is nothing yet when every step is empty', async () => {
    const wrapper = sparkline([null, null, null, null, null]);
    expect(wrapper.get('[data-testid="trend-empty"]').text()).toBe('Aún sin tendencia: ningún tramo con datos');
    expect(wrapper.find('[data-testid="echarts"]').exists()).toBe(false);
    useI18n().setLocale('en');
    await wrapper.vm.$nextTick();
    expect(wrapper.get('[data-testid="trend-empty"]').text()).toBe('No trend yet: no step with data');
  });

  it('says a single step is no trend yet, naming the step, instead of drawing a dot', async () => {
    const wrapper = sparkline([null, null, 0.42, null, null]);
    expect(wrapper.get('[data-testid="trend-one-point"]').text()).toBe(
      'Un solo tramo con datos (07:00): aún no hay tendencia',
    );
    expect(wrapper.find('[data-testid="echarts"]').exists()).toBe(false);
    useI18n().setLocale('en');
    await wrapper.vm.$nextTick();
    expect(wrapper.get('[data-testid="trend-one-point"]').text()).toBe(
      'One step with data so far (07:00): no trend yet',
    );
  });

  it('draws the line from two steps on (a zero is a point, an empty step is not)', () => {
    const wrapper = sparkline([null, null, 0, 0.5, null]);
    expect(wrapper.find('[data-testid="trend-chart"]').attributes('aria-label')).toBe(
      'Evolución del día por tramos de 30 min',
    );
    expect(wrapper.find('[data-testid="echarts"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="trend-one-point"]').exists()).toBe(false);
  });
});
