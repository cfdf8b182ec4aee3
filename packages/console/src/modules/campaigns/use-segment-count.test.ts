import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref, type Ref } from 'vue';
import { useApiKey } from '../../session/use-api-key.ts';
import { jsonResponse, stubFetch } from '../../test-support/responses.ts';
import type { SegmentFilter } from './segment.ts';
import { COUNT_DEBOUNCE_MS, useSegmentCount, type CountState } from './use-segment-count.ts';

function harness(filter: Ref<SegmentFilter | null>) {
  let state: { value: CountState } = { value: { phase: 'idle' } };
  const wrapper = mount(
    defineComponent({
      setup() {
        state = useSegmentCount(filter);
        return () => h('p');
      },
    }),
  );
  return { wrapper, state: () => state.value };
}

describe('the segment count', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    useApiKey().signIn('k');
  });
  afterEach(() => {
    vi.useRealTimers();
    useApiKey().signOut();
  });

  it('asks once per pause in typing, with the filter as the API takes it', async () => {
    const fetchMock = stubFetch({ '/graphql': () => jsonResponse({ data: { accounts: { totalCount: 3857 } } }) });
    const filter = ref<SegmentFilter | null>({ buckets: ['D1_30'] });
    const { wrapper, state } = harness(filter);
    expect(state().phase).toBe('counting');

    filter.value = { buckets: ['D1_30'], minBalance: '1.00' };
    await vi.advanceTimersByTimeAsync(COUNT_DEBOUNCE_MS - 1);
    filter.value = { buckets: ['D1_30'], minBalance: '1000.00' };
    await vi.advanceTimersByTimeAsync(COUNT_DEBOUNCE_MS);
    await flushPromises();

    expect(fetchMock).toHaveBeenCalledTimes(1);
    const body = JSON.parse(String(fetchMock.mock.calls[0]?.[1]?.body));
    expect(body.variables).toEqual({ filter: { buckets: ['D1_30'], minBalance: '1000.00' } });
    expect(body.query).toContain('first: 1');
    expect(state()).toEqual({ phase: 'ready', count: 3857 });
    wrapper.unmount();
  });

  it('shows only the latest filter’s count when answers come back out of order', async () => {
    const answers: ((n: number) => void)[] = [];
    stubFetch({
      '/graphql': () =>
        new Promise<Response>((resolve) =>
          answers.push((n) => resolve(jsonResponse({ data: { accounts: { totalCount: n } } }))),
        ),
    });
    const filter = ref<SegmentFilter | null>({ buckets: ['D1_30'] });
    const { wrapper, state } = harness(filter);
    await vi.advanceTimersByTimeAsync(COUNT_DEBOUNCE_MS);
    filter.value = { buckets: ['D31_60'] };
    await vi.advanceTimersByTimeAsync(COUNT_DEBOUNCE_MS);
    expect(answers).toHaveLength(2);

    answers[1]?.(120);
    await flushPromises();
    answers[0]?.(9999);
    await flushPromises();
    expect(state()).toEqual({ phase: 'ready', count: 120 });
    wrapper.unmount();
  });

  it('does not ask while the segment has errors', async () => {
    const fetchMock = stubFetch({ '/graphql': () => jsonResponse({ data: { accounts: { totalCount: 1 } } }) });
    const filter = ref<SegmentFilter | null>(null);
    const { wrapper, state } = harness(filter);
    await vi.advanceTimersByTimeAsync(COUNT_DEBOUNCE_MS * 2);
    expect(fetchMock).not.toHaveBeenCalled();
    expect(state().phase).toBe('idle');
    wrapper.unmount();
  });
});
