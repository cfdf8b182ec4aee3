import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedTables, fingerprint, settledFingerprint } from './support/db-fingerprint.ts';
import { Watch, wsClient } from './support/graphql-ws-client.ts';
import {
  argumentsFor,
  declaredRoles,
  objectFieldsWithArguments,
  operationDocument,
  rootOperations,
  servedSchema,
  type RootOperation,
  type TenantIds,
} from './support/schema-operations.ts';
import { startTestApi, type GraphQLResponse, type TestApi } from './support/test-api.ts';
import { buildTenants, type Tenants } from './support/tenants.ts';
import { sleep } from './support/wait.ts';

/**
 * The authorization matrix (issue 10, docs/security-testing.md). The table below is the access policy written out
 * by hand: who may call each operation. The tests check, from the served schema, that
 * - every root operation and every object field that takes arguments declares its rule (`@Authorized(...)`),
 * - the table and the declarations agree, and the table lists every served operation,
 * - each role really gets what the table says: a schema-generated valid request of a role the table leaves out is
 *   refused (FORBIDDEN, or UNAUTHENTICATED without a key) and changes nothing in the database; a role it lets in is
 *   never refused for its role.
 * A change of policy is a change of this table: a visible diff in review.
 */
const TABLE = `
operation                   | ADMIN | MANAGER | SUPERVISOR | AGENT | AGENCY | none
account                     |   x   |    x    |     x      |   x   |   x    |
accounts                    |   x   |    x    |     x      |   x   |   x    |
agencies                    |   x   |    x    |     x      |   x   |   x    |
agencyComparison            |   x   |    x    |            |       |        |
agencyStatement             |   x   |    x    |     x      |       |   x    |
agents                      |   x   |    x    |     x      |   x   |   x    |
apiKeys                     |   x   |         |            |       |        |
attemptIntensity            |   x   |    x    |     x      |       |   x    |
auditLog                    |   x   |         |            |       |        |
bestHours                   |   x   |    x    |     x      |       |   x    |
campaign                    |   x   |    x    |     x      |   x   |   x    |
campaigns                   |   x   |    x    |     x      |   x   |   x    |
championChallenger          |   x   |    x    |     x      |       |   x    |
contactHeatmap              |   x   |    x    |     x      |       |   x    |
failedJobs                  |   x   |         |            |       |        |
importJob                   |   x   |    x    |            |       |        |
kpiTrend                    |   x   |    x    |     x      |   x   |   x    |
kpis                        |   x   |    x    |     x      |   x   |   x    |
liquidationRates            |   x   |    x    |     x      |       |   x    |
me                          |   x   |    x    |     x      |   x   |   x    |
operation                   |   x   |    x    |     x      |   x   |   x    |
placementExtensionRequests  |   x   |    x    |     x      |       |   x    |
placementSummary            |   x   |    x    |     x      |       |   x    |
placements                  |   x   |    x    |     x      |       |   x    |
rollRates                   |   x   |    x    |     x      |       |   x    |
scriptEffectiveness         |   x   |    x    |     x      |       |   x    |
workQueues                  |   x   |    x    |     x      |   x   |   x    |
assignAgents                |   x   |    x    |            |       |        |
createAgency                |   x   |         |            |       |        |
createAgent                 |   x   |    x    |            |       |   x    |
createApiKey                |   x   |         |            |       |        |
createCampaign              |   x   |    x    |            |       |        |
decidePlacementExtension    |   x   |    x    |            |       |        |
extendPlacement             |   x   |    x    |            |       |        |
finishCampaign              |   x   |    x    |            |       |        |
importAccounts              |   x   |    x    |            |       |        |
moveAccounts                |   x   |    x    |            |       |        |
nextAccount                 |   x   |    x    |            |   x   |   x    |
pauseCampaign               |   x   |    x    |     x      |       |        |
pauseQueue                  |   x   |    x    |            |       |        |
placeAccounts               |   x   |    x    |            |       |        |
recallAccounts              |   x   |    x    |            |       |        |
recordInteraction           |   x   |    x    |            |   x   |   x    |
recordPayment               |   x   |    x    |            |       |   x    |
requestPlacementExtension   |       |         |            |       |   x    |
resumeQueue                 |   x   |    x    |            |       |        |
retryFailedJob              |   x   |         |            |       |        |
returnAccount               |   x   |    x    |            |       |   x    |
reversePayment              |   x   |    x    |            |       |        |
revokeApiKey                |   x   |         |            |       |        |
rotateApiKey                |   x   |         |            |       |        |
setAgentStatus              |   x   |    x    |            |   x   |   x    |
setQueuePriority            |   x   |    x    |            |       |        |
startCampaign               |   x   |    x    |     x      |       |        |
startImport                 |   x   |    x    |            |       |        |
agentUpdated                |   x   |    x    |     x      |   x   |   x    |
kpiUpdated                  |   x   |    x    |     x      |   x   |   x    |
queueUpdated                |   x   |    x    |     x      |   x   |   x    |
serverTime                  |   x   |    x    |     x      |   x   |   x    |
`;

