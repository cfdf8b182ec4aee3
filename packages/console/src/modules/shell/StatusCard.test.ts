import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useI18n } from '../../i18n/index.ts';
import { jsonResponse, stubFetch } from '../../test-support/responses.ts';
import StatusCard from './StatusCard.vue';
import { HEALTH_POLL_MS } from './use-health.ts';

describe('StatusCard', () => {
  beforeEach(() => {
    useI18n().setLocale('es');
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('says it is checking before the first answer', () => {
    stubFetch({ '/healthz': () => new Promise<Response>(() => {}) });
    const wrapper = mount(StatusCard);
    expect(wrapper.get('[data-test="api-state"]').text()).toBe('Comprobando…');
    expect(wrapper.get('[data-test="db-state"]').text()).toBe('Comprobando…');
    wrapper.unmount();
  });

  it('shows API and database up', async () => {
    stubFetch({ '/healthz': () => jsonResponse({ status: 'ok', database: 'up' }) });
    const wrapper = mount(StatusCard);
    await flushPromises();
    expect(wrapper.get('[data-test="api-state"]').text()).toBe('En servicio');
    expect(wrapper.get('[data-test="db-state"]').text()).toBe('En servicio');
    expect(wrapper.text()).toContain('Última comprobación');
    wrapper.unmount();
  });

  it('shows the database down when the API answers 503', async () => {
    stubFetch({ '/healthz': () => jsonResponse({ status: 'error', database: 'down' }, 503) });
    const wrapper = mount(StatusCard);
    await flushPromises();
    expect(wrapper.get('[data-test="api-state"]').text()).toBe('En servicio');
    expect(wrapper.get('[data-test="db-state"]').text()).toBe('Caída');
    wrapper.unmount();
  });

  it('shows the API down when nothing answers', async () => {
    stubFetch({
      '/healthz': () => {
        throw new TypeError('Failed to fetch');
      },
    });
    const wrapper = mount(StatusCard);
    await flushPromises();
    expect(wrapper.get('[data-test="api-state"]').text()).toBe('Caída');
    expect(wrapper.get('[data-test="db-state"]').text()).toBe('Desconocido');
    expect(wrapper.get('[data-test="unreachable"]').text()).toContain('Failed to fetch');
    wrapper.unmount();
  });

  it('polls every 10 seconds and stops when unmounted', async () => {
    vi.useFakeTimers();
    const answers = [
      jsonResponse({ status: 'ok', database: 'up' }),
      jsonResponse({ status: 'error', database: 'down' }, 503),
    ];
    const fetchMock = stubFetch({
      '/healthz': () => answers.shift() ?? jsonResponse({ status: 'ok', database: 'up' }),
    });
    const wrapper = mount(StatusCard);
    await vi.advanceTimersByTimeAsync(0);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(wrapper.get('[data-test="db-state"]').text()).toBe('En servicio');

    await vi.advanceTimersByTimeAsync(HEALTH_POLL_MS - 1);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(wrapper.get('[data-test="db-state"]').text()).toBe('Caída');

    wrapper.unmount();
    await vi.advanceTimersByTimeAsync(HEALTH_POLL_MS * 3);
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });
});
