import type { Attribution, KpiWindowName } from '@recupera/shared';
import { Redis } from 'ioredis';
import { SystemClock, type Clock } from '../core/clock.ts';
import { isDemoClock } from '../core/demo-clock.ts';
import { operationSettings, type Config } from '../core/config.ts';
import { systemEm, type Orm } from '../core/database/orm.ts';
import { FAST_SQL, FastSql } from '../core/database/fast-sql.ts';
import { runSql } from '../core/database/sql.ts';
import { ClusterEventBus } from '../core/events/cluster-event-bus.ts';
import { InProcessEventBus, type EventBus } from '../core/events/event-bus.ts';
import { relayOnce, startOutboxRelay } from '../core/events/outbox-relay.ts';
import { RedisEventBus } from '../core/events/redis-event-bus.ts';
import { RequestRateLimiter } from '../core/http/rate-limit.ts';
import { startServer, type RunningServer } from '../core/http/server.ts';
import { createJobQueue } from '../core/job-queue/create-job-queue.ts';
import type { JobDeps } from '../core/job-queue/job-deps.ts';
import type { JobQueue } from '../core/job-queue/job-queue.ts';
import { createLogger, type Logger } from '../core/logger.ts';
import { Services } from '../core/services.ts';
import { AuditWriter } from '../modules/audit/audit-writer.ts';
import { KEY_DIRECTORY, KeyDirectory } from '../modules/auth/key-directory.ts';
import { OutboxChannelAdapter } from '../modules/interactions/outbox-channel.adapter.ts';
import { KPI_READER } from '../modules/kpi/kpi-reader.ts';
import type { Kpis } from '../modules/kpi/kpi.types.ts';
import { LIVE_HUB, startLive, type LiveServices } from '../modules/kpi/live/live-services.ts';
import { openOrm } from './database.ts';
import { runDemoClock } from './demo-clock.ts';
import { MODULES, PROJECTORS } from './modules.ts';
import { registerJobs, scheduleRecurringJobs } from './jobs.ts';
import { startObservability, type Observability } from './observability.ts';
import { buildApiSchema } from './schema.ts';

export interface AppOptions {
  /** The validated environment (core/config.ts): port, keys, Redis, push interval, … */
  config: Config;
  /** The PostgreSQL database to serve, already migrated (DATABASE_URL, or the embedded server's). */
  databaseUrl: string;
  /** The source of "now" (SystemClock in the operation's zone unless a test or the demo sets another). */
  clock?: Clock;
  logger?: Logger;
  /** Makes the job runtime; by default BullMQ when REDIS_URL is set, timers in this process otherwise. */
  jobQueue?: (orm: Orm, logger: Logger) => JobQueue;
  /** Schedule the recurring sweeps and run each once now (default); tests trigger jobs themselves. */
  recurringJobs?: boolean;
  /** The bus the outbox relay publishes to; by default Redis pub/sub when REDIS_URL is set, in-process otherwise. */
  events?: EventBus;
  /** Run the outbox relay (default); without it the live engine hears nothing (a test that relays by hand). */
  outboxRelay?: boolean;
  /** Folder of the built console, served at `/` when it exists. */
  consoleDist?: string;
  /** Where pushed `kpiUpdated` figures come from instead of the engine (the load benchmark's naive baseline). */
  pushedKpis?: (orm: Orm, clock: Clock) => (scope: Attribution, window: KpiWindowName) => Promise<Kpis>;
  /**
   * False: no metrics, request ids or request lines (bench/observability-overhead.bench.ts measures what they
   * cost); every other caller keeps the default.
   */
  observe?: boolean;
  /**
   * A `pnpm start` worker (app/cluster): no /metrics server of its own (the primary serves every worker's), and,
   * without Redis, rate counters kept in the primary. Absent: a process on its own.
   */
  clusterWorker?: boolean;
}

