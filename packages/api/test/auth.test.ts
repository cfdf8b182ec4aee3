import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountRow,
  countRows,
  createAgency,
  createApiKey,
  CREATE_AGENT,
  CREATE_API_KEY,
  expectError,
  expectNoInternals,
  IMPORT_ACCOUNTS,
  importAccounts,
  nextSequence,
  PLACE_ACCOUNTS,
  postRaw,
  type AgencyData,
  type Role,
} from './support/fixtures.ts';
import { waitFor } from './support/wait.ts';
import { sql, startTestApi, TEST_ADMIN_KEY, type GraphQLResponse, type TestApi } from './support/test-api.ts';

const ACCOUNTS = '{ accounts(first: 5) { totalCount edges { node { id } } } }';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('authentication and authorisation', () => {
  let api: TestApi;
  let agency: AgencyData;

  beforeAll(async () => {
    api = await startTestApi();
    agency = await createAgency(api, { code: 'AUTHAG', name: 'Agencia de Pruebas de Acceso' });
    await importAccounts(api, [accountRow(), accountRow()]);
  });
  afterAll(() => api.close());

  /** gql, also checking the raw body never carries internals. */
  async function gql<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    key: string | null = TEST_ADMIN_KEY,
  ): Promise<GraphQLResponse<T>> {
    const response = await api.gql<T>(query, variables, key);
    expectNoInternals(JSON.stringify(response));
    return response;
  }

  describe('API keys on HTTP', () => {
    it('answers UNAUTHENTICATED to a request without an Authorization header', async () => {
      for (const query of [
        ACCOUNTS,
        '{ agencies { id } }',
        `{ account(id: "${randomUUID()}") { id } }`,
        '{ agents { id } }',
        'mutation { createAgency(code: "ANON", name: "Anónima", partner: true) { id } }',
      ]) {
        const response = await gql(query, {}, null);
        expectError(response, 'UNAUTHENTICATED');
        // Nothing is answered: data is null, or null in every (nullable) root field.
        expect(
          Object.values(response.data ?? {}).filter((value) => value !== null),
          query,
        ).toEqual([]);
      }
      expect(await sql(api, `select 1 from agency where code = 'ANON'`)).toEqual([]);

      // A scheme with no key after it is no key at all.
      const { text } = await postRaw(api, JSON.stringify({ query: ACCOUNTS }), {
        'content-type': 'application/json',
        authorization: 'Bearer ',
      });
      expectNoInternals(text);
      expectError({ ...(JSON.parse(text) as GraphQLResponse), status: 0 }, 'UNAUTHENTICATED');
    });

    it('answers HTTP 401 UNAUTHENTICATED to an unknown key', async () => {
      const response = await gql(ACCOUNTS, {}, 'rk_admin_this-key-was-never-issued-0000000000000');
      expect(response.status).toBe(401);
      expectError(response, 'UNAUTHENTICATED');
      expect(response.data ?? null).toBeNull();
    });

    it.each([
      ['another scheme', 'Basic dXNlcjpwYXNz'],
      ['two words after Bearer', 'Bearer one two'],
      ['the admin key with trailing junk', `Bearer ${TEST_ADMIN_KEY} junk`],
      ['the admin key without the scheme', TEST_ADMIN_KEY],
    ])('answers HTTP 401 UNAUTHENTICATED to a malformed header: %s', async (_label, header) => {
      const { status, text } = await postRaw(api, JSON.stringify({ query: ACCOUNTS }), {
        'content-type': 'application/json',
        authorization: header,
      });
      expect(status).toBe(401);
      expectNoInternals(text);
      const body = JSON.parse(text) as GraphQLResponse;
      expectError({ ...body, status }, 'UNAUTHENTICATED');
      expect(body.data ?? null).toBeNull();
    });

    it('refuses a revoked key', async () => {
      const key = await createApiKey(api, 'SUPERVISOR');
      expect((await gql(ACCOUNTS, {}, key)).errors).toBeUndefined();
      const [row] = await sql<{ id: string }>(api, 'select id::text from api_key where hash = ?', [sha256(key)]);
      expect(
        (await gql('mutation ($id: ID!) { revokeApiKey(id: $id) { id } }', { id: row!.id })).errors,
      ).toBeUndefined();
      const response = await gql(ACCOUNTS, {}, key);
      expect(response.status).toBe(401);
      expectError(response, 'UNAUTHENTICATED');
    });

    it('refuses a key an operator revoked in the database as soon as the table notifies', async () => {
      const key = await createApiKey(api, 'SUPERVISOR');
      expect((await gql(ACCOUNTS, {}, key)).errors).toBeUndefined();
      await sql(api, 'update api_key set revoked_at = now() where hash = ?', [sha256(key)]);
      // The notification is delivered after the update commits, a few milliseconds later: not "never".
      const response = await waitFor(
        'the revoked key to be refused',
        async () => {
          const answer = await gql(ACCOUNTS, {}, key);
          return answer.status === 401 ? answer : null;
        },
        2_000,
      );
      expectError(response, 'UNAUTHENTICATED');
    });
  });

  describe('createApiKey', () => {
    it('returns the key once and stores only its SHA-256', async () => {
      const before = await countRows(api, ['api_key']);
      const response = await gql<{ createApiKey: { key: string; role: string; agencyId: string | null } }>(
        CREATE_API_KEY,
        { role: 'MANAGER' },
      );
      const created = response.data!.createApiKey;
      expect(created.role).toBe('MANAGER');
      expect(created.agencyId).toBeNull();
      expect(created.key.length).toBeGreaterThanOrEqual(32);
      expect(await countRows(api, ['api_key'])).toEqual({ api_key: before.api_key! + 1 });

      const stored = await sql<{ hash: string; role: string; agency_id: string | null }>(
        api,
        'select hash, role, agency_id from api_key where hash = ?',
        [sha256(created.key)],
      );
      expect(stored).toEqual([{ hash: sha256(created.key), role: 'MANAGER', agency_id: null }]);

      // The key's text is nowhere in the key table or the audit trail; only a short prefix may be kept.
      const secret = created.key.slice(16);
      for (const table of ['api_key', 'domain_event']) {
        const rows = await sql<{ row: string }>(api, `select row_to_json(t)::text as row from ${table} t`);
        for (const { row } of rows) {
          expect(row).not.toContain(created.key);
          expect(row).not.toContain(secret);
        }
      }

      // A second call makes a different key, and no query hands a key out again: stored keys are listed (apiKeys)
      // with their prefix, never a field that could hold the secret or its hash.
      const again = await createApiKey(api, 'MANAGER');
      expect(again).not.toBe(created.key);
      const schema = await gql<{ __type: { fields: { name: string }[] } }>(
        '{ __type(name: "ApiKey") { fields { name } } }',
      );
      const keyFields = schema.data!.__type.fields.map((field) => field.name);
      expect(keyFields).toContain('prefix');
      expect(keyFields.filter((name) => /key|hash|secret/i.test(name))).toEqual([]);
    });

    it('issues keys that work with their role', async () => {
      const manager = await createApiKey(api, 'MANAGER');
      const supervisor = await createApiKey(api, 'SUPERVISOR');
      const agencyKey = await createApiKey(api, 'AGENCY', agency.id);

      expect((await api.ok<{ accounts: { totalCount: number } }>(ACCOUNTS, {}, supervisor)).accounts.totalCount).toBe(
        Number((await sql<{ n: string }>(api, 'select count(*)::text as n from account'))[0]!.n),
      );
      const imported = await gql<{ importAccounts: { imported: number } }>(
        IMPORT_ACCOUNTS,
        { creditorName: 'Acreedor del Gerente', portfolioName: 'Lote', accounts: [accountRow()] },
        manager,
      );
      expect(imported.data?.importAccounts.imported).toBe(1);
      // The agency key is bound to its agency: it lists that agency only.
      const agencies = await api.ok<{ agencies: { id: string }[] }>('{ agencies { id } }', {}, agencyKey);
      expect(agencies.agencies).toEqual([{ id: agency.id }]);
    });

    it('requires agencyId for an AGENCY key, and refuses it for any other role, storing nothing', async () => {
      const before = await countRows(api, ['api_key']);
      expectError(await gql(CREATE_API_KEY, { role: 'AGENCY' }), 'BAD_USER_INPUT', 'agencyId');
      for (const role of ['ADMIN', 'MANAGER', 'SUPERVISOR', 'AGENT']) {
        expectError(await gql(CREATE_API_KEY, { role, agencyId: agency.id }), 'BAD_USER_INPUT', 'agencyId');
      }
      expectError(await gql(CREATE_API_KEY, { role: 'AGENCY', agencyId: randomUUID() }), 'NOT_FOUND', 'agencyId');
      expectError(await gql(CREATE_API_KEY, { role: 'AGENCY', agencyId: 'not-an-id' }), 'NOT_FOUND', 'agencyId');
      expect(await countRows(api, ['api_key'])).toEqual(before);
    });
  });

  describe('roles', () => {
    type Operation = { name: string; query: string; variables: () => Record<string, unknown>; allowed: Role[] };
    const operations: Operation[] = [
      {
        name: 'accounts',
        query: ACCOUNTS,
        variables: () => ({}),
        allowed: ['MANAGER', 'SUPERVISOR', 'AGENT', 'AGENCY'],
      },
      {
        name: 'createAgency',
        query: 'mutation ($code: String!) { createAgency(code: $code, name: "Nueva", partner: true) { id } }',
        variables: () => ({ code: `ROLE${nextSequence()}` }),
        allowed: [],
      },
      { name: 'createApiKey', query: CREATE_API_KEY, variables: () => ({ role: 'AGENT' }), allowed: [] },
      {
        name: 'importAccounts',
        query: IMPORT_ACCOUNTS,
        variables: () => ({ creditorName: 'Acreedor Roles', portfolioName: 'Roles', accounts: [accountRow()] }),
        allowed: ['MANAGER'],
      },
      {
        name: 'placeAccounts',
        query: PLACE_ACCOUNTS,
        variables: () => ({ filter: { search: 'nadie-se-llama-asi' }, agencyId: agency.id }),
        allowed: ['MANAGER'],
      },
      {
        name: 'createAgent',
        query: CREATE_AGENT,
        variables: () => ({ name: `Agente ${nextSequence()}`, agencyId: agency.id }),
        allowed: ['MANAGER', 'AGENCY'],
      },
    ];
    const roles: Role[] = ['MANAGER', 'SUPERVISOR', 'AGENT', 'AGENCY'];
    const keys = new Map<Role, string>();
    beforeAll(async () => {
      for (const role of roles) keys.set(role, await createApiKey(api, role, role === 'AGENCY' ? agency.id : null));
    });

    it.each(roles)(
      '%s may do exactly what its role allows; anything else is FORBIDDEN and writes nothing',
      async (role) => {
        for (const operation of operations) {
          const before = await countRows(api, ['account', 'agency', 'agent', 'api_key', 'domain_event']);
          const response = await gql(operation.query, operation.variables(), keys.get(role)!);
          if (operation.allowed.includes(role)) {
            expect(response.errors, `${role} ${operation.name}`).toBeUndefined();
          } else {
            expectError(response, 'FORBIDDEN');
            expect(response.data ?? null, `${role} ${operation.name}`).toBeNull();
            expect(await countRows(api, ['account', 'agency', 'agent', 'api_key', 'domain_event'])).toEqual(before);
          }
        }
      },
    );
  });

  describe('createAgency', () => {
    it('answers CONFLICT on a code already taken, in any case', async () => {
      await createAgency(api, { code: 'DUPCODE' });
      const create = (code: string) =>
        gql('mutation ($code: String!) { createAgency(code: $code, name: "Otra", partner: false) { id } }', { code });
      expectError(await create('DUPCODE'), 'CONFLICT', 'code');
      expectError(await create('dupcode'), 'CONFLICT', 'code');
      expect(await sql(api, `select id from agency where upper(code) = 'DUPCODE'`)).toHaveLength(1);
    });

    it('lets exactly one of several simultaneous creations with one code win', async () => {
      const responses = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          gql('mutation ($name: String!) { createAgency(code: "RACE", name: $name, partner: true) { id } }', {
            name: `Carrera ${i}`,
          }),
        ),
      );
      const winners = responses.filter((response) => !response.errors);
      expect(winners).toHaveLength(1);
      for (const loser of responses.filter((response) => response.errors)) expectError(loser, 'CONFLICT', 'code');
      expect(await sql(api, `select id from agency where code = 'RACE'`)).toHaveLength(1);
    });

    it('names the invalid field', async () => {
      const mutation = `mutation ($code: String!, $name: String!) {
        createAgency(code: $code, name: $name, partner: true) { id }
      }`;
      const create = (code: string, name: string) => gql(mutation, { code, name });
      expectError(await create('X', 'Agencia'), 'BAD_USER_INPUT', 'code');
      expectError(await create('CON ESPACIO', 'Agencia'), 'BAD_USER_INPUT', 'code');
      expectError(await create('VALIDA', '   '), 'BAD_USER_INPUT', 'name');
      expectError(await create('VALIDA', 'x'.repeat(201)), 'BAD_USER_INPUT', 'name');
      expect(await sql(api, `select id from agency where code = 'VALIDA'`)).toEqual([]);
    });
  });

  describe('errors', () => {
    it('hides an unexpected internal error behind a bare INTERNAL_SERVER_ERROR', async () => {
      // A real fault: the table the query needs is gone (renamed back afterwards).
      await sql(api, 'alter table agency rename to agency_away');
      let response: GraphQLResponse;
      try {
        response = await gql('{ agencies { id code } }');
      } finally {
        await sql(api, 'alter table agency_away rename to agency');
      }
      expectError(response, 'INTERNAL_SERVER_ERROR');
      expect(response.errors![0]!.message).toBe('Internal server error');
      const text = JSON.stringify(response);
      expect(text).not.toMatch(/agency_away|relation|select|exception/i);
      // And the API is fine again.
      expect((await gql('{ agencies { id } }')).errors).toBeUndefined();
    });

    it('answers a body that is not JSON with a JSON error, not a stack trace', async () => {
      const { status, text } = await postRaw(api, '{"query": "{ accounts { totalCount } ', {
        'content-type': 'application/json',
        authorization: `Bearer ${TEST_ADMIN_KEY}`,
      });
      expect(status).toBe(400);
      expectNoInternals(text);
      const body = JSON.parse(text) as GraphQLResponse;
      expectError({ ...body, status }, 'BAD_REQUEST');

      // A body over the size limit (64 MB for an admin: room for a 200,000-row startImport) has a code of its own.
      const huge = await postRaw(api, JSON.stringify({ query: ACCOUNTS, variables: { pad: 'x'.repeat(70_000_000) } }), {
        'content-type': 'application/json',
        authorization: `Bearer ${TEST_ADMIN_KEY}`,
      });
      expect(huge.status).toBe(413);
      expectNoInternals(huge.text);
      expectError({ ...(JSON.parse(huge.text) as GraphQLResponse), status: huge.status }, 'BODY_TOO_LARGE');
    });

    it('answers syntax and validation errors with their codes and no internals', async () => {
      expectError(await gql('{ accounts { totalCount '), 'GRAPHQL_PARSE_FAILED');
      expectError(await gql('{ accounts { noSuchField } }'), 'GRAPHQL_VALIDATION_FAILED');
    });

    it('treats an id that is not a UUID as unknown, not as an internal error', async () => {
      const response = await gql(
        '{ account(id: "not-a-uuid") { id } campaign(id: "nope") { id } workQueues(campaignId: "x") { id } }',
      );
      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual({ account: null, campaign: null, workQueues: [] });
      expect((await gql(`{ account(id: "${randomUUID()}") { id } }`)).data).toEqual({ account: null });
      expectError(
        await gql('{ accounts(filter: { agencyId: "nope" }) { totalCount } }'),
        'BAD_USER_INPUT',
        'filter.agencyId',
      );
    });
  });
});
