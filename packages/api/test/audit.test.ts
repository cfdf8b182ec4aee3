import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobName } from '../src/core/job-queue/job-names.ts';
import { createAgency, createApiKey, expectError, placeAccounts, type AgencyData } from './support/fixtures.ts';
import { newAccount, tryRecordPayment } from './support/outcomes.ts';
import { sql, startTestApi, TEST_NOW, type TestApi } from './support/test-api.ts';
import { waitFor } from './support/wait.ts';

/**
 * The audit trail (issue 10, "What to build"): every write and every agency read of account details, attributable
 * (key prefix, role, agency, operation, target, outcome, time), kept when the request fails, queryable by an ADMIN
 * with filters and pages, and trimmed after AUDIT_RETENTION_DAYS (30 here, to show it is the setting that counts).
 * Entries are written in batches a fraction of a second after the request, so each check waits for its entry.
 */

const RETENTION_DAYS = 30;
const DAY = 86_400_000;

const AUDIT = `query ($filter: AuditFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id at keyPrefix role agency { id } operation target outcome } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Entry {
  id: string;
  at: string;
  keyPrefix: string | null;
  role: string | null;
  agency: { id: string } | null;
  operation: string;
  target: string | null;
  outcome: string;
}
interface Page {
  auditLog: { edges: { cursor: string; node: Entry }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

describe('the audit trail', () => {
  let api: TestApi;
  let agency: AgencyData;
  let agencyKey: string;
  let own: string;
  let foreign: string;

  beforeAll(async () => {
    api = await startTestApi({ env: { AUDIT_RETENTION_DAYS: String(RETENTION_DAYS) } });
    agency = await createAgency(api, { code: 'AUDITADA', name: 'Agencia Auditada' });
    agencyKey = await createApiKey(api, 'AGENCY', agency.id);
    own = (await newAccount(api, { debtorName: 'Deudor Auditado', balance: '100.00' })).id;
    foreign = (await newAccount(api, { debtorName: 'Deudor Ajeno', balance: '100.00' })).id;
    expect(await placeAccounts(api, { search: 'Deudor Auditado' }, agency.id)).toBe(1);
  });
  afterAll(() => api.close());

  async function entries(filter: Record<string, unknown>, first = 100): Promise<Entry[]> {
    return (await api.ok<Page>(AUDIT, { filter, first })).auditLog.edges.map((edge) => edge.node);
  }
  /** Waits for the entries `filter` selects to be `count` (the writer batches), and returns them. */
  async function awaitEntries(filter: Record<string, unknown>, count: number): Promise<Entry[]> {
    return waitFor(`${count} audit entries for ${JSON.stringify(filter)}`, async () => {
      const found = await entries(filter);
      return found.length >= count ? found : null;
    });
  }
  const prefix = () => agencyKey.slice(0, 12);

  it("records an agency's writes and reads of account details with who, what, target, outcome and time", async () => {
    const since = new Date();
    const paid = await tryRecordPayment(
      api,
      { accountId: own, amount: '10.00', currency: 'PEN', reference: `AUD-${randomUUID()}` },
      agencyKey,
    );
    expect(paid.errors).toBeUndefined();
    await api.ok(`query ($id: ID!) { account(id: $id) { id balance { amount } } }`, { id: own }, agencyKey);
    await api.ok('{ accounts(first: 5) { totalCount } }', {}, agencyKey);

    const found = await awaitEntries({ keyPrefix: prefix() }, 3);
    const byOperation = new Map(found.map((entry) => [entry.operation, entry]));
    const expected = { keyPrefix: prefix(), role: 'AGENCY', agency: { id: agency.id }, outcome: 'OK' };
    expect(byOperation.get('recordPayment')).toMatchObject({ ...expected, target: own });
    expect(byOperation.get('account')).toMatchObject({ ...expected, target: own });
    expect(byOperation.get('accounts')).toMatchObject({ ...expected, target: null });
    for (const entry of found) {
      expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(since.getTime() - 1_000);
      expect(Date.parse(entry.at)).toBeLessThanOrEqual(Date.now());
    }
  });

  it('keeps failed and refused requests, with the error code as outcome', async () => {
    const denied = await tryRecordPayment(
      api,
      { accountId: foreign, amount: '10.00', currency: 'PEN', reference: `AUD-${randomUUID()}` },
      agencyKey,
    );
    expectError(denied, 'NOT_FOUND', 'accountId');
    expectError(
      await api.gql('mutation { createAgency(code: "NOPE", name: "No", partner: true) { id } }', {}, agencyKey),
      'FORBIDDEN',
    );
    const found = await awaitEntries({ keyPrefix: prefix(), operation: 'recordPayment' }, 2);
    expect(found.find((entry) => entry.target === foreign)).toMatchObject({ outcome: 'NOT_FOUND', role: 'AGENCY' });
    const [forbidden] = await awaitEntries({ keyPrefix: prefix(), operation: 'createAgency' }, 1);
    expect(forbidden).toMatchObject({ outcome: 'FORBIDDEN', agency: { id: agency.id } });
  });

  it("does not record in-house reads, but records every key's writes", async () => {
    const supervisor = await createApiKey(api, 'SUPERVISOR');
    await api.ok('{ accounts(first: 5) { totalCount } }', {}, supervisor);
    const manager = await createApiKey(api, 'MANAGER');
    await api.ok(
      'mutation ($agencyId: ID!) { createAgent(name: "Agente Auditado", agencyId: $agencyId) { id } }',
      { agencyId: agency.id },
      manager,
    );
    const [write] = await awaitEntries({ keyPrefix: manager.slice(0, 12) }, 1);
    expect(write).toMatchObject({
      operation: 'createAgent',
      role: 'MANAGER',
      agency: null,
      target: agency.id,
      outcome: 'OK',
    });
    // The supervisor's read was sent before the manager's write, whose entry is in: it would be too.
    expect(await entries({ keyPrefix: supervisor.slice(0, 12) })).toEqual([]);
  });

  it('filters by agency, operation and time, and pages newest first without gaps or repeats', async () => {
    const all = await entries({}, 500);
    expect(all.length).toBeGreaterThanOrEqual(6);
    const order = all.map((entry) => `${entry.at}|${entry.id}`);
    expect(order).toEqual([...order].sort().reverse());

    const ofAgency = await entries({ agencyId: agency.id });
    expect(ofAgency.length).toBeGreaterThan(0);
    expect(ofAgency.every((entry) => entry.agency?.id === agency.id)).toBe(true);
    expect(ofAgency.map((entry) => entry.id).sort()).toEqual(
      all
        .filter((entry) => entry.agency?.id === agency.id)
        .map((entry) => entry.id)
        .sort(),
    );
    const writes = await entries({ operation: 'createAgency' });
    expect(writes.map((entry) => entry.id).sort()).toEqual(
      all
        .filter((entry) => entry.operation === 'createAgency')
        .map((entry) => entry.id)
        .sort(),
    );
    const middle = all[Math.floor(all.length / 2)]!;
    const until = await entries({ to: middle.at }, 500);
    expect(until.map((entry) => entry.id).sort()).toEqual(
      all
        .filter((entry) => entry.at <= middle.at)
        .map((entry) => entry.id)
        .sort(),
    );
    const from = await entries({ from: middle.at }, 500);
    expect(from.map((entry) => entry.id).sort()).toEqual(
      all
        .filter((entry) => entry.at >= middle.at)
        .map((entry) => entry.id)
        .sort(),
    );

    const paged: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Page = await api.ok<Page>(AUDIT, { filter: {}, first: 2, after });
      expect(page.auditLog.edges.length).toBeLessThanOrEqual(2);
      paged.push(...page.auditLog.edges.map((edge) => edge.node.id));
      if (!page.auditLog.pageInfo.hasNextPage) break;
      after = page.auditLog.pageInfo.endCursor;
    }
    // The trail grows while we page (each auditLog read is not an entry; nothing else runs), so the pages are it.
    expect(paged).toEqual(all.map((entry) => entry.id));

    expectError(await api.gql(AUDIT, { first: 501 }), 'BAD_USER_INPUT', 'first');
    expectError(await api.gql(AUDIT, { after: 'not-a-cursor' }), 'BAD_USER_INPUT', 'after');
  });

  it('is not readable with an agency, supervisor or manager key', async () => {
    for (const key of [agencyKey, await createApiKey(api, 'SUPERVISOR'), await createApiKey(api, 'MANAGER')]) {
      const response = await api.gql(AUDIT, {}, key);
      expectError(response, 'FORBIDDEN');
      expect(response.data ?? null).toBeNull();
    }
  });

  it('deletes entries older than AUDIT_RETENTION_DAYS and keeps the rest', async () => {
    const now = TEST_NOW.getTime();
    const old = randomUUID();
    const kept = randomUUID();
    const insert = 'insert into audit_entry (id, at, operation, outcome, transport) values (?, ?, ?, ?, ?)';
    await sql(api, insert, [old, new Date(now - (RETENTION_DAYS * DAY + 60_000)), 'retentionProbe', 'OK', 'http']);
    await sql(api, insert, [kept, new Date(now - (RETENTION_DAYS * DAY - 60_000)), 'retentionProbe', 'OK', 'http']);
    const younger = async () =>
      (
        await sql<{ id: string }>(api, 'select id from audit_entry where at >= ? order by id', [
          new Date(now - RETENTION_DAYS * DAY),
        ])
      ).map((row) => row.id);
    const before = await younger();
    expect(before).toContain(kept);

    await api.jobs.enqueue(JobName.AuditRetention, {});
    await waitFor('the old entry to be deleted', async () => {
      const rows = await sql(api, 'select 1 from audit_entry where id = ?', [old]);
      return rows.length === 0;
    });
    // Everything younger than the retention is still there (the trail may have grown meanwhile).
    expect(await younger()).toEqual(expect.arrayContaining(before));
  });
});
