import type { Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAgency, createApiKey } from './support/fixtures.ts';
import { wsClient } from './support/graphql-ws-client.ts';
import { startTestApi, TEST_ADMIN_KEY, type TestApi } from './support/test-api.ts';

/** What a subscription delivered before it ended, and how it ended. */
interface Outcome {
  results: { data?: Record<string, unknown> | null; errors?: readonly { message: string; extensions?: unknown }[] }[];
  completed: boolean;
  error: unknown;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('subscriptions over graphql-ws', () => {
  let api: TestApi;
  const clients: Client[] = [];

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
  });
  afterAll(() => api.close());

  function connect(connectionParams?: Record<string, unknown>): Client {
    const client = wsClient(api, { ...(connectionParams ? { connectionParams } : {}), lazy: true });
    clients.push(client);
    return client;
  }

  /** Runs one subscription to its end (complete or error), or gives up after `timeoutMs`. */
  function run(client: Client, query: string, timeoutMs = 5_000): Promise<Outcome> {
    return new Promise((resolve, reject) => {
      const outcome: Outcome = { results: [], completed: false, error: undefined };
      const timer = setTimeout(
        () => reject(new Error(`subscription did not end: ${JSON.stringify(outcome)}`)),
        timeoutMs,
      );
      client.subscribe(
        { query },
        {
          next: (result) => outcome.results.push(result as Outcome['results'][number]),
          complete: () => {
            clearTimeout(timer);
            outcome.completed = true;
            resolve(outcome);
          },
          error: (error) => {
            clearTimeout(timer);
            outcome.error = error;
            resolve(outcome);
          },
        },
      );
    });
  }

  it('streams serverTime: three ISO instants about 100 ms apart, then completes', async () => {
    const started = Date.now();
    const outcome = await run(
      connect({ authorization: `Bearer ${TEST_ADMIN_KEY}` }),
      'subscription { serverTime(intervalMs: 100, count: 3) }',
    );
    const elapsed = Date.now() - started;

    expect(outcome.error).toBeUndefined();
    expect(outcome.completed).toBe(true);
    expect(outcome.results).toHaveLength(3);
    const instants = outcome.results.map((result) => {
      expect(result.errors).toBeUndefined();
      return result.data!.serverTime as string;
    });
    for (const instant of instants) {
      expect(instant).toMatch(ISO_INSTANT);
      expect(new Date(instant).toISOString()).toBe(instant);
    }
    expect([...instants].sort()).toEqual(instants);
    // Two waits of 100 ms separate the three ticks (measured here, whatever clock the server reads).
    expect(elapsed).toBeGreaterThanOrEqual(190);
  });

  it('accepts any valid key, e.g. a partner agency key', async () => {
    const agency = await createAgency(api);
    const key = await createApiKey(api, 'AGENCY', agency.id);
    const outcome = await run(
      connect({ authorization: `Bearer ${key}` }),
      'subscription { serverTime(intervalMs: 100, count: 1) }',
    );
    expect(outcome.completed).toBe(true);
    expect(outcome.results).toHaveLength(1);
    expect(outcome.results[0]!.data!.serverTime).toMatch(ISO_INSTANT);
  });

  it('accepts the bare key as well as the "Bearer <key>" header form', async () => {
    const outcome = await run(
      connect({ authorization: TEST_ADMIN_KEY }),
      'subscription { serverTime(intervalMs: 100, count: 1) }',
    );
    expect(outcome.completed).toBe(true);
    expect(outcome.results[0]!.data!.serverTime).toMatch(ISO_INSTANT);
  });

  it.each([
    ['no connection params', undefined],
    ['no authorization', { somethingElse: 'x' }],
    ['an unknown key', { authorization: 'Bearer rk_admin_never-issued-000000000000000000000' }],
    ['a malformed authorization', { authorization: 'Basic dXNlcjpwYXNz' }],
  ])('refuses a connection with %s: the socket is closed 4403 and nothing is streamed', async (_label, params) => {
    const outcome = await run(connect(params), 'subscription { serverTime(intervalMs: 100, count: 3) }');
    expect(outcome.results).toEqual([]);
    expect(outcome.completed).toBe(false);
    expect(outcome.error).toMatchObject({ code: 4403 });
  });

  it('answers kpiUpdated on an unknown scope with one NOT_FOUND error naming the field, and no stack', async () => {
    const outcome = await run(
      connect({ authorization: `Bearer ${TEST_ADMIN_KEY}` }),
      'subscription { kpiUpdated(scope: { campaignId: "00000000-0000-7000-8000-000000000000" }, window: TODAY) { attempts } }',
    );
    // graphql-ws delivers a failed subscribe() as one result carrying the errors; others may send an error message.
    const errors = outcome.results.flatMap((result) => result.errors ?? []);
    const reported = errors.length > 0 ? errors : ((outcome.error as { extensions?: unknown }[] | undefined) ?? []);
    expect(reported).toHaveLength(1);
    expect(reported[0]).toMatchObject({ extensions: { code: 'NOT_FOUND', field: 'scope.campaignId' } });
    expect(outcome.results.every((result) => result.data == null)).toBe(true);
    expect(JSON.stringify(outcome)).not.toMatch(/stacktrace|\bat \//i);
  });

  it('answers serverTime arguments out of range with BAD_USER_INPUT naming the argument', async () => {
    const client = connect({ authorization: `Bearer ${TEST_ADMIN_KEY}` });
    for (const [query, field] of [
      ['subscription { serverTime(intervalMs: 5, count: 3) }', 'intervalMs'],
      ['subscription { serverTime(intervalMs: 100, count: 0) }', 'count'],
    ] as const) {
      const outcome = await run(client, query);
      const errors = outcome.results.flatMap((result) => result.errors ?? []);
      expect(errors, query).toHaveLength(1);
      expect(errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field } });
    }
  });
});
