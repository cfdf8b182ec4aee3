/**
 * The bench's `kpiUpdated` subscribers: one graphql-ws connection per subscriber (the way 1,000 browsers would
 * connect), each with one subscription, spread over a mix of scopes and windows. Every message is timestamped on
 * arrival; the commit→message latency of the direct writes is closed per subscriber against the commit log.
 *
 * Only TODAY's subscribers are timed: their attempts only grow (within a business day), so "attempts reached the
 * base plus what was committed" proves a commit was seen. A rolling window's attempts also fall as events leave it
 * (an earlier run's, an hour or 15 minutes later), which would leave its commits looking unseen; those
 * subscribers still receive and cost the same, they are just not an oracle.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface Scope {
  campaignId?: string;
  queueId?: string;
  agencyId?: string;
}

export type KpiWindowName = 'TODAY' | 'LAST_HOUR' | 'LAST_15_MINUTES';

export interface Topic {
  name: string;
  scope: Scope;
  window: KpiWindowName;
  /** Index of the scope in the commit log's per-scope counts. */
  scopeIndex: number;
}

/** Each commit of the fact writer: when it returned, and how many interactions it had written per scope so far. */
export interface Commit {
  at: number;
  cumulative: number[];
}

const KPI_UPDATED = `subscription ($scope: KpiScope!, $window: KpiWindow!) {
  kpiUpdated(scope: $scope, window: $window) {
    asOf attempts contacts rightPartyContacts promises contactRate rpcRate promiseRate
    amountPromised { amount currency } amountCollected { amount currency }
    recoveryByBucket { bucket collected { amount currency } outstandingAtStart { amount currency } rate }
  }
}`;

interface Subscriber {
  topic: Topic;
  client: Client;
  messages: number;
  lastAttempts: number | null;
  /** When the last message arrived. */
  lastAt: number;
  /** Attempts when the current step began; the step's commits add to it. */
  base: number;
  /** The first commit of the step not yet seen by this subscriber. */
  next: number;
}

/** Whether the subscriber's figures can prove what it saw (see the file's comment). */
const isTimed = (subscriber: Subscriber) => subscriber.topic.window === 'TODAY';

/** A close event's code and reason, or an error's message. */
function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  const close = error as { code?: number; reason?: string };
  return close.code ? `${close.code} ${close.reason ?? ''}` : String(error);
}

export class KpiSubscribers {
  private readonly subscribers: Subscriber[] = [];
  private commits: Commit[] = [];
  private latencies: number[] = [];
  /** Per closed latency, the part until the API computed the message (its `asOf`): relay, engine, the topic's turn. */
  private untilComputed: number[] = [];
  /** Per update received, from its computation (`asOf`) to its arrival: fan-out, network, the client's own loop. */
  private transit: number[] = [];
  /** Distinct (topic, asOf) updates received, with their arrival time. */
  private readonly updates = new Map<string, number>();
  private lastMessageAt = 0;
  errors = 0;
  /** The first error each topic's subscribers were sent, and how many, for a censored step's diagnosis. */
  readonly errorsByTopic = new Map<string, { count: number; first: string }>();

  /** `apiClockOffsetMs`: how far the API's clock runs ahead of this process's (libfaketime), to read its `asOf`. */
  constructor(
    private readonly url: string,
    private readonly key: string,
    private readonly apiClockOffsetMs = 0,
  ) {}

  get count(): number {
    return this.subscribers.length;
  }

  get quietForMs(): number {
    return performance.now() - this.lastMessageAt;
  }

  /**
   * Opens `topics.length` subscribers: the connections `parallel` at a time (each must finish graphql-ws's init
   * handshake within the server's timeout), then every subscription at once; resolves when each has its snapshot,
   * with the seconds each of the two phases took.
   */
  async open(topics: Topic[], parallel = 100): Promise<{ connectSeconds: number; snapshotsSeconds: number }> {
    const t0 = performance.now();
    const clients: Client[] = [];
    for (let start = 0; start < topics.length; start += parallel) {
      clients.push(...(await Promise.all(topics.slice(start, start + parallel).map(() => this.connect()))));
    }
    const t1 = performance.now();
    await Promise.all(topics.map((topic, n) => this.subscribe(clients[n]!, topic)));
    return { connectSeconds: (t1 - t0) / 1000, snapshotsSeconds: (performance.now() - t1) / 1000 };
  }

