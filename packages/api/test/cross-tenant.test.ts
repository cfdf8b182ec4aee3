import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedTables, fingerprint, settledFingerprint } from './support/db-fingerprint.ts';
import { Watch, wsClient } from './support/graphql-ws-client.ts';
import {
  argumentsFor,
  declaredRoles,
  idKind,
  idPaths,
  operationDocument,
  rootOperations,
  servedSchema,
  withValueAt,
  type RootOperation,
} from './support/schema-operations.ts';
import { startTestApi, type GraphQLResponse, type TestApi } from './support/test-api.ts';
import { buildTenants, type Tenant, type Tenants } from './support/tenants.ts';
import { sleep } from './support/wait.ts';

/**
 * Agency A against everybody else's objects (issue 10, docs/security-testing.md), generated from the served schema:
 * every operation an agency's keys may call and that names an object by ID (an argument, or a field of an input) is
 * called with A's key and, at one ID at a time, B's object or an in-house one in place of A's own. The answer must
 * be exactly the answer to an id that exists nowhere — NOT_FOUND, null or an empty list, never FORBIDDEN that would
 * confirm the object exists, never data — the database must not change, and the response must hold none of B's or
 * in-house identifiers, names, references or amounts. A new operation is covered as soon as it is served.
 */
const schema = await servedSchema();
const OPERATIONS = rootOperations(schema);

const ROOT_TYPE = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' } as const;

/** The agency's keys: its AGENCY key, and a key of one of its agents. */
type Caller = 'AGENCY' | 'AGENT';

function allows(operation: RootOperation, role: Caller): boolean {
  const roles = declaredRoles(ROOT_TYPE[operation.kind], operation.name);
  return roles !== undefined && (roles.length === 0 || roles.includes(role));
}

/** The response as text with the ids the request itself sent taken out: naming back what was asked is no leak. */
function normalized(body: unknown, sent: readonly string[]): string {
  let text = JSON.stringify(body);
  for (const id of sent) text = text.split(id).join('<sent id>');
  return text;
}

function leaks(text: string, others: readonly Tenant[]): string[] {
  return others.flatMap((tenant) => tenant.secrets.filter((secret) => text.includes(secret)));
}

interface Outcome {
  codes: unknown[];
  text: string;
}

