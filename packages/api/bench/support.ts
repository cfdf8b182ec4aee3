/**
 * What the benches share: the seeded benchmark database on the local PostgreSQL (created and seeded once, kept
 * between runs), the API started in-process on it, a GraphQL POST helper, percentiles, and the results folder.
 */
import { InProcessEventBus } from '../src/core/events/event-bus.ts';
import { startOutboxRelay } from '../src/core/events/outbox-relay.ts';
import { startLive } from '../src/modules/kpi/live/live-services.ts';
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { FixedClock } from '../src/core/clock.ts';
import { databaseUrl } from '../src/core/database/admin.ts';
import { createOrm, migrate, systemEm, type Orm } from '../src/core/database/orm.ts';
import { buildApiSchema } from '../src/core/graphql/schema.ts';
import { startServer, type RunningServer } from '../src/core/http/server.ts';
import { createLogger } from '../src/core/logger.ts';
import { Account } from '../src/modules/portfolio/account.entity.ts';
import { seedDemo } from '../src/seed/demo-seeder.ts';
import { loadConfig, operationSettings } from '../src/core/config.ts';

export const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 1_000_000);
export const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const database = `recupera_bench_${ACCOUNTS}`;
export const ADMIN_KEY = 'bench-admin-key-0000000000';
/** Tuesday 2026-11-24, 10:00 in Lima: the business date the benchmark portfolio was seeded for. */
export const BENCH_NOW = new Date('2026-11-24T15:00:00.000Z');

/** A clock standing at BENCH_NOW in the operation's zone (benches may move it). */
export function benchClock(): FixedClock {
  return new FixedClock(BENCH_NOW, 'America/Lima');
}

async function ensureDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_database where datname = $1', [database]);
  if (exists.rowCount === 0) await admin.query(`create database "${database}"`);
  await admin.end();
}

/** The migrated benchmark database holding exactly ACCOUNTS accounts, seeding it first when it is empty. */
export async function openBenchDatabase(clock: FixedClock, options: { poolMax?: number } = {}): Promise<Orm> {
  await ensureDatabase();
  const orm = await createOrm({ url: databaseUrl(serverUrl, database), poolMax: options.poolMax ?? 10 });
  await migrate(orm);
  const existing = await systemEm(orm).count(Account, {});
  if (existing !== ACCOUNTS) {
    if (existing > 0) throw new Error(`${database} holds ${existing} accounts, expected 0 or ${ACCOUNTS}; drop it`);
    const seedStart = performance.now();
    await seedDemo(systemEm(orm), {
      accounts: ACCOUNTS,
      businessDate: clock.businessDate(),
      onProgress: (done, total) => {
        if (done % 100_000 === 0 || done === total) process.stderr.write(`seeded ${done}/${total}\n`);
      },
    });
    await systemEm(orm).getConnection().execute('vacuum analyze');
    console.log(`seeded ${ACCOUNTS} accounts in ${((performance.now() - seedStart) / 1000).toFixed(0)} s`);
  }
  return orm;
}

/** The API on a loopback port, with the bench admin key, its outbox relay and live KPI engine. */
export async function startBenchServer(orm: Orm, clock: FixedClock): Promise<RunningServer> {
  const logger = createLogger('warn');
  const settings = operationSettings(loadConfig({}));
  const events = new InProcessEventBus();
  const relay = startOutboxRelay(orm, events, logger);
  const live = await startLive({
    orm,
    bus: events,
    clock,
    logger,
    operationCurrency: settings.operationCurrency,
    pushIntervalMs: 500,
  });
  const server = await startServer({
    settings,
    live,
    orm,
    schema: await buildApiSchema(),
    clock,
    logger: createLogger('warn'),
    port: 0,
    host: '127.0.0.1',
    adminApiKey: ADMIN_KEY,
  });
  return {
    ...server,
    close: async () => {
      await server.close();
      live.close();
      await relay.stop();
    },
  };
}

export interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** POST /graphql; the whole body, errors included. */
export async function postRaw<T = unknown>(
  server: RunningServer,
  query: string,
  variables: Record<string, unknown>,
  key: string,
): Promise<GraphQLBody<T>> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLBody<T>;
}

/** POST /graphql; throws on any GraphQL error and returns `data`. */
export async function post<T = unknown>(
  server: RunningServer,
  query: string,
  variables: Record<string, unknown>,
  key: string,
): Promise<T> {
  const body = await postRaw<T>(server, query, variables, key);
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data as T;
}

/** The p-th percentile of ascending `sorted` (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Writes `bench/results/<name>.json` at the repository root; returns its path. */
export async function writeResults(name: string, results: unknown): Promise<string> {
  const resultsDir = fileURLToPath(new URL('../../../bench/results/', import.meta.url));
  await mkdir(resultsDir, { recursive: true });
  const path = `${resultsDir}${name}.json`;
  await writeFile(path, JSON.stringify(results, null, 2));
  return path;
}
