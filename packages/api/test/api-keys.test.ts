import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAgency, createAgent, expectError, type AgencyData } from './support/fixtures.ts';
import { Watch, wsClient } from './support/graphql-ws-client.ts';
import { sql, startTestApi, TEST_ADMIN_KEY, TEST_NOW, type TestApi } from './support/test-api.ts';
import { sleep, waitFor } from './support/wait.ts';

/**
 * The API key lifecycle through the API (issue 10, attack 7 and "What to build"): keys are created with a label, an
 * expiry and their binding, listed without their secret, revoked and rotated with an overlap; a revoked or expired
 * key stops at once, its open WebSockets and subscriptions included, on every instance. Time moves on the test's
 * clock (the key directory and the WebSocket expiry sweep read it).
 */

const MINUTE = 60_000;
const KEY_FIELDS = 'id prefix role label createdAt lastUsedAt expiresAt revokedAt agency { id } agent { id }';
const CREATE = `mutation ($role: Role!, $agencyId: ID, $agentId: ID, $label: String, $expiresAt: DateTime) {
  createApiKey(role: $role, agencyId: $agencyId, agentId: $agentId, label: $label, expiresAt: $expiresAt) {
    id key role agencyId agentId
  }
}`;
const LIST = `query ($agencyId: ID) { apiKeys(agencyId: $agencyId) { ${KEY_FIELDS} } }`;
const REVOKE = `mutation ($id: ID!) { revokeApiKey(id: $id) { ${KEY_FIELDS} } }`;
const ROTATE = `mutation ($id: ID!, $overlapMinutes: Int) {
  rotateApiKey(id: $id, overlapMinutes: $overlapMinutes) { id key role agencyId agentId }
}`;
const ME = '{ me { role agency { id } agent { id } } }';
const KPIS = 'subscription { kpiUpdated(scope: {}, window: TODAY) { attempts } }';

interface Created {
  id: string;
  key: string;
  role: string;
  agencyId: string | null;
  agentId: string | null;
}
interface Listed {
  id: string;
  prefix: string;
  role: string;
  label: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  agency: { id: string } | null;
  agent: { id: string } | null;
}

