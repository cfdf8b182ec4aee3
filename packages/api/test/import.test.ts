import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountRow,
  countRows,
  createAgency,
  createApiKey,
  expectError,
  importAccounts,
  tryImportAccounts,
  type ImportRow,
} from './support/fixtures.ts';
import { sql, startTestApi, type TestApi } from './support/test-api.ts';

/** Everything an import may write: a rejected batch must leave every one of these counts unchanged. */
const WRITTEN_TABLES = ['account', 'debtor', 'creditor', 'portfolio', 'domain_event'] as const;

interface StoredAccount extends Record<string, unknown> {
  external_ref: string;
  original_amount: string;
  balance: string;
  currency: string;
  due_date: string;
  status: string;
  debtor_id: string;
  document_id: string;
  debtor_name: string;
  phones: string;
  emails: string;
  time_zone: string;
}

async function storedAccounts(api: TestApi, creditorName: string): Promise<Map<string, StoredAccount>> {
  const rows = await sql<StoredAccount>(
    api,
    `select a.external_ref, a.original_amount::text as original_amount, a.balance::text as balance, a.currency,
            a.due_date::text as due_date, a.status, a.debtor_id::text as debtor_id, d.document_id, d.name as debtor_name,
            d.phones::text as phones, d.emails::text as emails, d.time_zone
       from account a join debtor d on d.id = a.debtor_id join creditor c on c.id = a.creditor_id
      where c.name = ?`,
    [creditorName],
  );
  return new Map(rows.map((row) => [row.external_ref, row]));
}

