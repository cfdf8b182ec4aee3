/**
 * A `pnpm start` worker (node:cluster; the primary is main.ts, app/cluster/primary.ts forks this file): serves the
 * API on the shared port over the database the primary prepared. It runs no migrations, seed, simulator or
 * /metrics server (the primary does, once); the worker in slot 1 alone schedules the recurring sweeps and queues
 * the demo clock's new-day jobs. Without Redis its events and rate counters go through the primary.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AggregatorRegistry } from 'prom-client';
import { SystemClock, type Clock } from '../../core/clock.ts';
import { loadConfig } from '../../core/config.ts';
import { applyHeapGrowth } from '../../core/heap-growth.ts';
import { createLogger } from '../../core/logger.ts';
import { metricsRegistry } from '../../core/observability/metrics.ts';
import { installProcessGuard } from '../../core/process-guard.ts';
import { createApp } from '../create-app.ts';
import { openOrm } from '../database.ts';
import { openDemoClock } from '../demo-clock.ts';
import { isWorkerShutdown, WORKER_ENV, type WorkerReady } from './messages.ts';

installProcessGuard();
const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
const config = loadConfig();
applyHeapGrowth(config.HEAP_GROWTH_PERCENT);
config.HOST = process.env[WORKER_ENV.host] ?? config.HOST;
const slot = Number(process.env[WORKER_ENV.slot] ?? '1');
const databaseUrl = process.env[WORKER_ENV.databaseUrl]!;
const logger = createLogger(config.LOG_LEVEL);

// The primary's scrape asks every worker for this registry (prom-client's cluster support): constructing an
// AggregatorRegistry is what makes a worker answer those requests.
new AggregatorRegistry();
AggregatorRegistry.setRegistries([metricsRegistry]);

let clock: Clock = new SystemClock(config.OPERATION_TIME_ZONE);
if (process.env[WORKER_ENV.demoClock] === '1') {
  // The offset the primary saved: every worker reads the same one, so all keep the same demo time.
  const orm = await openOrm({ url: databaseUrl, poolMax: 1 });
  try {
    clock = await openDemoClock(orm, config.OPERATION_TIME_ZONE, logger);
  } finally {
    await orm.close(true);
  }
}

const app = await createApp({
  config,
  databaseUrl,
  clock,
  logger,
  consoleDist: path.resolve(repoRoot, config.CONSOLE_DIST),
  recurringJobs: slot === 1,
  clusterWorker: true,
});

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await app.close();
  process.exit(0);
}
// The terminal's Ctrl-C reaches every process of the group; the primary alone decides the order of the shutdown
// (simulator, workers, database) and tells each worker. A SIGTERM sent to this worker alone stops it in order.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.removeAllListeners(signal);
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => void shutdown());
process.on('message', (message: unknown) => {
  if (isWorkerShutdown(message)) void shutdown();
});
const ready: WorkerReady = { type: 'recupera:worker-ready', url: app.url, port: app.port };
process.send!(ready);
