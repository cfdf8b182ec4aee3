import { computed, onMounted, onUnmounted, ref, shallowRef } from 'vue';
import { failureText } from '../../api/failure-text.ts';
import type { ApiFailure, Operation } from '../../api/graphql.ts';
import { request } from '../../api/request.ts';
import { useI18n } from '../../i18n/index.ts';
import { useLive } from '../../live/client.ts';
import { applyFetched, applyPushed, emptyCollection, type LiveCollection } from '../../live/merge.ts';
import {
  ASSIGN_AGENTS,
  MOVE_ACCOUNTS,
  PAUSE_QUEUE,
  QUEUE_UPDATED_SUBSCRIPTION,
  RESUME_QUEUE,
  RUNNING_CAMPAIGNS_QUERY,
  SET_PRIORITY,
  WORK_QUEUES_QUERY,
  boardOrder,
  withoutAgentElsewhere,
  type BoardCampaign,
  type BoardQueue,
} from './queues-api.ts';

const CAMPAIGNS_REFRESH_MS = 60_000;

export type Notice = { tone: 'ok' | 'error'; text: string } | null;

/** Every queue of the running campaigns, fetched once and then kept current by `queueUpdated`. */
export function useQueues() {
  const { t } = useI18n();
  const { subscribe } = useLive();

  const campaigns = ref<BoardCampaign[] | null>(null);
  const campaignsError = ref<ApiFailure | null>(null);
  const collections = shallowRef(new Map<string, LiveCollection<BoardQueue>>());
  const loaded = ref(new Set<string>());
  const busy = ref(new Set<string>());
  const notice = ref<Notice>(null);
  const subscriptions = new Map<string, () => void>();
  let timer: ReturnType<typeof setInterval> | undefined;

  function write(campaignId: string, change: (c: LiveCollection<BoardQueue>) => LiveCollection<BoardQueue>): void {
    const next = new Map(collections.value);
    next.set(campaignId, change(next.get(campaignId) ?? emptyCollection()));
    collections.value = next;
  }

  function push(queue: BoardQueue): void {
    write(queue.campaign.id, (c) => applyPushed(c, queue, Date.now()));
  }

  async function fetchQueues(campaignId: string): Promise<void> {
    const requestedAt = Date.now();
    const result = await request(WORK_QUEUES_QUERY, { campaignId });
    if (!subscriptions.has(campaignId)) return;
    if (result.ok) write(campaignId, (c) => applyFetched(c, result.data.workQueues, requestedAt));
    else notice.value = { tone: 'error', text: failureText(result.error, t) };
    loaded.value = new Set(loaded.value).add(campaignId);
  }

  function follow(campaignId: string): void {
    if (subscriptions.has(campaignId)) return;
    subscriptions.set(
      campaignId,
      subscribe(
        QUEUE_UPDATED_SUBSCRIPTION,
        { campaignId },
        {
          next: (data) => push(data.queueUpdated),
          error: (message) => (notice.value = { tone: 'error', text: t('queues.liveRefused', { reason: message }) }),
        },
      ),
    );
    void fetchQueues(campaignId);
  }

  async function loadCampaigns(): Promise<void> {
    const result = await request(RUNNING_CAMPAIGNS_QUERY);
    if (!result.ok) {
      if (!campaigns.value) campaignsError.value = result.error;
      return;
    }
    campaignsError.value = null;
    campaigns.value = result.data.campaigns;
    const running = new Set(result.data.campaigns.map((c) => c.id));
    for (const [id, stop] of subscriptions) {
      if (running.has(id)) continue;
      stop();
      subscriptions.delete(id);
      const next = new Map(collections.value);
      next.delete(id);
      collections.value = next;
    }
    for (const id of running) follow(id);
  }

  const queues = computed(() => {
    const all: BoardQueue[] = [];
    for (const c of collections.value.values()) all.push(...c.items.values());
    return all;
  });

  function queuesOf(campaignId: string): BoardQueue[] {
    return [...(collections.value.get(campaignId)?.items.values() ?? [])].sort(boardOrder);
  }

  async function mutate<TResult, TVariables>(
    key: string,
    query: Operation<TResult, TVariables>,
    variables: NoInfer<TVariables>,
  ): Promise<TResult | null> {
    busy.value = new Set(busy.value).add(key);
    const result = await request(query, variables);
    const rest = new Set(busy.value);
    rest.delete(key);
    busy.value = rest;
    if (!result.ok) {
      notice.value = { tone: 'error', text: failureText(result.error, t) };
      return null;
    }
    return result.data;
  }

  async function assignAgent(agentId: string, queueId: string): Promise<void> {
    const data = await mutate(`assign-${agentId}`, ASSIGN_AGENTS, {
      agentIds: [agentId],
      queueId,
    });
    if (!data) return;
    const target = data.assignAgents;
    // The queue it left publishes its own update; until then it must not show the agent twice.
    const next = new Map<string, LiveCollection<BoardQueue>>();
    const now = Date.now();
    for (const [id, c] of collections.value) {
      let updated = c;
      for (const q of withoutAgentElsewhere([...c.items.values()], agentId, target.id)) {
        if (q !== c.items.get(q.id)) updated = applyPushed(updated, q, now);
      }
      next.set(id, updated);
    }
    collections.value = next;
    push(target);
    notice.value = null;
  }

  async function moveAccounts(from: string, to: string, count: number): Promise<number | null> {
    const data = await mutate(`move-${from}`, MOVE_ACCOUNTS, { from, to, count });
    if (data) notice.value = { tone: 'ok', text: t('queues.moved', { count: data.moveAccounts }) };
    return data?.moveAccounts ?? null;
  }

  async function setPaused(queueId: string, paused: boolean): Promise<void> {
    const key = `pause-${queueId}`;
    const queue = paused
      ? (await mutate(key, PAUSE_QUEUE, { queueId }))?.pauseQueue
      : (await mutate(key, RESUME_QUEUE, { queueId }))?.resumeQueue;
    if (queue) push(queue);
  }

  async function setPriority(queueId: string, priority: number): Promise<void> {
    const data = await mutate(`priority-${queueId}`, SET_PRIORITY, {
      queueId,
      priority,
    });
    if (data) push(data.setQueuePriority);
  }

  onMounted(() => {
    void loadCampaigns();
    timer = setInterval(() => void loadCampaigns(), CAMPAIGNS_REFRESH_MS);
  });
  onUnmounted(() => {
    clearInterval(timer);
    for (const stop of subscriptions.values()) stop();
    subscriptions.clear();
  });

  return {
    campaigns,
    campaignsError,
    queues,
    queuesOf,
    loaded,
    busy,
    notice,
    reload: loadCampaigns,
    assignAgent,
    moveAccounts,
    setPaused,
    setPriority,
  };
}
