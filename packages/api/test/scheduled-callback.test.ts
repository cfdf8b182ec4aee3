import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCallbackDue } from '../src/modules/queues/callback-due.service.ts';
import { scheduleCallback } from '../src/modules/queues/callback-due.job.ts';
import { importOne, insertMembership, insertQueue, iso, PARKED_SQL } from './support/job-fixtures.ts';
import { sql, startTestApi, TEST_NOW, type TestApi } from './support/test-api.ts';
import { waitFor } from './support/wait.ts';

/** Scheduled callbacks, on both job-queue adapters the test harness can start with. */
describe.each(['in-process', 'bullmq'] as const)('scheduled callback (%s jobs)', (jobs) => {
  let api: TestApi;
  let queue: { campaignId: string; queueId: string };

  beforeAll(async () => {
    api = await startTestApi({ jobs });
    queue = await insertQueue(api);
  });

  afterAll(() => api.close());

  const nextAttemptAt = async (accountId: string) =>
    (
      await sql<{ next_attempt_at: string | null }>(
        api,
        `select ${iso('next_attempt_at')} from queue_membership where account_id = ?`,
        [accountId],
      )
    )[0]!.next_attempt_at;
  const callbackEvents = (accountId: string) =>
    sql(api, `select payload from domain_event where type = 'CallbackDue' and aggregate_id = ?`, [accountId]);

  it('makes a parked account due at the requested time, once', async () => {
    const accountId = await importOne(api);
    await insertMembership(api, queue, accountId, PARKED_SQL);
    const at = new Date(Date.now() + 400);

    const ids = await Promise.all([
      scheduleCallback(api.jobs, { accountId, at }),
      scheduleCallback(api.jobs, { accountId, at }),
    ]);
    expect(ids[0]).toBe(ids[1]);
    expect(await nextAttemptAt(accountId)).toBe(PARKED_SQL);

    // "Now" is the injected clock's: the account is due from the clock's instant.
    await waitFor(
      'the callback to make the account due',
      async () => (await nextAttemptAt(accountId)) === TEST_NOW.toISOString(),
    );
    expect(Date.now()).toBeGreaterThanOrEqual(at.getTime() - 5);
    expect(await callbackEvents(accountId)).toEqual([
      { payload: { callbackAt: at.toISOString(), queueId: queue.queueId } },
    ]);

    // A redelivery of the same callback after the agent worked the account again changes nothing.
    await sql(api, `update queue_membership set next_attempt_at = ?::timestamptz where account_id = ?`, [
      PARKED_SQL,
      accountId,
    ]);
    expect(await makeCallbackDue(api.orm, api.clock, accountId, at.toISOString())).toBe('ALREADY_DONE');
    expect(await nextAttemptAt(accountId)).toBe(PARKED_SQL);
    expect(await callbackEvents(accountId)).toHaveLength(1);
  });

  it('leaves do-not-contact and disputed accounts alone', async () => {
    const doNotContact = await importOne(api);
    const disputed = await importOne(api);
    for (const accountId of [doNotContact, disputed]) await insertMembership(api, queue, accountId, PARKED_SQL);
    await sql(api, 'update debtor set do_not_contact = true where id = (select debtor_id from account where id = ?)', [
      doNotContact,
    ]);
    await sql(api, `update account set status = 'DISPUTED' where id = ?`, [disputed]);
    const at = new Date().toISOString();
    expect(await makeCallbackDue(api.orm, api.clock, doNotContact, at)).toBe('NOT_APPLICABLE');
    expect(await makeCallbackDue(api.orm, api.clock, disputed, at)).toBe('NOT_APPLICABLE');
    expect(await nextAttemptAt(doNotContact)).toBe(PARKED_SQL);
    expect(await nextAttemptAt(disputed)).toBe(PARKED_SQL);
  });
});
