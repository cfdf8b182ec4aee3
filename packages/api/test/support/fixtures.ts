import { expect } from 'vitest';
import { graphqlClient } from './graphql-http-client.ts';
import { sql, TEST_ADMIN_KEY, type GraphQLResponse, type TestApi } from './test-api.ts';

/**
 * Test data set up through the public API (the mutations partner systems use), plus small helpers to read
 * errors and count rows. Every helper takes the caller's key, defaulting to the bootstrap admin key.
 */

export type Role = 'ADMIN' | 'MANAGER' | 'SUPERVISOR' | 'AGENT' | 'AGENCY';

/** The `ImportAccountInput` of the contract. */
export interface ImportRow {
  externalRef: string;
  debtorName: string;
  documentId: string;
  phones?: string[] | null;
  emails?: string[] | null;
  timeZone?: string | null;
  originalAmount: string;
  balance: string;
  currency: string;
  dueDate: string;
}

export interface AgencyData {
  id: string;
  code: string;
  name: string;
  partner: boolean;
}

// Each test file runs in a process of its own on a database of its own, so a module counter is unique enough.
let sequence = 0;

/** A number not handed out before in this test file. */
export function nextSequence(): number {
  sequence += 1;
  return sequence;
}

/** A valid import row with unique external ref and document id; any field can be overridden. */
export function accountRow(overrides: Partial<ImportRow> = {}): ImportRow {
  const n = nextSequence();
  return {
    externalRef: `EXT-${n}`,
    debtorName: `Deudor Prueba ${n}`,
    documentId: `DOC${String(n).padStart(7, '0')}`,
    phones: ['+51987654321'],
    emails: [`deudor${n}@example.pe`],
    originalAmount: '1500.00',
    balance: '1200.50',
    currency: 'PEN',
    dueDate: '2026-10-01',
    ...overrides,
  };
}

export const IMPORT_ACCOUNTS = `mutation ($creditorName: String!, $portfolioName: String!, $accounts: [ImportAccountInput!]!) {
  importAccounts(creditorName: $creditorName, portfolioName: $portfolioName, accounts: $accounts) { imported }
}`;

export interface ImportOptions {
  creditorName?: string;
  portfolioName?: string;
  key?: string;
}

const DEFAULT_CREDITOR = 'Telefonía Andina S.A.';
const DEFAULT_PORTFOLIO = 'Cartera noviembre 2026';

/** `importAccounts` as the raw response (for tests that expect it to fail). */
export function tryImportAccounts(
  api: TestApi,
  accounts: ImportRow[],
  options: ImportOptions = {},
): Promise<GraphQLResponse<{ importAccounts: { imported: number } }>> {
  return api.gql(
    IMPORT_ACCOUNTS,
    {
      creditorName: options.creditorName ?? DEFAULT_CREDITOR,
      portfolioName: options.portfolioName ?? DEFAULT_PORTFOLIO,
      accounts,
    },
    options.key ?? TEST_ADMIN_KEY,
  );
}

/** Imports the rows and returns how many the API says it imported; fails the test on any error. */
export async function importAccounts(
  api: TestApi,
  accounts: ImportRow[],
  options: ImportOptions = {},
): Promise<number> {
  const response = await tryImportAccounts(api, accounts, options);
  if (response.errors?.length) throw new Error(`importAccounts failed: ${JSON.stringify(response.errors)}`);
  return response.data!.importAccounts.imported;
}

/**
 * Imports the rows dated to `createdAt` (the FixedClock's import instant) and answers their ids by external
 * reference. `importAccounts` stamps created_at with the wall clock; in production both clocks agree, so the
 * accounts are dated as they would be there.
 */
export async function importAccountsAt(
  api: TestApi,
  rows: ImportRow[],
  portfolioName: string,
  createdAt: Date,
): Promise<Map<string, string>> {
  await importAccounts(api, rows, { portfolioName });
  const refs = rows.map((row) => row.externalRef);
  await sql(api, 'update account set created_at = ? where external_ref in (?)', [createdAt, refs]);
  const found = await sql<{ id: string; external_ref: string }>(
    api,
    'select id, external_ref from account where external_ref in (?)',
    [refs],
  );
  return new Map(found.map((row) => [row.external_ref, row.id]));
}

/** Creates an agency through `createAgency` (a unique code unless given). */
export async function createAgency(
  api: TestApi,
  input: { code?: string; name?: string; partner?: boolean } = {},
): Promise<AgencyData> {
  const n = nextSequence();
  const data = await api.ok<{ createAgency: AgencyData }>(
    `mutation ($code: String!, $name: String!, $partner: Boolean!) {
      createAgency(code: $code, name: $name, partner: $partner) { id code name partner }
    }`,
    { code: input.code ?? `AG${n}`, name: input.name ?? `Agencia ${n}`, partner: input.partner ?? true },
  );
  return data.createAgency;
}

/**
 * The two partner agencies the agency suites share: ANDINA and BRAVO, created in that order (A first, so lists
 * ordered by creation read A, B).
 */
