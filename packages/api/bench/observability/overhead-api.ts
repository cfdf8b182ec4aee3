/**
 * The API of the observability overhead bench, as a child process of it: createApp as production builds it, with
 * its observability on or off (OBSERVE=1|0) and request lines written at BENCH_LOG_LEVEL to /dev/null through the
 * same asynchronous pino destination as stderr would be. Prints its URL once it listens.
 */
import { pino } from 'pino';
import { createApp } from '../../src/app/create-app.ts';
import { loadConfig } from '../../src/core/config.ts';
import { createLogger, type LogLevel } from '../../src/core/logger.ts';
import { benchClock } from '../support.ts';

const observe = process.env.OBSERVE === '1';
const level = (process.env.BENCH_LOG_LEVEL ?? 'info') as LogLevel;
const config = loadConfig({
  PORT: '0',
  HOST: '127.0.0.1',
  ADMIN_API_KEY: process.env.ADMIN_API_KEY,
  DB_POOL_MAX: '10',
  METRICS_PORT: observe ? '0' : 'off',
  RATE_LIMIT_PER_KEY: '1000000',
  // Every request of the bench is fast: none is logged at warn as slow.
  SLOW_REQUEST_MS: '10000',
});
const logger = createLogger(
  level,
  level === 'silent' ? undefined : pino.destination({ dest: '/dev/null', sync: false }),
);
const app = await createApp({
  config,
  databaseUrl: process.env.DATABASE_URL!,
  clock: benchClock(),
  logger,
  recurringJobs: false,
  // Its polling would add the same CPU to both variants: left out so the difference stands out from less noise.
  outboxRelay: false,
  observe,
});
console.log(JSON.stringify({ url: app.url, metricsUrl: app.metricsUrl }));
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