describe('importAccounts', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('imports a valid batch: exact amounts, one debtor per document id, defaults and an audit event', async () => {
    const creditorName = 'Banco del Pacífico Sur';
    const portfolioName = 'Tarjetas 2026-11';
    const rows: ImportRow[] = [
      accountRow({
        externalRef: 'TC-0001',
        debtorName: 'María Quispe Huamán',
        documentId: '40123456',
        phones: ['+51 987 654 321'],
        emails: ['Maria.Quispe@Example.PE'],
        timeZone: null,
        originalAmount: '2500',
        balance: '1234.5',
        currency: 'PEN',
        dueDate: '2026-09-30',
      }),
      // Same person, second debt: the debtor must be reused, not duplicated.
      accountRow({
        externalRef: 'TC-0002',
        debtorName: 'María Quispe Huamán',
        documentId: '40123456',
        phones: [],
        emails: [],
        originalAmount: '999999999999999.99',
        balance: '0.01',
        currency: 'USD',
        dueDate: '2026-11-24',
      }),
      accountRow({
        externalRef: 'TC-0003',
        debtorName: 'Ferretería El Sol S.A.C.',
        documentId: '20512345678',
        timeZone: 'Europe/Madrid',
        originalAmount: '150000',
        balance: '150000',
        currency: 'JPY',
        dueDate: '2025-01-31',
      }),
      accountRow({
        externalRef: 'TC-0004',
        documentId: 'KW-998877',
        originalAmount: '10.5',
        balance: '0.125',
        currency: 'KWD',
        dueDate: '2026-03-15',
      }),
      // Nothing left to pay.
      accountRow({ externalRef: 'TC-0005', originalAmount: '80.00', balance: '0', currency: 'PEN' }),
    ];

    const imported = await importAccounts(api, rows, { creditorName, portfolioName });
    expect(imported).toBe(5);

    const stored = await storedAccounts(api, creditorName);
    expect([...stored.keys()].sort()).toEqual(['TC-0001', 'TC-0002', 'TC-0003', 'TC-0004', 'TC-0005']);
    // numeric(19,4): every amount exactly as sent, no float rounding even at 15 integer digits.
    const amounts = (ref: string) => {
      const row = stored.get(ref)!;
      return [row.original_amount, row.balance, row.currency, row.due_date];
    };
    expect(amounts('TC-0001')).toEqual(['2500.0000', '1234.5000', 'PEN', '2026-09-30']);
    expect(amounts('TC-0002')).toEqual(['999999999999999.9900', '0.0100', 'USD', '2026-11-24']);
    expect(amounts('TC-0003')).toEqual(['150000.0000', '150000.0000', 'JPY', '2025-01-31']);
    expect(amounts('TC-0004')).toEqual(['10.5000', '0.1250', 'KWD', '2026-03-15']);
    expect(stored.get('TC-0005')!.status).toBe('PAID');
    expect(stored.get('TC-0001')!.status).toBe('ACTIVE');

    // One debtor for the repeated document id, holding the first row's contact data in E.164 / lower case.
    expect(stored.get('TC-0001')!.debtor_id).toBe(stored.get('TC-0002')!.debtor_id);
    const [{ count }] = (await sql<{ count: string }>(
      api,
      `select count(*)::text as count from debtor d join creditor c on c.id = d.creditor_id
        where c.name = ? and d.document_id = '40123456'`,
      [creditorName],
    )) as [{ count: string }];
    expect(count).toBe('1');
    expect(stored.get('TC-0001')).toMatchObject({
      debtor_name: 'María Quispe Huamán',
      phones: '{+51987654321}',
      emails: '{maria.quispe@example.pe}',
    });

    // No time zone given: the creditor's default; given: kept.
    const [creditor] = await sql<{ default_time_zone: string }>(
      api,
      'select default_time_zone from creditor where name = ?',
      [creditorName],
    );
    expect(stored.get('TC-0001')!.time_zone).toBe(creditor!.default_time_zone);
    expect(stored.get('TC-0003')!.time_zone).toBe('Europe/Madrid');

    // The API reads the amounts back in each currency's own precision.
    const data = await api.ok<{ accounts: { edges: { node: Record<string, unknown> }[] } }>(
      `{ accounts(first: 50) { edges { node { externalRef status originalAmount { amount currency } balance { amount currency } } } } }`,
    );
    const byRef = new Map(data.accounts.edges.map((edge) => [edge.node.externalRef, edge.node]));
    expect(byRef.get('TC-0001')).toMatchObject({ balance: { amount: '1234.50', currency: 'PEN' } });
    expect(byRef.get('TC-0002')).toMatchObject({
      originalAmount: { amount: '999999999999999.99', currency: 'USD' },
      balance: { amount: '0.01', currency: 'USD' },
    });
    expect(byRef.get('TC-0003')).toMatchObject({ balance: { amount: '150000', currency: 'JPY' } });
    expect(byRef.get('TC-0004')).toMatchObject({ balance: { amount: '0.125', currency: 'KWD' } });
    expect(byRef.get('TC-0005')).toMatchObject({ status: 'PAID', balance: { amount: '0.00', currency: 'PEN' } });

    // The audit event, in the same transaction as the rows.
    const events = await sql<{ aggregate_type: string; aggregate_id: string; actor: string; payload: unknown }>(
      api,
      `select aggregate_type, aggregate_id, actor, payload from domain_event where type = 'AccountsImported'
        and aggregate_id = (select p.id::text from portfolio p join creditor c on c.id = p.creditor_id
                             where c.name = ? and p.name = ?)`,
      [creditorName, portfolioName],
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ aggregate_type: 'Portfolio', actor: 'admin-bootstrap' });
    expect(events[0]!.payload).toMatchObject({ creditor: creditorName, portfolio: portfolioName, count: 5 });
  });

  it("defaults a missing time zone to the creditor's configured zone, and reuses known debtors", async () => {
    const creditorName = 'Eléctrica Quiteña';
    await importAccounts(api, [accountRow({ externalRef: 'EQ-1', documentId: '1712345678' })], { creditorName });
    // There is no mutation for a creditor's settings yet; an operator would change it in the database.
    await sql(api, `update creditor set default_time_zone = 'America/Guayaquil' where name = ?`, [creditorName]);
    await importAccounts(
      api,
      [
        accountRow({ externalRef: 'EQ-2', documentId: '1799999999', timeZone: null }),
        accountRow({ externalRef: 'EQ-3', documentId: '1712345678', debtorName: 'Otro Nombre' }),
      ],
      { creditorName, portfolioName: 'Segundo lote' },
    );
    const stored = await storedAccounts(api, creditorName);
    expect(stored.get('EQ-2')!.time_zone).toBe('America/Guayaquil');
    // A debtor already known to the creditor is reused as it is.
    expect(stored.get('EQ-3')!.debtor_id).toBe(stored.get('EQ-1')!.debtor_id);
    expect(stored.get('EQ-3')!.debtor_name).toBe(stored.get('EQ-1')!.debtor_name);
  });

  it('stores a time zone in its canonical IANA spelling', async () => {
    const creditorName = 'Zonas Horarias S.A.';
    await importAccounts(api, [accountRow({ externalRef: 'TZ-1', timeZone: 'america/bogota' })], { creditorName });
    expect((await storedAccounts(api, creditorName)).get('TZ-1')!.time_zone).toBe('America/Bogota');
  });

  describe('a batch with one bad row is rejected whole, naming the row, and writes nothing', () => {
    const existingCreditor = 'Acreedor Existente S.A.';
    beforeAll(async () => {
      await importAccounts(api, [accountRow({ externalRef: 'EXISTING-REF-1' })], { creditorName: existingCreditor });
    });

    const cases: {
      name: string;
      index: number;
      patch: (rows: ImportRow[]) => Partial<ImportRow>;
      field: string;
      creditor?: string;
    }[] = [
      { name: 'PEN amount with 3 decimals', index: 3, patch: () => ({ balance: '12.345' }), field: 'balance' },
      { name: 'negative balance', index: 0, patch: () => ({ balance: '-1.00' }), field: 'balance' },
      { name: 'zero original amount', index: 5, patch: () => ({ originalAmount: '0.00' }), field: 'originalAmount' },
      {
        name: 'amount that is not a number',
        index: 2,
        patch: () => ({ originalAmount: '1,500.00' }),
        field: 'originalAmount',
      },
      { name: 'unknown currency', index: 2, patch: () => ({ currency: 'PNE' }), field: 'currency' },
      { name: 'unknown time zone', index: 4, patch: () => ({ timeZone: 'America/Atlantis' }), field: 'timeZone' },
      { name: 'phone without country code', index: 1, patch: () => ({ phones: ['987654321'] }), field: 'phones[0]' },
      { name: 'blank debtor name', index: 3, patch: () => ({ debtorName: '   ' }), field: 'debtorName' },
      {
        name: 'external ref repeated within the batch',
        index: 4,
        patch: (rows) => ({ externalRef: rows[1]!.externalRef }),
        field: 'externalRef',
      },
      {
        name: 'external ref that already exists for the creditor',
        index: 2,
        patch: () => ({ externalRef: 'EXISTING-REF-1' }),
        field: 'externalRef',
        creditor: existingCreditor,
      },
    ];

    it.each(cases)('$name', async ({ index, patch, field, creditor }) => {
      const rows = Array.from({ length: 6 }, () => accountRow());
      rows[index] = { ...rows[index]!, ...patch(rows) };
      const creditorName = creditor ?? `Acreedor Nuevo ${field} ${index}`;
      const before = await countRows(api, WRITTEN_TABLES);

      const response = await tryImportAccounts(api, rows, { creditorName, portfolioName: `Lote rechazado ${index}` });

      const error = expectError(response, 'BAD_USER_INPUT', `accounts[${index}].${field}`);
      expect(error.message).toContain(`accounts[${index}].${field}`);
      expect(response.data?.importAccounts ?? null).toBeNull();
      expect(await countRows(api, WRITTEN_TABLES)).toEqual(before);
    });

    it.each(['2026-02-30', '2026-13-01', '0000-06-01'])(
      'a due date that is not a storable calendar date (%s) is refused before anything runs',
      async (dueDate) => {
        const rows = Array.from({ length: 4 }, () => accountRow());
        rows[2] = { ...rows[2]!, dueDate };
        const before = await countRows(api, WRITTEN_TABLES);
        const error = expectError(await tryImportAccounts(api, rows), 'BAD_USER_INPUT');
        expect(error.message).toContain('accounts[2].dueDate');
        expect(await countRows(api, WRITTEN_TABLES)).toEqual(before);
      },
    );
  });

  it('accepts the same external ref under another creditor, as a separate account and debtor', async () => {
    const row = { externalRef: 'SHARED-REF-77', documentId: '09876543' };
    await importAccounts(api, [accountRow(row)], { creditorName: 'Acreedor Uno' });
    await importAccounts(api, [accountRow(row)], { creditorName: 'Acreedor Dos' });
    const rows = await sql<{ creditor: string; debtor_id: string }>(
      api,
      `select c.name as creditor, a.debtor_id::text as debtor_id from account a join creditor c on c.id = a.creditor_id
        where a.external_ref = 'SHARED-REF-77' order by c.name`,
    );
    expect(rows.map((r) => r.creditor)).toEqual(['Acreedor Dos', 'Acreedor Uno']);
    expect(rows[0]!.debtor_id).not.toBe(rows[1]!.debtor_id);
  });

  it('keeps exactly one of several simultaneous imports of the same refs; the others change nothing', async () => {
    const creditorName = 'Acreedor Concurrente';
    const rows = Array.from({ length: 50 }, (_, i) => accountRow({ externalRef: `RACE-${i}` }));
    const responses = await Promise.all(
      Array.from({ length: 4 }, () => tryImportAccounts(api, rows, { creditorName, portfolioName: 'Carrera' })),
    );
    expect(responses.filter((response) => !response.errors)).toHaveLength(1);
    for (const loser of responses.filter((response) => response.errors)) {
      // Refused by the ref check (the winner had committed) or by the unique index (it was committing).
      expect(['BAD_USER_INPUT', 'CONFLICT']).toContain(loser.errors![0]!.extensions?.code);
    }
    const [counts] = await sql<{ accounts: string; debtors: string; creditors: string; events: string }>(
      api,
      `select (select count(*) from account a join creditor c on c.id = a.creditor_id where c.name = ?)::text as accounts,
              (select count(*) from debtor d join creditor c on c.id = d.creditor_id where c.name = ?)::text as debtors,
              (select count(*) from creditor where name = ?)::text as creditors,
              (select count(*) from domain_event where type = 'AccountsImported'
                  and payload->>'creditor' = ?)::text as events`,
      [creditorName, creditorName, creditorName, creditorName],
    );
    expect(counts).toEqual({ accounts: '50', debtors: '50', creditors: '1', events: '1' });
  });

  it('imports 10,000 rows in one call, to the last cent', async () => {
    const creditorName = 'Operador Masivo';
    const portfolioName = 'Lote de diez mil';
    const rows: ImportRow[] = [];
    let expectedCents = 0n;
    for (let i = 0; i < 10_000; i += 1) {
      // Balances up to ~10^12 with cents: their sum is beyond 2^53, where a float sum would lose cents.
      const whole = BigInt(((i * 7_919_993) % 999_999_999) + 1) * 1_000n + BigInt(i % 997);
      const cents = BigInt((i * 37) % 100);
      expectedCents += whole * 100n + cents;
      rows.push({
        externalRef: `BULK-${i}`,
        debtorName: `Cliente Masivo ${i >> 1}`,
        // Two accounts per debtor.
        documentId: `BULK${String(i >> 1).padStart(6, '0')}`,
        originalAmount: `${whole + 1n}.00`,
        balance: `${whole}.${String(cents).padStart(2, '0')}`,
        currency: 'PEN',
        dueDate: '2026-08-31',
      });
    }
    const imported = await importAccounts(api, rows, { creditorName, portfolioName });
    expect(imported).toBe(10_000);

    const [totals] = await sql<{ count: string; total: string; debtors: string }>(
      api,
      `select count(*)::text as count, sum(a.balance)::text as total, count(distinct a.debtor_id)::text as debtors
         from account a join portfolio p on p.id = a.portfolio_id where p.name = ?`,
      [portfolioName],
    );
    const expectedTotal = `${expectedCents / 100n}.${String(expectedCents % 100n).padStart(2, '0')}00`;
    expect(totals).toEqual({ count: '10000', total: expectedTotal, debtors: '5000' });
  });

  it('refuses more than 10,000 rows in one call, naming `accounts`, and writes nothing', async () => {
    const rows = Array.from({ length: 10_001 }, (_, i) =>
      accountRow({ externalRef: `TOO-MANY-${i}`, documentId: `TM${String(i).padStart(6, '0')}` }),
    );
    const before = await countRows(api, WRITTEN_TABLES);
    expectError(await tryImportAccounts(api, rows, { creditorName: 'Demasiados' }), 'BAD_USER_INPUT', 'accounts');
    expect(await countRows(api, WRITTEN_TABLES)).toEqual(before);
  });

  it('lets a MANAGER import (the event names the key) and refuses SUPERVISOR, AGENT and AGENCY keys', async () => {
    const managerKey = await createApiKey(api, 'MANAGER');
    const imported = await importAccounts(api, [accountRow({ externalRef: 'MGR-1' })], {
      creditorName: 'Acreedor del Gerente',
      portfolioName: 'Lote del gerente',
      key: managerKey,
    });
    expect(imported).toBe(1);
    const [event] = await sql<{ actor: string; key_id: string }>(
      api,
      `select e.actor, (select k.id::text from api_key k where k.hash = ?) as key_id
         from domain_event e where e.type = 'AccountsImported' and e.payload->>'portfolio' = 'Lote del gerente'`,
      [createHash('sha256').update(managerKey).digest('hex')],
    );
    expect(event!.actor).toBe(`apikey:${event!.key_id}`);

    const { id: agencyId } = await createAgency(api, { code: 'IMPAG', name: 'Agencia Importadora' });
    for (const key of [
      await createApiKey(api, 'SUPERVISOR'),
      await createApiKey(api, 'AGENT'),
      await createApiKey(api, 'AGENCY', agencyId),
    ]) {
      const before = await countRows(api, WRITTEN_TABLES);
      expectError(
        await tryImportAccounts(api, [accountRow()], { creditorName: 'Acreedor Prohibido', key }),
        'FORBIDDEN',
      );
      expect(await countRows(api, WRITTEN_TABLES)).toEqual(before);
    }
  });
});