export async function createPartnerAgencies(api: TestApi): Promise<{ agencyA: AgencyData; agencyB: AgencyData }> {
  const agencyA = await createAgency(api, { code: 'ANDINA', name: 'Cobranzas Andinas SAC' });
  const agencyB = await createAgency(api, { code: 'BRAVO', name: 'Recuperaciones Bravo EIRL' });
  return { agencyA, agencyB };
}

export const CREATE_API_KEY = `mutation ($role: Role!, $agencyId: ID, $agentId: ID) {
  createApiKey(role: $role, agencyId: $agencyId, agentId: $agentId) { key role agencyId }
}`;

/**
 * A new API key of `role`, created by the admin through `createApiKey`: bound to `agencyId` for AGENCY; an AGENT key
 * acts as one agent — unless `agentId` names one, an in-house agent is made for it.
 */
export async function createApiKey(
  api: TestApi,
  role: Role,
  agencyId: string | null = null,
  agentId: string | null = null,
): Promise<string> {
  let agent = agentId;
  if (role === 'AGENT' && !agent) {
    const team = await createAgency(api, { code: `EQUIPO${nextSequence()}`, name: 'Equipo interno', partner: false });
    agent = (await createAgent(api, `Agente ${nextSequence()}`, team.id)).id;
  }
  const data = await api.ok<{ createApiKey: { key: string } }>(CREATE_API_KEY, { role, agencyId, agentId: agent });
  return data.createApiKey.key;
}

export const CREATE_AGENT = `mutation ($name: String!, $agencyId: ID!) {
  createAgent(name: $name, agencyId: $agencyId) { id name agency { id } }
}`;

export async function createAgent(
  api: TestApi,
  name: string,
  agencyId: string,
  key: string = TEST_ADMIN_KEY,
): Promise<{ id: string; name: string }> {
  const data = await api.ok<{ createAgent: { id: string; name: string } }>(CREATE_AGENT, { name, agencyId }, key);
  return data.createAgent;
}

export const PLACE_ACCOUNTS = `mutation ($filter: AccountFilter!, $agencyId: ID!) {
  placeAccounts(filter: $filter, agencyId: $agencyId)
}`;

/** Places the accounts matching `filter` with the agency; returns the count the API reports. */
export async function placeAccounts(api: TestApi, filter: Record<string, unknown>, agencyId: string): Promise<number> {
  const data = await api.ok<{ placeAccounts: number }>(PLACE_ACCOUNTS, { filter, agencyId });
  return data.placeAccounts;
}

const ACCOUNT_IDS_PAGE = `query ($filter: AccountFilter, $after: String) {
  accounts(filter: $filter, first: 500, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id } }
  }
}`;

interface IdPage {
  accounts: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { id: string } }[];
  };
}

/** Every account id the holder of `key` gets from `accounts(filter)`, following the pages; and the first totalCount. */
export async function listAccountIds(
  api: TestApi,
  key: string,
  filter: Record<string, unknown> | null = null,
): Promise<{ ids: string[]; totalCount: number }> {
  const ids: string[] = [];
  let after: string | null = null;
  let totalCount = -1;
  for (;;) {
    const page: IdPage = await api.ok<IdPage>(ACCOUNT_IDS_PAGE, { filter, after }, key);
    if (totalCount < 0) totalCount = page.accounts.totalCount;
    ids.push(...page.accounts.edges.map((edge) => edge.node.id));
    if (!page.accounts.pageInfo.hasNextPage) return { ids, totalCount };
    after = page.accounts.pageInfo.endCursor;
  }
}

/** Ids from a SQL query returning an `id` column, sorted, for set comparisons. */
export async function sqlIds(api: TestApi, text: string, params: unknown[] = []): Promise<string[]> {
  const rows = await sql<{ id: string }>(api, text, params);
  return rows.map((row) => String(row.id)).sort();
}

/** Row counts of the given tables, straight from the database. */
export async function countRows(api: TestApi, tables: readonly string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await sql<{ count: string }>(api, `select count(*)::text as count from "${table}"`);
    counts[table] = Number(row!.count);
  }
  return counts;
}

/** Asserts the response failed with exactly one error of `code` (and `field`, when given); returns that error. */
export function expectError(
  response: GraphQLResponse<unknown>,
  code: string,
  field?: string,
): { message: string; extensions?: Record<string, unknown> } {
  expect(response.errors, `expected a ${code} error, got ${JSON.stringify(response)}`).toHaveLength(1);
  const error = response.errors![0]!;
  expect(error.extensions?.code, JSON.stringify(error)).toBe(code);
  if (field !== undefined) expect(error.extensions?.field, JSON.stringify(error)).toBe(field);
  return error;
}

/** A stack frame or stack-trace extension anywhere in a response body. */
export function expectNoInternals(body: string): void {
  expect(body.toLowerCase()).not.toContain('stacktrace');
  expect(body).not.toMatch(/\bat \//);
  expect(body).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
  expect(body).not.toContain('node_modules');
}

/** POST /graphql with exactly the given headers and body text, for requests the `gql` helper cannot make. */
export function postRaw(
  api: TestApi,
  body: string,
  headers?: Record<string, string>,
): Promise<{ status: number; text: string }> {
  return graphqlClient(api.url).postRaw(body, headers);
}
