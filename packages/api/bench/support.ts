/**
 * What the benches share: the seeded benchmark database on the local PostgreSQL (created and seeded once, kept
 * between runs), the API started in-process on it, a GraphQL POST helper, percentiles, and the results folder.
 */
import { createApp } from '../src/app/create-app.ts';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { FixedClock } from '../src/core/clock.ts';
import { databaseUrl } from '../src/core/database/admin.ts';
import { migrate, systemEm, type Orm } from '../src/core/database/orm.ts';
import { openOrm } from '../src/app/database.ts';
import type { RunningServer } from '../src/core/http/server.ts';
import { Account } from '../src/modules/portfolio/account.entity.ts';
import { seedDemo } from '../src/seed/demo-seeder.ts';
import { loadConfig } from '../src/core/config.ts';

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
  const orm = await openOrm({ url: benchDatabaseUrl(), poolMax: options.poolMax ?? 10 });
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

/** The benchmark database's URL. */
export function benchDatabaseUrl(): string {
  return databaseUrl(serverUrl, database);
}

/** The API on a loopback port over the benchmark database (createApp, as production starts it), with the bench admin key. */
export async function startBenchServer(clock: FixedClock, options: { poolMax?: number } = {}): Promise<RunningServer> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    ADMIN_API_KEY: ADMIN_KEY,
    DB_POOL_MAX: String(options.poolMax ?? 10),
    KPI_PUSH_INTERVAL_MS: '500',
    LOG_LEVEL: 'warn',
  });
  const app = await createApp({ config, databaseUrl: benchDatabaseUrl(), clock, recurringJobs: false });
  return { ...app.server, close: () => app.close() };
}

export interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** POST /graphql; the whole body, errors included. */
export async function postRaw<T = unknown>(
  server: Pick<RunningServer, 'url'>,
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

/** A TCP port free on the loopback interface right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
