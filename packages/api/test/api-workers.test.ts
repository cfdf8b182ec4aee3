import http from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchApi, type LaunchedApi } from './support/api-launcher.ts';
import { accountRow, importAccounts } from './support/fixtures.ts';
import { graphqlClient } from './support/graphql-http-client.ts';
import { watch, type Watch } from './support/graphql-ws-client.ts';
import { childrenOf, ownerOf, serverConnections } from './support/socket-owner.ts';
import { TEST_ADMIN_KEY, type TestApi } from './support/test-api.ts';
import { cloneTemplate, type TestDatabase } from './support/test-database.ts';
import { waitFor } from './support/wait.ts';

/**
 * `pnpm start`'s workers for real: main.ts with API_WORKERS=2 and no Redis (as the embedded demo runs). Both
 * workers answer on the one port; a subscription held by one worker hears a KPI change written through the other
 * (the primary relays the events over the cluster's IPC channel); /metrics, served once by the primary, adds up
 * both workers; and a worker killed with SIGKILL is replaced while the other keeps answering.
 */

const POOL_MAX = 3;
const ANONYMOUS_PER_SECOND = 4;
const WRITES = 5;
const KPIS = `subscription { kpiUpdated(scope: {}, window: TODAY) { attempts } }`;
const RECORD = 'mutation ($input: RecordInteractionInput!) { recordInteraction(input: $input) { id } }';

let database: TestDatabase;
let api: LaunchedApi;
let port: number;
const watches: Watch<unknown>[] = [];

/** The worker processes of the started primary now. */
const workersOf = () => childrenOf(api.pid, /worker-main\.ts/);

interface Health {
  status: string;
  worker?: { id: number; pid: number };
}

/** One HTTP request on `agent` (a fresh connection without one): the status and the parsed JSON body. */
function request<T>(
  path: string,
  options: { agent?: http.Agent; method?: string; body?: string; anonymous?: boolean } = {},
): Promise<{ status: number; body: T }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        agent: options.agent ?? false,
        headers: {
          'content-type': 'application/json',
          ...(options.anonymous ? {} : { authorization: `Bearer ${TEST_ADMIN_KEY}` }),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as T }));
      },
    );
    req.on('error', reject);
    // A lost connection fails the test instead of hanging it.
    req.setTimeout(5_000, () => req.destroy(new Error(`no answer to ${path} in 5 s`)));
    req.end(options.body);
  });
}

/** The worker pid a new connection lands on (node:cluster deals connections round-robin). */
async function workerOfNewConnection(): Promise<number> {
  const { status, body } = await request<Health>('/healthz');
  expect(status).toBe(200);
  return body.worker!.pid;
}

/** A keep-alive connection pinned to a worker other than `avoid`: its requests all go to that worker. */
async function connectionAvoiding(avoid: number): Promise<{ agent: http.Agent; pid: number }> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const { body } = await request<Health>('/healthz', { agent });
    if (body.worker!.pid !== avoid) return { agent, pid: body.worker!.pid };
    agent.destroy();
  }
  throw new Error(`every connection landed on worker ${avoid}`);
}

beforeAll(async () => {
  database = await cloneTemplate(inject('templateDatabase'));
  api = await launchApi({
    name: 'API with 2 workers',
    env: {
      DATABASE_URL: database.url,
      REDIS_URL: '',
      API_WORKERS: '2',
      DB_POOL_MAX: String(POOL_MAX),
      PORT: '0',
      HOST: '127.0.0.1',
      METRICS_PORT: '0',
      ADMIN_API_KEY: TEST_ADMIN_KEY,
      SEED_DEMO: 'never',
      SIMULATE: '0',
      RATE_LIMIT_ANONYMOUS_PER_IP: String(ANONYMOUS_PER_SECOND),
      LOG_LEVEL: 'info',
      KPI_PUSH_INTERVAL_MS: '100',
    },
    startTimeoutMs: 120_000,
  });
  port = Number(new URL(api.url).port);
}, 180_000);

afterAll(async () => {
  await Promise.all(watches.map((subscription) => subscription.close()));
  await api?.stop();
  await database?.drop();
}, 60_000);

