import cluster, { type Worker } from 'node:cluster';
import { fileURLToPath } from 'node:url';
import { AggregatorRegistry } from 'prom-client';
import { RateLimiterClusterMaster } from 'rate-limiter-flexible';
import type { Config } from '../../core/config.ts';
import { relayClusterEvents } from '../../core/events/cluster-event-bus.ts';
import type { Logger } from '../../core/logger.ts';
import type { MetricsServer } from '../../core/observability/metrics-server.ts';
import { StartupError } from '../../core/startup-failure.ts';
import { serveMetrics } from '../observability.ts';
import { isWorkerReady, WORKER_ENV, type WorkerShutdown } from './messages.ts';

/** A worker that lived this long before it died starts the back-off again from its first step. */
const STABLE_AFTER_MS = 30_000;
/** Delay before the first restart of a slot, doubled at each quick death up to {@link RESTART_DELAY_MAX_MS}. */
const RESTART_DELAY_MIN_MS = 250;
const RESTART_DELAY_MAX_MS = 30_000;

/**
 * When to replace a worker that died after `livedMs`, its slot having had `quickDeathsBefore` quick deaths in a row:
 * 250 ms after a worker that had run a while, doubling with each further death within {@link STABLE_AFTER_MS} of
 * its start, at most 30 s.
 */
export function restartDelay(livedMs: number, quickDeathsBefore: number): { quickDeaths: number; delay: number } {
  const quickDeaths = livedMs >= STABLE_AFTER_MS ? 1 : quickDeathsBefore + 1;
  return { quickDeaths, delay: Math.min(RESTART_DELAY_MAX_MS, RESTART_DELAY_MIN_MS * 2 ** (quickDeaths - 1)) };
}

export interface RunningWorkers {
  /** Where the workers answer (they share one port). */
  url: string;
  /** The aggregated /metrics, served by this primary, or null when not served. */
  metricsUrl: string | null;
  /** The pids of the workers running now, by slot. */
  pids(): number[];
  /** Stops every worker in order (each finishes its requests, jobs and pool), then the /metrics server. */
  close(): Promise<void>;
}

interface Slot {
  index: number;
  worker: Worker | null;
  startedAt: number;
  /** Deaths in a row, each within {@link STABLE_AFTER_MS} of its start. */
  quickDeaths: number;
  /** A worker of this slot served once: from then on a death is replaced (before, the start fails). */
  served: boolean;
  restart: NodeJS.Timeout | null;
}

/**
 * `pnpm start` with API_WORKERS > 1: forks the workers (app/cluster/worker-main.ts), which share the HTTP port
 * (node:cluster hands the primary's connections round-robin), waits until each serves, and keeps them running:
 * a worker that dies (out of memory, a crash, a kill) is replaced after a back-off that grows while the deaths
 * come quickly, so a crash loop waits rather than spins. Without Redis the primary relays the workers' live
 * events to all of them and keeps the per-key rate counters (rate-limiter-flexible's RateLimiterClusterMaster);
 * with Redis the workers share both through Redis, like separate instances. /metrics is served here, once, with
 * every worker's registry aggregated (prom-client's AggregatorRegistry).
 *
 * The database is prepared (migrations, seed, demo clock offset) by main.ts before this runs, once.
 */
