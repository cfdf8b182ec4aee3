import { scopeKey, type Attribution, type KpiWindowName } from '@recupera/shared';
import { sameForEverySubscriber } from '../../../core/http/shared-subscription-results.ts';
import type { Logger } from '../../../core/logger.ts';
import type { Kpis } from '../kpi.types.ts';
import { LatestChannel } from './latest-channel.ts';
import { PushTurns } from './push-turns.ts';
import type { LiveChange, LiveKpiEngine } from './kpi-engine.ts';

export interface LiveHubOptions {
  /** At most one message per topic per this many milliseconds (KPI_PUSH_INTERVAL_MS). */
  pushIntervalMs: number;
  /** Builds a scope's Kpis from the engine (one computation per topic and push, whatever the subscribers). */
  compute: (scope: Attribution, window: KpiWindowName) => Promise<Kpis>;
  /** Waits until every write committed so far is counted: a (re)subscriber's snapshot is never behind. */
  sync?: () => Promise<void>;
}

/** One scope and window, with everyone subscribed to it. */
interface KpiTopic {
  scope: Attribution;
  window: KpiWindowName;
  key: string;
  channels: Set<LatestChannel<Kpis>>;
  dirty: boolean;
  turns: PushTurns;
  /** The figures last pushed, without `asOf`: an update that changes nothing is not sent. */
  lastFingerprint: string | null;
  /** The snapshot being taken (synced and computed) for subscribers that came before it started. */
  runningSnapshot: Promise<KpiSnapshot> | null;
  /** The snapshot that starts once the running one is done: every newcomer until then joins it. */
  nextSnapshot: Promise<KpiSnapshot> | null;
}

/** A topic's figures for new subscribers, numbered like updates (see LatestChannel.push). */
interface KpiSnapshot {
  seq: number;
  kpis: Kpis;
}

/** A campaign's queues or agents, for everyone watching that campaign's board. */
interface EntityTopic {
  campaignId: string;
  channels: Set<LatestChannel<string>>;
  /** Ids that changed since the last push, or every id the subscribers know ("*"). */
  changed: Set<string>;
  turns: PushTurns;
}

/** The three kinds of live topic: kpiUpdated, queueUpdated, agentUpdated. */
export type LiveTopicKind = 'kpis' | 'queues' | 'agents';

const fingerprint = (kpis: Kpis) => JSON.stringify({ ...kpis, asOf: undefined });

/**
 * Fans the engine's changes out to subscribers, coalesced: a burst of events marks a topic dirty many times but
 * it is computed and sent at most once per `pushIntervalMs`, and each subscriber's channel keeps only the newest
 * message while its socket is busy. Topics exist while someone listens.
 */
export class LiveHub {
  private readonly kpiTopics = new Map<string, KpiTopic>();
  private readonly queueTopics = new Map<string, EntityTopic>();
  private readonly agentTopics = new Map<string, EntityTopic>();
  private seq = 0;
  /** Topics created so far: each new one's turns get the next phase. */
  private topicsCreated = 0;
  private readonly stopListening: () => void;
  /** Messages handed to subscribers since start, by topic (read by the metrics at scrape time). */
  readonly pushes: Record<LiveTopicKind, number> = { kpis: 0, queues: 0, agents: 0 };

  constructor(
    engine: LiveKpiEngine,
    private readonly options: LiveHubOptions,
    private readonly logger: Logger,
  ) {
    this.stopListening = engine.onChange((change) => this.onChange(change));
  }

  close(): void {
    this.stopListening();
    for (const topic of [...this.kpiTopics.values()]) for (const channel of topic.channels) channel.close();
    for (const topics of [this.queueTopics, this.agentTopics]) {
      for (const topic of [...topics.values()]) for (const channel of topic.channels) channel.close();
    }
  }

  /** A full snapshot first, then coalesced updates of the scope and window. */
  subscribeKpis(scope: Attribution, window: KpiWindowName): AsyncIterableIterator<Kpis> {
    const key = `${scopeKey(scope)}#${window}`;
    let topic = this.kpiTopics.get(key);
    if (!topic) {
      topic = {
        scope,
        window,
        key,
        channels: new Set(),
        dirty: false,
        turns: this.newTurns(),
        lastFingerprint: null,
        runningSnapshot: null,
        nextSnapshot: null,
      };
      this.kpiTopics.set(key, topic);
    }
    const owner = topic;
    const channel = new LatestChannel<Kpis>(() => {
      owner.channels.delete(channel);
      if (owner.channels.size === 0) {
        owner.turns.cancel();
        this.kpiTopics.delete(owner.key);
      }
    });
    topic.channels.add(channel);
    this.snapshotOf(topic)
      .then(({ seq, kpis }) => {
        this.pushes.kpis += 1;
        channel.push('kpis', kpis, seq);
      })
      .catch((error: unknown) => {
        this.logger.error('live KPI snapshot failed', error);
        channel.close();
      });
    return channel;
  }

