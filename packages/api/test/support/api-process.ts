import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Orm } from '../../src/core/database/orm.ts';
import { testRedisUrl } from './redis.ts';
import { graphqlClient, TEST_ADMIN_KEY, type GraphQLResponse, type TestApi } from './test-api.ts';
import { sleep, waitFor } from './wait.ts';

/**
 * A real API process (`src/main.ts`, as production starts it) on a loopback port, for the multi-instance
 * suite: its own environment, its URL read from what it prints, stopped with SIGINT (its graceful shutdown)
 * and SIGKILL only if that hangs.
 */

const apiRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface ApiProcessOptions {
  /** A label for errors and printed timings. */
  name: string;
  databaseUrl: string;
  /** REDIS_PREFIX: the BullMQ keys and the event-bus channel of this test run, shared by its instances. */
  redisPrefix: string;
  pushIntervalMs?: number;
  startTimeoutMs?: number;
}

export interface ApiProcess {
  name: string;
  url: string;
  pid: number;
  /** Milliseconds from spawn to a healthy /healthz. */
  startupMs: number;
  /** The start time main.ts reports (after its imports), e.g. "3.8 s": module loading is the rest. */
  reportedReady: string;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    key?: string | null,
  ): Promise<GraphQLResponse<T>>;
  ok<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, key?: string | null): Promise<T>;
  /** What the process printed so far (stdout and stderr), for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

const READY_LINE = /health\s+(http:\/\/\S+)\/healthz/;

/** Spawns the API and resolves once it printed its URL and answers /healthz; rejects if it exits first. */
export async function startApiProcess(options: ApiProcessOptions): Promise<ApiProcess> {
  const started = Date.now();
  // The Node that runs the tests (22, as pnpm provides) with tsx as a loader: one process, so the pid we signal
  // is the API itself rather than a pnpm or tsx wrapper that may exit before the API finished shutting down.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: apiRoot,
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: options.redisPrefix,
      PORT: '0',
      HOST: '127.0.0.1',
      ADMIN_API_KEY: TEST_ADMIN_KEY,
      SEED_DEMO: 'never',
      SIMULATE: '0',
      LOG_LEVEL: 'warn',
      KPI_PUSH_INTERVAL_MS: String(options.pushIntervalMs ?? 100),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${options.name} did not start in time:\n${printed}`));
    }, options.startTimeoutMs ?? 60_000);
    const collect = (chunk: Buffer) => {
      printed += chunk.toString();
      const match = READY_LINE.exec(printed);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited with ${code} before it was ready:\n${printed}`));
    });
  });
  await waitFor(`${options.name} /healthz`, async () => {
    const response = await fetch(`${url}/healthz`).catch(() => null);
    return response?.status === 200;
  });

  const { gql, ok } = graphqlClient(url, options.name);
  return {
    name: options.name,
    url,
    pid: child.pid!,
    startupMs: Date.now() - started,
    reportedReady: /ready in (\S+ s)/.exec(printed)?.[1] ?? '?',
    gql,
    ok,
    output: () => printed,
    stop: () => stopProcess(child, exited),
  };
}

async function stopProcess(child: ChildProcess, exited: Promise<unknown>, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGINT');
  const stopped = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)]);
  if (!stopped) {
    child.kill('SIGKILL');
    await exited;
  }
}

/**
 * The process seen through the `TestApi` shape the shared fixtures take: they only send GraphQL (`gql`, `ok`)
 * and, through `sql`, read the database with `orm` — here the test's own connection to the processes' database.
 */
export function asFixtureApi(api: ApiProcess, orm: Orm): TestApi {
  return { url: api.url, gql: api.gql, ok: api.ok, orm } as unknown as TestApi;
}
