import type { Config } from '../core/config.ts';
import { systemEm, type Orm } from '../core/database/orm.ts';
import { runSql } from '../core/database/sql.ts';
import type { JobQueue } from '../core/job-queue/job-queue.ts';
import type { Logger } from '../core/logger.ts';
import {
  enableDefaultMetrics,
  jobQueueDepth,
  liveEventsApplied,
  livePushes,
  liveSubscribers,
  outboxBacklog,
  outboxLag,
} from '../core/observability/metrics.ts';
import { startMetricsServer, type MetricsRender, type MetricsServer } from '../core/observability/metrics-server.ts';
import { instrumentPool, type InstrumentedPool } from '../core/observability/sql-instrumentation.ts';
import type { LiveServices } from '../modules/kpi/live/live-services.ts';

/** Where METRICS_PORT is unset: Prometheus's customary port for a Node exporter. */
export const DEFAULT_METRICS_PORT = 9464;

/** Backlogs larger than this are reported as this: the count stays one cheap index scan whatever happens. */
const BACKLOG_COUNTED_UP_TO = 100_000;

export interface Observability {
  /** The /metrics URL, or null when it is not served (METRICS_PORT=off, or the default port was taken). */
  metricsUrl: string | null;
  close(): Promise<void>;
}

/**
 * Wires this API's measurements into the one registry (core/observability/metrics.ts): every statement of the pool
 * timed and counted per request, the pool's use, the outbox backlog, the live engine and hub, the job queues; and
 * serves /metrics on METRICS_PORT.
 */
export async function startObservability(options: {
  config: Config;
  orm: Orm;
  live: LiveServices;
  jobs: JobQueue;
  logger: Logger;
  /** False in a `pnpm start` worker: the cluster primary serves /metrics for every worker (app/cluster). */
  serveMetrics?: boolean;
}): Promise<Observability> {
  const { config, orm, live, jobs, logger } = options;
  enableDefaultMetrics();
  const pool = (await orm.em.getConnection().getNativeClient()) as unknown as InstrumentedPool;
  const instrumented = instrumentPool(pool);

  // Both outbox gauges from one query per scrape: the oldest unpublished event by id (the partial index on
  // unpublished ids answers it at once), and the backlog counted on the same index up to a bound.
  let outbox: { at: number; read: Promise<{ lag: number; backlog: number }> } | null = null;
  const readOutbox = () => {
    if (!outbox || Date.now() - outbox.at > 1_000) {
      outbox = {
        at: Date.now(),
        read: runSql<{ lag: number; backlog: number }>(
          systemEm(orm),
          `select coalesce(greatest(0, extract(epoch from clock_timestamp() - (
                    select occurred_at from domain_event where published_at is null order by id limit 1))), 0)::float8 as lag,
                  (select count(*) from (select 1 from domain_event where published_at is null limit ?) waiting)::int
                    as backlog`,
          [BACKLOG_COUNTED_UP_TO],
        ).then(([row]) => row!),
      };
    }
    return outbox.read;
  };
  const topics = ['kpis', 'queues', 'agents'] as const;
  const stops = [
    outboxLag.add(async () => [{ value: (await readOutbox()).lag }]),
    outboxBacklog.add(async () => [{ value: (await readOutbox()).backlog }]),
    liveEventsApplied.add(() => [{ value: live.engine.eventsApplied }]),
    liveSubscribers.add(() => {
      const subscribers = live.hub.subscribersByTopic();
      return topics.map((topic) => ({ labels: { topic }, value: subscribers[topic] }));
    }),
    livePushes.add(() => topics.map((topic) => ({ labels: { topic }, value: live.hub.pushes[topic] }))),
    jobQueueDepth.add(async () =>
      (await jobs.depths()).map(({ queue, state, count }) => ({ labels: { queue, state }, value: count })),
    ),
  ];

  const server = options.serveMetrics === false ? null : await serveMetrics(config, logger);
  return {
    metricsUrl: server?.url ?? null,
    close: async () => {
      await server?.close();
      for (const stop of stops) stop();
      instrumented.detach();
    },
  };
}

/** An explicit METRICS_PORT must be free (start-up fails otherwise); the default one is skipped when taken. */
export async function serveMetrics(
  config: Config,
  logger: Logger,
  render?: MetricsRender,
): Promise<MetricsServer | null> {
  if (config.METRICS_PORT === 'off') return null;
  const host = config.HOST ?? '0.0.0.0';
  const port = config.METRICS_PORT ?? DEFAULT_METRICS_PORT;
  try {
    return await startMetricsServer({ port, host, ...(render ? { render } : {}) });
  } catch (error) {
    if (config.METRICS_PORT !== undefined || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    logger.warn(`metrics: port ${port} is taken (another instance?); set METRICS_PORT to serve /metrics`);
    return null;
  }
}
