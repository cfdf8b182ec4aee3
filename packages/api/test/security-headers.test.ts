import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import WebSocket from 'ws';
import { launchApi } from './support/api-launcher.ts';
import { expectError } from './support/fixtures.ts';
import { graphqlClient } from './support/graphql-http-client.ts';
import { graphqlWsUrl } from './support/graphql-ws-client.ts';
import { startTestApi, TEST_ADMIN_KEY, type GraphQLResponse, type TestApi } from './support/test-api.ts';
import { cloneTemplate, type TestDatabase } from './support/test-database.ts';

/**
 * Issue 10, attack 10: no Content-Security-Policy, frame-ancestors, X-Content-Type-Options or Referrer-Policy on
 * the console, /graphql and the IDE; introspection and the IDE answered without a key; SEED_DEMO=always wrote the
 * published demo keys (admin included) into any database.
 */

/** The keys the demo seeder publishes in the README (src/seed/demo-seeder.ts), as anyone on the internet knows them. */
const PUBLISHED_DEMO_KEYS = [
  'demo-admin-0000-recupera',
  'demo-manager-0000-recupera',
  'demo-supervisor-0000-recupera',
  'demo-agent-0000-recupera',
  'demo-agency-cobsur-recupera',
  'demo-agency-limanorte-recupera',
];
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The directives of a Content-Security-Policy header, by name. */
function csp(header: string | null): Map<string, string[]> {
  expect(header, 'a Content-Security-Policy header').toBeTruthy();
  return new Map(
    header!
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

/** The headers every surface must send, whatever its policy. */
function expectCommonHeaders(response: Response, where: string) {
  expect(response.headers.get('x-content-type-options'), where).toBe('nosniff');
  expect(response.headers.get('referrer-policy'), where).toBe('no-referrer');
  expect(response.headers.get('x-powered-by'), where).toBeNull();
}

describe('issue 10, attack 10: headers, introspection, the IDE and the demo keys', () => {
  let api: TestApi;
  let consoleDist: string;

  beforeAll(async () => {
    consoleDist = mkdtempSync(path.join(tmpdir(), 'recupera-console-'));
    writeFileSync(path.join(consoleDist, 'index.html'), '<!doctype html><title>Recupera</title>');
    api = await startTestApi({ consoleDist });
  });
  afterAll(async () => {
    await api.close();
    rmSync(consoleDist, { recursive: true, force: true });
  });

  it('sends /graphql and /healthz with a policy that loads nothing and is never framed', async () => {
    const answers = [
      await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_KEY}` },
        body: JSON.stringify({ query: '{ __typename }' }),
      }),
      // A refusal before GraphQL runs carries them too.
      await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-key' },
        body: '{}',
      }),
      await fetch(`${api.url}/healthz`),
    ];
    for (const response of answers) {
      expectCommonHeaders(response, response.url);
      const policy = csp(response.headers.get('content-security-policy'));
      expect(policy.get('default-src')).toEqual(["'none'"]);
      expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it("sends the console with its own scripts only and no framing, on any of the console's routes", async () => {
    for (const page of ['/', '/floor', '/accounts/some-id']) {
      const response = await fetch(`${api.url}${page}`);
      expect(response.status, page).toBe(200);
      expect(await response.text()).toContain('<title>Recupera</title>');
      expectCommonHeaders(response, page);
      const policy = csp(response.headers.get('content-security-policy'));
      expect(policy.get('script-src'), page).toEqual(["'self'"]);
      expect(policy.get('object-src'), page).toEqual(["'none'"]);
      expect(policy.get('frame-ancestors'), page).toEqual(["'none'"]);
      expect(policy.get('connect-src'), page).toEqual(["'self'"]);
    }
  });

  it('sends the IDE framed by itself only', async () => {
    const response = await fetch(`${api.url}/graphiql/`);
    expect(response.status).toBe(200);
    expectCommonHeaders(response, '/graphiql/');
    const policy = csp(response.headers.get('content-security-policy'));
    expect(policy.get('frame-ancestors')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('refuses introspection without a key (401 UNAUTHENTICATED), and answers it with one', async () => {
    const anonymous = graphqlClient(api.url);
    for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Account") { name fields { name } } }']) {
      const response = await anonymous.gql(query);
      expect(response.status, query).toBe(401);
      expectError(response, 'UNAUTHENTICATED');
      expect(response.data ?? null).toBeNull();
    }
    const keyed = await api.gql<{ __schema: { types: { name: string }[] } }>('{ __schema { types { name } } }');
    expect(keyed.data!.__schema.types.map((type) => type.name)).toContain('Account');
    // A bare __typename reveals nothing and stays open (health checks and clients probing the endpoint use it).
    expect((await anonymous.gql('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('refuses a WebSocket connection without a key before any operation', async () => {
    const socket = new WebSocket(graphqlWsUrl(api.url), 'graphql-transport-ws');
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    expect(await closed).toBe(4403);
  });

  it('does not serve the IDE on a deployment (DATABASE_URL set) unless GRAPHQL_IDE=on', async () => {
    const deployment = await startTestApi({
      sharedDatabase: api.database,
      env: { DATABASE_URL: api.database.url },
    });
    try {
      const response = await fetch(`${deployment.url}/graphiql/`);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('altair');
    } finally {
      await deployment.close();
    }
  });

  describe('SEED_DEMO=always on a server that others can reach', () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await cloneTemplate(inject('templateDatabase'));
    });
    afterAll(() => database?.drop());

    it('seeds the demo with keys of its own, shown once, never the published ones', async () => {
      const launched = await launchApi({
        name: 'API on 0.0.0.0 with SEED_DEMO=always',
        env: {
          DATABASE_URL: database.url,
          SEED_DEMO: 'always',
          DEMO_ACCOUNTS: '100',
          SIMULATE: '0',
          HOST: '0.0.0.0',
          PORT: '0',
          METRICS_PORT: 'off',
          LOG_LEVEL: 'warn',
          REDIS_URL: '',
          ADMIN_API_KEY: '',
        },
        startTimeoutMs: 120_000,
      });
      try {
        const client = graphqlClient(launched.url);
        for (const key of PUBLISHED_DEMO_KEYS) {
          const response: GraphQLResponse = await client.gql('{ me { role } }', {}, key);
          expect(response.status, key).toBe(401);
        }
        // The keys it made instead are printed once; the admin one works.
        const printed = launched.output();
        expect(printed).toContain('generated for this database');
        const generated = [...printed.matchAll(/\brk_admin_[A-Za-z0-9_-]{43}\b/g)].map((match) => match[0]);
        expect(generated).toHaveLength(1);
        expect((await client.ok<{ me: { role: string } }>('{ me { role } }', {}, generated[0]!)).me.role).toBe('ADMIN');
        for (const key of PUBLISHED_DEMO_KEYS) expect(printed).not.toContain(key);
      } finally {
        await launched.stop();
      }
      // Straight from the database: none of the published keys' hashes is stored.
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ n: number }>(
          'select count(*)::int as n from api_key where hash = any($1)',
          [PUBLISHED_DEMO_KEYS.map(sha256)],
        );
        expect(rows[0]!.n).toBe(0);
        const { rows: all } = await client.query<{ n: number }>('select count(*)::int as n from api_key');
        expect(all[0]!.n).toBe(PUBLISHED_DEMO_KEYS.length);
      } finally {
        await client.end();
      }
    });
  });
});