describe('API keys: create, list, revoke, rotate, expire', () => {
  let api: TestApi;
  let agency: AgencyData;
  const clients: Client[] = [];

  beforeAll(async () => {
    api = await startTestApi();
    agency = await createAgency(api, { code: 'LLAVES', name: 'Agencia de Llaves' });
  });
  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await api.close();
  });
  beforeEach(() => api.clock.set(TEST_NOW));

  async function create(variables: Record<string, unknown>, target: TestApi = api): Promise<Created> {
    return (await target.ok<{ createApiKey: Created }>(CREATE, variables)).createApiKey;
  }
  async function list(agencyId: string | null = null, target: TestApi = api): Promise<Listed[]> {
    return (await target.ok<{ apiKeys: Listed[] }>(LIST, { agencyId })).apiKeys;
  }
  const listed = async (id: string, target: TestApi = api) => (await list(null, target)).find((key) => key.id === id);
  const works = async (key: string, target: TestApi = api) => (await target.gql(ME, {}, key)).status === 200;

  /** A subscription of `key` on a connection of its own, with how that connection closed. */
  function subscribed(key: string, target: TestApi = api) {
    const client = wsClient(target, { key, lazy: false });
    clients.push(client);
    const closed = new Promise<number | null>((resolve) =>
      client.on('closed', (event) => resolve((event as { code?: number }).code ?? null)),
    );
    return { watch: new Watch<unknown>(client, KPIS), closed };
  }

  it('creates a key with its label, expiry and agency, shows the secret once and lists it without it', async () => {
    const expiresAt = new Date(TEST_NOW.getTime() + 30 * 24 * 60 * MINUTE).toISOString();
    const created = await create({ role: 'AGENCY', agencyId: agency.id, label: 'Integración CRM', expiresAt });
    expect(created).toMatchObject({ role: 'AGENCY', agencyId: agency.id, agentId: null });
    expect(created.key).toMatch(/^rk_agency_[A-Za-z0-9_-]{43}$/);

    const keys = await list(agency.id);
    expect(keys.map((key) => key.id)).toEqual([created.id]);
    expect(keys[0]).toMatchObject({
      prefix: created.key.slice(0, 12),
      role: 'AGENCY',
      label: 'Integración CRM',
      expiresAt,
      revokedAt: null,
      lastUsedAt: null,
      agency: { id: agency.id },
      agent: null,
    });
    // Neither the listing nor the table holds the secret, only its first characters.
    const everything = JSON.stringify(await list());
    expect(everything).not.toContain(created.key);
    expect(everything).not.toContain(created.key.slice(12, 24));
    const [row] = await sql<Record<string, unknown>>(api, 'select * from api_key where id = ?', [created.id]);
    expect(JSON.stringify(row)).not.toContain(created.key);

    const me = await api.ok<{ me: { role: string; agency: { id: string } } }>(ME, {}, created.key);
    expect(me.me).toMatchObject({ role: 'AGENCY', agency: { id: agency.id } });
  });

  it('binds an AGENT key to its agent, and lists keys only to an ADMIN', async () => {
    const team = await createAgency(api, { code: 'EQUIPO-LL', partner: false });
    const agent = await createAgent(api, 'Agente con Llave', team.id);
    const created = await create({ role: 'AGENT', agentId: agent.id, label: 'Softphone' });
    expect(created.agentId).toBe(agent.id);
    expect((await listed(created.id))?.agent).toEqual({ id: agent.id });
    const me = await api.ok<{ me: { agent: { id: string } } }>(ME, {}, created.key);
    expect(me.me.agent).toEqual({ id: agent.id });
    for (const key of [created.key, (await create({ role: 'AGENCY', agencyId: agency.id })).key]) {
      expectError(await api.gql(LIST, {}, key), 'FORBIDDEN');
      expectError(await api.gql(REVOKE, { id: created.id }, key), 'FORBIDDEN');
    }
    expect((await listed(created.id))?.revokedAt).toBeNull();
  });

  it('refuses an expiry in the past and an unknown agent, naming the field', async () => {
    expectError(
      await api.gql(CREATE, { role: 'MANAGER', expiresAt: new Date(TEST_NOW.getTime() - MINUTE).toISOString() }),
      'BAD_USER_INPUT',
      'expiresAt',
    );
    expectError(
      await api.gql(CREATE, { role: 'AGENT', agentId: '0190c0de-0000-7000-8000-000000000000' }),
      'NOT_FOUND',
      'agentId',
    );
  });

  it('refuses an expired key, and closes its open WebSocket when it expires', async () => {
    const expiresAt = new Date(TEST_NOW.getTime() + 10 * MINUTE);
    const created = await create({ role: 'SUPERVISOR', expiresAt: expiresAt.toISOString() });
    expect(await works(created.key)).toBe(true);
    const live = subscribed(created.key);
    await live.watch.next(() => true);

    api.clock.set(new Date(expiresAt.getTime() + 1));
    const response = await api.gql(ME, {}, created.key);
    expect(response.status).toBe(401);
    expectError(response, 'UNAUTHENTICATED');
    // The sweep of open connections runs every second.
    expect(await live.closed).toBe(4403);
    await waitFor('the subscription to end', () => live.watch.ended, 3_000);
  });

  it('revokes a key at once, its open WebSocket and subscription included, and answers a second revocation as is', async () => {
    const created = await create({ role: 'SUPERVISOR', label: 'Pantalla de sala' });
    expect(await works(created.key)).toBe(true);
    const live = subscribed(created.key);
    await live.watch.next(() => true);

    const revoked = (await api.ok<{ revokeApiKey: Listed }>(REVOKE, { id: created.id })).revokeApiKey;
    expect(revoked.revokedAt).toBe(TEST_NOW.toISOString());
    expect(await live.closed).toBe(4403);
    await waitFor('the subscription to end', () => live.watch.ended, 3_000);
    const response = await api.gql(ME, {}, created.key);
    expect(response.status).toBe(401);
    expectError(response, 'UNAUTHENTICATED');
    // Nor can it open a new connection.
    const again = subscribed(created.key);
    expect(await again.closed).toBe(4403);

    api.clock.set(new Date(TEST_NOW.getTime() + MINUTE));
    const twice = (await api.ok<{ revokeApiKey: Listed }>(REVOKE, { id: created.id })).revokeApiKey;
    expect(twice.revokedAt).toBe(TEST_NOW.toISOString());
    expectError(await api.gql(REVOKE, { id: 'not-a-key-id' }), 'NOT_FOUND', 'id');
  });

  it('rotates a key: the new one works at once, the old one for the overlap only', async () => {
    const created = await create({ role: 'AGENCY', agencyId: agency.id, label: 'Rotada' });
    const live = subscribed(created.key);
    await live.watch.next(() => true);
    let closedAt: number | null = null;
    void live.closed.then((code) => (closedAt = code));
    const rotated = (await api.ok<{ rotateApiKey: Created }>(ROTATE, { id: created.id, overlapMinutes: 15 }))
      .rotateApiKey;
    expect(rotated).toMatchObject({ role: 'AGENCY', agencyId: agency.id });
    expect(rotated.key).not.toBe(created.key);
    const keys = await list(agency.id);
    expect((await listed(rotated.id))?.label).toBe('Rotada');
    expect(keys.find((key) => key.id === created.id)?.expiresAt).toBe(
      new Date(TEST_NOW.getTime() + 15 * MINUTE).toISOString(),
    );

    api.clock.set(new Date(TEST_NOW.getTime() + 14 * MINUTE));
    expect(await works(created.key)).toBe(true);
    expect(await works(rotated.key)).toBe(true);
    // The old key's open connection lives through the overlap (the expiry sweep runs every second)…
    await sleep(1_500);
    expect(closedAt).toBeNull();
    expect(live.watch.ended).toBe(false);
    api.clock.set(new Date(TEST_NOW.getTime() + 15 * MINUTE));
    expect(await works(created.key)).toBe(false);
    expect(await works(rotated.key)).toBe(true);
    // …and closes when it ends.
    expect(await live.closed).toBe(4403);

    // A revoked key is not rotated, and an overlap over a week is refused.
    expectError(
      await api.gql(ROTATE, { id: rotated.id, overlapMinutes: 7 * 24 * 60 + 1 }),
      'BAD_USER_INPUT',
      'overlapMinutes',
    );
    await api.ok(REVOKE, { id: rotated.id });
    expectError(await api.gql(ROTATE, { id: rotated.id }), 'BAD_USER_INPUT', 'id');
  });

  it('stops the old key at once when rotated without overlap', async () => {
    const created = await create({ role: 'MANAGER' });
    const rotated = (await api.ok<{ rotateApiKey: Created }>(ROTATE, { id: created.id })).rotateApiKey;
    expect(await works(created.key)).toBe(false);
    expect(await works(rotated.key)).toBe(true);
  });

  describe('on a second instance of the same deployment', () => {
    let second: TestApi;
    beforeAll(async () => {
      second = await startTestApi({ sharedDatabase: api.database });
    });
    afterAll(() => second?.close());

    it('refuses a key revoked on the first instance at once, and closes its WebSocket there', async () => {
      const created = await create({ role: 'SUPERVISOR', label: 'Dos instancias' });
      // The second instance has read the key and keeps it in memory.
      expect(await works(created.key, second)).toBe(true);
      const live = subscribed(created.key, second);
      await live.watch.next(() => true);

      await api.ok(REVOKE, { id: created.id });
      // PostgreSQL notifies the second instance on commit; it forgets the key as the notification arrives
      // (milliseconds), without a request of its own to the database. A second is a generous bound on a loaded machine.
      await waitFor('the second instance to refuse the key', async () => !(await works(created.key, second)), 1_000);
      expect(await live.closed).toBe(4403);
      await waitFor('the subscription to end', () => live.watch.ended, 3_000);
    });

    it('records when a key was last used (written by the instance that saw it)', async () => {
      const created = await create({ role: 'SUPERVISOR', label: 'Uso' });
      const third = await startTestApi({ sharedDatabase: api.database });
      try {
        third.clock.set(new Date(TEST_NOW.getTime() + 5 * MINUTE));
        expect(await works(created.key, third)).toBe(true);
      } finally {
        // Instances write last-used times once a minute, and when they stop.
        await third.close();
      }
      expect((await listed(created.id))?.lastUsedAt).toBe(new Date(TEST_NOW.getTime() + 5 * MINUTE).toISOString());
    });
  });

  it('keeps the bootstrap admin key out of the stored keys', async () => {
    expect(JSON.stringify(await list())).not.toContain(TEST_ADMIN_KEY.slice(0, 12));
  });
});
