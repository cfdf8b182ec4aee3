import type { Money } from '@recupera/shared';
import { computed, onMounted, onUnmounted, ref, shallowRef, watch } from 'vue';
import type { ApiFailure } from '../../api/graphql.ts';
import { request } from '../../api/request.ts';
import { useLive } from '../../live/client.ts';
import { newerSnapshot } from '../../live/merge.ts';
import { useReadyViewer } from '../../session/use-viewer.ts';
import {
  FLOOR_CAMPAIGNS_QUERY,
  FLOOR_KPIS_QUERY,
  FLOOR_TREND_QUERY,
  KPI_UPDATED_SUBSCRIPTION,
  type FloorCampaign,
  type KpiScope,
  type KpiTrendPoint,
  type Kpis,
} from './floor-api.ts';
import { combinedTarget } from './tiles.ts';

export const TREND_STEP_MINUTES = 30;
const TREND_REFRESH_MS = 60_000;

// Kept across visits, so going to another screen and back shows the same campaign.
const selectedCampaign = ref('');

/** The live floor's data: a KPI snapshot kept newest-first from HTTP and graphql-ws, and today's trend. */
export function useFloor() {
  const { viewer, operation } = useReadyViewer();
  const { subscribe } = useLive();

  const campaigns = ref<FloorCampaign[]>([]);
  const campaignsError = ref<ApiFailure | null>(null);
  const kpis = shallowRef<Kpis | null>(null);
  const kpisError = ref<ApiFailure | null>(null);
  const liveError = ref<string | null>(null);
  const trend = shallowRef<KpiTrendPoint[] | null>(null);
  const trendError = ref<ApiFailure | null>(null);

  const scope = computed<KpiScope>(() => ({
    ...(selectedCampaign.value ? { campaignId: selectedCampaign.value } : {}),
    // An agency key is scoped by the API anyway; naming its agency keeps its floor about itself.
    ...(viewer.role === 'AGENCY' && viewer.agency ? { agencyId: viewer.agency.id } : {}),
  }));

  const target = computed<Money | null>(() => {
    if (selectedCampaign.value)
      return campaigns.value.find((c) => c.id === selectedCampaign.value)?.dailyTarget ?? null;
    return combinedTarget(
      campaigns.value.filter((c) => c.status === 'RUNNING').map((c) => c.dailyTarget),
      operation.currency,
    );
  });

  let generation = 0;
  let unsubscribe: () => void = () => {};
  let trendTimer: ReturnType<typeof setInterval> | undefined;

  function accept(mine: number, snapshot: Kpis): void {
    if (mine !== generation) return;
    kpis.value = newerSnapshot(kpis.value, snapshot);
    kpisError.value = null;
  }

  async function loadKpis(mine: number): Promise<void> {
    const result = await request(FLOOR_KPIS_QUERY, { scope: scope.value });
    if (mine !== generation) return;
    if (result.ok) accept(mine, result.data.kpis);
    else if (!kpis.value) kpisError.value = result.error;
  }

  async function loadTrend(mine = generation): Promise<void> {
    const result = await request(FLOOR_TREND_QUERY, {
      scope: scope.value,
      step: TREND_STEP_MINUTES,
    });
    if (mine !== generation) return;
    if (result.ok) {
      trend.value = result.data.kpiTrend;
      trendError.value = null;
    } else if (!trend.value) trendError.value = result.error;
  }

  async function loadCampaigns(): Promise<void> {
    const result = await request(FLOOR_CAMPAIGNS_QUERY);
    if (result.ok) {
      campaigns.value = result.data.campaigns;
      campaignsError.value = null;
      if (selectedCampaign.value && !campaigns.value.some((c) => c.id === selectedCampaign.value)) {
        selectedCampaign.value = '';
      }
    } else campaignsError.value = result.error;
  }

  function follow(): void {
    const mine = ++generation;
    unsubscribe();
    kpis.value = null;
    kpisError.value = null;
    liveError.value = null;
    trend.value = null;
    trendError.value = null;
    unsubscribe = subscribe(
      KPI_UPDATED_SUBSCRIPTION,
      { scope: scope.value },
      {
        next: (data) => {
          liveError.value = null;
          accept(mine, data.kpiUpdated);
        },
        error: (message) => {
          if (mine === generation) liveError.value = message;
        },
      },
    );
    void loadKpis(mine);
    void loadTrend(mine);
  }

  const retry = (): void => {
    void loadCampaigns();
    follow();
  };

  watch(scope, follow, { deep: true });
  onMounted(() => {
    void loadCampaigns();
    follow();
    trendTimer = setInterval(() => void loadTrend(), TREND_REFRESH_MS);
  });
  onUnmounted(() => {
    generation++;
    unsubscribe();
    clearInterval(trendTimer);
  });

  return {
    selectedCampaign,
    campaigns,
    campaignsError,
    kpis,
    kpisError,
    liveError,
    trend,
    trendError,
    target,
    retry,
  };
}
