import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiKey } from './modules/auth/api-key.entity.ts';
import { hashKey } from './modules/auth/api-key.service.ts';
import { Account } from './modules/portfolio/account.entity.ts';
import { SystemClock } from './core/clock.ts';
import { loadConfig, operationSettings } from './core/config.ts';
import { checkStartupPrerequisites } from './core/preflight.ts';
import { installProcessGuard, isFirstStopSignal } from './core/process-guard.ts';
import { InProcessEventBus } from './core/events/event-bus.ts';
import { relayOnce, startOutboxRelay } from './core/events/outbox-relay.ts';
import { RedisEventBus } from './core/events/redis-event-bus.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './core/database/embedded-postgres.ts';
import { createOrm, migrate, systemEm } from './core/database/orm.ts';
import { buildApiSchema } from './core/graphql/schema.ts';
import { createJobQueue } from './core/job-queue/create-job-queue.ts';
import { registerJobs, scheduleRecurringJobs } from './core/job-queue/register-jobs.ts';
import { startServer } from './core/http/server.ts';
import { createLogger } from './core/logger.ts';
import { OutboxChannelAdapter } from './modules/interactions/outbox-channel.adapter.ts';
import { startLive } from './modules/kpi/live/live-services.ts';
import { DEMO_KEYS, seedDemo } from './seed/demo-seeder.ts';
import { TrafficSimulator } from './simulator/traffic-simulator.ts';

// Start-up failures print one line per problem and exit 1; a second Ctrl-C forces the exit (core/process-guard.ts).
installProcessGuard();
const startedAt = performance.now();
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const config = loadConfig();
await checkStartupPrerequisites(config);
const logger = createLogger(config.LOG_LEVEL);
const clock = new SystemClock(config.OPERATION_TIME_ZONE);

let embedded: EmbeddedDatabase | null = null;
let databaseUrl = config.DATABASE_URL;
if (!databaseUrl) {
  logger.info('no DATABASE_URL: starting the embedded PostgreSQL');
  embedded = await startEmbeddedPostgres({
    repoRoot,
    dataDir: config.EMBEDDED_PG_DIR,
    port: config.EMBEDDED_PG_PORT,
    logger,
  });
  databaseUrl = embedded.url;
}

const orm = await createOrm({ url: databaseUrl, poolMax: config.DB_POOL_MAX });
const applied = await migrate(orm);
if (applied.length > 0) logger.info(`applied migrations: ${applied.join(', ')}`);

const emptyDatabase = (await systemEm(orm).count(Account, {})) === 0;
const seed = config.SEED_DEMO === 'always' || (config.SEED_DEMO === 'auto' && embedded !== null && emptyDatabase);
if (seed && emptyDatabase) {
  logger.info(`seeding the demo portfolio (${config.DEMO_ACCOUNTS} accounts)`);
  await seedDemo(systemEm(orm), {
    accounts: config.DEMO_ACCOUNTS,
    businessDate: clock.businessDate(),
    campaigns: { now: clock.now(), timeZone: clock.timeZone },
  });
}

// BullMQ when REDIS_URL is set (any number of instances share the queues), timers in this process otherwise.
const jobs = createJobQueue({ redisUrl: config.REDIS_URL, prefix: config.REDIS_PREFIX }, orm, logger);
registerJobs({ orm, clock, logger, jobs, channel: new OutboxChannelAdapter(orm) });
await scheduleRecurringJobs(jobs, config.OPERATION_TIME_ZONE);
await jobs.start();

// Publishes committed events from the outbox; the live KPI engine subscribes to this bus. With Redis every
// instance hears every event, whichever instance's relay published it.
const events = config.REDIS_URL
  ? new RedisEventBus(config.REDIS_URL, logger, `${config.REDIS_PREFIX}:events`)
  : new InProcessEventBus();
const relay = startOutboxRelay(orm, events, logger);
logger.info(config.REDIS_URL ? 'jobs: BullMQ on Redis' : 'jobs: in-process (no REDIS_URL)');

// The live KPIs: rebuilt from the database once this instance hears the bus, then kept from its events.
if (events instanceof RedisEventBus) await events.whenReady();
const settings = operationSettings(config);
const live = await startLive({
  orm,
  bus: events,
  clock,
  logger,
  operationCurrency: settings.operationCurrency,
  pushIntervalMs: config.KPI_PUSH_INTERVAL_MS,
  kpiSource: config.KPI_SOURCE,
  flushOutbox: () => relayOnce(orm, events),
  ...(events instanceof RedisEventBus ? { onBusReconnect: (handler: () => void) => events.onReconnect(handler) } : {}),
});

const schema = await buildApiSchema();
const server = await startServer({
  settings,
  live,
  orm,
  schema,
  clock,
  logger,
  port: config.PORT,
  host: config.HOST,
  adminApiKey: config.ADMIN_API_KEY,
  consoleDist: path.resolve(repoRoot, config.CONSOLE_DIST),
  jobs,
});

const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
const lines = [
  '',
  `Recupera is ready in ${seconds} s`,
  `  console      ${server.url}/`,
  `  GraphQL      ${server.url}/graphql   (WebSocket: ${server.url.replace('http', 'ws')}/graphql)`,
  `  GraphQL IDE  ${server.url}/graphiql`,
  `  health       ${server.url}/healthz`,
];
// Printed only where the demo keys really exist (a database the demo seeder filled).
const demoKeysStored = (await systemEm(orm).count(ApiKey, { hash: hashKey(DEMO_KEYS[0]!.key) })) > 0;
if (demoKeysStored) {
  lines.push('', '  Demo API keys (send as "Authorization: Bearer <key>"):');
  for (const demoKey of DEMO_KEYS) lines.push(`    ${demoKey.label.padEnd(28)} ${demoKey.key}`);
}
if (config.ADMIN_API_KEY) lines.push('', '  ADMIN_API_KEY is accepted as an admin key.');
console.log(lines.join('\n') + '\n');

// --- traffic simulator (packages/api/src/simulator): drives the demo floor over HTTP, like agent desktops would.
let simulator: TrafficSimulator | null = null;
if (config.SIMULATE && demoKeysStored) {
  simulator = new TrafficSimulator({
    endpoint: server.url,
    apiKey: DEMO_KEYS.find((demoKey) => demoKey.role === 'MANAGER')!.key,
    seed: config.SIMULATION_SEED,
    speed: config.SIMULATION_SPEED,
    promiseMaxDays: config.PROMISE_MAX_DAYS,
    onEvent: (event) => {
      if (event.type === 'error') logger.debug(`simulator: ${event.operation} ${event.code}: ${event.message}`);
    },
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
// --- end traffic simulator

async function shutdown(signal: string): Promise<void> {
  if (!isFirstStopSignal(signal)) return;
  logger.info(`${signal}: shutting down`);
  // First, while the server still answers: agents log out and the last requests finish.
  if (simulator) {
    await simulator.stop();
    logger.info('traffic simulator stopped', simulator.snapshot());
  }
  await server.close();
  live.close();
  await relay.stop();
  if (events instanceof RedisEventBus) await events.close();
  // Before the database: running jobs finish their transactions first.
  await jobs.close();
  await orm.close(true);
  await embedded?.stop();
  process.exit(0);
}
// Replaces the start-up handlers of core/process-guard.ts: from here on a signal means the orderly shutdown
// (simulator, subscriptions, jobs, then the database, which runs in its own session and is stopped last).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => void shutdown(signal));
}