describe('agency A on B’s and in-house objects', () => {
  let api: TestApi;
  let tenants: Tenants;
  let others: Tenant[];

  beforeAll(async () => {
    api = await startTestApi({ env: { RATE_LIMIT_PER_KEY: '100000' } });
    tenants = await buildTenants(api);
    others = [tenants.b, tenants.house];
  });
  afterAll(() => api?.close());

  const keyOf = (caller: Caller) => (caller === 'AGENCY' ? tenants.keys.AGENCY : tenants.agentKeyA);

  /** The operation's request over HTTP, or its first second over graphql-ws for a subscription. */
  async function call(
    operation: RootOperation,
    args: Record<string, unknown>,
    key: string,
  ): Promise<Outcome & { raw: unknown }> {
    const document = operationDocument(operation, args);
    if (operation.kind !== 'subscription') {
      const response: GraphQLResponse<unknown> = await api.gql(document, args, key);
      const codes = (response.errors ?? []).map((error) => error.extensions?.code);
      return { codes, text: '', raw: { data: response.data ?? null, errors: response.errors ?? [] } };
    }
    const subscription = new Watch<unknown>(wsClient(api, key), document, args, true);
    try {
      // A refusal arrives at once; otherwise whatever the first second brings (the snapshot comes first).
      const deadline = Date.now() + 1_000;
      while (!subscription.errors.length && !subscription.ended && Date.now() < deadline) await sleep(20);
      const codes = subscription.errors.map((error) => error.extensions?.code);
      return {
        codes,
        text: '',
        raw: { data: subscription.messages.map((message) => message.data), errors: subscription.errors },
      };
    } finally {
      await subscription.close();
    }
  }

  /** Every (operation, caller, ID path) the agency's keys can reach, from the schema. */
  function cases(): { operation: RootOperation; caller: Caller; path: string }[] {
    return OPERATIONS.flatMap((operation) =>
      (['AGENCY', 'AGENT'] as const)
        .filter((caller) => allows(operation, caller))
        .flatMap((caller) => {
          const base = argumentsFor(operation, { ids: tenants.a.ids, optionalIds: true });
          return idPaths(operation, base).map((path) => ({ operation, caller, path }));
        }),
    );
  }

  it('reaches every operation of an agency that names an object', () => {
    const reached = new Set(cases().map(({ operation }) => operation.name));
    // Independently of the generator: the operations an agency may call with an ID argument or an input holding one.
    for (const name of ['account', 'accounts', 'recordPayment', 'recordInteraction', 'returnAccount', 'kpiUpdated']) {
      expect(reached, name).toContain(name);
    }
  });

  it('answers B’s and in-house ids exactly as ids that exist nowhere, changes nothing, and shows nothing of theirs', async () => {
    const findings: string[] = [];
    let checked = 0;
    // The control: A's own id must get another answer than an unknown one somewhere, or the comparison proves nothing.
    let ownDiffers = 0;
    for (const { operation, caller, path } of cases()) {
      const key = keyOf(caller);
      const base = argumentsFor(operation, { ids: tenants.a.ids, optionalIds: true });
      const kind = idKind(operation.name, path);
      const unknownId = randomUUID();
      const before = operation.kind === 'mutation' ? await settledFingerprint(api) : null;
      const nowhere = await call(operation, withValueAt(base, path, unknownId), key);
      if (operation.kind === 'query') {
        const ownId = tenants.a.ids[kind];
        const own = await call(operation, withValueAt(base, path, ownId), key);
        if (normalized(own.raw, [ownId]) !== normalized(nowhere.raw, [unknownId])) ownDiffers += 1;
      }
      for (const [owner, tenant] of [
        ['B', tenants.b],
        ['in-house', tenants.house],
      ] as const) {
        const foreignId = tenant.ids[kind];
        const answer = await call(operation, withValueAt(base, path, foreignId), key);
        checked += 1;
        const where = `${operation.name} as A's ${caller} with ${owner}'s ${kind} at ${path}`;
        const text = normalized(answer.raw, [foreignId]);
        const expected = normalized(nowhere.raw, [unknownId]);
        if (answer.codes.includes('FORBIDDEN') && !nowhere.codes.includes('FORBIDDEN')) {
          findings.push(`${where}: FORBIDDEN confirms the object exists`);
        }
        if (text !== expected)
          findings.push(`${where}: answered ${text.slice(0, 300)} but for an unknown id ${expected.slice(0, 300)}`);
        const leaked = leaks(text, others);
        if (leaked.length) findings.push(`${where}: shows ${leaked.join(', ')}`);
        if (answer.codes.length === 0 && operation.kind === 'mutation')
          findings.push(`${where}: the mutation succeeded`);
      }
      if (before) {
        const changed = changedTables(before, await fingerprint(api));
        if (changed.length) findings.push(`${operation.name} at ${path}: the database changed: ${changed.join('; ')}`);
      }
    }
    expect(checked).toBeGreaterThan(50);
    expect(ownDiffers).toBeGreaterThan(10);
    expect(findings).toEqual([]);
  });

  it('shows A nothing of B’s or in-house on any of its own reads', async () => {
    const findings: string[] = [];
    // The control: the same selections do show A's own names, references and amounts.
    const ownShown = new Set<string>();
    const reads = OPERATIONS.filter((operation) => operation.kind !== 'mutation');
    for (const operation of reads) {
      for (const caller of ['AGENCY', 'AGENT'] as const) {
        if (!allows(operation, caller)) continue;
        const args = argumentsFor(operation, { ids: tenants.a.ids });
        const answer = await call(operation, args, keyOf(caller));
        const leaked = leaks(JSON.stringify(answer.raw), others);
        for (const secret of leaks(JSON.stringify(answer.raw), [tenants.a])) ownShown.add(secret);
        if (leaked.length) findings.push(`${operation.name} as A's ${caller}: shows ${leaked.join(', ')}`);
        if (answer.codes.includes('INTERNAL_SERVER_ERROR'))
          findings.push(`${operation.name} as A's ${caller}: internal error`);
      }
    }
    expect(findings).toEqual([]);
    expect([...ownShown]).toEqual(
      expect.arrayContaining(['Alpaca Deudor', 'ALPACA-REF-', '1200.50', 'ANDINA-PAGO-1', 'Cobranzas Andinas SAC']),
    );
  });
});