  /**
   * A snapshot for a new subscriber of `topic`. It must count every write committed before the subscriber came, so
   * it may only share a snapshot whose sync has not started yet: newcomers join the one queued behind the running
   * one. A floor of consoles opening together (5,000 at a shift's start) costs a few computations per topic, not
   * one per subscriber — and holds a few Kpis objects, not one per subscriber.
   */
  private snapshotOf(topic: KpiTopic): Promise<KpiSnapshot> {
    if (topic.nextSnapshot) return topic.nextSnapshot;
    const running = topic.runningSnapshot?.catch(() => undefined) ?? Promise.resolve();
    const snapshot: Promise<KpiSnapshot> = running.then(async () => {
      topic.nextSnapshot = null;
      topic.runningSnapshot = snapshot;
      try {
        await this.options.sync?.();
        // Numbered after the sync: an update computed meanwhile from fewer events cannot outrank it.
        const seq = ++this.seq;
        return { seq, kpis: sameForEverySubscriber(await this.options.compute(topic.scope, topic.window)) };
      } finally {
        if (topic.runningSnapshot === snapshot) topic.runningSnapshot = null;
      }
    });
    topic.nextSnapshot = snapshot;
    return snapshot;
  }

  /** Ids of the campaign's queues that changed (the subscription loads and sends them), after `initial`. */
  subscribeQueues(campaignId: string, initial: string[]): AsyncIterableIterator<string> {
    return this.subscribeEntities(this.queueTopics, campaignId, initial);
  }

  /** Ids of agents that changed (the subscription keeps those of the campaign), after `initial`. */
  subscribeAgents(campaignId: string, initial: string[]): AsyncIterableIterator<string> {
    return this.subscribeEntities(this.agentTopics, campaignId, initial);
  }

  /** Subscribers, for tests and diagnostics. */
  get subscriberCount(): number {
    let count = 0;
    for (const topics of [this.kpiTopics, this.queueTopics, this.agentTopics]) {
      for (const topic of topics.values()) count += topic.channels.size;
    }
    return count;
  }

  /** Subscribers by topic kind, for the metrics. */
  subscribersByTopic(): Record<LiveTopicKind, number> {
    const count = (topics: Map<string, { channels: Set<unknown> }>) =>
      [...topics.values()].reduce((sum, topic) => sum + topic.channels.size, 0);
    return { kpis: count(this.kpiTopics), queues: count(this.queueTopics), agents: count(this.agentTopics) };
  }

  /** The most values waiting in any one subscriber's channel (a slow consumer's backlog), for tests. */
  get maxBacklog(): number {
    let most = 0;
    for (const topics of [this.kpiTopics, this.queueTopics, this.agentTopics]) {
      for (const topic of topics.values()) for (const channel of topic.channels) most = Math.max(most, channel.backlog);
    }
    return most;
  }

  private subscribeEntities(
    topics: Map<string, EntityTopic>,
    campaignId: string,
    initial: string[],
  ): AsyncIterableIterator<string> {
    let topic = topics.get(campaignId);
    if (!topic) {
      topic = { campaignId, channels: new Set(), changed: new Set(), turns: this.newTurns() };
      topics.set(campaignId, topic);
    }
    const owner = topic;
    const channel = new LatestChannel<string>(() => {
      owner.channels.delete(channel);
      if (owner.channels.size === 0) {
        owner.turns.cancel();
        topics.delete(owner.campaignId);
      }
    });
    topic.channels.add(channel);
    const seq = ++this.seq;
    this.pushes[topics === this.queueTopics ? 'queues' : 'agents'] += initial.length;
    for (const id of initial) channel.push(id, id, seq);
    return channel;
  }

  private newTurns(): PushTurns {
    this.topicsCreated += 1;
    return new PushTurns(this.options.pushIntervalMs, this.topicsCreated);
  }

  private onChange(change: LiveChange): void {
    for (const topic of this.kpiTopics.values()) {
      if (change.allScopes || change.scopeKeys.has(scopeKey(topic.scope))) this.scheduleKpis(topic);
    }
    // A queue's card shows its size, agents and KPIs: any fact, offer or move in it changes the card.
    for (const topic of this.queueTopics.values()) {
      const all = change.allScopes || change.campaignIds.has(topic.campaignId);
      this.scheduleEntities(topic, all ? ['*'] : [...change.queueIds]);
    }
    for (const topic of this.agentTopics.values()) {
      const all = change.campaignIds.has(topic.campaignId);
      this.scheduleEntities(topic, all ? ['*'] : [...change.agentIds]);
    }
  }

  private scheduleKpis(topic: KpiTopic): void {
    topic.dirty = true;
    topic.turns.schedule(() => void this.pushKpis(topic));
  }

  private async pushKpis(topic: KpiTopic): Promise<void> {
    if (!topic.dirty || topic.channels.size === 0) return;
    topic.dirty = false;
    const seq = ++this.seq;
    try {
      const kpis = sameForEverySubscriber(await this.options.compute(topic.scope, topic.window));
      const print = fingerprint(kpis);
      if (print === topic.lastFingerprint) return;
      topic.lastFingerprint = print;
      this.pushes.kpis += topic.channels.size;
      for (const channel of topic.channels) channel.push('kpis', kpis, seq);
    } catch (error) {
      this.logger.error('live KPI update failed', error);
    }
  }

  private scheduleEntities(topic: EntityTopic, ids: string[]): void {
    if (ids.length === 0) return;
    for (const id of ids) topic.changed.add(id);
    topic.turns.schedule(() => this.pushEntities(topic));
  }

  private pushEntities(topic: EntityTopic): void {
    const seq = ++this.seq;
    const ids = [...topic.changed];
    topic.changed.clear();
    this.pushes[this.queueTopics.get(topic.campaignId) === topic ? 'queues' : 'agents'] +=
      ids.length * topic.channels.size;
    for (const channel of topic.channels) for (const id of ids) channel.push(id, id, seq);
  }
}