const ROLES = ['ADMIN', 'MANAGER', 'SUPERVISOR', 'AGENT', 'AGENCY'] as const;
type Caller = (typeof ROLES)[number] | 'none';
const CALLERS: readonly Caller[] = [...ROLES, 'none'];

/** The table as operation → the callers it lets in. */
function parseTable(text: string): Map<string, Set<Caller>> {
  const [header, ...rows] = text.trim().split('\n');
  const columns = header!.split('|').map((cell) => cell.trim());
  expect(columns.slice(1)).toEqual(CALLERS);
  return new Map(
    rows.map((row) => {
      const cells = row.split('|').map((cell) => cell.trim());
      const allowed = CALLERS.filter((_, index) => cells[index + 1] === 'x');
      return [cells[0]!, new Set(allowed)];
    }),
  );
}

const EXPECTED = parseTable(TABLE);
const schema = await servedSchema();
const OPERATIONS = rootOperations(schema);

/** `@Authorized()` lets every key in; `@Authorized('A', 'B')` those roles. */
function rolesOf(declared: readonly string[]): Set<Caller> {
  return new Set(declared.length === 0 ? ROLES : (declared as Caller[]));
}

const errorCodes = (response: GraphQLResponse<unknown>) =>
  (response.errors ?? []).map((error) => error.extensions?.code);

describe('every door declares who may open it', () => {
  it('every root operation declares an access rule', () => {
    const undeclared = OPERATIONS.filter(
      (operation) => declaredRoles(rootTypeName(operation), operation.name) === undefined,
    );
    expect(
      undeclared.map((operation) => `${rootTypeName(operation)}.${operation.name}`),
      'add @Authorized(...) (any key: @Authorized()) to these resolvers',
    ).toEqual([]);
  });

  it('every object field that takes arguments declares an access rule', () => {
    const fields = objectFieldsWithArguments(schema);
    // There are such fields; the check below is not vacuous.
    expect(fields.length).toBeGreaterThan(0);
    const undeclared = fields.filter(({ typeName, field }) => declaredRoles(typeName, field.name) === undefined);
    expect(
      undeclared.map(({ typeName, field }) => `${typeName}.${field.name}`),
      'add @Authorized(...) (any key: @Authorized()) to these field resolvers',
    ).toEqual([]);
  });

  it('the table lists every served operation, and only those', () => {
    expect([...EXPECTED.keys()].sort()).toEqual(OPERATIONS.map((operation) => operation.name).sort());
  });

  it("the declared rules are the table's", () => {
    const differences = OPERATIONS.flatMap((operation) => {
      const declared = declaredRoles(rootTypeName(operation), operation.name);
      const expected = EXPECTED.get(operation.name) ?? new Set<Caller>();
      const actual = declared === undefined ? new Set<Caller>() : rolesOf(declared);
      const same = expected.size === actual.size && [...expected].every((caller) => actual.has(caller));
      return same ? [] : [`${operation.name}: table ${[...expected].join(',')} / declared ${[...actual].join(',')}`];
    });
    expect(differences).toEqual([]);
  });
});

