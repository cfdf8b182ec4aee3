import { onUnmounted, ref, type Ref } from 'vue';
import type { ApiFailure, Operation } from './graphql.ts';
import { request } from './request.ts';

export type QueryState<T> =
  { phase: 'loading' } | { phase: 'failed'; error: ApiFailure } | { phase: 'ready'; data: T; refreshing: boolean };

/** The failure a query ended in, if it did. */
export function failureOf<T>(state: QueryState<T>): ApiFailure | null {
  return state.phase === 'failed' ? state.error : null;
}

/**
 * A query whose last good answer stays on screen while it is refreshed; only the newest request may
 * write, so a slow answer to an old filter never replaces the answer to the current one.
 */
export function useQuery<TResult, TVariables>(
  query: Operation<TResult, TVariables>,
  variables: () => NoInfer<TVariables> | undefined,
) {
  const state = ref({ phase: 'loading' }) as Ref<QueryState<TResult>>;
  let current: AbortController | undefined;

  async function run(options: { keepData?: boolean } = {}): Promise<void> {
    current?.abort();
    const controller = new AbortController();
    current = controller;
    const previous = state.value;
    state.value =
      options.keepData && previous.phase === 'ready' ? { ...previous, refreshing: true } : { phase: 'loading' };
    const result = await request(query, variables(), controller.signal);
    if (current !== controller) return;
    current = undefined;
    if (result.ok) state.value = { phase: 'ready', data: result.data, refreshing: false };
    else if (!(options.keepData && previous.phase === 'ready')) state.value = { phase: 'failed', error: result.error };
    else state.value = { ...previous, refreshing: false };
  }

  onUnmounted(() => current?.abort());

  return { state, run };
}