export async function startWorkers(options: {
  count: number;
  config: Config;
  databaseUrl: string;
  /** Serve on the demo clock main.ts opened (docs/demo.md). */
  demoClock: boolean;
  logger: Logger;
}): Promise<RunningWorkers> {
  const { count, config, logger } = options;
  cluster.schedulingPolicy = cluster.SCHED_RR;
  cluster.setupPrimary({
    exec: fileURLToPath(new URL('./worker-main.ts', import.meta.url)),
    // `--import tsx` (or whatever loads TypeScript for main.ts) loads it for the workers too.
    execArgv: process.execArgv,
  });
  const stopRelay = config.REDIS_URL ? null : relayClusterEvents();
  if (!config.REDIS_URL) new RateLimiterClusterMaster();

  const env = {
    [WORKER_ENV.databaseUrl]: options.databaseUrl,
    [WORKER_ENV.demoClock]: options.demoClock ? '1' : '0',
    [WORKER_ENV.host]: config.HOST ?? '0.0.0.0',
  };
  const slots: Slot[] = Array.from({ length: count }, (_, index) => ({
    index: index + 1,
    worker: null,
    startedAt: 0,
    quickDeaths: 0,
    served: false,
    restart: null,
  }));
  let closing = false;
  let url: string;

  /** Forks the slot's worker; resolves with its URL once it serves, rejects if it exits first. */
  const fork = (slot: Slot): Promise<string> => {
    const worker = cluster.fork({ ...env, [WORKER_ENV.slot]: String(slot.index) });
    slot.worker = worker;
    slot.startedAt = Date.now();
    const ready = new Promise<string>((resolve, reject) => {
      const onMessage = (message: unknown) => {
        if (!isWorkerReady(message)) return;
        worker.off('message', onMessage);
        worker.off('exit', onEarlyExit);
        slot.served = true;
        resolve(message.url);
      };
      const onEarlyExit = (code: number | null, signal: string | null) =>
        reject(new Error(`worker ${slot.index} exited with ${signal ?? code} before it served`));
      worker.on('message', onMessage);
      worker.once('exit', onEarlyExit);
    });
    worker.once('exit', (code, signal) => onExit(slot, worker, code, signal));
    return ready;
  };

  const onExit = (slot: Slot, worker: Worker, code: number | null, signal: string | null) => {
    if (slot.worker !== worker) return;
    slot.worker = null;
    if (closing || !slot.served) return; // an orderly stop, or a failed start (startWorkers rejects)
    const lived = Date.now() - slot.startedAt;
    const { quickDeaths, delay } = restartDelay(lived, slot.quickDeaths);
    slot.quickDeaths = quickDeaths;
    logger.warn(
      `worker ${slot.index} (pid ${worker.process.pid}) died (${signal ?? `exit code ${code}`}) after ` +
        `${(lived / 1000).toFixed(1)} s; starting another in ${delay} ms`,
    );
    slot.restart = setTimeout(() => {
      slot.restart = null;
      if (closing) return;
      fork(slot).then(
        () => logger.info(`worker ${slot.index} serves again (pid ${slot.worker?.process.pid})`),
        (error: unknown) => logger.warn(`worker ${slot.index} could not start: ${(error as Error).message}`),
      );
    }, delay);
  };

  try {
    const urls = await Promise.all(slots.map(fork));
    url = urls[0]!;
  } catch (error) {
    // A worker could not start (it printed why): the others stop, and so does `pnpm start`, with exit code 1.
    closing = true;
    for (const slot of slots) slot.worker?.process.kill('SIGKILL');
    throw new StartupError(`An API worker could not start: ${(error as Error).message} (its lines are above).`);
  }

  const aggregator = new AggregatorRegistry();
  const metrics: MetricsServer | null = await serveMetrics(config, logger, async () => ({
    contentType: aggregator.contentType,
    body: await aggregator.clusterMetrics(),
  }));

  return {
    url,
    metricsUrl: metrics?.url ?? null,
    pids: () => slots.flatMap((slot) => (slot.worker?.process.pid ? [slot.worker.process.pid] : [])),
    close: async () => {
      closing = true;
      for (const slot of slots) if (slot.restart) clearTimeout(slot.restart);
      const shutdown: WorkerShutdown = { type: 'recupera:worker-shutdown' };
      await Promise.all(
        slots.map(async (slot) => {
          const worker = slot.worker;
          if (!worker || worker.isDead()) return;
          const exited = new Promise((resolve) => worker.once('exit', resolve));
          if (worker.isConnected()) worker.send(shutdown, undefined, () => undefined);
          else worker.process.kill('SIGTERM');
          await exited;
        }),
      );
      await metrics?.close();
      stopRelay?.();
    },
  };
}
