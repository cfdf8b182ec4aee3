import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOrm } from '../src/app/database.ts';
import { migrate } from '../src/core/database/orm.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/core/database/embedded-postgres.ts';
import { createLogger } from '../src/core/logger.ts';
import { launchApi, type LaunchedApi } from './support/api-launcher.ts';
import { graphqlClient, type GraphQLClient } from './support/graphql-http-client.ts';
import { TEST_ADMIN_KEY } from './support/test-api.ts';
import { sleep, waitFor } from './support/wait.ts';

/**
 * A database outage as it happens: the real API process (main.ts) on a PostgreSQL server of its own (the embedded
 * launcher's, in a throwaway folder) that the test terminates connections of and then really stops and starts
 * again. Clients must get SERVICE_UNAVAILABLE with a retry hint (503 + Retry-After where the GraphQL-over-HTTP spec
 * allows), /healthz must follow the database, and the API must recover by itself once the server is back.
 */

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const RETRY_AFTER_SECONDS = 5; // what docs/api.md promises
const TOTAL = '{ accounts(first: 1) { totalCount } }';
const GRAPHQL_RESPONSE = 'application/graphql-response+json';

let dataRoot: string;
let pgPort: number;
let database: EmbeddedDatabase;
let api: LaunchedApi;
let client: GraphQLClient;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function startDatabase(): Promise<EmbeddedDatabase> {
  return startEmbeddedPostgres({
    repoRoot,
    dataDir: path.join(dataRoot, 'postgres'),
    port: pgPort,
    logger: createLogger('silent'),
    demoKeyHash: 'none',
  });
}

/** One request as a client preferring `accept` would send it: status, headers and the parsed body. */
async function ask(accept: string) {
  const { status, text, headers } = await client.postRaw(JSON.stringify({ query: TOTAL }), {
    'content-type': 'application/json',
    accept,
    authorization: `Bearer ${TEST_ADMIN_KEY}`,
  });
  const body = JSON.parse(text) as {
    data?: unknown;
    errors?: { message: string; extensions?: { code?: string; retryAfterSeconds?: number } }[];
  };
  return { status, retryAfter: headers.get('retry-after'), body, code: body.errors?.[0]?.extensions?.code };
}

async function health() {
  const response = await fetch(`${api.url}/healthz`);
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() };
}

/** A connection of the test's own, to the throwaway server. */
async function adminClient(): Promise<pg.Client> {
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  return admin;
}

beforeAll(async () => {
  // Under /tmp (mode 1777): as root the embedded server runs as `postgres`, who must be able to enter it.
  dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'recupera-outage-'));
  fs.chmodSync(dataRoot, 0o755);
  pgPort = await freePort();
  database = await startDatabase();
  const orm = await openOrm({ url: database.url, poolMax: 2 });
  await migrate(orm);
  await orm.close(true);
  api = await launchApi({
    name: 'outage API',
    env: {
      DATABASE_URL: database.url,
      REDIS_URL: '',
      API_WORKERS: '1',
      PORT: '0',
      HOST: '127.0.0.1',
      ADMIN_API_KEY: TEST_ADMIN_KEY,
      SEED_DEMO: 'never',
      SIMULATE: '0',
      METRICS_PORT: 'off',
      LOG_LEVEL: 'error',
    },
    startTimeoutMs: 90_000,
  });
  client = graphqlClient(api.url, { key: TEST_ADMIN_KEY, label: 'outage API' });
}, 180_000);

afterAll(async () => {
  await api?.stop();
  await database?.stop();
  if (dataRoot) fs.rmSync(dataRoot, { recursive: true, force: true });
}, 60_000);

