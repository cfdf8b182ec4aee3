import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PromiseDueJob } from '../src/modules/promises/promise-due.job.ts';
import { resolveDuePromises } from '../src/modules/promises/promise-resolution.ts';
import { accountRow } from './support/fixtures.ts';
import { importRows, insertMembership, insertPromise, insertQueue, iso, PARKED_SQL } from './support/job-fixtures.ts';
import { sql, startTestApi, TEST_NOW, type TestApi } from './support/test-api.ts';
import { sleep, waitFor } from './support/wait.ts';

/**
 * The promise due check at 2026-11-24 10:00 in Lima (15:00 UTC). A promise's deadline is its due date plus
 * grace days (3 here), in the debtor's own calendar: due 2026-11-18 has passed everywhere, due 2026-11-21 ends
 * today in Lima but has passed in Tokyo, where it is already 2026-11-25.
 */

const PROMISE_EVENTS = `('PromiseKept', 'PromisePartiallyKept', 'PromiseBroken')`;

interface AccountRow extends Record<string, unknown> {
  id: string;
  status: string;
  promises_kept: number;
  promises_broken: number;
}

describe('promise due check', () => {
  let api: TestApi;
  const ids: Record<string, string> = {};
  const promises: Record<string, string> = {};

  beforeAll(async () => {
    api = await startTestApi();
    const names = ['kept', 'partial', 'broken', 'inGrace', 'tokyo', 'twoPromises', 'disputed', 'doNotContact'];
    const accountIds = await importRows(
      api,
      names.map((name) =>
        accountRow({
          debtorName: `Deudor ${name}`,
          timeZone: name === 'tokyo' ? 'Asia/Tokyo' : 'America/Lima',
          phones: name === 'broken' ? [] : ['+51987654321'],
          emails: [`${name.toLowerCase()}@example.pe`],
        }),
      ),
    );
    names.forEach((name, index) => (ids[name] = accountIds[index]!));
    const queue = await insertQueue(api);
    for (const id of accountIds) await insertMembership(api, queue, id, PARKED_SQL);

    const past = { amount: '500.00', dueDate: '2026-11-18' };
    promises.kept = await insertPromise(api, { accountId: ids.kept!, ...past, paidAmount: '500.00' });
    promises.partial = await insertPromise(api, { accountId: ids.partial!, ...past, paidAmount: '200.00' });
    promises.broken = await insertPromise(api, { accountId: ids.broken!, ...past });
    promises.inGrace = await insertPromise(api, { accountId: ids.inGrace!, amount: '500.00', dueDate: '2026-11-21' });
    promises.tokyo = await insertPromise(api, { accountId: ids.tokyo!, amount: '500.00', dueDate: '2026-11-21' });
    promises.firstOfTwo = await insertPromise(api, { accountId: ids.twoPromises!, ...past });
    promises.secondOfTwo = await insertPromise(api, {
      accountId: ids.twoPromises!,
      amount: '300.00',
      dueDate: '2026-12-05',
    });
    promises.disputed = await insertPromise(api, { accountId: ids.disputed!, ...past }, 'DISPUTED');
    promises.doNotContact = await insertPromise(api, { accountId: ids.doNotContact!, ...past });
    await sql(api, 'update debtor set do_not_contact = true where id = (select debtor_id from account where id = ?)', [
      ids.doNotContact,
    ]);
  });

  afterAll(() => api.close());

  const promiseStatuses = async () => {
    const rows = await sql<{ id: string; status: string; resolved_at: string | null }>(
      api,
      `select id, status, ${iso('resolved_at')} from promise_to_pay`,
    );
    return Object.fromEntries(
      Object.entries(promises).map(([name, id]) => {
        const row = rows.find((candidate) => candidate.id === id)!;
        return [name, { status: row.status, resolvedAt: row.resolved_at }];
      }),
    );
  };

  const snapshot = async () => ({
    promises: await promiseStatuses(),
    accounts: await sql<AccountRow>(api, 'select id, status, promises_kept, promises_broken from account order by id'),
    memberships: await sql(
      api,
      `select account_id, ${iso('next_attempt_at')}, score from queue_membership order by account_id`,
    ),
    events: await sql(api, `select type, aggregate_id from domain_event where type in ${PROMISE_EVENTS} order by id`),
    messages: await sql(api, 'select dedupe_key, channel, recipient from outbound_message order by dedupe_key'),
  });

  it('resolves each promise past its deadline by the shared rule, in the debtor’s calendar', async () => {
    await new PromiseDueJob(api.jobDeps).handle();

    const now = TEST_NOW.toISOString();
    const resolved = (status: string) => ({ status, resolvedAt: now });
    const pending = { status: 'PENDING', resolvedAt: null };
    expect(await promiseStatuses()).toEqual({
      kept: resolved('KEPT'),
      partial: resolved('PARTIALLY_KEPT'),
      broken: resolved('BROKEN'),
      inGrace: pending,
      tokyo: resolved('BROKEN'),
      firstOfTwo: resolved('BROKEN'),
      secondOfTwo: pending,
      disputed: resolved('BROKEN'),
      doNotContact: resolved('BROKEN'),
    });
  });

  it('counts the outcome on the account and puts it back to work unless something still holds it', async () => {
    const accounts = new Map(
      (await sql<AccountRow>(api, 'select id, status, promises_kept, promises_broken from account')).map((row) => [
        row.id,
        row,
      ]),
    );
    const memberships = new Map(
      (
        await sql<{ account_id: string; next_attempt_at: string; score_factors: unknown }>(
          api,
          `select account_id, ${iso('next_attempt_at')}, score_factors from queue_membership`,
        )
      ).map((row) => [row.account_id, row]),
    );
    const expectAccount = (name: string, status: string, kept: number, broken: number, due: string) => {
      expect(accounts.get(ids[name]!), name).toMatchObject({ status, promises_kept: kept, promises_broken: broken });
      expect(memberships.get(ids[name]!)!.next_attempt_at, name).toBe(due);
    };
    const now = TEST_NOW.toISOString();
    // Partially kept counts as broken (docs/design.md, kept rate). The account goes from PROMISED to ACTIVE and is due now.
    expectAccount('kept', 'ACTIVE', 1, 0, now);
    expectAccount('partial', 'ACTIVE', 0, 1, now);
    expectAccount('broken', 'ACTIVE', 0, 1, now);
    expectAccount('tokyo', 'ACTIVE', 0, 1, now);
    expectAccount('doNotContact', 'ACTIVE', 0, 1, now);
    // Another promise still runs: still PROMISED and parked. A dispute is not lifted by a broken promise.
    expectAccount('twoPromises', 'PROMISED', 0, 1, PARKED_SQL);
    expectAccount('disputed', 'DISPUTED', 0, 1, PARKED_SQL);
    expectAccount('inGrace', 'PROMISED', 0, 0, PARKED_SQL);
    // Rescored with the new figures.
    expect(memberships.get(ids.broken!)!.score_factors).not.toBeNull();
  });

  it('writes one event per resolution, in the same transaction', async () => {
    const events = await sql<{ type: string; aggregate_id: string; payload: Record<string, unknown> }>(
      api,
      `select type, aggregate_id, payload from domain_event where type in ${PROMISE_EVENTS}`,
    );
    const byPromise = new Map(events.map((event) => [event.aggregate_id, event]));
    expect(events).toHaveLength(7);
    expect(byPromise.get(promises.kept!)!.type).toBe('PromiseKept');
    expect(byPromise.get(promises.partial!)).toMatchObject({
      type: 'PromisePartiallyKept',
      payload: {
        accountId: ids.partial,
        amount: '500.00',
        paidAmount: '200.00',
        currency: 'PEN',
        deadline: '2026-11-21',
      },
    });
    expect(byPromise.get(promises.broken!)!.type).toBe('PromiseBroken');
  });

  it('queues a PROMISE_BROKEN reminder, never to do-not-contact or disputed accounts', async () => {
    await waitFor('three reminders', async () => (await sql(api, 'select 1 from outbound_message')).length === 3);
    await sleep(300);
    const messages = await sql<{
      account_id: string;
      template: string;
      channel: string;
      recipient: string;
      body: string;
      dedupe_key: string;
    }>(api, 'select account_id, template, channel, recipient, body, dedupe_key from outbound_message');
    const byAccount = new Map(messages.map((message) => [message.account_id, message]));
    expect([...byAccount.keys()].sort()).toEqual([ids.partial, ids.broken, ids.twoPromises].sort());
    expect(byAccount.get(ids.partial!)).toMatchObject({
      template: 'PROMISE_BROKEN',
      channel: 'SMS',
      recipient: '+51987654321',
      dedupe_key: `PROMISE_BROKEN:${promises.partial}`,
    });
    expect(byAccount.get(ids.partial!)!.body).toContain('Hola, Deudor partial.');
    expect(byAccount.get(ids.partial!)!.body).toContain('Recibimos un pago de S/ 200.00 de los S/ 500.00');
    // No phone: the first e-mail address.
    expect(byAccount.get(ids.broken!)).toMatchObject({ channel: 'EMAIL', recipient: 'broken@example.pe' });
    expect(byAccount.get(ids.broken!)!.body).toContain('No hemos recibido el pago de S/ 500.00');
    // It is midnight in Tokyo: that reminder waits for the contact window instead of going out now.
  });

  it('changes nothing when run again', async () => {
    const before = await snapshot();
    await new PromiseDueJob(api.jobDeps).handle();
    await sleep(300);
    expect(await snapshot()).toEqual(before);
  });
});

