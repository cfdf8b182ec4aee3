import { scopeKey, type Attribution, type KpiWindowName } from '@recupera/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../src/core/logger.ts';
import type { Kpis } from '../src/modules/kpi/kpi.types.ts';
import type { LiveChange, LiveKpiEngine } from '../src/modules/kpi/live/kpi-engine.ts';
import { LiveHub } from '../src/modules/kpi/live/live-hub.ts';

/**
 * The hub's coalescing (`LiveHub`), with no database: its input is an engine's change stream, here an object this
 * test drives (`onChange` is all the hub reads of the engine), and its `compute` a function that counts its calls
 * and answers figures the test chose. Timers are vitest's fake ones, so "within the push interval" is exact.
 */

const PUSH_INTERVAL_MS = 50;
const OPERATION: Attribution = { campaignId: null, queueId: null, agentId: null, agencyId: null };
const CAMPAIGN: Attribution = { ...OPERATION, campaignId: 'c0000000-0000-7000-8000-000000000001' };
const QUEUE: Attribution = { ...CAMPAIGN, queueId: 'q0000000-0000-7000-8000-000000000001' };

/** The engine as the hub sees it: listeners the test calls with changes. */
class DrivenEngine {
  readonly listeners = new Set<(change: LiveChange) => void>();

  onChange(listener: (change: LiveChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A change of the given scopes (none: every scope). */
  change(...scopes: Attribution[]): void {
    const change: LiveChange = {
      scopeKeys: new Set(scopes.map(scopeKey)),
      allScopes: scopes.length === 0,
      queueIds: new Set(),
      campaignIds: new Set(),
      agentIds: new Set(),
    };
    for (const listener of this.listeners) listener(change);
  }
}

/** Figures with only `attempts` meaningful; `asOf` differs on every call, as the engine's clock moves. */
function figures(attempts: number): Kpis {
  return { attempts, asOf: new Date() } as unknown as Kpis;
}

/** Every message a subscription delivers, consumed as fast as they come (or not at all: `slow`). */
class Consumer {
  readonly received: number[] = [];
  constructor(private readonly stream: AsyncIterableIterator<Kpis>) {}

  /** Pulls messages until the stream ends. */
  drain(): void {
    void (async () => {
      for await (const kpis of this.stream) this.received.push(kpis.attempts);
    })();
  }

  /** One message, the next one the stream has. */
  async one(): Promise<number> {
    const next = await this.stream.next();
    if (next.done) throw new Error('the stream ended');
    return next.value.attempts;
  }

  close(): Promise<unknown> {
    return this.stream.return!();
  }
}

describe('LiveHub', () => {
  let engine: DrivenEngine;
  let hub: LiveHub;
  /** What compute is asked, in order. */
  let computed: { scope: Attribution; window: KpiWindowName }[];
  /** When compute was called (fake-clock milliseconds). */
  let computedAt: number[];
  /** What compute answers: the number of attempts it reports now. */
  let attempts: number;
  let errors: unknown[];

  const logger: Logger = {
    debug: () => {},
    info: () => {},
    warn: () => {},
    error: (message, detail) => errors.push([message, detail]),
  };

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    engine = new DrivenEngine();
    computed = [];
    computedAt = [];
    attempts = 0;
    errors = [];
    hub = new LiveHub(
      engine as unknown as LiveKpiEngine,
      {
        pushIntervalMs: PUSH_INTERVAL_MS,
        compute: async (scope, window) => {
          computed.push({ scope, window });
          computedAt.push(Date.now());
          return figures(attempts);
        },
      },
      logger,
    );
  });

  afterEach(() => {
    hub.close();
    vi.useRealTimers();
    expect(errors).toEqual([]);
  });

  /** Lets timers due within `ms` fire, with the promises they start. */
  const elapse = (ms: number) => vi.advanceTimersByTimeAsync(ms);

  it("sends a subscriber's snapshot first, computed for its scope and window", async () => {
    attempts = 7;
    const consumer = new Consumer(hub.subscribeKpis(QUEUE, 'LAST_HOUR'));
    await expect(consumer.one()).resolves.toBe(7);
    expect(computed).toEqual([{ scope: QUEUE, window: 'LAST_HOUR' }]);

    // A second subscriber of the same topic gets a snapshot of its own, without waiting for a change.
    attempts = 8;
    const second = new Consumer(hub.subscribeKpis(QUEUE, 'LAST_HOUR'));
    await expect(second.one()).resolves.toBe(8);
    expect(computed).toHaveLength(2);
    expect(hub.subscriberCount).toBe(2);
  });

  it('waits for sync before computing the snapshot (a subscriber never starts behind)', async () => {
    const order: string[] = [];
    let release!: () => void;
    const synced = new Promise<void>((resolve) => (release = resolve));
    const syncing = new LiveHub(
      engine as unknown as LiveKpiEngine,
      {
        pushIntervalMs: PUSH_INTERVAL_MS,
        sync: async () => {
          order.push('sync started');
          await synced;
          order.push('sync done');
        },
        compute: async () => {
          order.push('compute');
          return figures(3);
        },
      },
      logger,
    );
    try {
      const consumer = new Consumer(syncing.subscribeKpis(OPERATION, 'TODAY'));
      const first = consumer.one();
      await elapse(10);
      expect(order).toEqual(['sync started']);
      release();
      await expect(first).resolves.toBe(3);
      expect(order).toEqual(['sync started', 'sync done', 'compute']);
    } finally {
      syncing.close();
    }
  });

  it('shares one snapshot among subscribers that arrive together (a floor opening at once)', async () => {
    attempts = 11;
    const consumers = Array.from({ length: 100 }, () => new Consumer(hub.subscribeKpis(CAMPAIGN, 'TODAY')));
    const firsts = await Promise.all(consumers.map((consumer) => consumer.one()));
    expect(firsts).toEqual(Array.from({ length: 100 }, () => 11));
    expect(computed).toEqual([{ scope: CAMPAIGN, window: 'TODAY' }]);
  });

  it('never hands a newcomer a snapshot whose sync began before it came; newcomers queue for the next one', async () => {
    const order: string[] = [];
    const releases: (() => void)[] = [];
    let value = 0;
    const syncing = new LiveHub(
      engine as unknown as LiveKpiEngine,
      {
        pushIntervalMs: PUSH_INTERVAL_MS,
        sync: async () => {
          order.push('sync');
          await new Promise<void>((resolve) => releases.push(resolve));
        },
        compute: async () => {
          order.push('compute');
          return figures(value);
        },
      },
      logger,
    );
    try {
      value = 1;
      const first = new Consumer(syncing.subscribeKpis(OPERATION, 'TODAY')).one();
      await elapse(0);
      expect(order).toEqual(['sync']);
      // Two newcomers while the first snapshot syncs: a write they saw committed may not be in it.
      value = 2;
      const second = new Consumer(syncing.subscribeKpis(OPERATION, 'TODAY')).one();
      const third = new Consumer(syncing.subscribeKpis(OPERATION, 'TODAY')).one();
      releases.shift()!();
      await expect(first).resolves.toBe(2);
      await elapse(0);
      // Their snapshot syncs only now, once for both.
      expect(order).toEqual(['sync', 'compute', 'sync']);
      value = 3;
      releases.shift()!();
      await expect(second).resolves.toBe(3);
      await expect(third).resolves.toBe(3);
      expect(order).toEqual(['sync', 'compute', 'sync', 'compute']);
    } finally {
      syncing.close();
    }
  });

  it('coalesces a burst of 50 changes within the push interval into at most 2 computations and messages', async () => {
    const consumer = new Consumer(hub.subscribeKpis(CAMPAIGN, 'TODAY'));
    consumer.drain();
    await elapse(0);
    expect(consumer.received).toEqual([0]);
    const beforeBurst = computed.length;

    // 50 events, one per millisecond: all within one push interval. Each changes the figures.
    for (let n = 1; n <= 50; n += 1) {
      attempts = n;
      engine.change(CAMPAIGN);
      if (n < 50) await elapse(1);
    }
    await elapse(3 * PUSH_INTERVAL_MS);

    const computations = computed.length - beforeBurst;
    expect(computations).toBeGreaterThanOrEqual(1);
    expect(computations).toBeLessThanOrEqual(2);
    const updates = consumer.received.slice(1);
    expect(updates.length).toBeLessThanOrEqual(2);
    // Coalesced, not lost: the last message has every event.
    expect(updates.at(-1)).toBe(50);
    expect(computed.slice(beforeBurst).every((call) => call.scope === CAMPAIGN && call.window === 'TODAY')).toBe(true);
  });

  it('spaces pushes at least one interval apart under a steady stream of changes', async () => {
    const consumer = new Consumer(hub.subscribeKpis(OPERATION, 'TODAY'));
    consumer.drain();
    await elapse(0);
    const beforeStream = computed.length;
    // 1 second of one change every 5 ms: 200 changes.
    for (let n = 1; n <= 200; n += 1) {
      attempts = n;
      engine.change(OPERATION);
      await elapse(5);
    }
    await elapse(2 * PUSH_INTERVAL_MS);
    const pushedAt = computedAt.slice(beforeStream);
    const computations = pushedAt.length;
    // 1000 ms at one push per 50 ms: about 20, never one per change.
    expect(computations).toBeLessThanOrEqual(1_000 / PUSH_INTERVAL_MS + 2);
    expect(computations).toBeGreaterThanOrEqual(1_000 / PUSH_INTERVAL_MS - 2);
    for (let i = 1; i < pushedAt.length; i += 1) {
      expect(pushedAt[i]! - pushedAt[i - 1]!).toBeGreaterThanOrEqual(PUSH_INTERVAL_MS);
    }
    expect(consumer.received.at(-1)).toBe(200);
  });

  it('takes turns under a steady stream: each topic still pushes once per interval, never in the same instant as another', async () => {
    const scopes = [OPERATION, CAMPAIGN, QUEUE];
    const windows: KpiWindowName[] = ['TODAY', 'LAST_HOUR'];
    const consumers = scopes.flatMap((scope) =>
      windows.map((window) => new Consumer(hub.subscribeKpis(scope, window))),
    );
    for (const consumer of consumers) consumer.drain();
    await elapse(0);
    const pushes = new Map<string, number[]>();
    const steadyFrom = Date.now() + 4 * PUSH_INTERVAL_MS;
    const before = computed.length;
    // One second of a change to every scope every 2 ms: every topic is dirty all the time.
    for (let n = 1; n <= 500; n += 1) {
      attempts = n;
      engine.change();
      await elapse(2);
    }
    const steadyMs = Date.now() - steadyFrom;
    computed.slice(before).forEach((call, index) => {
      const at = computedAt[before + index]!;
      if (at < steadyFrom) return;
      const key = `${scopeKey(call.scope)}#${call.window}`;
      pushes.set(key, [...(pushes.get(key) ?? []), at]);
    });
    expect(pushes.size).toBe(6);
    for (const times of pushes.values()) {
      expect(times.length).toBeGreaterThanOrEqual(Math.floor(steadyMs / PUSH_INTERVAL_MS) - 1);
      for (let i = 1; i < times.length; i += 1) expect(times[i]! - times[i - 1]!).toBe(PUSH_INTERVAL_MS);
    }
    // Six topics over a 50 ms interval: spread, no two pushes closer than a few milliseconds.
    const all = [...pushes.values()].flat().sort((a, b) => a - b);
    for (let i = 1; i < all.length; i += 1) expect(all[i]! - all[i - 1]!).toBeGreaterThanOrEqual(3);
    // Coalesced, not lost: every subscriber ends with the last figures.
    await elapse(2 * PUSH_INTERVAL_MS);
    expect(consumers.map((consumer) => consumer.received.at(-1))).toEqual(consumers.map(() => 500));
  });

  it('does not send a result equal to the last one pushed (asOf aside)', async () => {
    attempts = 1;
    const consumer = new Consumer(hub.subscribeKpis(OPERATION, 'LAST_15_MINUTES'));
    consumer.drain();
    await elapse(0);
    expect(consumer.received).toEqual([1]);

    attempts = 2;
    engine.change(OPERATION);
    await elapse(PUSH_INTERVAL_MS);
    expect(consumer.received).toEqual([1, 2]);

    // Recomputed twice more with the same figures (only asOf moves): nothing new is sent.
    const before = computed.length;
    engine.change(OPERATION);
    await elapse(PUSH_INTERVAL_MS);
    engine.change();
    await elapse(PUSH_INTERVAL_MS);
    expect(computed.length).toBe(before + 2);
    expect(consumer.received).toEqual([1, 2]);

    // Figures that changed are sent again.
    attempts = 3;
    engine.change(OPERATION);
    await elapse(PUSH_INTERVAL_MS);
    expect(consumer.received).toEqual([1, 2, 3]);
  });

  it('computes only the topics a change concerns', async () => {
    const campaign = new Consumer(hub.subscribeKpis(CAMPAIGN, 'TODAY'));
    const queue = new Consumer(hub.subscribeKpis(QUEUE, 'TODAY'));
    campaign.drain();
    queue.drain();
    await elapse(0);
    computed = [];
    attempts = 4;
    engine.change(QUEUE);
    await elapse(PUSH_INTERVAL_MS);
    expect(computed).toEqual([{ scope: QUEUE, window: 'TODAY' }]);
    expect(queue.received).toEqual([0, 4]);
    expect(campaign.received).toEqual([0]);

    // A change of every scope (a rebuild, a minute passing) reaches both.
    attempts = 5;
    engine.change();
    await elapse(PUSH_INTERVAL_MS);
    expect(queue.received).toEqual([0, 4, 5]);
    expect(campaign.received).toEqual([0, 5]);
  });

  it('drops a topic when its last subscriber leaves: nothing is computed for it any more', async () => {
    const first = new Consumer(hub.subscribeKpis(CAMPAIGN, 'TODAY'));
    const second = new Consumer(hub.subscribeKpis(CAMPAIGN, 'TODAY'));
    await first.one();
    await second.one();
    expect(hub.subscriberCount).toBe(2);

    await first.close();
    expect(hub.subscriberCount).toBe(1);
    engine.change(CAMPAIGN);
    await elapse(1);
    expect(computed).toHaveLength(2); // one snapshot (they came together), one update for the subscriber left

    // Another change within the interval: its push is due 50 ms after the last, and the last subscriber leaves first.
    engine.change(CAMPAIGN);
    await elapse(1);
    expect(vi.getTimerCount()).toBe(1);
    await second.close();
    expect(hub.subscriberCount).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    // Gone: later changes schedule nothing, and nothing is computed.
    engine.change(CAMPAIGN);
    engine.change();
    expect(vi.getTimerCount()).toBe(0);
    await elapse(3 * PUSH_INTERVAL_MS);
    expect(computed).toHaveLength(2);

    // Subscribing again starts afresh, with a snapshot.
    attempts = 9;
    const again = new Consumer(hub.subscribeKpis(CAMPAIGN, 'TODAY'));
    await expect(again.one()).resolves.toBe(9);
    expect(computed).toHaveLength(3);
    // …and its updates come as before.
    let update: number | undefined;
    void again.one().then((value) => (update = value));
    attempts = 10;
    engine.change(CAMPAIGN);
    await elapse(PUSH_INTERVAL_MS);
    expect(update).toBe(10);
  });

  it('holds only the newest message for a consumer that stopped reading, and hands it over when it reads', async () => {
    const slow = new Consumer(hub.subscribeKpis(OPERATION, 'TODAY'));
    const fast = new Consumer(hub.subscribeKpis(OPERATION, 'TODAY'));
    await expect(slow.one()).resolves.toBe(0);
    fast.drain();
    await elapse(0);

    // Twenty pushes while the slow one reads nothing.
    for (let n = 1; n <= 20; n += 1) {
      attempts = n;
      engine.change(OPERATION);
      await elapse(PUSH_INTERVAL_MS);
      expect(hub.maxBacklog).toBe(1);
    }
    // The other subscriber of the topic got every push.
    expect(fast.received).toEqual(Array.from({ length: 21 }, (_, n) => n));

    await expect(slow.one()).resolves.toBe(20);
    expect(hub.maxBacklog).toBe(0);
    // Nothing else was kept for it: its next read waits for the next push.
    let next: number | undefined;
    void slow.one().then((value) => (next = value));
    await elapse(PUSH_INTERVAL_MS);
    expect(next).toBeUndefined();
    attempts = 21;
    engine.change(OPERATION);
    await elapse(PUSH_INTERVAL_MS);
    expect(next).toBe(21);
  });
});
