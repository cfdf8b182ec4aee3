import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countRows, createAgency, createApiKey, expectError, placeAccounts } from './support/fixtures.ts';
import {
  accountState,
  cents,
  decimal,
  enqueue,
  eventsOfAccount,
  HOUR,
  isoAfter,
  MINUTE,
  membershipOf,
  newAccount,
  recordInteraction,
  recordPayment,
  tryRecordPayment,
} from './support/outcomes.ts';
import { sql, startTestApi, TEST_NOW, type TestApi } from './support/test-api.ts';

/**
 * `recordPayment`: the balance falls by exactly the amount (never below zero; the excess becomes credit), a
 * reference counts once however often and however concurrently it is posted, bad input names its field and
 * changes nothing, and a partner agency posts only on its own accounts. Expected balances are recomputed here
 * in bigint cents from the imported balance and the posted amounts.
 */
const NOW = TEST_NOW.toISOString();
const TABLES = ['payment', 'promise_to_pay', 'domain_event', 'queue_membership'] as const;

describe('recordPayment', () => {
  let api: TestApi;
  let counter = 0;
  const reference = () => `REF-${++counter}-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());
  beforeEach(() => api.clock.set(TEST_NOW));

  async function paymentRows(accountId: string): Promise<{ id: string; amount: string; reference: string }[]> {
    return sql(api, 'select id, amount::text as amount, reference from payment where account_id = ? order by id', [
      accountId,
    ]);
  }

  it('lowers the balance by exactly the amount and keeps the payment history figures', async () => {
    const account = await newAccount(api, { balance: '1200.50' });
    const paidAt = isoAfter(TEST_NOW, -3 * HOUR);
    const payment = await recordPayment(api, {
      accountId: account.id,
      amount: '200.3',
      currency: 'PEN',
      paidAt,
      reference: 'BCP-0001',
    });
    expect(payment).toMatchObject({ reference: 'BCP-0001', paidAt, amount: { amount: '200.30', currency: 'PEN' } });

    const state = await accountState(api, account.id);
    expect(cents(state.balance)).toBe(cents('1200.50') - cents('200.30'));
    expect(cents(state.credit)).toBe(0n);
    expect(state).toMatchObject({ status: 'ACTIVE', payment_count: 1, last_payment_at: paidAt });
    expect(await paymentRows(account.id)).toEqual([{ id: payment.id, amount: '200.3000', reference: 'BCP-0001' }]);

    const events = await eventsOfAccount(api, account.id);
    expect(events.map((event) => event.type)).toEqual(['PaymentRecorded']);
    expect(events[0]).toMatchObject({
      aggregate_type: 'Payment',
      aggregate_id: payment.id,
      payload: { amount: '200.30', currency: 'PEN', reference: 'BCP-0001', balanceAfter: '1000.20' },
    });
  });

  it('defaults paidAt to now and keeps lastPaymentAt at the latest payment when an older one posts late', async () => {
    const account = await newAccount(api);
    const first = await recordPayment(api, {
      accountId: account.id,
      amount: '1',
      currency: 'PEN',
      reference: reference(),
    });
    expect(first.paidAt).toBe(NOW);
    await recordPayment(api, {
      accountId: account.id,
      amount: '1',
      currency: 'PEN',
      paidAt: isoAfter(TEST_NOW, -48 * HOUR),
      reference: reference(),
    });
    expect(await accountState(api, account.id)).toMatchObject({ last_payment_at: NOW, payment_count: 2 });
  });

  describe('idempotency by reference', () => {
    it('returns the first payment for a repeated post and changes nothing', async () => {
      const account = await newAccount(api, { balance: '500.00' });
      const input = { accountId: account.id, amount: '120.00', currency: 'PEN', reference: reference() };
      const first = await recordPayment(api, input);
      const before = await countRows(api, TABLES);
      api.clock.set(new Date(TEST_NOW.getTime() + HOUR));
      // The retry carries no paidAt (it would be "now" again): still the same payment.
      const again = await recordPayment(api, { ...input, amount: '120' });
      expect(again).toEqual(first);
      expect(await countRows(api, TABLES)).toEqual(before);
      const state = await accountState(api, account.id);
      expect(cents(state.balance)).toBe(cents('500.00') - cents('120.00'));
      expect(state.payment_count).toBe(1);
    });

    it('counts ten concurrent posts of one reference once, answering all with the same payment', async () => {
      const account = await newAccount(api, { balance: '1000.00' });
      const input = { accountId: account.id, amount: '99.99', currency: 'PEN', reference: reference() };
      const responses = await Promise.all(Array.from({ length: 10 }, () => tryRecordPayment(api, input)));
      expect(responses.map((response) => response.errors)).toEqual(Array(10).fill(undefined));
      const ids = new Set(responses.map((response) => response.data!.recordPayment.id));
      expect(ids.size).toBe(1);

      const rows = await paymentRows(account.id);
      expect(rows.map((row) => row.id)).toEqual([...ids]);
      const state = await accountState(api, account.id);
      expect(cents(state.balance)).toBe(cents('1000.00') - cents('99.99'));
      expect(state.payment_count).toBe(1);
      const recorded = (await eventsOfAccount(api, account.id)).filter((event) => event.type === 'PaymentRecorded');
      expect(recorded).toHaveLength(1);
    });

    it('applies concurrent payments with different references one after the other, losing none', async () => {
      const account = await newAccount(api, { balance: '100.00' });
      const amounts = ['7.77', '12.34', '0.01', '25.00', '3.33', '40.00', '11.11', '9.99'];
      const responses = await Promise.all(
        amounts.map((amount) =>
          tryRecordPayment(api, { accountId: account.id, amount, currency: 'PEN', reference: reference() }),
        ),
      );
      expect(responses.filter((response) => response.errors)).toEqual([]);
      const paid = amounts.reduce((sum, amount) => sum + cents(amount), 0n);
      const opening = cents('100.00');
      const state = await accountState(api, account.id);
      expect(cents(state.balance)).toBe(opening > paid ? opening - paid : 0n);
      expect(cents(state.credit)).toBe(paid > opening ? paid - opening : 0n);
      expect(state.payment_count).toBe(amounts.length);
    });

    it('refuses a reference already used for another account, amount or currency (IDEMPOTENCY_KEY_REUSED), changing nothing', async () => {
      const account = await newAccount(api, { balance: '300.00' });
      const other = await newAccount(api, { balance: '300.00' });
      const input = { accountId: account.id, amount: '50.00', currency: 'PEN', reference: reference() };
      await recordPayment(api, input);
      const before = await countRows(api, TABLES);
      for (const changed of [{ amount: '50.01' }, { accountId: other.id }]) {
        expectError(await tryRecordPayment(api, { ...input, ...changed }), 'IDEMPOTENCY_KEY_REUSED', 'reference');
      }
      expect(await countRows(api, TABLES)).toEqual(before);
      expect(cents((await accountState(api, other.id)).balance)).toBe(cents('300.00'));
    });
  });

  describe('overpayment and settlement', () => {
    it('never takes the balance below zero: the excess becomes credit and the account is PAID', async () => {
      const account = await newAccount(api, { balance: '100.00' });
      await enqueue(api, account.id);
      await recordPayment(api, { accountId: account.id, amount: '150.25', currency: 'PEN', reference: reference() });
      let state = await accountState(api, account.id);
      expect(cents(state.balance)).toBe(0n);
      expect(cents(state.credit)).toBe(cents('150.25') - cents('100.00'));
      expect(state.status).toBe('PAID');
      // A paid account leaves its queue for good.
      expect(await membershipOf(api, account.id)).toBeNull();

      // A late duplicate from another channel only adds to the credit.
      await recordPayment(api, { accountId: account.id, amount: '10', currency: 'PEN', reference: reference() });
      state = await accountState(api, account.id);
      expect(cents(state.balance)).toBe(0n);
      expect(cents(state.credit)).toBe(cents('60.25'));
      expect(state.status).toBe('PAID');
      const changes = (await eventsOfAccount(api, account.id)).filter((e) => e.type === 'AccountStatusChanged');
      expect(changes.map((event) => event.payload)).toMatchObject([{ from: 'ACTIVE', to: 'PAID' }]);
    });

    it('settles exactly the balance in several payments to PAID', async () => {
      const account = await newAccount(api, { balance: '1200.50' });
      for (const amount of ['200.50', '500', '499.99', '0.01']) {
        await recordPayment(api, { accountId: account.id, amount, currency: 'PEN', reference: reference() });
      }
      const state = await accountState(api, account.id);
      expect([cents(state.balance), cents(state.credit), state.status]).toEqual([0n, 0n, 'PAID']);
    });

    it('clears a pending reconciliation and puts the account back in rotation when a balance remains', async () => {
      const account = await newAccount(api, { balance: '400.00' });
      await enqueue(api, account.id);
      await recordInteraction(api, { accountId: account.id, channel: 'CALL', disposition: 'ALREADY_PAID' });
      expect((await accountState(api, account.id)).reconciliation_pending).toBe(true);

      api.clock.set(new Date(TEST_NOW.getTime() + 2 * HOUR));
      await recordPayment(api, { accountId: account.id, amount: '150', currency: 'PEN', reference: reference() });
      const state = await accountState(api, account.id);
      expect(state.reconciliation_pending).toBe(false);
      expect(cents(state.balance)).toBe(cents('250.00'));
      expect((await membershipOf(api, account.id))!.next_attempt_at).toBe(isoAfter(TEST_NOW, 2 * HOUR));
    });

    it('is exact in currencies with no or three decimals', async () => {
      const yen = await newAccount(api, { balance: '10000', currency: 'JPY', originalAmount: '10000' });
      await recordPayment(api, { accountId: yen.id, amount: '3333', currency: 'JPY', reference: reference() });
      expect((await accountState(api, yen.id)).balance).toBe('6667.0000');
      expectError(
        await tryRecordPayment(api, { accountId: yen.id, amount: '1.5', currency: 'JPY', reference: reference() }),
        'BAD_USER_INPUT',
        'amount',
      );
      const dinar = await newAccount(api, { balance: '10.000', currency: 'KWD', originalAmount: '10' });
      const payment = await recordPayment(api, {
        accountId: dinar.id,
        amount: '0.125',
        currency: 'KWD',
        reference: reference(),
      });
      expect(payment.amount).toEqual({ amount: '0.125', currency: 'KWD' });
      expect((await accountState(api, dinar.id)).balance).toBe('9.8750');
    });
  });

  describe('validation', () => {
    let account: { id: string };
    beforeAll(async () => {
      account = await newAccount(api, { balance: '700.00' });
    });

    const cases: { name: string; input: Record<string, unknown>; code?: string; field: string }[] = [
      { name: 'a zero amount', input: { amount: '0' }, field: 'amount' },
      { name: 'a negative amount', input: { amount: '-10.00' }, field: 'amount' },
      { name: 'an amount that is not a number', input: { amount: '10,00' }, field: 'amount' },
      { name: 'an amount finer than the currency', input: { amount: '10.001' }, field: 'amount' },
      { name: "another currency than the account's", input: { currency: 'USD' }, field: 'currency' },
      { name: 'an unknown currency', input: { currency: 'XXX' }, field: 'currency' },
      { name: 'a paidAt in the future', input: { paidAt: isoAfter(TEST_NOW, 2 * MINUTE) }, field: 'paidAt' },
      { name: 'an empty reference', input: { reference: '   ' }, field: 'reference' },
      { name: 'a reference over 120 characters', input: { reference: 'R'.repeat(121) }, field: 'reference' },
      { name: 'an unknown account', input: { accountId: randomUUID() }, code: 'NOT_FOUND', field: 'accountId' },
    ];

    it.each(cases)('refuses $name, naming $field, and changes nothing', async (c) => {
      const before = await countRows(api, TABLES);
      const stateBefore = await accountState(api, account.id);
      const input = { accountId: account.id, amount: '10.00', currency: 'PEN', reference: reference(), ...c.input };
      expectError(await tryRecordPayment(api, input), c.code ?? 'BAD_USER_INPUT', c.field);
      expect(await countRows(api, TABLES)).toEqual(before);
      expect(await accountState(api, account.id)).toEqual(stateBefore);
    });

    it.each(['SUPERVISOR', 'AGENT'] as const)('is not open to %s keys (FORBIDDEN)', async (role) => {
      const key = await createApiKey(api, role);
      const input = { accountId: account.id, amount: '10.00', currency: 'PEN', reference: reference() };
      expectError(await tryRecordPayment(api, input, key), 'FORBIDDEN');
      expect(await paymentRows(account.id)).toEqual([]);
    });
  });

  it("lets an agency post on its own accounts only: another's is NOT_FOUND and untouched", async () => {
    const mine = await createAgency(api, { code: 'PAGOS-A' });
    const other = await createAgency(api, { code: 'PAGOS-B' });
    const key = await createApiKey(api, 'AGENCY', mine.id);
    const own = await newAccount(api, { debtorName: 'Pagador Propio', balance: '80.00' });
    const foreign = await newAccount(api, { debtorName: 'Pagador Ajeno', balance: '80.00' });
    expect(await placeAccounts(api, { search: 'Pagador Propio' }, mine.id)).toBe(1);
    expect(await placeAccounts(api, { search: 'Pagador Ajeno' }, other.id)).toBe(1);

    const before = await countRows(api, TABLES);
    const input = { accountId: foreign.id, amount: '80.00', currency: 'PEN', reference: reference() };
    const response = await tryRecordPayment(api, input, key);
    expectError(response, 'NOT_FOUND', 'accountId');
    expect(JSON.stringify(response)).not.toContain('Pagador');
    expect(await countRows(api, TABLES)).toEqual(before);
    expect(await accountState(api, foreign.id)).toMatchObject({ balance: '80.0000', status: 'ACTIVE' });

    // References are the poster's keys: one the in-house feed already used is another payment for the agency,
    // neither refused nor telling it anything about the in-house payment (issue: payment references were global).
    const taken = reference();
    await recordPayment(api, { accountId: foreign.id, amount: '5.00', currency: 'PEN', reference: taken });
    const mineToo = await recordPayment(
      api,
      { accountId: own.id, amount: '5.00', currency: 'PEN', reference: taken },
      key,
    );
    expect(JSON.stringify(mineToo)).not.toContain(foreign.id);

    const payment = await recordPayment(api, { ...input, accountId: own.id, amount: '75.00' }, key);
    expect(payment.amount).toEqual({ amount: '75.00', currency: 'PEN' });
    expect(await accountState(api, own.id)).toMatchObject({ balance: '0.0000', status: 'PAID' });
    expect(decimal(cents((await accountState(api, foreign.id)).balance))).toBe('75.00');
  });
});
