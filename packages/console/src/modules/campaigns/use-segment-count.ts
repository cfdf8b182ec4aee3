import { onUnmounted, ref, watch, type Ref } from 'vue';
import { failureText } from '../../api/failure-text.ts';
import { request } from '../../api/request.ts';
import { useI18n } from '../../i18n/index.ts';
import { SEGMENT_COUNT_QUERY } from './campaigns-api.ts';
import type { SegmentFilter } from './segment.ts';

export const COUNT_DEBOUNCE_MS = 350;

export type CountState =
  { phase: 'idle' } | { phase: 'counting' } | { phase: 'ready'; count: number } | { phase: 'failed'; message: string };

/** Counts the accounts a filter matches while the user edits it; only the latest filter's count is shown. */
export function useSegmentCount(filter: Ref<SegmentFilter | null>) {
  const { t } = useI18n();
  const state = ref<CountState>({ phase: 'idle' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;

  async function count(value: SegmentFilter, mine: number): Promise<void> {
    const result = await request(SEGMENT_COUNT_QUERY, { filter: value });
    if (mine !== generation) return;
    state.value = result.ok
      ? { phase: 'ready', count: result.data.accounts.totalCount }
      : { phase: 'failed', message: failureText(result.error, t) };
  }

  watch(
    () => JSON.stringify(filter.value),
    () => {
      clearTimeout(timer);
      const mine = ++generation;
      const value = filter.value;
      if (!value) {
        state.value = { phase: 'idle' };
        return;
      }
      state.value = { phase: 'counting' };
      timer = setTimeout(() => void count(value, mine), COUNT_DEBOUNCE_MS);
    },
    { immediate: true },
  );

  onUnmounted(() => {
    generation++;
    clearTimeout(timer);
  });

  return state;
}
