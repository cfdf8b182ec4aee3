import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PromiseReminderSweepJob } from '../src/modules/promises/promise-reminder-sweep.job.ts';
import { PromiseReminderJob } from '../src/modules/promises/promise-reminder.job.ts';
import { sendPromiseReminder } from '../src/modules/promises/promise-reminder.service.ts';
import { accountRow } from './support/fixtures.ts';
import { importRows, insertPromise } from './support/job-fixtures.ts';
import { sql, startTestApi, TEST_NOW, type TestApi } from './support/test-api.ts';
import { sleep, waitFor } from './support/wait.ts';

/**
 * PROMISE_DUE_SOON reminders, two days before the promised date, at 2026-11-24 10:00 in Lima (a Tuesday,
 * inside Peru's 07:00–20:00 weekday window).
 */
describe('promise reminders', () => {
  let api: TestApi;
  const promises: Record<string, string> = {};
  const accounts: Record<string, string> = {};

  beforeAll(async () => {
    api = await startTestApi();
    const names = ['dueSoon', 'dueToday', 'dueLater', 'madeToday', 'doNotContact', 'disputed', 'noContactPoint'];
    const ids = await importRows(
      api,
      names.map((name) =>
        accountRow({
          debtorName: name === 'dueSoon' ? 'Rosa Mamani Quispe' : `Deudor ${name}`,
          phones: name === 'noContactPoint' ? [] : ['+51 912 345 678'],
          emails: name === 'noContactPoint' ? [] : [`${name.toLowerCase()}@example.pe`],
        }),
      ),
    );
    names.forEach((name, index) => (accounts[name] = ids[index]!));
    const promise = (name: string, dueDate: string, extra: { createdAt?: string } = {}) =>
      insertPromise(api, { accountId: accounts[name]!, amount: '480.50', dueDate, ...extra });
    promises.dueSoon = await promise('dueSoon', '2026-11-26');
    promises.dueToday = await promise('dueToday', '2026-11-24');
    promises.dueLater = await promise('dueLater', '2026-11-27');
    promises.madeToday = await promise('madeToday', '2026-11-25', { createdAt: '2026-11-24T14:00:00.000Z' });
    promises.doNotContact = await promise('doNotContact', '2026-11-25');
    promises.disputed = await insertPromise(
      api,
      { accountId: accounts.disputed!, amount: '480.50', dueDate: '2026-11-25' },
      'DISPUTED',
    );
    promises.noContactPoint = await promise('noContactPoint', '2026-11-25');
    await sql(api, 'update debtor set do_not_contact = true where id = (select debtor_id from account where id = ?)', [
      accounts.doNotContact,
    ]);
  });

  afterAll(() => api.close());

  const messages = () =>
    sql<{ account_id: string; template: string; channel: string; recipient: string; body: string }>(
      api,
      'select account_id, template, channel, recipient, body from outbound_message order by account_id',
    );

  it('reminds each promise due within two days once, in Spanish, addressing only the debtor', async () => {
    await new PromiseReminderSweepJob(api.jobDeps).handle();
    await waitFor('two reminders', async () => (await messages()).length === 2);
    await sleep(300);
    const sent = await messages();
    expect(sent.map((message) => message.account_id).sort()).toEqual([accounts.dueSoon, accounts.dueToday].sort());
    const reminder = sent.find((message) => message.account_id === accounts.dueSoon)!;
    expect(reminder).toMatchObject({ template: 'PROMISE_DUE_SOON', channel: 'SMS', recipient: '+51912345678' });
    expect(reminder.body).toMatch(
      /^Hola, Rosa Mamani Quispe\. Le recordamos su compromiso de pago de S\/ 480\.50 con /,
    );
    expect(reminder.body).toContain('para el 26/11/2026.');
    expect(reminder.body).toContain('Si usted no es Rosa Mamani Quispe, por favor ignore este mensaje.');
    expect(reminder.body).not.toMatch(/DOC\d|\d{8}/); // no document number
  });

  it('sends a reminder once however often the sweep and the job run, even at the same time', async () => {
    const job = new PromiseReminderJob(api.jobDeps);
    await Promise.all([
      new PromiseReminderSweepJob(api.jobDeps).handle(),
      new PromiseReminderSweepJob(api.jobDeps).handle(),
      job.handle({ promiseId: promises.dueSoon!, template: 'PROMISE_DUE_SOON' }),
      job.handle({ promiseId: promises.dueSoon!, template: 'PROMISE_DUE_SOON' }),
    ]);
    await sleep(300);
    expect(await messages()).toHaveLength(2);
    const [events] = await sql<{ n: string }>(
      api,
      `select count(*)::text as n from domain_event where type = 'MessageSent'`,
    );
    expect(Number(events!.n)).toBe(2);
  });

  it('never messages do-not-contact or disputed accounts, nor debtors without a phone or e-mail', async () => {
    const { orm, clock, channel } = api.jobDeps;
    for (const name of ['doNotContact', 'disputed']) {
      expect(await sendPromiseReminder(orm, clock, channel, promises[name]!, 'PROMISE_DUE_SOON')).toEqual({
        outcome: 'NOT_ALLOWED',
      });
    }
    expect(await sendPromiseReminder(orm, clock, channel, promises.noContactPoint!, 'PROMISE_DUE_SOON')).toEqual({
      outcome: 'NO_CONTACT_POINT',
    });
    // A reminder of a kind the promise is no longer in: nothing to say.
    expect(await sendPromiseReminder(orm, clock, channel, promises.dueLater!, 'PROMISE_BROKEN')).toEqual({
      outcome: 'NOT_APPLICABLE',
    });
    expect(await messages()).toHaveLength(2);
  });

  it('waits for the contact window: at 22:00 in Lima the reminder is due at 07:00 the next morning', async () => {
    try {
      api.clock.set(new Date('2026-11-25T03:00:00.000Z'));
      const { orm, clock, channel } = api.jobDeps;
      expect(await sendPromiseReminder(orm, clock, channel, promises.dueLater!, 'PROMISE_DUE_SOON')).toEqual({
        outcome: 'OUTSIDE_CONTACT_WINDOW',
        opensAt: new Date('2026-11-25T12:00:00.000Z'),
      });
      expect(await messages()).toHaveLength(2);
    } finally {
      api.clock.set(TEST_NOW);
    }
  });
});
