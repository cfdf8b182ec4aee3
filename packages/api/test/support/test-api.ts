import { inject } from 'vitest';
import { createApp } from '../../src/app/create-app.ts';
import { FixedClock } from '../../src/core/clock.ts';
import { loadConfig } from '../../src/core/config.ts';
import { systemEm, type Orm } from '../../src/core/database/orm.ts';
import { InProcessEventBus, type EventBus } from '../../src/core/events/event-bus.ts';
import { RedisEventBus } from '../../src/core/events/redis-event-bus.ts';
import type { RunningServer } from '../../src/core/http/server.ts';
import { BullMqJobQueue } from '../../src/core/job-queue/bullmq.adapter.ts';
import { PostgresFailedJobRecorder } from '../../src/core/job-queue/failed-job.recorder.ts';
import type { JobDeps } from '../../src/core/job-queue/job-deps.ts';
import type { JobQueue } from '../../src/core/job-queue/job-queue.ts';
import { createLogger, type Logger } from '../../src/core/logger.ts';
import type { LiveServices } from '../../src/modules/kpi/live/live-services.ts';
import { graphqlClient, type GraphQLClient } from './graphql-http-client.ts';
import { deleteKeysWithPrefix, testRedisUrl, uniqueQueuePrefix } from './redis.ts';
import { cloneTemplate, type TestDatabase } from './test-database.ts';

export const TEST_ADMIN_KEY = 'test-admin-key-do-not-use-in-production';
/** Tuesday 2026-11-24, 10:00 in Lima: business date 2026-11-24 in the operation's zone. */
export const TEST_NOW = new Date('2026-11-24T15:00:00.000Z');
export const OPERATION_TIME_ZONE = 'America/Lima';

export type { GraphQLResponse } from './graphql-http-client.ts';

export interface TestApi {
  url: string;
  orm: Orm;
  clock: FixedClock;
  database: TestDatabase;
  server: RunningServer;
  /** The running job queue with every job registered (no repeatable schedules: tests trigger jobs themselves). */
  jobs: JobQueue;
  /** The live KPI engine and hub of this API. */
  live: LiveServices;
  /** The bus the outbox relay publishes to (in-process unless `redisEvents` was given). */
  events: EventBus;
  /** What the jobs were built with, for tests that call a job's handler directly. */
  jobDeps: JobDeps;
  /** Prometheus's scrape URL, when the test set METRICS_PORT (null otherwise). */
  metricsUrl: string | null;
  /** POST /graphql as the holder of `key` (the bootstrap admin key unless told otherwise; null: no header). */
  gql: GraphQLClient['gql'];
  /** Like gql, but fails the test on any GraphQL error and returns `data`. */
  ok: GraphQLClient['ok'];
  close(): Promise<void>;
}

export interface TestApiOptions {
  /** The job-queue adapter: in-process (the default, as with no REDIS_URL) or BullMQ on the test Redis. */
  jobs?: 'in-process' | 'bullmq';
  /** False: no background outbox relay (a test that drives the relay itself); the live engine then hears nothing. */
  outboxRelay?: boolean;
  /** KPI_PUSH_INTERVAL_MS of the subscription hub (100 ms: quick tests). */
  pushIntervalMs?: number;
  /** Other settings, as the environment would give them (e.g. a limit a test needs raised). */
  env?: Record<string, string>;
  /** The API's logger (silent unless TEST_LOG_LEVEL says otherwise). */
  logger?: Logger;
  /** The URL the API connects to instead of its database's own (a proxy in front of it). */
  databaseVia?: (url: string) => string;
  /** The event bus on this Redis (as with REDIS_URL, on a channel of its own) instead of in-process. */
  redisEvents?: string;
  /**
   * Serve this database (another TestApi's) instead of a clone of its own: a second instance of one deployment.
   * Its `close` leaves the database to the API that made it.
   */
  sharedDatabase?: TestDatabase;
  /** A built console to serve at `/` (a folder with an index.html). */
  consoleDist?: string;
}

/** A real API server on a loopback port, on a database of its own, cloned from the migrated template. */
export async function startTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const database = options.sharedDatabase ?? (await cloneTemplate(inject('templateDatabase')));
  const clock = new FixedClock(TEST_NOW, OPERATION_TIME_ZONE);
  const logger = options.logger ?? createLogger((process.env.TEST_LOG_LEVEL as 'error') ?? 'silent');
  // A prefix of its own per API, so test files running in parallel on one Redis never take each other's jobs.
  const queuePrefix = uniqueQueuePrefix();
  const events = options.redisEvents
    ? new RedisEventBus(options.redisEvents, logger, `${queuePrefix}:events`)
    : new InProcessEventBus();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    ADMIN_API_KEY: TEST_ADMIN_KEY,
    DB_POOL_MAX: '10',
    KPI_PUSH_INTERVAL_MS: String(options.pushIntervalMs ?? 100),
    // Test files run in parallel: /metrics only where a test asks for it (METRICS_PORT: '0').
    METRICS_PORT: 'off',
    ...options.env,
  });
  const app = await createApp({
    config,
    databaseUrl: options.databaseVia ? options.databaseVia(database.url) : database.url,
    clock,
    logger,
    events,
    // Tests trigger jobs themselves.
    recurringJobs: false,
    outboxRelay: options.outboxRelay !== false,
    ...(options.consoleDist ? { consoleDist: options.consoleDist } : {}),
    ...(options.jobs === 'bullmq'
      ? {
          jobQueue: (orm: Orm) =>
            new BullMqJobQueue({
              redisUrl: testRedisUrl(),
              prefix: queuePrefix,
              recorder: new PostgresFailedJobRecorder(orm),
              logger,
            }),
        }
      : {}),
  });
  const { gql, ok } = graphqlClient(app.url, { key: TEST_ADMIN_KEY });
  return {
    url: app.url,
    orm: app.orm,
    clock,
    database,
    server: app.server,
    jobs: app.jobs,
    jobDeps: app.jobDeps,
    metricsUrl: app.metricsUrl,
    gql,
    ok,
    live: app.live,
    events,
    close: async () => {
      await app.close();
      if (options.jobs === 'bullmq') await deleteKeysWithPrefix(queuePrefix);
      if (!options.sharedDatabase) await database.drop();
    },
  };
}

/** Runs SQL on the test database outside the API, for expectations computed independently of it (`?` placeholders). */
export async function sql<T extends Record<string, unknown>>(
  api: TestApi,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  return systemEm(api.orm).getConnection().execute<T[]>(text, params);
}
