import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountRow,
  createPartnerAgencies,
  createApiKey,
  importAccounts,
  placeAccounts,
  sqlIds,
  type AgencyData,
} from './support/fixtures.ts';
import { sql, startTestApi, TEST_ADMIN_KEY, type TestApi } from './support/test-api.ts';

/**
 * The streamed CSV exports over HTTP (docs/agencies.md, "Exports"): what each key downloads is exactly what the
 * agency scope lets it read, recomputed here with plain SQL; the files parse back with a CSV parser (csv-parse).
 */
describe('GET /exports/<kind>.csv', () => {
  let api: TestApi;
  let agencyA: AgencyData;
  let agencyB: AgencyData;
  let keyA: string;
  let manager: string;

  async function download(path: string, key: string | null): Promise<Response> {
    return fetch(`${api.url}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  }

  async function csv(path: string, key: string): Promise<Record<string, string>[]> {
    const response = await download(path, key);
    expect(response.status, await response.clone().text()).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    return parse(await response.text(), { columns: true }) as Record<string, string>[];
  }

  beforeAll(async () => {
    api = await startTestApi();
    ({ agencyA, agencyB } = await createPartnerAgencies(api));
    keyA = await createApiKey(api, 'AGENCY', agencyA.id);
    manager = await createApiKey(api, 'MANAGER');
    await importAccounts(api, [
      accountRow({ debtorName: 'Exporta "Uno", Alpaca', balance: '1000.50' }),
      accountRow({ debtorName: 'Exporta Dos Alpaca' }),
      accountRow({ debtorName: 'Exporta Tres Vicuña' }),
      accountRow({ debtorName: 'Exporta Cuatro Llama' }),
    ]);
    const PAY = `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }`;
    const [first] = await sqlIds(
      api,
      `select a.id from account a join debtor d on d.id = a.debtor_id where d.name like 'Exporta "Uno"%'`,
    );
    // In-house collected on it before the placement: that payment is not A's to export.
    await api.ok(PAY, { input: { accountId: first, amount: '10.00', currency: 'PEN', reference: 'INTERNO-1' } });
    expect(await placeAccounts(api, { search: 'Alpaca' }, agencyA.id)).toBe(2);
    expect(await placeAccounts(api, { search: 'Vicuña' }, agencyB.id)).toBe(1);
    await api.ok(PAY, { input: { accountId: first, amount: '25.25', currency: 'PEN', reference: 'ANDINA-1' } }, keyA);
  });
  afterAll(() => api.close());

  it('gives an agency key exactly its own accounts, quoted so they parse back', async () => {
    const rows = await csv('/exports/accounts.csv', keyA);
    expect(rows.map((row) => row.account_id).sort()).toEqual(
      await sqlIds(api, 'select id from account where agency_id = ?', [agencyA.id]),
    );
    const quoted = rows.find((row) => row.debtor_name!.startsWith('Exporta "Uno"'))!;
    expect(quoted).toMatchObject({ debtor_name: 'Exporta "Uno", Alpaca', balance: '965.25', agency_code: 'ANDINA' });
  });

  it('gives an agency its own payments, never the previous holder’s references', async () => {
    const rows = await csv('/exports/payments.csv', keyA);
    expect(rows.map((row) => row.reference)).toEqual(['ANDINA-1']);
    expect(rows[0]).toMatchObject({ amount: '25.25', currency: 'PEN' });
    const placements = await csv('/exports/placements.csv', keyA);
    expect(placements.map((row) => row.placement_id).sort()).toEqual(
      await sqlIds(api, 'select id from placement where agency_id = ?', [agencyA.id]),
    );
  });

  it('gives managers everything, or one agency with agencyId; activity by period', async () => {
    const all = await csv('/exports/accounts.csv', manager);
    expect(all.map((row) => row.account_id).sort()).toEqual(await sqlIds(api, 'select id from account'));
    const ofB = await csv(`/exports/accounts.csv?agencyId=${agencyB.id}`, manager);
    expect(ofB.map((row) => row.account_id)).toEqual(
      await sqlIds(api, 'select id from account where agency_id = ?', [agencyB.id]),
    );
    const payments = await csv('/exports/payments.csv?from=2026-11-24&to=2026-11-24', TEST_ADMIN_KEY);
    expect(payments.map((row) => row.reference).sort()).toEqual(['ANDINA-1', 'INTERNO-1']);
    expect(await csv('/exports/payments.csv?from=2026-11-25', TEST_ADMIN_KEY)).toEqual([]);
    // An agency asking for another agency's gets nothing, as if it did not exist.
    expect(await csv(`/exports/accounts.csv?agencyId=${agencyB.id}`, keyA)).toEqual([]);
    const [count] = await sql<{ n: number }>(api, 'select count(*)::int as n from interaction');
    expect((await csv('/exports/interactions.csv', manager)).length).toBe(count!.n);
  });

  it('refuses without a key, to other roles, for unknown kinds and bad parameters', async () => {
    expect((await download('/exports/accounts.csv', null)).status).toBe(401);
    expect((await download('/exports/accounts.csv', 'rk_agency_not-a-real-key')).status).toBe(401);
    expect((await download('/exports/accounts.csv', await createApiKey(api, 'SUPERVISOR'))).status).toBe(403);
    expect((await download('/exports/debtors.csv', manager)).status).toBe(404);
    const badDate = await download('/exports/payments.csv?from=24-11-2026', manager);
    expect(badDate.status).toBe(400);
    expect(
      ((await badDate.json()) as { errors: { extensions: { field: string } }[] }).errors[0]!.extensions.field,
    ).toBe('from');
    expect((await download('/exports/accounts.csv?agencyId=nope', manager)).status).toBe(400);
  });
});