describe('promise due check run by several workers at once', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(() => api.close());

  it('resolves every due promise exactly once', async () => {
    const accountIds = await importRows(
      api,
      Array.from({ length: 40 }, () => accountRow()),
    );
    const queue = await insertQueue(api);
    const promiseIds: string[] = [];
    for (const [index, accountId] of accountIds.entries()) {
      await insertMembership(api, queue, accountId, PARKED_SQL);
      promiseIds.push(await insertPromise(api, { accountId, amount: '100.00', dueDate: '2026-11-01' }));
      // Every fourth account has a second due promise: two promises of one account in one batch.
      if (index % 4 === 0) {
        promiseIds.push(
          await insertPromise(api, { accountId, amount: '50.00', paidAmount: '10.00', dueDate: '2026-11-02' }),
        );
      }
    }

    const workers = await Promise.all([1, 2, 3, 4].map(() => resolveDuePromises(api.orm, api.clock, { batchSize: 3 })));
    const resolved = workers.flat().map((resolution) => resolution.promiseId);
    expect(resolved).toHaveLength(promiseIds.length);
    expect(new Set(resolved)).toEqual(new Set(promiseIds));
    // More than one worker did part of the work (the batches interleaved rather than ran one after another).
    expect(workers.filter((work) => work.length > 0).length).toBeGreaterThan(1);

    const accounts = await sql<{ id: string; status: string; promises_broken: number }>(
      api,
      'select id, status, promises_broken from account',
    );
    for (const [index, accountId] of accountIds.entries()) {
      expect(accounts.find((row) => row.id === accountId)).toMatchObject({
        status: 'ACTIVE',
        promises_broken: index % 4 === 0 ? 2 : 1,
      });
    }
    const [events] = await sql<{ n: string }>(
      api,
      `select count(*)::text as n from domain_event where type in ${PROMISE_EVENTS}`,
    );
    expect(Number(events!.n)).toBe(promiseIds.length);
    expect(await sql(api, `select id from promise_to_pay where status = 'PENDING'`)).toEqual([]);
  });
});