function rootTypeName(operation: RootOperation): string {
  return { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' }[operation.kind];
}

describe('the role matrix, request by request', () => {
  let api: TestApi;
  let tenants: Tenants;

  beforeAll(async () => {
    api = await startTestApi({ env: { RATE_LIMIT_PER_KEY: '100000', RATE_LIMIT_ANONYMOUS_PER_IP: '100000' } });
    tenants = await buildTenants(api);
  });
  afterAll(() => api?.close());

  /** The key of a caller and the ids it works on: its own tenant's (an AGENT key acts as its own agent). */
  function callerOf(caller: Caller): { key: string | null; ids: TenantIds } {
    if (caller === 'none') return { key: null, ids: tenants.house.ids };
    if (caller === 'AGENCY') return { key: tenants.keys.AGENCY, ids: tenants.a.ids };
    return { key: tenants.keys[caller], ids: tenants.house.ids };
  }

  const httpOperations = OPERATIONS.filter((operation) => operation.kind !== 'subscription');
  const subscriptions = OPERATIONS.filter((operation) => operation.kind === 'subscription');

  it.each(subscriptions.map((operation) => [operation.name, operation] as const))(
    '%s over graphql-ws: refused without a key, let in with every key the table allows',
    async (_name, operation) => {
      const allowed = EXPECTED.get(operation.name)!;
      for (const caller of CALLERS) {
        const { key, ids } = callerOf(caller);
        const args = argumentsFor(operation, { ids });
        const client = wsClient(api, key ? { key } : { connectionParams: {} });
        const subscription = new Watch<Record<string, unknown>>(client, operationDocument(operation, args), args, true);
        try {
          // A refusal comes at once; an accepted subscription sends its snapshot, or stays open with nothing to say.
          const deadline = Date.now() + 1_500;
          while (!subscription.messages.length && !subscription.errors.length && !subscription.ended) {
            if (Date.now() > deadline) break;
            await sleep(20);
          }
          const codes = subscription.errors.map((error) => error.extensions?.code);
          if (allowed.has(caller)) {
            expect(codes, `${operation.name} as ${caller}`).toEqual([]);
            expect(subscription.failure, `${operation.name} as ${caller}`).toBeNull();
          } else if (caller === 'none') {
            // A connection without a valid key is closed at once (4403) before any operation runs.
            expect(subscription.messages).toEqual([]);
            expect((subscription.failure as { code?: number } | null)?.code ?? codes[0]).toSatisfy(
              (reason: unknown) => reason === 4403 || reason === 'UNAUTHENTICATED',
            );
          } else {
            expect(subscription.messages).toEqual([]);
            expect(codes).toEqual(['FORBIDDEN']);
          }
        } finally {
          await subscription.close();
        }
      }
    },
  );

  it.each(httpOperations.map((operation) => [operation.name, operation] as const))(
    '%s: refused roles change nothing, allowed ones are let in',
    async (_name, operation) => {
      const allowed = EXPECTED.get(operation.name)!;
      const refused = CALLERS.filter((caller) => !allowed.has(caller));
      // Every operation needs a key: the "none" column is empty, so each row has a refused caller to try.
      expect(refused).toContain('none');

      const before = await settledFingerprint(api);
      for (const caller of refused) {
        const { key, ids } = callerOf(caller);
        const args = argumentsFor(operation, { ids });
        const response = await api.gql(operationDocument(operation, args), args, key);
        const expected = caller === 'none' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
        expect(errorCodes(response), `${operation.name} as ${caller}: ${JSON.stringify(response)}`).toEqual([expected]);
        expect(response.data?.[operation.name as never] ?? null).toBeNull();
      }
      expect(
        changedTables(before, await fingerprint(api)),
        `${operation.name}: a refused request changed the database`,
      ).toEqual([]);

      for (const caller of allowed) {
        const { key, ids } = callerOf(caller);
        const args = argumentsFor(operation, { ids });
        const response = await api.gql(operationDocument(operation, args), args, key);
        const codes = errorCodes(response);
        expect(codes, `${operation.name} as ${caller}: ${JSON.stringify(response.errors)}`).not.toContain('FORBIDDEN');
        expect(codes, `${operation.name} as ${caller}`).not.toContain('UNAUTHENTICATED');
        expect(codes, `${operation.name} as ${caller}: ${JSON.stringify(response.errors)}`).not.toContain(
          'INTERNAL_SERVER_ERROR',
        );
      }
    },
  );
});