describe('pnpm start with API_WORKERS=2', () => {
  it('two worker processes, children of the started process, answer on the one port', async () => {
    const workers = workersOf();
    expect(workers).toHaveLength(2);
    const answered = new Set<number>();
    for (let i = 0; i < 8; i += 1) answered.add(await workerOfNewConnection());
    expect([...answered].sort()).toEqual([...workers].sort());
    expect(api.output()).toMatch(new RegExp(`workers\\s+2 \\(pids ${workers.map(String).join('|')}`));
  });

  it('/metrics is served once, by the primary, and adds up both workers', async () => {
    const metricsUrl = /Prometheus scrapes (http:\/\/\S+\/metrics)/.exec(api.output())?.[1];
    expect(metricsUrl).toBeDefined();
    const text = await (await fetch(metricsUrl!)).text();
    // Each worker's pool reports DB_POOL_MAX; summed over the two.
    expect(text).toMatch(new RegExp(`^recupera_db_pool_max_connections ${2 * POOL_MAX}$`, 'm'));
  });

  it('rate limits are counted across the workers, not per worker', async () => {
    // Twice the limit at once, each on a new connection: round-robin gives each worker half of them, so counted per
    // worker every one would pass.
    const answers = await Promise.all(
      Array.from({ length: 2 * ANONYMOUS_PER_SECOND }, () =>
        request<unknown>('/graphql', {
          method: 'POST',
          anonymous: true,
          body: JSON.stringify({ query: '{ __typename }' }),
        }),
      ),
    );
    const passed = answers.filter((answer) => answer.status === 200);
    const refused = answers.filter((answer) => answer.status === 429);
    expect(passed).toHaveLength(ANONYMOUS_PER_SECOND);
    expect(refused).toHaveLength(ANONYMOUS_PER_SECOND);
    expect(refused[0]!.body).toMatchObject({ errors: [{ extensions: { code: 'RATE_LIMITED' } }] });
  });

  it('a subscription on one worker hears a KPI change written through the other', async () => {
    const fx = graphqlClient(api.url, { key: TEST_ADMIN_KEY }) as unknown as TestApi;
    await importAccounts(fx, [accountRow({ timeZone: 'America/Lima' })]);
    const [account] = (
      await fx.ok<{ accounts: { edges: { node: { id: string } }[] } }>(
        '{ accounts(first: 1) { edges { node { id } } } }',
      )
    ).accounts.edges;

    // Which worker holds the subscription's WebSocket: the one new connection to the port, looked up in /proc.
    const before = new Set(serverConnections(port).keys());
    const subscription = watch<{ kpiUpdated: { attempts: number } }>(api, TEST_ADMIN_KEY, KPIS);
    watches.push(subscription as Watch<unknown>);
    const first = await subscription.next(() => true, 0, 10_000);
    const added = [...serverConnections(port).keys()].filter((inode) => !before.has(inode));
    expect(added).toHaveLength(1);
    const holder = ownerOf(added[0]!, workersOf());
    expect(holder).not.toBeNull();

    const writer = await connectionAvoiding(holder!);
    expect(writer.pid).not.toBe(holder);
    const input = { accountId: account!.node.id, channel: 'CALL', disposition: 'NO_ANSWER', durationSeconds: 20 };
    // Several writes: each worker runs an outbox relay, and without the shared bus a write's event would reach
    // this subscriber only when the holder's relay happened to publish it.
    for (let write = 0; write < WRITES; write += 1) {
      const written = await request<{ data?: unknown; errors?: unknown[] }>('/graphql', {
        agent: writer.agent,
        method: 'POST',
        body: JSON.stringify({ query: RECORD, variables: { input } }),
      });
      expect(written.body.errors).toBeUndefined();
    }
    // The same keep-alive connection, so the same worker, wrote them all.
    expect((await request<Health>('/healthz', { agent: writer.agent })).body.worker!.pid).toBe(writer.pid);
    writer.agent.destroy();

    const attemptsBefore = first.data.kpiUpdated.attempts;
    await subscription.next((data) => data.kpiUpdated.attempts === attemptsBefore + WRITES, 0, 10_000);
  });

  it('a worker killed with SIGKILL is replaced, and the other answers meanwhile', async () => {
    const [victim, survivor] = workersOf();
    process.kill(victim!, 'SIGKILL');
    // A connection dealt to the victim in the instant before the primary saw it die is lost with it (as it would be
    // with a single process); from the primary's log line on, every new connection goes to the live worker.
    await waitFor(
      "the primary's line about the death",
      () => new RegExp(`worker \\d \\(pid ${victim}\\) died \\(SIGKILL\\)`).test(api.output()),
      10_000,
    );
    for (let i = 0; i < 6; i += 1) {
      const pid = await workerOfNewConnection();
      expect(pid).not.toBe(victim);
    }
    const replacement = await waitFor(
      'a new worker process',
      () => workersOf().find((pid) => pid !== victim && pid !== survivor),
      60_000,
    );
    const answered = await waitFor(
      'the new worker answering',
      async () => {
        const seen = new Set<number>();
        for (let i = 0; i < 4; i += 1) seen.add(await workerOfNewConnection());
        return seen.has(replacement) && seen.has(survivor!) ? seen : null;
      },
      60_000,
    );
    expect([...answered].sort()).toEqual([replacement, survivor!].sort());
    expect(workersOf()).toHaveLength(2);
  }, 120_000);
});
