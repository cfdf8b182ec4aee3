import { inject } from 'vitest';
import { FixedClock } from '../../src/core/clock.ts';
import { createOrm, systemEm, type Orm } from '../../src/core/database/orm.ts';
import { buildApiSchema } from '../../src/core/graphql/schema.ts';
import { startServer, type RunningServer } from '../../src/core/http/server.ts';
import { createLogger } from '../../src/core/logger.ts';
import { cloneTemplate, type TestDatabase } from './test-database.ts';

export const TEST_ADMIN_KEY = 'test-admin-key-do-not-use-in-production';
/** Tuesday 2026-11-24, 10:00 in Lima: business date 2026-11-24 in the operation's zone. */
export const TEST_NOW = new Date('2026-11-24T15:00:00.000Z');
export const OPERATION_TIME_ZONE = 'America/Lima';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface TestApi {
  url: string;
  orm: Orm;
  clock: FixedClock;
  database: TestDatabase;
  server: RunningServer;
  /** POST /graphql as the holder of `key` (the bootstrap admin key unless told otherwise; null: no header). */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    key?: string | null,
  ): Promise<GraphQLResponse<T>>;
  /** Like gql, but fails the test on any GraphQL error and returns `data`. */
  ok<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, key?: string | null): Promise<T>;
  close(): Promise<void>;
}

/** A real API server on a loopback port, on a database of its own, cloned from the migrated template. */
export async function startTestApi(): Promise<TestApi> {
  const database = await cloneTemplate(inject('templateDatabase'));
  const orm = await createOrm({ url: database.url, poolMax: 10 });
  const clock = new FixedClock(TEST_NOW, OPERATION_TIME_ZONE);
  const server = await startServer({
    orm,
    schema: await buildApiSchema(),
    clock,
    logger: createLogger('silent'),
    port: 0,
    host: '127.0.0.1',
    adminApiKey: TEST_ADMIN_KEY,
  });
  const gql = async <T>(
    query: string,
    variables: Record<string, unknown> = {},
    key: string | null = TEST_ADMIN_KEY,
  ) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
    return { status: response.status, ...body };
  };
  return {
    url: server.url,
    orm,
    clock,
    database,
    server,
    gql,
    ok: async <T>(query: string, variables?: Record<string, unknown>, key?: string | null) => {
      const result = await gql<T>(query, variables, key);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return result.data as T;
    },
    close: async () => {
      await server.close();
      await orm.close(true);
      await database.drop();
    },
  };
}

/** Runs SQL on the test database outside the API, for expectations computed independently of it (`?` placeholders). */
export async function sql<T extends Record<string, unknown>>(
  api: TestApi,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  return systemEm(api.orm).getConnection().execute<T[]>(text, params);
}
