import type { Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assignAgents, createCampaign, setAgentStatus, startCampaign } from './support/campaigns.ts';
import { createApiKey } from './support/fixtures.ts';
import { comparable, expectedKpis, KPI_FIELDS, KPIS_QUERY, type KpisValue, type Scope } from './support/kpi-oracle.ts';
import { LiveTraffic } from './support/live-traffic.ts';
import { settle, Watch, wsClient } from './support/graphql-ws-client.ts';
import { RECORD_INTERACTION } from './support/outcomes.ts';
import { RawSubscription } from './support/raw-graphql-ws.ts';
import { startTestApi, TEST_ADMIN_KEY, type TestApi } from './support/test-api.ts';
import { sleep, waitFor } from './support/wait.ts';

/**
 * The live subscriptions over real WebSockets (graphql-ws), against a real API with its outbox relay and live
 * engine: a snapshot first, coalesced updates, a fresh snapshot on reconnect, authorization as for queries, the
 * queues and agents boards, and a slow consumer that must not make the server buffer without bound.
 */

const PUSH_INTERVAL_MS = 200;
const SEED = 9_090;
const KPI_SUBSCRIPTION = `subscription ($scope: KpiScope!, $window: KpiWindow!) {
  kpiUpdated(scope: $scope, window: $window) { ${KPI_FIELDS} } }`;
const QUEUES = `subscription ($campaignId: ID!) {
  queueUpdated(campaignId: $campaignId) { id paused priority agents { id } } }`;
const AGENTS = `subscription ($campaignId: ID!) { agentUpdated(campaignId: $campaignId) { id status queue { id } } }`;
const AT = new Date('2026-11-24T16:00:00.000Z');

type KpiMessage = { kpiUpdated: KpisValue };
type QueueMessage = { queueUpdated: { id: string; paused: boolean; priority: number; agents: { id: string }[] } };
type AgentMessage = { agentUpdated: { id: string; status: string; queue: { id: string } | null } };

const withoutAsOf = (kpis: KpisValue) => ({ ...kpis, asOf: undefined });

