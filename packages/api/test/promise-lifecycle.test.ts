import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAgency, createAgent } from './support/fixtures.ts';
import {
  accountState,
  cents,
  enqueue,
  eventsOfAccount,
  HOUR,
  isoAfter,
  membershipOf,
  newAccount,
  promisesOf,
  recordInteraction,
  recordPayment,
} from './support/outcomes.ts';
import { startTestApi, TEST_NOW, type TestApi } from './support/test-api.ts';

/**
 * A promise to pay from the call that makes it to the payments that keep it, moving the controllable clock.
 * Kept = payments made between the promise and its deadline (due date + 3 grace days, on the debtor's own
 * calendar) reach the promised amount. A promise still short stays PENDING here: turning it into BROKEN or
 * PARTIALLY_KEPT once the deadline has passed is the promise-due job's work, not the payment's.
 *
 * The clock starts at Tuesday 2026-11-24 10:00 in Lima (15:00 UTC); promises are due Monday 2026-11-30, so
 * the last day a payment keeps them is Thursday 2026-12-03 (local).
 */
const PARKED = '9999-12-31T00:00:00.000Z';
const DUE = '2026-11-30';

describe('promise lifecycle', () => {
  let api: TestApi;
  let agent: { id: string };
  let sequence = 0;

  beforeAll(async () => {
    api = await startTestApi();
    const agency = await createAgency(api, { code: 'PROMESAS' });
    agent = await createAgent(api, 'Agente de Promesas', agency.id);
  });
  afterAll(() => api.close());
  beforeEach(() => api.clock.set(TEST_NOW));

  /** An account in a queue, with a promise of `amount` due on `DUE` taken by the agent now. */
  async function promised(amount: string, overrides: Parameters<typeof newAccount>[1] = {}) {
    const account = await newAccount(api, { balance: '1000.00', ...overrides });
    await enqueue(api, account.id, { agentId: agent.id });
    const interaction = await recordInteraction(api, {
      accountId: account.id,
      agentId: agent.id,
      channel: 'CALL',
      disposition: 'PROMISE_TO_PAY',
      promise: { amount, dueDate: DUE },
    });
    expect(interaction.account.status).toBe('PROMISED');
    return { ...account, promiseId: interaction.promise!.id };
  }

  /** Pays `amount` PEN at `at` (the clock is moved there: a feed posts as it happens). */
  async function payAt(accountId: string, amount: string, at: string, paidAt: string = at) {
    api.clock.set(new Date(at));
    sequence += 1;
    return recordPayment(api, { accountId, amount, currency: 'PEN', paidAt, reference: `PROMESA-${sequence}` });
  }

  it('is KEPT by one payment in full before the due date; the rest of the balance is worked again', async () => {
    const account = await promised('300.00');
    const paidAt = '2026-11-28T17:00:00.000Z';
    const payment = await payAt(account.id, '300.00', paidAt);

    const [promise] = await promisesOf(api, account.id);
    expect(promise).toMatchObject({ status: 'KEPT', paid_amount: '300.0000', resolved_at: paidAt });
    const state = await accountState(api, account.id);
    expect(state).toMatchObject({ status: 'ACTIVE', promises_kept: 1, promises_broken: 0 });
    expect(cents(state.balance)).toBe(cents('1000.00') - cents('300.00'));
    expect((await membershipOf(api, account.id))!.next_attempt_at).toBe(paidAt);

    const events = await eventsOfAccount(api, account.id);
    const kept = events.find((event) => event.type === 'PromiseKept')!;
    expect(kept).toMatchObject({
      aggregate_id: account.promiseId,
      payload: { agentId: agent.id, paymentId: payment.id, amount: '300.00', paidAmount: '300.00' },
    });
    const changes = events.filter((event) => event.type === 'AccountStatusChanged').map((event) => event.payload);
    expect(changes).toMatchObject([
      { from: 'ACTIVE', to: 'PROMISED', reason: 'PROMISE_TO_PAY' },
      { from: 'PROMISED', to: 'ACTIVE', reason: 'PROMISE_KEPT' },
    ]);
  });

  it('is KEPT by partial payments that add up within the grace days, judged on the local calendar', async () => {
    const account = await promised('300.00');
    await payAt(account.id, '100.00', '2026-11-29T20:00:00.000Z');
    let [promise] = await promisesOf(api, account.id);
    expect(promise).toMatchObject({ status: 'PENDING', paid_amount: '100.0000', resolved_at: null });
    expect((await accountState(api, account.id)).status).toBe('PROMISED');
    // Still waiting on the promise: not offered to agents meanwhile.
    expect((await membershipOf(api, account.id))!.next_attempt_at).toBe(PARKED);

    // 23:30 on Thursday 3 December in Lima is already Friday in UTC: the last day of grace still counts.
    await payAt(account.id, '200.00', '2026-12-04T04:30:00.000Z');
    [promise] = await promisesOf(api, account.id);
    expect(promise).toMatchObject({ status: 'KEPT', paid_amount: '300.0000' });
    const state = await accountState(api, account.id);
    expect(state).toMatchObject({ status: 'ACTIVE', promises_kept: 1, payment_count: 2 });
    expect(cents(state.balance)).toBe(cents('1000.00') - cents('100.00') - cents('200.00'));
  });

  it('is not kept by a payment after the deadline: it stays PENDING for the due job to resolve', async () => {
    const account = await promised('300.00');
    // 00:30 on Friday 4 December in Lima: one day past the grace period.
    await payAt(account.id, '300.00', '2026-12-04T05:30:00.000Z');
    const [promise] = await promisesOf(api, account.id);
    expect(promise).toMatchObject({ status: 'PENDING', paid_amount: '0.0000', resolved_at: null });
    const state = await accountState(api, account.id);
    // The money still lowers the balance; the promise's fate (BROKEN) is decided by the promise-due job.
    expect(cents(state.balance)).toBe(cents('700.00'));
    expect(state).toMatchObject({ status: 'PROMISED', promises_kept: 0 });
    expect((await eventsOfAccount(api, account.id)).map((event) => event.type)).not.toContain('PromiseKept');
  });

  it('counts a payment made within the window even when the feed posts it after the deadline', async () => {
    const account = await promised('300.00');
    await payAt(account.id, '300.00', '2026-12-05T15:00:00.000Z', '2026-12-02T15:00:00.000Z');
    expect((await promisesOf(api, account.id))[0]).toMatchObject({ status: 'KEPT', paid_amount: '300.0000' });
  });

  it('counts only payments made after the promise: one made before the call does not keep it', async () => {
    const account = await newAccount(api, { balance: '1000.00' });
    const startedAt = isoAfter(TEST_NOW, -HOUR);
    await recordInteraction(api, {
      accountId: account.id,
      channel: 'CALL',
      disposition: 'PROMISE_TO_PAY',
      startedAt,
      promise: { amount: '50.00', dueDate: DUE },
    });
    // Posted now, but paid two hours ago — before the promise was made.
    await payAt(account.id, '50.00', TEST_NOW.toISOString(), isoAfter(TEST_NOW, -2 * HOUR));
    expect((await promisesOf(api, account.id))[0]).toMatchObject({ status: 'PENDING', paid_amount: '0.0000' });
    // Paid half an hour ago, during the call that made it: counts.
    await payAt(account.id, '50.00', TEST_NOW.toISOString(), isoAfter(TEST_NOW, -HOUR / 2));
    expect((await promisesOf(api, account.id))[0]).toMatchObject({ status: 'KEPT', paid_amount: '50.0000' });
  });

  it("reads the deadline on the debtor's calendar, not the operation's", async () => {
    const lima = await promised('40.00');
    const tokyo = await promised('40.00', { timeZone: 'Asia/Tokyo' });
    // 16:00 UTC on 3 December: 11:00 that day in Lima, but 01:00 on 4 December in Tokyo.
    const at = '2026-12-03T16:00:00.000Z';
    await payAt(lima.id, '40.00', at);
    await payAt(tokyo.id, '40.00', at);
    expect((await promisesOf(api, lima.id))[0]!.status).toBe('KEPT');
    expect((await promisesOf(api, tokyo.id))[0]!.status).toBe('PENDING');
  });

  it('turns PROMISED into PAID when the promise covers the whole balance, and the account leaves its queue', async () => {
    const account = await promised('250.75', { balance: '250.75' });
    await payAt(account.id, '250.75', '2026-11-30T14:00:00.000Z');
    expect((await promisesOf(api, account.id))[0]!.status).toBe('KEPT');
    const state = await accountState(api, account.id);
    expect([state.status, cents(state.balance), state.promises_kept]).toEqual(['PAID', 0n, 1]);
    expect(await membershipOf(api, account.id)).toBeNull();
    const changes = (await eventsOfAccount(api, account.id))
      .filter((event) => event.type === 'AccountStatusChanged')
      .map((event) => [event.payload.from, event.payload.to]);
    expect(changes).toEqual([
      ['ACTIVE', 'PROMISED'],
      ['PROMISED', 'PAID'],
    ]);
  });

  it('records what was paid, also beyond the promised amount', async () => {
    const account = await promised('300.00');
    await payAt(account.id, '500.00', '2026-11-26T15:00:00.000Z');
    expect((await promisesOf(api, account.id))[0]).toMatchObject({ status: 'KEPT', paid_amount: '500.0000' });
    const state = await accountState(api, account.id);
    expect([state.status, cents(state.balance)]).toEqual(['ACTIVE', cents('500.00')]);
  });

  it('gives a replaced promise nothing: the payment counts towards the one in force', async () => {
    const account = await promised('300.00');
    api.clock.set(new Date('2026-11-25T15:00:00.000Z'));
    await recordInteraction(api, {
      accountId: account.id,
      channel: 'CALL',
      disposition: 'PROMISE_TO_PAY',
      promise: { amount: '120.00', dueDate: '2026-12-01' },
    });
    await payAt(account.id, '120.00', '2026-11-27T15:00:00.000Z');
    const promises = await promisesOf(api, account.id);
    expect(promises.map((p) => [p.status, p.paid_amount])).toEqual([
      ['CANCELLED', '0.0000'],
      ['KEPT', '120.0000'],
    ]);
    expect((await accountState(api, account.id)).promises_kept).toBe(1);
  });
});
