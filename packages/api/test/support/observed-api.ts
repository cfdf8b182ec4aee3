import pg from 'pg';
import { createLogger } from '../../src/core/logger.ts';
import { PgWireCounter, type WireStatement } from './pg-wire-counter.ts';
import { scrape, type Scrape } from './prometheus.ts';
import { startTestApi, TEST_ADMIN_KEY, type TestApi, type TestApiOptions } from './test-api.ts';
import { testServerUrl } from './test-database.ts';

/** One JSON line the API logged. */
export type LogLine = Record<string, unknown> & { level: string; msg: string };

/**
 * A test API with what the observability suite reads it by: /metrics on a port of its own, every log line it writes
 * (at info), a wire counter between it and PostgreSQL, and a connection of the test's own to the same database that
 * does not go through the counter (for the oracles' SQL).
 */
export interface ObservedApi {
  api: TestApi;
  wire: PgWireCounter;
  lines: LogLine[];
  /** Plain SQL on the API's database, beside the wire counter. */
  query<T>(text: string, values?: unknown[]): Promise<T[]>;
  scrape(): Promise<Scrape>;
  /** POST /graphql with an `x-request-id` (or none) as the bootstrap admin; the response headers and body. */
  post(
    query: string,
    variables?: Record<string, unknown>,
    requestId?: string,
  ): Promise<{
    status: number;
    requestId: string | null;
    body: { data?: unknown; errors?: { extensions?: { code?: string } }[] };
  }>;
  /** Statements on the wire carrying the request id comment. */
  tagged(requestId: string): WireStatement[];
  close(): Promise<void>;
}

export async function startObservedApi(options: TestApiOptions = {}): Promise<ObservedApi> {
  const server = new URL(testServerUrl());
  const wire = new PgWireCounter({ host: server.hostname, port: Number(server.port || 5432) });
  await wire.start();
  const lines: LogLine[] = [];
  const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  const api = await startTestApi({
    ...options,
    // Every request's line, as a deployment writes them (the test API has no DATABASE_URL, like the embedded demo).
    env: { METRICS_PORT: '0', REQUEST_LOG: 'on', ...options.env },
    logger,
    databaseVia: (url) => wire.via(url),
  });
  const direct = new pg.Client({ connectionString: api.database.url });
  await direct.connect();
  return {
    api,
    wire,
    lines,
    query: async <T>(text: string, values: unknown[] = []) => (await direct.query(text, values)).rows as T[],
    scrape: () => scrape(api.metricsUrl!),
    post: async (query, variables = {}, requestId) => {
      const response = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${TEST_ADMIN_KEY}`,
          ...(requestId === undefined ? {} : { 'x-request-id': requestId }),
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as Awaited<ReturnType<ObservedApi['post']>>['body'];
      return { status: response.status, requestId: response.headers.get('x-request-id'), body };
    },
    tagged: (requestId) =>
      wire.statements.filter((statement) => statement.text.startsWith(`/* request_id=${requestId} */`)),
    close: async () => {
      await direct.end();
      await api.close();
      await wire.close();
    },
  };
}
