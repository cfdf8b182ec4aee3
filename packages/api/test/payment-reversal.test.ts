import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountRow,
  countRows,
  createAgency,
  createAgent,
  createApiKey,
  expectError,
  importAccounts,
  sqlIds,
  type AgencyData,
} from './support/fixtures.ts';
import { sql, startTestApi, TEST_NOW, type TestApi } from './support/test-api.ts';

/**
 * `reversePayment` (docs/agencies.md, "Reversals"): the balance and credit restored, the promises the payment paid
 * re-judged, a PaymentReversed event, and the live amounts collected falling — each figure checked against the rows.
 */
const PAY = `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }`;
const REVERSE = `mutation ($paymentId: ID!, $reason: String!) {
  reversePayment(paymentId: $paymentId, reason: $reason) { id reversedAt reversalReason }
}`;
const KPIS = `query ($scope: KpiScope!) { kpis(scope: $scope, window: TODAY) { amountCollected { amount currency } promisesKept } }`;

describe('reversePayment', () => {
  let api: TestApi;
  let agency: AgencyData;
  let agent: string;
  let manager: string;

  const idOf = async (name: string) =>
    (await sqlIds(api, 'select a.id from account a join debtor d on d.id = a.debtor_id where d.name = ?', [name]))[0]!;
  const accountRowOf = async (id: string) =>
    (
      await sql<{ balance: string; credit: string; status: string; payment_count: number; promises_kept: number }>(
        api,
        `select balance::text as balance, credit::text as credit, status, payment_count, promises_kept
           from account where id = ?`,
        [id],
      )
    )[0]!;
  /** Collected today in the agency's scope, from the payment rows (reversal lines are negative rows). */
  const collectedOracle = async () =>
    (
      await sql<{ total: string | null }>(
        api,
        `select sum(amount)::numeric(19,2)::text as total from payment where agency_id = ? and paid_at >= ?`,
        [agency.id, new Date(TEST_NOW.getTime() - 10 * 3_600_000)],
      )
    )[0]!.total;

  beforeAll(async () => {
    api = await startTestApi();
    agency = await createAgency(api, { code: 'ANDINA', name: 'Cobranzas Andinas SAC' });
    manager = await createApiKey(api, 'MANAGER');
    await importAccounts(api, [
      accountRow({ debtorName: 'Sobrepago', balance: '100.00' }),
      accountRow({ debtorName: 'Promesa Cumplida', balance: '500.00' }),
    ]);
    await api.ok(`mutation { placeAccounts(filter: { search: "Sobrepago" }, agencyId: "${agency.id}") }`);
    await api.ok(`mutation { placeAccounts(filter: { search: "Promesa Cumplida" }, agencyId: "${agency.id}") }`);
    agent = (await createAgent(api, 'Agente Andina', agency.id)).id;
  });
  afterAll(() => api.close());

  it('takes the money back from the credit first, then onto the balance; a paid account owes again', async () => {
    const id = await idOf('Sobrepago');
    const { recordPayment: first } = await api.ok<{ recordPayment: { id: string } }>(PAY, {
      input: { accountId: id, amount: '80.00', currency: 'PEN', reference: 'R-1' },
    });
    await api.ok(PAY, { input: { accountId: id, amount: '50.00', currency: 'PEN', reference: 'R-2' } });
    expect(await accountRowOf(id)).toMatchObject({ balance: '0.0000', credit: '30.0000', status: 'PAID' });
    const before = await countRows(api, ['payment']);
    const { reversePayment } = await api.ok<{ reversePayment: { id: string; reversalReason: string } }>(
      REVERSE,
      { paymentId: first.id, reason: 'Cheque sin fondos' },
      manager,
    );
    expect(reversePayment).toMatchObject({ id: first.id, reversalReason: 'Cheque sin fondos' });
    // 80 back: 30 out of the credit, 50 onto the balance; 130 paid − 80 reversed = 50 of 100 owed.
    expect(await accountRowOf(id)).toMatchObject({
      balance: '50.0000',
      credit: '0.0000',
      status: 'ACTIVE',
      payment_count: 1,
    });
    expect(await countRows(api, ['payment'])).toEqual({ payment: before.payment! + 1 });
    const [line] = await sql<{ amount: string; applied: string; reference: string }>(
      api,
      `select amount::text as amount, applied_amount::text as applied, reference from payment where reversal_of = ?`,
      [first.id],
    );
    expect(line).toEqual({ amount: '-80.0000', applied: '-50.0000', reference: `REVERSAL:${first.id}` });
    const [event] = await sql<{ payload: Record<string, unknown> }>(
      api,
      `select payload from domain_event where type = 'PaymentReversed' and aggregate_id = ?`,
      [first.id],
    );
    expect(event!.payload).toMatchObject({
      amount: '80.00',
      restoredToBalance: '50.00',
      takenFromCredit: '30.00',
      balanceAfter: '50.00',
      agencyId: agency.id,
    });
  });

  it('re-opens the promise it kept and makes the live amounts collected fall to what the rows say', async () => {
    const id = await idOf('Promesa Cumplida');
    await api.ok(`mutation ($input: RecordInteractionInput!) { recordInteraction(input: $input) { id } }`, {
      input: {
        accountId: id,
        agentId: agent,
        channel: 'CALL',
        disposition: 'PROMISE_TO_PAY',
        promise: { amount: '200.00', dueDate: '2026-11-30' },
      },
    });
    const { recordPayment } = await api.ok<{ recordPayment: { id: string } }>(PAY, {
      input: { accountId: id, amount: '200.00', currency: 'PEN', reference: 'P-1' },
    });
    expect(await accountRowOf(id)).toMatchObject({ promises_kept: 1, status: 'ACTIVE' });
    const kpisBefore = await api.ok<{ kpis: { amountCollected: { amount: string }[] } }>(KPIS, {
      scope: { agencyId: agency.id },
    });
    expect(kpisBefore.kpis.amountCollected).toEqual([{ amount: await collectedOracle(), currency: 'PEN' }]);

    await api.ok(REVERSE, { paymentId: recordPayment.id, reason: 'Contracargo' }, manager);
    const [promise] = await sql<{ status: string; paid: string }>(
      api,
      'select status, paid_amount::text as paid from promise_to_pay where account_id = ?',
      [id],
    );
    // Its deadline has not passed: the debtor still has time to keep it.
    expect(promise).toEqual({ status: 'PENDING', paid: '0.0000' });
    expect(await accountRowOf(id)).toMatchObject({ promises_kept: 0, balance: '500.0000' });
    const after = await api.ok<{ kpis: { amountCollected: { amount: string }[]; promisesKept: number } }>(KPIS, {
      scope: { agencyId: agency.id },
    });
    expect(after.kpis.amountCollected).toEqual([{ amount: await collectedOracle(), currency: 'PEN' }]);
    expect(Number(after.kpis.amountCollected[0]!.amount)).toBeLessThan(
      Number(kpisBefore.kpis.amountCollected[0]!.amount),
    );
  });

  it('refuses other roles, unknown ids, reversal lines and a second reversal, changing nothing', async () => {
    const id = await idOf('Sobrepago');
    const [line] = await sqlIds(api, 'select id from payment where account_id = ? and reversal_of is not null', [id]);
    const [reversed] = await sqlIds(api, 'select id from payment where account_id = ? and reversed_at is not null', [
      id,
    ]);
    const agencyKey = await createApiKey(api, 'AGENCY', agency.id);
    const before = await countRows(api, ['payment', 'domain_event']);
    expectError(await api.gql(REVERSE, { paymentId: reversed, reason: 'x' }, agencyKey), 'FORBIDDEN');
    expectError(await api.gql(REVERSE, { paymentId: reversed, reason: 'otra vez' }, manager), 'CONFLICT', 'paymentId');
    expectError(await api.gql(REVERSE, { paymentId: line, reason: 'la línea' }, manager), 'CONFLICT', 'paymentId');
    expectError(await api.gql(REVERSE, { paymentId: 'nope', reason: 'x' }, manager), 'NOT_FOUND', 'paymentId');
    expectError(
      await api.gql(REVERSE, { paymentId: reversed, reason: 'x'.repeat(501) }, manager),
      'BAD_USER_INPUT',
      'reason',
    );
    expect(await countRows(api, ['payment', 'domain_event'])).toEqual(before);
  });
});