/** A running API and what it started, for whoever started it: `main.ts`, the tests, the benchmarks. */
export interface App {
  url: string;
  port: number;
  orm: Orm;
  clock: Clock;
  logger: Logger;
  jobs: JobQueue;
  /** What every job was built with (tests call a job's handler directly). */
  jobDeps: JobDeps;
  events: EventBus;
  live: LiveServices;
  server: RunningServer;
  /** Prometheus's scrape URL (METRICS_PORT), or null when /metrics is not served. */
  metricsUrl: string | null;
  /** Stops everything it started, in order: connections first, the database last. */
  close(): Promise<void>;
}

/**
 * The one composition root: the ORM over every module's entities, the job runtime with every module's jobs, the
 * outbox relay and its bus, the live KPI engine, the module services every request may use, and the HTTP and
 * WebSocket server over the schema of every module's resolvers.
 */
export async function createApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const clock = options.clock ?? new SystemClock(config.OPERATION_TIME_ZONE);
  const settings = operationSettings(config);
  const orm = await openOrm({
    url: options.databaseUrl,
    poolMax: config.DB_POOL_MAX,
    statementTimeoutMs: config.OPERATION_TIME_BUDGET_MS,
  });

  // BullMQ when REDIS_URL is set (any number of instances share the queues), timers in this process otherwise.
  const jobs = options.jobQueue
    ? options.jobQueue(orm, logger)
    : createJobQueue({ redisUrl: config.REDIS_URL, prefix: config.REDIS_PREFIX }, orm, logger);
  const jobDeps: JobDeps = { orm, clock, logger, jobs, channel: new OutboxChannelAdapter(orm), config };
  registerJobs(jobDeps);
  if (options.recurringJobs !== false) await scheduleRecurringJobs(jobs, clock.timeZone);
  await jobs.start();

  // Publishes committed events from the outbox; the live KPI engine subscribes to this bus. With Redis every
  // instance hears every event, whichever instance's relay published it.
  const events =
    options.events ??
    (config.REDIS_URL
      ? new RedisEventBus(config.REDIS_URL, logger, `${config.REDIS_PREFIX}:events`)
      : options.clusterWorker
        ? new ClusterEventBus(logger) // relayed by the primary to every worker
        : new InProcessEventBus());
  const relaying = options.outboxRelay !== false;
  const relay = relaying ? startOutboxRelay(orm, events, logger, { projectors: PROJECTORS }) : null;
  if (events instanceof RedisEventBus) await events.whenReady();

  // The live KPIs: rebuilt from the database once this instance hears the bus, then kept from its events.
  const live = await startLive({
    orm,
    bus: events,
    clock,
    logger,
    operationCurrency: settings.operationCurrency,
    pushIntervalMs: config.KPI_PUSH_INTERVAL_MS,
    ...(relaying ? { flushOutbox: () => relayOnce(orm, events, { projectors: PROJECTORS }) } : {}),
    ...(events instanceof RedisEventBus
      ? { onBusReconnect: (handler: () => void) => events.onReconnect(handler) }
      : {}),
    ...(options.pushedKpis ? { pushedKpis: options.pushedKpis(orm, clock) } : {}),
  });
  // The embedded demo's clock (main.ts): its offset is saved, and each business day it jumps to starts like a real one.
  const stopDemoClock = isDemoClock(clock)
    ? await runDemoClock({ clock, orm, jobs, live, logger, recurringJobs: options.recurringJobs !== false })
    : null;
  // Keys are read once and kept in memory; the api_key table tells every instance when one changes.
  const keys = new KeyDirectory({
    databaseUrl: options.databaseUrl,
    query: (sql, params) => runSql(systemEm(orm), sql, params) as never,
    clock,
    logger,
    bootstrapAdminKey: config.ADMIN_API_KEY,
  });
  await keys.start();
  const services = new Services()
    .set(KPI_READER, live.reader)
    .set(LIVE_HUB, live.hub)
    .set(KEY_DIRECTORY, keys)
    .set(FAST_SQL, await FastSql.of(orm));

  // Rate counters live in Redis when there is one, so every instance counts a key's requests together.
  const rateRedis = config.REDIS_URL
    ? new Redis(config.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false })
    : undefined;
  rateRedis?.on('error', () => undefined); // counted in memory meanwhile (the limiter's insurance)
  const rateLimiter = new RequestRateLimiter({
    perKey: config.RATE_LIMIT_PER_KEY,
    anonymousPerIp: config.RATE_LIMIT_ANONYMOUS_PER_IP,
    redis: rateRedis,
    prefix: config.REDIS_PREFIX,
    cluster: options.clusterWorker === true,
  });
  const observe = options.observe !== false;
  const observability: Observability | null = observe
    ? await startObservability({ config, orm, live, jobs, logger, serveMetrics: options.clusterWorker !== true })
    : null;
  const audit = new AuditWriter(orm, logger);
  const principalFrom = (authorization: string | undefined | null) => keys.principalFor(authorization);
  const routes = MODULES.flatMap(
    (module) =>
      module.http?.({
        orm,
        databaseUrl: options.databaseUrl,
        clock,
        operationCurrency: settings.operationCurrency,
        principalFrom,
      }) ?? [],
  );
  // No DATABASE_URL: the embedded demo, where `pnpm start` serves a newcomer (the IDE on, each request's line off).
  const embeddedDemo = !config.DATABASE_URL;
  const server = await startServer({
    settings,
    services,
    orm,
    schema: await buildApiSchema({ maxParallelFields: config.GRAPHQL_MAX_PARALLEL_FIELDS }),
    clock,
    logger,
    port: config.PORT,
    host: config.HOST ?? '0.0.0.0',
    principalFrom,
    stillValid: (principal) => keys.stillValid(principal),
    limits: {
      graphql: {
        maxDepth: config.GRAPHQL_MAX_DEPTH,
        maxAliases: config.GRAPHQL_MAX_ALIASES,
        maxDirectives: config.GRAPHQL_MAX_DIRECTIVES,
        maxTokens: config.GRAPHQL_MAX_TOKENS,
        maxCost: config.GRAPHQL_MAX_COST,
      },
      http: { bodyLimit: config.HTTP_BODY_LIMIT, importBodyLimit: config.HTTP_IMPORT_BODY_LIMIT },
      ws: {
        maxMessageBytes: config.WS_MAX_MESSAGE_BYTES,
        maxConnectionsPerKey: config.WS_MAX_CONNECTIONS_PER_KEY,
        maxSubscriptionsPerConnection: config.WS_MAX_SUBSCRIPTIONS_PER_CONNECTION,
        maxSubscriptionsPerKey: config.WS_MAX_SUBSCRIPTIONS_PER_KEY,
      },
    },
    timeBudgetMs: config.OPERATION_TIME_BUDGET_MS,
    rateLimiter,
    observers: [audit],
    graphqlIde: config.GRAPHQL_IDE === 'on' || (config.GRAPHQL_IDE === 'auto' && embeddedDemo),
    consoleDist: options.consoleDist,
    jobs,
    routes,
    slowRequestMs: config.SLOW_REQUEST_MS,
    logEveryRequest: config.REQUEST_LOG === 'on' || (config.REQUEST_LOG === 'auto' && !embeddedDemo),
    observe,
  });
  // A revoked or expired key's open WebSockets close at once; a rotated one's stay open until its overlap ends.
  keys.onKeyChanged((keyId) => {
    keys
      .stillWorks(keyId)
      .then((state) => {
        if (state?.works) server.keyExpiresAt(keyId, state.expiresAt);
        else server.disconnectKey(keyId);
      })
      // Fail closed: a key whose state cannot be read loses its connections (clients reconnect if it still works).
      .catch(() => server.disconnectKey(keyId));
  });

  return {
    url: server.url,
    port: server.port,
    orm,
    clock,
    logger,
    jobs,
    jobDeps,
    events,
    live,
    server,
    metricsUrl: observability?.metricsUrl ?? null,
    close: async () => {
      await server.close();
      await stopDemoClock?.();
      await observability?.close();
      for (const route of routes) await route.close?.();
      await audit.flush();
      await keys.close();
      rateRedis?.disconnect();
      live.close();
      await relay?.stop();
      if (events instanceof RedisEventBus) await events.close();
      if (events instanceof ClusterEventBus) events.close();
      // Before the database: running jobs finish their transactions first.
      await jobs.close();
      await orm.close(true);
    },
  };
}
