import { addDays } from '@recupera/shared';
import { computed, onMounted, ref, watch } from 'vue';
import { useQuery } from '../../api/use-query.ts';
import { useReadyViewer } from '../../session/use-viewer.ts';
import {
  ANALYTICS_OPTIONS_QUERY,
  ANALYTICS_QUERY,
  BEST_HOURS_MIN_ATTEMPTS,
  CHAMPION_CHALLENGER_QUERY,
  type AgingBucket,
  type Channel,
} from './analytics-api.ts';

/** The default period: the last 90 business dates, today included (the range the API is tuned for). */
export const DEFAULT_DAYS = 90;

/** The screen's filters and the three questions it asks the API with them. */
export function useAnalytics() {
  const { operation } = useReadyViewer();
  const to = ref(operation.businessDate);
  const from = ref(addDays(operation.businessDate, -(DEFAULT_DAYS - 1)));
  const campaignId = ref('');
  const agencyId = ref('');
  const buckets = ref<AgingBucket[]>([]);
  const channels = ref<Channel[]>([]);

  const validPeriod = computed(() => from.value !== '' && to.value !== '' && from.value <= to.value);
  const filter = computed(() => ({
    from: from.value,
    to: to.value,
    campaignId: campaignId.value || null,
    agencyId: agencyId.value || null,
    // Nothing ticked means no restriction.
    buckets: buckets.value.length > 0 ? [...buckets.value] : null,
    channels: channels.value.length > 0 ? [...channels.value] : null,
  }));

  const options = useQuery(ANALYTICS_OPTIONS_QUERY, () => ({}));
  const figures = useQuery(ANALYTICS_QUERY, () => ({
    filter: filter.value,
    from: from.value,
    to: to.value,
    agencyId: agencyId.value || null,
    minAttempts: BEST_HOURS_MIN_ATTEMPTS,
  }));
  const comparison = useQuery(CHAMPION_CHALLENGER_QUERY, () => ({ campaignId: campaignId.value }));

  function refresh(keepData: boolean): void {
    if (!validPeriod.value) return;
    void figures.run({ keepData });
    if (campaignId.value) void comparison.run({ keepData: false });
  }

  watch(filter, () => refresh(true), { deep: true });
  onMounted(() => {
    void options.run();
    refresh(false);
  });

  return {
    from,
    to,
    campaignId,
    agencyId,
    buckets,
    channels,
    validPeriod,
    options: options.state,
    figures: figures.state,
    comparison: comparison.state,
    retry: () => refresh(false),
  };
}
