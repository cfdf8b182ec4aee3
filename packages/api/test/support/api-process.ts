import type { Orm } from '../../src/core/database/orm.ts';
import { launchApi } from './api-launcher.ts';
import { graphqlClient, type GraphQLClient } from './graphql-http-client.ts';
import { testRedisUrl } from './redis.ts';
import { TEST_ADMIN_KEY, type TestApi } from './test-api.ts';

/**
 * A real API process (`src/main.ts`, as production starts it, through support/api-launcher.ts) on a loopback port,
 * for the multi-instance suite: its own environment, its URL read from what it prints, stopped with SIGINT (its
 * graceful shutdown) and SIGKILL only if that hangs.
 */

export interface ApiProcessOptions {
  /** A label for errors and printed timings. */
  name: string;
  databaseUrl: string;
  /** REDIS_PREFIX: the BullMQ keys and the event-bus channel of this test run, shared by its instances. */
  redisPrefix: string;
  pushIntervalMs?: number;
  startTimeoutMs?: number;
}

export interface ApiProcess {
  name: string;
  url: string;
  pid: number;
  /** Milliseconds from spawn to a healthy /healthz. */
  startupMs: number;
  /** The start time main.ts reports (after its imports), e.g. "3.8 s": module loading is the rest. */
  reportedReady: string;
  gql: GraphQLClient['gql'];
  ok: GraphQLClient['ok'];
  /** What the process printed so far (stdout and stderr), for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** Spawns the API and resolves once it printed its URL and answers /healthz; rejects if it exits first. */
export async function startApiProcess(options: ApiProcessOptions): Promise<ApiProcess> {
  const launched = await launchApi({
    name: options.name,
    env: {
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: options.redisPrefix,
      // One process per instance: the suite's instances are what it kills, restarts and counts.
      API_WORKERS: '1',
      PORT: '0',
      HOST: '127.0.0.1',
      ADMIN_API_KEY: TEST_ADMIN_KEY,
      SEED_DEMO: 'never',
      SIMULATE: '0',
      LOG_LEVEL: 'warn',
      KPI_PUSH_INTERVAL_MS: String(options.pushIntervalMs ?? 100),
    },
    startTimeoutMs: options.startTimeoutMs ?? 60_000,
  });
  const { gql, ok } = graphqlClient(launched.url, { key: TEST_ADMIN_KEY, label: options.name });
  return {
    name: options.name,
    url: launched.url,
    pid: launched.pid,
    startupMs: launched.startupMs,
    reportedReady: /ready in (\S+ s)/.exec(launched.output())?.[1] ?? '?',
    gql,
    ok,
    output: launched.output,
    stop: launched.stop,
  };
}

/**
 * The process seen through the `TestApi` shape the shared fixtures take: they only send GraphQL (`gql`, `ok`)
 * and, through `sql`, read the database with `orm` — here the test's own connection to the processes' database.
 */
export function asFixtureApi(api: ApiProcess, orm: Orm): TestApi {
  return { url: api.url, gql: api.gql, ok: api.ok, orm } as unknown as TestApi;
}