describe('live subscriptions', () => {
  let api: TestApi;
  let traffic: LiveTraffic;
  let managerKey: string;
  const clients: Client[] = [];
  const watches: Watch<unknown>[] = [];

  beforeAll(async () => {
    api = await startTestApi({
      pushIntervalMs: PUSH_INTERVAL_MS,
      // The slow-consumer test subscribes to one huge selection (2,000 aliases) to fill the socket buffers fast.
      env: {
        GRAPHQL_MAX_ALIASES: '5000',
        GRAPHQL_MAX_TOKENS: '200000',
        GRAPHQL_MAX_COST: '10000000',
        WS_MAX_MESSAGE_BYTES: '4194304',
      },
    });
    traffic = new LiveTraffic(api, SEED, 8);
    await traffic.setup(new Date('2026-11-23T14:00:00.000Z'), '2026-11-24', 120);
    managerKey = await createApiKey(api, 'MANAGER');
    api.clock.set(AT);
  });
  afterEach(async () => {
    for (const watch of watches.splice(0)) watch.close();
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
    await waitFor('every subscription to end on the server', () => api.live.hub.subscriberCount === 0);
  });
  afterAll(() => api.close());

  function watch<T>(key: string, query: string, variables: Record<string, unknown>, client?: Client): Watch<T> {
    const using = client ?? wsClient(api, key);
    if (!client) clients.push(using);
    const opened = new Watch<T>(using, query, variables);
    watches.push(opened as Watch<unknown>);
    return opened;
  }

  const kpis = async (scope: Scope, window = 'TODAY', key = TEST_ADMIN_KEY) =>
    (await api.ok<{ kpis: KpisValue }>(KPIS_QUERY, { scope, window }, key)).kpis;

  /** `count` agentless messages (no agent status involved) on open accounts, `concurrency` at a time. */
  async function burst(count: number, concurrency = 8): Promise<void> {
    const open = traffic.accounts.filter((account) => account.balance > 0n);
    let sent = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (sent < count) {
          const account = open[sent++ % open.length]!;
          const input = {
            accountId: account.id,
            agentId: null,
            channel: 'SMS',
            disposition: sent % 3 === 0 ? 'MESSAGE_REPLIED' : 'MESSAGE_SENT',
            startedAt: api.clock.now().toISOString(),
            durationSeconds: 0,
          };
          await api.ok(RECORD_INTERACTION, { input });
        }
      }),
    );
  }

  it('sends a snapshot equal to kpis first, and nothing more while nothing happens', async () => {
    await burst(10);
    const expected = await kpis({});
    const operation = watch<KpiMessage>(TEST_ADMIN_KEY, KPI_SUBSCRIPTION, { scope: {}, window: 'TODAY' });
    const first = await operation.next(() => true);
    expect(first.data.kpiUpdated).toEqual(expected);
    expect(first.data.kpiUpdated.attempts).toBeGreaterThanOrEqual(10);
    await sleep(3 * PUSH_INTERVAL_MS);
    expect(operation.messages).toHaveLength(1);
  });

  it('coalesces a burst of 300 interactions into a few messages, the last equal to the oracle', async () => {
    const scopes: Scope[] = [{}, { campaignId: traffic.ids.main }];
    const subscribed = scopes.map((scope) =>
      watch<KpiMessage>(TEST_ADMIN_KEY, KPI_SUBSCRIPTION, { scope, window: 'LAST_HOUR' }),
    );
    await Promise.all(subscribed.map((subscription) => subscription.next(() => true)));
    const started = Date.now();
    await burst(300);
    const took = Date.now() - started;
    await kpis({}); // every event counted
    await settle(subscribed, 3 * PUSH_INTERVAL_MS);
    for (const [index, subscription] of subscribed.entries()) {
      const during = subscription.messages.filter((message) => message.at >= started).length;
      // One message per interval at most (plus the one pending when the burst ends, and timing slack).
      expect(during, `${took} ms burst`).toBeLessThanOrEqual(Math.ceil(took / PUSH_INTERVAL_MS) + 3);
      expect(during).toBeLessThan(300 / 2);
      const expected = await expectedKpis(api, scopes[index]!, 'LAST_HOUR', api.clock.now());
      expect(withoutAsOf(comparable(subscription.last!.kpiUpdated, expected))).toEqual(withoutAsOf(expected));
    }
    expect(subscribed[0]!.last!.kpiUpdated.attempts).toBeGreaterThanOrEqual(300);
  });

  it('gives a reconnecting subscriber a fresh snapshot with what happened while it was away', async () => {
    const client = wsClient(api, TEST_ADMIN_KEY);
    const before = watch<KpiMessage>(TEST_ADMIN_KEY, KPI_SUBSCRIPTION, { scope: {}, window: 'TODAY' }, client);
    const seen = (await before.next(() => true)).data.kpiUpdated.attempts;
    await client.dispose();
    await waitFor('the closed subscription to be gone', () => api.live.hub.subscriberCount === 0);
    await burst(25);
    const again = watch<KpiMessage>(TEST_ADMIN_KEY, KPI_SUBSCRIPTION, { scope: {}, window: 'TODAY' });
    const first = (await again.next(() => true)).data.kpiUpdated;
    expect(first.attempts).toBe(seen + 25);
    const expected = await expectedKpis(api, {}, 'TODAY', api.clock.now());
    expect(comparable(first, expected)).toEqual(expected);
  });

  it('authorizes subscriptions like queries: an agency sees only its own scope', async () => {
    const { ids, keys } = traffic;
    const hidden: [Scope, string][] = [
      [{ campaignId: ids.main }, 'scope.campaignId'],
      [{ queueId: ids.joven }, 'scope.queueId'],
      [{ agentId: ids.h1 }, 'scope.agentId'],
      [{ agentId: ids.b1 }, 'scope.agentId'],
      [{ agencyId: ids.beta }, 'scope.agencyId'],
    ];
    const client = wsClient(api, keys.alpha);
    clients.push(client);
    for (const [scope, field] of hidden) {
      const refused = watch<KpiMessage>(keys.alpha, KPI_SUBSCRIPTION, { scope, window: 'TODAY' }, client);
      await refused.refused();
      expect(refused.messages, field).toEqual([]);
      expect(refused.errors, field).toHaveLength(1);
      expect(refused.errors[0]!.extensions).toMatchObject({ code: 'NOT_FOUND', field });
    }
    for (const query of [QUEUES, AGENTS]) {
      const refused = watch<unknown>(keys.alpha, query, { campaignId: ids.main }, client);
      await refused.refused();
      expect(refused.messages).toEqual([]);
      expect(refused.errors[0]!.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'campaignId' });
    }
    const own = watch<KpiMessage>(keys.alpha, KPI_SUBSCRIPTION, { scope: {}, window: 'TODAY' }, client);
    expect((await own.next(() => true)).data.kpiUpdated).toEqual(await kpis({ agencyId: ids.alpha }));
    const ownBoard = watch<QueueMessage>(keys.alpha, QUEUES, { campaignId: ids.alfa }, client);
    await ownBoard.next(() => true);
    const supervisor = watch<KpiMessage>(keys.supervisor, KPI_SUBSCRIPTION, { scope: {}, window: 'LAST_HOUR' });
    expect((await supervisor.next(() => true)).data.kpiUpdated).toEqual(await kpis({}, 'LAST_HOUR'));
    expect(supervisor.errors).toEqual([]);
  });

  it('streams the queues board: every queue first, then moves, pause, resume and priority', async () => {
    const { ids } = traffic;
    const board = watch<QueueMessage>(TEST_ADMIN_KEY, QUEUES, { campaignId: ids.main });
    const queue = (id: string, accept: (q: QueueMessage['queueUpdated']) => boolean, from = 0) =>
      board.next((data) => data.queueUpdated.id === id && accept(data.queueUpdated), from, 1_000 + PUSH_INTERVAL_MS);
    await queue(ids.joven, (q) => q.agents.some((agent) => agent.id === ids.h1));
    await queue(ids.media, () => true);

    let from = board.messages.length;
    await assignAgents(api, [ids.h1], ids.media, managerKey);
    await queue(ids.media, (q) => q.agents.some((agent) => agent.id === ids.h1), from);
    await queue(ids.joven, (q) => !q.agents.some((agent) => agent.id === ids.h1), from);

    from = board.messages.length;
    await api.ok('mutation ($id: ID!) { pauseQueue(queueId: $id) { id } }', { id: ids.media }, managerKey);
    await queue(ids.media, (q) => q.paused, from);
    from = board.messages.length;
    await api.ok('mutation ($id: ID!) { resumeQueue(queueId: $id) { id } }', { id: ids.media }, managerKey);
    await queue(ids.media, (q) => !q.paused, from);
    from = board.messages.length;
    await api.ok(
      'mutation ($id: ID!) { setQueuePriority(queueId: $id, priority: 7) { id } }',
      { id: ids.joven },
      managerKey,
    );
    await queue(ids.joven, (q) => q.priority === 7, from);
  });

  it('streams the agents board: statuses, moves, and one last message for an agent leaving the campaign', async () => {
    const { ids } = traffic;
    const board = watch<AgentMessage>(TEST_ADMIN_KEY, AGENTS, { campaignId: ids.main });
    const agent = (id: string, accept: (a: AgentMessage['agentUpdated']) => boolean, from = 0) =>
      board.next((data) => data.agentUpdated.id === id && accept(data.agentUpdated), from, 1_000 + PUSH_INTERVAL_MS);
    for (const id of [ids.h2, ids.h3, ids.h4]) await agent(id, () => true);

    let from = board.messages.length;
    await setAgentStatus(api, ids.h2, 'PAUSED');
    await agent(ids.h2, (a) => a.status === 'PAUSED', from);
    from = board.messages.length;
    await assignAgents(api, [ids.h3], ids.joven, managerKey);
    await agent(ids.h3, (a) => a.queue?.id === ids.joven, from);

    const other = await createCampaign(api, { name: 'Otra campaña', filter: {}, queues: [{ name: 'Otra cola' }] });
    await startCampaign(api, other.id);
    from = board.messages.length;
    await assignAgents(api, [ids.h4], other.queues[0]!.id, managerKey);
    await agent(ids.h4, (a) => a.queue?.id === other.queues[0]!.id, from);
    // Gone from the campaign: later changes of that agent are not this board's any more.
    from = board.messages.length;
    await setAgentStatus(api, ids.h4, 'PAUSED');
    await setAgentStatus(api, ids.h2, 'AVAILABLE');
    await agent(ids.h2, (a) => a.status === 'AVAILABLE', from);
    await sleep(3 * PUSH_INTERVAL_MS);
    expect(board.messages.slice(from).filter((m) => m.data.agentUpdated.id === ids.h4)).toEqual([]);
  });

  it('holds at most one message for a consumer that stopped reading, and sends it the latest when it reads again', async () => {
    // Large messages (the recovery rows repeated under aliases) fill the socket buffers in a few pushes.
    const rows = 'bucket rate collected { amount currency } outstandingAtStart { amount currency }';
    const copies = Array.from({ length: 2_000 }, (_, n) => `r${n}: recoveryByBucket { ${rows} }`).join(' ');
    const slow = await RawSubscription.open<{ kpiUpdated: { attempts: number } }>(
      api,
      TEST_ADMIN_KEY,
      `subscription { kpiUpdated(scope: {}, window: TODAY) { attempts ${copies} } }`,
    );
    try {
      await waitFor('the snapshot', () => slow.messages.length > 0);
      expect(slow.bytes).toBeGreaterThan(1_000_000);
      slow.pause();
      let most = 0;
      let heldSince: number | null = null;
      const sampler = setInterval(() => {
        const backlog = api.live.hub.maxBacklog;
        most = Math.max(most, backlog);
        heldSince = backlog === 1 ? (heldSince ?? Date.now()) : null;
      }, 5);
      try {
        // Updates until the socket is full and the newest figures have waited a whole second (the server's
        // keep-alive would drop a client silent for much longer).
        const until = Date.now() + 10_000;
        while (Date.now() < until && (heldSince === null || Date.now() - heldSince < 1_000)) await burst(8);
        await burst(8);
        await kpis({});
        await sleep(4 * PUSH_INTERVAL_MS);
        // Blocked: the newest figures wait in the channel, exactly one of them, however many pushes came.
        expect(api.live.hub.maxBacklog).toBe(1);
      } finally {
        clearInterval(sampler);
      }
      expect(most).toBe(1);
      const received = slow.messages.length;
      slow.resume();
      await slow.drain(5 * PUSH_INTERVAL_MS);
      const latest = await kpis({});
      expect(slow.messages.at(-1)!.kpiUpdated.attempts).toBe(latest.attempts);
      expect(api.live.hub.maxBacklog).toBe(0);
      // What reached it after the pause: what the socket buffers held, then the latest — not every push.
      expect(slow.messages.length - received).toBeLessThan(60);
    } finally {
      slow.close();
    }
  });
});