  private connect(): Promise<Client> {
    return new Promise((resolve, reject) => {
      const client: Client = createClient({
        url: `${this.url.replace(/^http/, 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: this.key },
        retryAttempts: 0,
        lazy: false,
        onNonLazyError: (error) => reject(new Error(`connection failed: ${describe(error)}`)),
        on: { connected: () => resolve(client) },
      });
    });
  }

  private subscribe(client: Client, topic: Topic): Promise<void> {
    const subscriber: Subscriber = { topic, client, messages: 0, lastAttempts: null, lastAt: 0, base: 0, next: 0 };
    this.subscribers.push(subscriber);
    return new Promise((resolve, reject) => {
      client.subscribe<{ kpiUpdated: { asOf: string; attempts: number } }>(
        { query: KPI_UPDATED, variables: { scope: topic.scope, window: topic.window } },
        {
          next: (result) => {
            const kpis = result.data?.kpiUpdated;
            if (!kpis) {
              this.countError(topic, JSON.stringify(result.errors));
              reject(new Error(`kpiUpdated: ${JSON.stringify(result.errors)}`));
              return;
            }
            const first = subscriber.lastAttempts === null;
            this.receive(subscriber, kpis.attempts, kpis.asOf, performance.now(), first);
            if (first) resolve();
          },
          // After the snapshot an error only counts (the step's censored latencies show what it cost).
          error: (error) => {
            this.countError(topic, `ended: ${describe(error)}`);
            reject(new Error(`kpiUpdated ended: ${describe(error)}`));
          },
          complete: () => undefined,
        },
      );
    });
  }

  private countError(topic: Topic, what: string): void {
    this.errors += 1;
    const seen = this.errorsByTopic.get(topic.name);
    if (seen) seen.count += 1;
    else this.errorsByTopic.set(topic.name, { count: 1, first: what.slice(0, 300) });
  }

  private receive(subscriber: Subscriber, attempts: number, asOf: string, at: number, snapshot: boolean): void {
    subscriber.messages += 1;
    subscriber.lastAttempts = attempts;
    subscriber.lastAt = at;
    this.lastMessageAt = at;
    // On this process's performance clock, like `at` and the commits.
    const computedAt = Date.parse(asOf) - this.apiClockOffsetMs - performance.timeOrigin;
    if (!snapshot) {
      const key = `${subscriber.topic.name}@${asOf}`;
      if (!this.updates.has(key)) this.updates.set(key, at);
      this.transit.push(at - computedAt);
    }
    if (!isTimed(subscriber)) return;
    const scope = subscriber.topic.scopeIndex;
    while (subscriber.next < this.commits.length) {
      const commit = this.commits[subscriber.next]!;
      // A message that left before the commit returned cannot show it.
      if (commit.at > at || attempts < subscriber.base + commit.cumulative[scope]!) break;
      const before = subscriber.next > 0 ? this.commits[subscriber.next - 1]!.cumulative[scope]! : 0;
      if (commit.cumulative[scope]! > before) {
        this.latencies.push(at - commit.at);
        this.untilComputed.push(computedAt - commit.at);
      }
      subscriber.next += 1;
    }
  }

  /** Starts a step: every subscriber's current figure is its base, and the commit log is empty. */
  beginStep(): void {
    this.commits = [];
    this.latencies = [];
    this.untilComputed = [];
    this.transit = [];
    for (const subscriber of this.subscribers) {
      subscriber.base = subscriber.lastAttempts ?? 0;
      subscriber.next = 0;
    }
  }

  /** The fact writer calls this after each commit. */
  committed(commit: Commit): void {
    this.commits.push(commit);
  }

  /** Timed subscribers (TODAY's) still missing a commit of their scope. */
  get unseen(): number {
    return this.missingACommit().length;
  }

  /** Subscribers still missing a commit of their scope, by topic (where a censored step got stuck). */
  unseenByTopic(): Record<string, number> {
    const byTopic: Record<string, number> = {};
    for (const { topic } of this.missingACommit()) byTopic[topic.name] = (byTopic[topic.name] ?? 0) + 1;
    return byTopic;
  }

  /** Timed subscribers whose last message does not count every commit of their scope yet. */
  private missingACommit(): Subscriber[] {
    return this.subscribers.filter((subscriber) => {
      if (!isTimed(subscriber)) return false;
      const total = this.commits.at(-1)?.cumulative[subscriber.topic.scopeIndex] ?? 0;
      return subscriber.base + total > (subscriber.lastAttempts ?? 0);
    });
  }

  /**
   * The step's latencies; commits some subscriber never saw are counted as censored at `now − commit` (a lower
   * bound), so a saturated run cannot look fast by dropping its slowest messages. A commit its subscriber's last
   * message already counted, but which this process noted only after that message arrived (its loop was busy
   * when the commit returned), was seen: its latency is 0, not censored.
   */
  stepLatencies(): { latencies: number[]; censored: number; untilComputed: number[]; transit: number[] } {
    const now = performance.now();
    const latencies = [...this.latencies];
    let censored = 0;
    for (const subscriber of this.subscribers.filter(isTimed)) {
      const scope = subscriber.topic.scopeIndex;
      for (let index = subscriber.next; index < this.commits.length; index += 1) {
        const commit = this.commits[index]!;
        const before = index > 0 ? this.commits[index - 1]!.cumulative[scope]! : 0;
        if (commit.cumulative[scope]! <= before) continue;
        if ((subscriber.lastAttempts ?? 0) >= subscriber.base + commit.cumulative[scope]!) {
          latencies.push(Math.max(0, subscriber.lastAt - commit.at));
        } else {
          latencies.push(now - commit.at);
          censored += 1;
        }
      }
    }
    const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
    return {
      latencies: sorted(latencies),
      censored,
      untilComputed: sorted(this.untilComputed),
      transit: sorted(this.transit),
    };
  }

  /** Messages received so far, over all subscribers. */
  get messages(): number {
    return this.subscribers.reduce((total, subscriber) => total + subscriber.messages, 0);
  }

  /** Distinct pushed updates (topic and asOf) that arrived between two instants. */
  updatesBetween(from: number, to: number): number {
    let count = 0;
    for (const at of this.updates.values()) if (at >= from && at <= to) count += 1;
    return count;
  }

  /** Attempts last seen by the first subscriber of `topicName`. */
  attemptsOf(topicName: string): number {
    return this.subscribers.find((subscriber) => subscriber.topic.name === topicName)?.lastAttempts ?? 0;
  }

  async close(): Promise<void> {
    await Promise.all(this.subscribers.map((subscriber) => subscriber.client.dispose()));
  }
}
