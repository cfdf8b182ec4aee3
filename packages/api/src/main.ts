/**
 * `pnpm start`: reads the environment, starts the embedded PostgreSQL when no DATABASE_URL is given, prepares the
 * database (migrations, the demo seed), starts the API (src/app/create-app.ts) — in this process with API_WORKERS=1,
 * otherwise in one worker process per core that this process forks and keeps running (src/app/cluster) —, prints
 * where everything is, runs the demo's traffic simulator, and shuts down in order on SIGINT / SIGTERM.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWorkers } from './app/cluster/primary.ts';
import { createApp } from './app/create-app.ts';
import { describeDemoClock } from './app/demo-clock.ts';
import { prepareDatabase } from './app/prepare-database.ts';
import { SystemClock } from './core/clock.ts';
import { isDemoClock } from './core/demo-clock.ts';
import { loadConfig } from './core/config.ts';
import { applyHeapGrowth } from './core/heap-growth.ts';
import { checkStartupPrerequisites } from './core/preflight.ts';
import { installProcessGuard, isFirstStopSignal } from './core/process-guard.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './core/database/embedded-postgres.ts';
import { createLogger } from './core/logger.ts';
import { isLoopbackHost, listenHost } from './core/net.ts';
import { hashKey } from './modules/auth/api-key-secret.ts';
import { DEMO_KEYS } from './seed/demo-seeder.ts';
import { DemoShifts } from './simulator/demo-shifts.ts';
import { TrafficSimulator } from './simulator/traffic-simulator.ts';

// Start-up failures print one line per problem and exit 1; a second Ctrl-C forces the exit (core/process-guard.ts).
installProcessGuard();
const startedAt = performance.now();
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const config = loadConfig();
applyHeapGrowth(config.HEAP_GROWTH_PERCENT);
// The embedded demo listens on this machine only unless HOST says otherwise: its demo keys are published.
config.HOST = listenHost(config.HOST, !config.DATABASE_URL);
await checkStartupPrerequisites({ ...config, HOST: config.HOST });
const logger = createLogger(config.LOG_LEVEL);

let embedded: EmbeddedDatabase | null = null;
let databaseUrl = config.DATABASE_URL;
if (!databaseUrl) {
  logger.info('no DATABASE_URL: starting the embedded PostgreSQL');
  embedded = await startEmbeddedPostgres({
    repoRoot,
    dataDir: config.EMBEDDED_PG_DIR,
    port: config.EMBEDDED_PG_PORT,
    logger,
    demoKeyHash: hashKey(DEMO_KEYS[0]!.key),
  });
  databaseUrl = embedded.url;
}

const { demoKeysStored, newDemoKeys, clock } = await prepareDatabase(databaseUrl, {
  config,
  clock: new SystemClock(config.OPERATION_TIME_ZONE),
  logger,
  seedDemoIfEmpty: config.SEED_DEMO === 'always' || (config.SEED_DEMO === 'auto' && embedded !== null),
  publishedDemoKeys: isLoopbackHost(config.HOST),
  // The embedded demo keeps to its debtors' calling hours at any hour of the week (docs/demo.md).
  demoClock: config.DEMO_CLOCK === 'auto' && embedded !== null,
});
if (demoKeysStored && !isLoopbackHost(config.HOST)) {
  throw new Error(
    `This database holds the published demo keys (admin included), so it is served on this machine only: ` +
      `set HOST=127.0.0.1, or revoke the demo keys before serving it on ${config.HOST}.`,
  );
}
// One worker per core by default; API_WORKERS=1 keeps the API in this process (no primary, no IPC).
const workerCount = config.API_WORKERS ?? availableParallelism();
const app =
  workerCount > 1
    ? await startWorkers({ count: workerCount, config, databaseUrl, demoClock: isDemoClock(clock), logger })
    : await createApp({
        config,
        databaseUrl,
        clock,
        logger,
        consoleDist: path.resolve(repoRoot, config.CONSOLE_DIST),
      });
logger.info(config.REDIS_URL ? 'jobs: BullMQ on Redis' : 'jobs: in-process (no REDIS_URL)');
if (app.metricsUrl) logger.info(`metrics: Prometheus scrapes ${app.metricsUrl}`);

const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
const lines = [
  '',
  `Recupera is ready in ${seconds} s`,
  `  console      ${app.url}/`,
  `  GraphQL      ${app.url}/graphql   (WebSocket: ${app.url.replace('http', 'ws')}/graphql)`,
  `  GraphQL IDE  ${app.url}/graphiql`,
  `  health       ${app.url}/healthz`,
];
if ('pids' in app) {
  lines.push(
    `  workers      ${workerCount} (pids ${app.pids().join(', ')}), restarted when one dies; API_WORKERS=1: one process`,
  );
}
// Said plainly: the figures are dated by the demo clock, not by the machine's (docs/demo.md).
if (isDemoClock(clock)) lines.push('', `  Demo time    ${describeDemoClock(clock)}`);
// Printed only where the demo keys really exist (a database the demo seeder filled).
if (demoKeysStored) {
  lines.push('', '  Demo API keys (send as "Authorization: Bearer <key>"):');
  for (const demoKey of DEMO_KEYS) lines.push(`    ${demoKey.label.padEnd(28)} ${demoKey.key}`);
}
if (newDemoKeys.length > 0) {
  lines.push('', '  Demo API keys, generated for this database (shown once, now: keep them):');
  for (const demoKey of newDemoKeys) lines.push(`    ${demoKey.label.padEnd(28)} ${demoKey.key}`);
}
if (config.ADMIN_API_KEY) lines.push('', '  ADMIN_API_KEY is accepted as an admin key.');
console.log(lines.join('\n') + '\n');

// The traffic simulator (src/simulator) drives the demo floor over HTTP, like agent desktops would; on the demo
// clock in shifts that end before the evening close (simulator/demo-shifts.ts).
let simulator: DemoShifts | null = null;
if (config.SIMULATE && demoKeysStored) {
  simulator = new DemoShifts({
    makeSimulator: (shift) =>
      new TrafficSimulator({
        endpoint: app.url,
        apiKey: DEMO_KEYS.find((demoKey) => demoKey.role === 'MANAGER')!.key,
        // The first shift is the seed's; each later demo day another.
        seed: config.SIMULATION_SEED + shift,
        speed: config.SIMULATION_SPEED,
        // The floor logs in over a minute (6 s at the default 10x), not all at once on a just-started API.
        loginSpreadSeconds: 60,
        promiseMaxDays: config.PROMISE_MAX_DAYS,
        onEvent: (event) => {
          if (event.type === 'error') logger.debug(`simulator: ${event.operation} ${event.code}: ${event.message}`);
        },
      }),
    clock: isDemoClock(clock) ? clock : null,
    onShift: (agents) => logger.debug(`simulator: a shift of ${agents} agents begins`),
    onError: (error) => logger.warn('simulator: a shift could not change', error),
  });
  const agents = await simulator.start().catch((error: unknown) => {
    logger.warn('simulator: could not list the floor, not started', error);
    return 0;
  });
  console.log(
    `Traffic simulator: ${agents} demo agents at ${config.SIMULATION_SPEED}x speed (seed ${config.SIMULATION_SEED}); ` +
      'set SIMULATE=0 to turn it off.\n',
  );
}

async function shutdown(signal: string): Promise<void> {
  if (!isFirstStopSignal(signal)) return;
  logger.info(`${signal}: shutting down`);
  // First, while the server still answers: agents log out and the last requests finish.
  if (simulator) {
    await simulator.stop();
    logger.info('traffic simulator stopped', simulator.snapshot() ?? undefined);
  }
  // The API (with workers: every worker, each in order) before the database.
  await app.close();
  await embedded?.stop();
  process.exit(0);
}
// Replaces the start-up handlers of core/process-guard.ts: from here on a signal means the orderly shutdown
// (simulator, subscriptions, jobs, then the database, which runs in its own session and is stopped last).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => void shutdown(signal));
}