describe('a database outage', () => {
  it('answers normally while the database is up', async () => {
    const answer = await ask(GRAPHQL_RESPONSE);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ data: { accounts: { totalCount: 0 } } });
    expect((await health()).status).toBe(200);
  });

  it('a connection terminated under a running request is SERVICE_UNAVAILABLE, and the next request works', async () => {
    const admin = await adminClient();
    try {
      // The API's next query waits on this lock, so its connection is terminated with the request in flight (57P01).
      await admin.query('begin');
      await admin.query('lock table account in access exclusive mode');
      const pending = ask(GRAPHQL_RESPONSE);
      const waiting = await waitFor('the API query waiting on the lock', async () => {
        const { rows } = await admin.query<{ pid: number }>(
          `select pid from pg_stat_activity where wait_event_type = 'Lock' and pid <> pg_backend_pid()`,
        );
        return rows[0]?.pid;
      });
      await admin.query('select pg_terminate_backend($1)', [waiting]);
      const answer = await pending;
      await admin.query('rollback');
      expect(answer.code).toBe('SERVICE_UNAVAILABLE');
      expect(answer.body.errors?.[0]?.extensions?.retryAfterSeconds).toBe(RETRY_AFTER_SECONDS);
      expect(answer.status).toBe(503);
      expect(answer.retryAfter).toBe(String(RETRY_AFTER_SECONDS));

      // Every other connection of the API cut too: the pool opens new ones, nobody restarts anything.
      await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
      );
      const recovered = await waitFor('an answer after the terminated connections', async () => {
        const next = await ask(GRAPHQL_RESPONSE);
        expect(next.code === undefined || next.code === 'SERVICE_UNAVAILABLE').toBe(true);
        return next.status === 200 && next.code === undefined ? next : null;
      });
      expect(recovered.body).toEqual({ data: { accounts: { totalCount: 0 } } });
    } finally {
      await admin.end();
    }
  });

  it('a stopped server: 503 + Retry-After for graphql-response+json, 200 + the code for application/json, /healthz 503; then recovery', async () => {
    await database.stop();

    const strict = await ask(GRAPHQL_RESPONSE);
    expect(strict.status).toBe(503);
    expect(strict.retryAfter).toBe(String(RETRY_AFTER_SECONDS));
    expect(strict.code).toBe('SERVICE_UNAVAILABLE');
    expect(strict.body.errors?.[0]?.extensions?.retryAfterSeconds).toBe(RETRY_AFTER_SECONDS);

    // application/json: the spec requires 200 for a GraphQL response; the code and the hint are in the body.
    const legacy = await ask('application/json');
    expect(legacy.status).toBe(200);
    expect(legacy.code).toBe('SERVICE_UNAVAILABLE');
    expect(legacy.body.errors?.[0]?.extensions?.retryAfterSeconds).toBe(RETRY_AFTER_SECONDS);
    expect(legacy.body.errors?.some((error) => error.extensions?.code === 'INTERNAL_SERVER_ERROR')).toBe(false);

    const down = await health();
    expect(down.status).toBe(503);
    expect(down.retryAfter).toBe(String(RETRY_AFTER_SECONDS));
    expect(down.body).toMatchObject({ status: 'error', database: 'down', retryAfterSeconds: RETRY_AFTER_SECONDS });

    // Still down a little later (no cached answer), and the API process is alive through it.
    await sleep(500);
    expect((await ask(GRAPHQL_RESPONSE)).status).toBe(503);
    expect(() => process.kill(api.pid, 0)).not.toThrow();

    database = await startDatabase();
    const back = await waitFor(
      '/healthz 200 after the restart',
      async () => ((await health()).status === 200 ? 1 : 0),
      30_000,
    );
    expect(back).toBe(1);
    const answer = await waitFor('a query answered after the restart', async () => {
      const next = await ask(GRAPHQL_RESPONSE);
      return next.status === 200 ? next : null;
    });
    expect(answer.body).toEqual({ data: { accounts: { totalCount: 0 } } });
    expect(api.pid).toBeGreaterThan(0);
    expect(() => process.kill(api.pid, 0)).not.toThrow();
  }, 120_000);
});
