import { computed, onMounted, onUnmounted, ref, shallowRef } from 'vue';
import type { ApiFailure } from '../../api/graphql.ts';
import { request } from '../../api/request.ts';
import { useLive } from '../../live/client.ts';
import { applyFetched, applyPushed, emptyCollection, type LiveCollection } from '../../live/merge.ts';
import { AGENTS_QUERY, AGENT_UPDATED_SUBSCRIPTION, type AgentRow } from './agents-api.ts';

/** Agents outside running campaigns get no pushed updates; a periodic fetch keeps them honest. */
const REFRESH_MS = 30_000;

export function useAgents() {
  const { subscribe } = useLive();
  const collection = shallowRef<LiveCollection<AgentRow>>(emptyCollection());
  const loaded = ref(false);
  const error = ref<ApiFailure | null>(null);
  const liveError = ref<string | null>(null);
  const now = ref(Date.now());
  const subscriptions = new Map<string, () => void>();
  let refreshTimer: ReturnType<typeof setInterval> | undefined;
  let clockTimer: ReturnType<typeof setInterval> | undefined;
  let active = true;

  function follow(campaignIds: string[]): void {
    const wanted = new Set(campaignIds);
    for (const [id, stop] of subscriptions) {
      if (!wanted.has(id)) {
        stop();
        subscriptions.delete(id);
      }
    }
    for (const campaignId of wanted) {
      if (subscriptions.has(campaignId)) continue;
      subscriptions.set(
        campaignId,
        subscribe(
          AGENT_UPDATED_SUBSCRIPTION,
          { campaignId },
          {
            next: (data) => {
              liveError.value = null;
              collection.value = applyPushed(collection.value, data.agentUpdated, Date.now());
            },
            error: (message) => (liveError.value = message),
          },
        ),
      );
    }
  }

  async function load(): Promise<void> {
    const requestedAt = Date.now();
    const result = await request(AGENTS_QUERY);
    if (!active) return;
    if (result.ok) {
      collection.value = applyFetched(collection.value, result.data.agents, requestedAt);
      error.value = null;
      loaded.value = true;
      follow(result.data.campaigns.map((c) => c.id));
    } else if (!loaded.value) {
      error.value = result.error;
    }
  }

  onMounted(() => {
    void load();
    refreshTimer = setInterval(() => void load(), REFRESH_MS);
    clockTimer = setInterval(() => (now.value = Date.now()), 1000);
  });
  onUnmounted(() => {
    active = false;
    clearInterval(refreshTimer);
    clearInterval(clockTimer);
    for (const stop of subscriptions.values()) stop();
    subscriptions.clear();
  });

  const agents = computed(() => [...collection.value.items.values()]);
  const retry = (): void => {
    error.value = null;
    void load();
  };

  return { agents, loaded, error, liveError, now, retry };
}
