import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countRows, createAgency, createAgent, createApiKey, expectError, placeAccounts } from './support/fixtures.ts';
import {
  accountState,
  after,
  DAY,
  enqueue,
  eventsOfAccount,
  HOUR,
  isoAfter,
  isoColumn,
  MINUTE,
  membershipOf,
  newAccount,
  promisesOf,
  recordInteraction,
  tryRecordInteraction,
} from './support/outcomes.ts';
import { setAgentStatus } from './support/campaigns.ts';
import { sql, startTestApi, TEST_NOW, type TestApi } from './support/test-api.ts';

/**
 * `recordInteraction`: every disposition of the contract with its own effect on the account, the debtor, the
 * promise table and the queue; the validation of each field (named, and nothing written); and who may record.
 * The clock stands at Tuesday 2026-11-24 10:00 in Lima (15:00 UTC).
 */
const PARKED = '9999-12-31T00:00:00.000Z';
const NOW = TEST_NOW.toISOString();
const TABLES = ['interaction', 'promise_to_pay', 'domain_event', 'debtor', 'queue_membership'] as const;

describe('recordInteraction', () => {
  let api: TestApi;
  let agent: { id: string };

  beforeAll(async () => {
    api = await startTestApi();
    const agency = await createAgency(api, { code: 'CASA', name: 'Equipo interno' });
    agent = await createAgent(api, 'Agente Interna', agency.id);
  });
  afterAll(() => api.close());
  beforeEach(() => api.clock.set(TEST_NOW));

  /** An account in a queue, reserved by the agent as `nextAccount` hands it out. */
  async function workedAccount(overrides: Parameters<typeof newAccount>[1] = {}) {
    const account = await newAccount(api, overrides);
    await enqueue(api, account.id, { agentId: agent.id, variant: 'CHALLENGER' });
    return account;
  }

  describe('attempts without a conversation about the debt', () => {
    // Retry spacing per disposition, restated here rather than read from the shared table.
    const cases = [
      { disposition: 'NO_ANSWER', channel: 'CALL', retryMs: 2 * HOUR },
      { disposition: 'BUSY', channel: 'CALL', retryMs: 30 * MINUTE },
      { disposition: 'VOICEMAIL', channel: 'CALL', retryMs: 4 * HOUR },
      { disposition: 'MESSAGE_SENT', channel: 'WHATSAPP', retryMs: DAY },
      { disposition: 'THIRD_PARTY', channel: 'CALL', retryMs: DAY },
    ];
    it.each(cases)('$disposition: counts an attempt, frees the reservation and retries later', async (c) => {
      const account = await workedAccount();
      const startedAt = after(TEST_NOW, -10 * MINUTE);
      const recorded = await recordInteraction(api, {
        accountId: account.id,
        agentId: agent.id,
        channel: c.channel,
        disposition: c.disposition,
        startedAt: startedAt.toISOString(),
        durationSeconds: 42,
        notes: 'Sin novedad',
      });
      expect(recorded).toMatchObject({
        channel: c.channel,
        disposition: c.disposition,
        startedAt: startedAt.toISOString(),
        durationSeconds: 42,
        agent: { id: agent.id },
        account: { id: account.id, status: 'ACTIVE' },
        promise: null,
      });

      const [row] = await sql<{ variant: string; notes: string; agent_id: string; started_at: string }>(
        api,
        `select variant, notes, agent_id, ${isoColumn('started_at')} from interaction where id = ?`,
        [recorded.id],
      );
      expect(row).toEqual({
        variant: 'CHALLENGER',
        notes: 'Sin novedad',
        agent_id: agent.id,
        started_at: startedAt.toISOString(),
      });

      const state = await accountState(api, account.id);
      expect(state.status).toBe('ACTIVE');
      expect(state.last_attempt_at).toBe(startedAt.toISOString());
      // Neither a missed call nor a relative on the line is a conversation with the debtor.
      expect(state.last_right_party_contact_at).toBeNull();

      const membership = await membershipOf(api, account.id);
      expect(membership).toMatchObject({
        reserved_by_id: null,
        reserved_until: null,
        last_worked_on: '2026-11-24',
        next_attempt_at: isoAfter(startedAt, c.retryMs),
      });
      // Re-scored from the account's new figures (it was entered unscored).
      expect(Number(membership!.score)).toBeGreaterThan(0);

      const events = await eventsOfAccount(api, account.id);
      expect(events.map((event) => event.type)).toEqual(['InteractionRecorded']);
      expect(events[0]).toMatchObject({
        aggregate_type: 'Interaction',
        aggregate_id: recorded.id,
        actor: 'admin-bootstrap',
        payload: {
          disposition: c.disposition,
          agentId: agent.id,
          variant: 'CHALLENGER',
          contact: c.disposition === 'THIRD_PARTY',
          rightPartyContact: false,
        },
      });
    });
  });

  it('keeps one open status period when the same agent records several calls at once', async () => {
    const accounts = [];
    for (let n = 0; n < 6; n += 1) accounts.push(await workedAccount());
    for (let round = 0; round < 3; round += 1) {
      await setAgentStatus(api, agent.id, 'ON_CONTACT');
      await Promise.all(
        accounts.map((account) =>
          recordInteraction(api, { accountId: account.id, agentId: agent.id, channel: 'CALL', disposition: 'BUSY' }),
        ),
      );
      const [open] = await sql<{ n: number }>(
        api,
        'select count(*)::int as n from agent_status_period where agent_id = ? and ended_at is null',
        [agent.id],
      );
      expect(open!.n).toBe(1);
    }
  });

  it('MESSAGE_REPLIED: a right-party contact on a message channel', async () => {
    const account = await workedAccount();
    await recordInteraction(api, { accountId: account.id, channel: 'SMS', disposition: 'MESSAGE_REPLIED' });
    const state = await accountState(api, account.id);
    expect(state.last_attempt_at).toBe(NOW);
    expect(state.last_right_party_contact_at).toBe(NOW);
    expect((await membershipOf(api, account.id))!.next_attempt_at).toBe(isoAfter(TEST_NOW, 2 * HOUR));
  });

  it('REFUSED_TO_PAY: counts each refusal and waits three days', async () => {
    const account = await workedAccount();
    const input = { accountId: account.id, channel: 'CALL', disposition: 'REFUSED_TO_PAY' };
    await recordInteraction(api, input);
    api.clock.set(after(TEST_NOW, 4 * DAY));
    await recordInteraction(api, input);
    const state = await accountState(api, account.id);
    expect(state.refusals).toBe(2);
    expect(state.status).toBe('ACTIVE');
    expect(state.last_right_party_contact_at).toBe(isoAfter(TEST_NOW, 4 * DAY));
    expect((await membershipOf(api, account.id))!.next_attempt_at).toBe(isoAfter(TEST_NOW, 7 * DAY));
  });

  describe('PROMISE_TO_PAY', () => {
    it('makes a pending promise in the account currency, marks the account PROMISED and parks it', async () => {
      const account = await workedAccount({ balance: '1200.50' });
      const recorded = await recordInteraction(api, {
        accountId: account.id,
        agentId: agent.id,
        channel: 'CALL',
        disposition: 'PROMISE_TO_PAY',
        durationSeconds: 300,
        promise: { amount: '300.5', dueDate: '2026-11-30' },
      });
      expect(recorded.account.status).toBe('PROMISED');
      expect(recorded.promise).toMatchObject({
        status: 'PENDING',
        dueDate: '2026-11-30',
        amount: { amount: '300.50', currency: 'PEN' },
      });

      const [promise] = await promisesOf(api, account.id);
      expect(promise).toMatchObject({
        id: recorded.promise!.id,
        status: 'PENDING',
        amount: '300.5000',
        paid_amount: '0.0000',
        due_date: '2026-11-30',
        grace_days: 3,
        created_at: NOW,
        resolved_at: null,
        interaction_id: recorded.id,
      });
      const state = await accountState(api, account.id);
      expect(state.status).toBe('PROMISED');
      expect(state.last_right_party_contact_at).toBe(NOW);
      expect((await membershipOf(api, account.id))!.next_attempt_at).toBe(PARKED);

      const types = (await eventsOfAccount(api, account.id)).map((event) => event.type);
      expect(types).toEqual(['InteractionRecorded', 'PromiseMade', 'AccountStatusChanged']);
    });

    it('accepts a promise of exactly the balance, due today or at the end of the horizon', async () => {
      const account = await newAccount(api, { balance: '80.00' });
      for (const dueDate of ['2026-11-24', '2027-01-23']) {
        const recorded = await recordInteraction(api, {
          accountId: account.id,
          channel: 'CALL',
          disposition: 'PROMISE_TO_PAY',
          promise: { amount: '80', dueDate },
        });
        expect(recorded.promise).toMatchObject({ dueDate, amount: { amount: '80.00' } });
      }
    });

    it('replaces a pending promise: the earlier one is CANCELLED, never counted twice', async () => {
      const account = await newAccount(api);
      const first = await recordInteraction(api, {
        accountId: account.id,
        channel: 'CALL',
        disposition: 'PROMISE_TO_PAY',
        promise: { amount: '100', dueDate: '2026-11-27' },
      });
      api.clock.set(after(TEST_NOW, DAY));
      const second = await recordInteraction(api, {
        accountId: account.id,
        channel: 'CALL',
        disposition: 'PROMISE_TO_PAY',
        promise: { amount: '150', dueDate: '2026-12-05' },
      });
      const promises = await promisesOf(api, account.id);
      expect(promises.map((p) => [p.id, p.status])).toEqual([
        [first.promise!.id, 'CANCELLED'],
        [second.promise!.id, 'PENDING'],
      ]);
      expect(promises[0]!.resolved_at).toBe(isoAfter(TEST_NOW, DAY));
      expect((await accountState(api, account.id)).status).toBe('PROMISED');
    });

    it("judges the due date on the debtor's own calendar", async () => {
      // 15:00 UTC is already 00:00 on the 25th in Tokyo, but still 05:00 on the 24th in Honolulu.
      const tokyo = await newAccount(api, { timeZone: 'Asia/Tokyo' });
      const honolulu = await newAccount(api, { timeZone: 'Pacific/Honolulu' });
      const promise = { amount: '10', dueDate: '2026-11-24' };
      const base = { channel: 'CALL', disposition: 'PROMISE_TO_PAY', promise };
      expectError(
        await tryRecordInteraction(api, { ...base, accountId: tokyo.id }),
        'BAD_USER_INPUT',
        'promise.dueDate',
      );
      expect((await recordInteraction(api, { ...base, accountId: honolulu.id })).promise!.dueDate).toBe('2026-11-24');
      // And the horizon counts from the debtor's today too: 60 days after the 25th.
      const far = { amount: '10', dueDate: '2027-01-24' };
      expect((await recordInteraction(api, { ...base, promise: far, accountId: tokyo.id })).promise).not.toBeNull();
    });
  });

  it('ALREADY_PAID: flags the account for reconciliation and parks it, status unchanged', async () => {
    const account = await workedAccount();
    await recordInteraction(api, { accountId: account.id, channel: 'CALL', disposition: 'ALREADY_PAID' });
    const state = await accountState(api, account.id);
    expect(state.reconciliation_pending).toBe(true);
    expect(state.status).toBe('ACTIVE');
    expect((await membershipOf(api, account.id))!.next_attempt_at).toBe(PARKED);
    const types = (await eventsOfAccount(api, account.id)).map((event) => event.type);
    expect(types).toEqual(['InteractionRecorded', 'ReconciliationRequested']);
  });

  it('DISPUTE: puts the account on hold, cancels its pending promise, and a later attempt keeps it parked', async () => {
    const account = await workedAccount();
    await recordInteraction(api, {
      accountId: account.id,
      channel: 'CALL',
      disposition: 'PROMISE_TO_PAY',
      promise: { amount: '50', dueDate: '2026-11-28' },
    });
    await recordInteraction(api, { accountId: account.id, channel: 'CALL', disposition: 'DISPUTE' });
    expect((await accountState(api, account.id)).status).toBe('DISPUTED');
    expect((await promisesOf(api, account.id)).map((p) => p.status)).toEqual(['CANCELLED']);
    expect((await membershipOf(api, account.id))!.next_attempt_at).toBe(PARKED);

    // An inbound call that gets no further, or a callback request, never puts a disputed account back in rotation.
    await recordInteraction(api, { accountId: account.id, channel: 'CALL', disposition: 'NO_ANSWER' });
    await recordInteraction(api, {
      accountId: account.id,
      channel: 'CALL',
      disposition: 'CALLBACK_REQUESTED',
      callbackAt: after(TEST_NOW, DAY).toISOString(),
    });
    expect((await membershipOf(api, account.id))!.next_attempt_at).toBe(PARKED);
    expect((await accountState(api, account.id)).status).toBe('DISPUTED');
  });

  it('CALLBACK_REQUESTED: stores the time and re-opens the account in its queue exactly then', async () => {
    const account = await workedAccount();
    const callbackAt = '2026-11-26T21:30:00.000Z';
    const recorded = await recordInteraction(api, {
      accountId: account.id,
      channel: 'CALL',
      disposition: 'CALLBACK_REQUESTED',
      callbackAt: '2026-11-26T16:30:00-05:00',
    });
    const [row] = await sql<{ callback_at: string }>(
      api,
      `select ${isoColumn('callback_at')} from interaction where id = ?`,
      [recorded.id],
    );
    expect(row!.callback_at).toBe(callbackAt);
    expect(await membershipOf(api, account.id)).toMatchObject({
      next_attempt_at: callbackAt,
      reserved_by_id: null,
      last_worked_on: '2026-11-24',
    });
    expect((await accountState(api, account.id)).status).toBe('ACTIVE');
  });

  it('CALLBACK_REQUESTED: never re-opens a do-not-contact debtor', async () => {
    const account = await workedAccount();
    await sql(api, 'update debtor set do_not_contact = true where id = ?', [account.debtorId]);
    await recordInteraction(api, {
      accountId: account.id,
      channel: 'CALL',
      disposition: 'CALLBACK_REQUESTED',
      callbackAt: isoAfter(TEST_NOW, DAY),
    });
    expect((await membershipOf(api, account.id))!.next_attempt_at).toBe(PARKED);
  });

  describe('WRONG_NUMBER', () => {
    it("marks the debtor's only phone invalid when no contact point is given, and may retry at once", async () => {
      const account = await workedAccount({ phones: ['+51911111111'] });
      await recordInteraction(api, { accountId: account.id, channel: 'CALL', disposition: 'WRONG_NUMBER' });
      const [debtor] = await sql<{ phones: string[]; invalid_phones: string[] }>(
        api,
        // The account is not placed: the number is wrong for the in-house team's work (docs/agencies.md).
        `select phones, array(select jsonb_array_elements_text(invalid_phones_by_tenant -> 'IN_HOUSE')) as invalid_phones from debtor where id = ?`,
        [account.debtorId],
      );
      expect(debtor).toEqual({ phones: ['+51911111111'], invalid_phones: ['+51911111111'] });
      expect((await membershipOf(api, account.id))!.next_attempt_at).toBe(NOW);
      const events = await eventsOfAccount(api, account.id);
      expect(events.map((event) => event.type)).toEqual(['InteractionRecorded', 'PhoneMarkedInvalid']);
      expect(events[1]).toMatchObject({ aggregate_type: 'Debtor', aggregate_id: account.debtorId });
    });

    it('marks exactly the named number (typed with spaces) and only once', async () => {
      const account = await newAccount(api, { phones: ['+51922222222', '+51933333333'] });
      const input = {
        accountId: account.id,
        channel: 'WHATSAPP',
        disposition: 'WRONG_NUMBER',
        contactPoint: '+51 933 333 333',
      };
      const recorded = await recordInteraction(api, input);
      await recordInteraction(api, input);
      const [debtor] = await sql<{ invalid_phones: string[] }>(
        api,
        `select array(select jsonb_array_elements_text(invalid_phones_by_tenant -> 'IN_HOUSE')) as invalid_phones from debtor where id = ?`,
        [account.debtorId],
      );
      expect(debtor!.invalid_phones).toEqual(['+51933333333']);
      const [row] = await sql<{ contact_point: string }>(api, 'select contact_point from interaction where id = ?', [
        recorded.id,
      ]);
      expect(row!.contact_point).toBe('+51933333333');
    });

    it('asks which number when the debtor has several, and refuses one that is not theirs', async () => {
      const account = await newAccount(api, { phones: ['+51944444444', '+51955555555'] });
      const before = await countRows(api, TABLES);
      const base = { accountId: account.id, channel: 'CALL', disposition: 'WRONG_NUMBER' };
      expectError(await tryRecordInteraction(api, base), 'BAD_USER_INPUT', 'contactPoint');
      expectError(
        await tryRecordInteraction(api, { ...base, contactPoint: '+51966666666' }),
        'BAD_USER_INPUT',
        'contactPoint',
      );
      expectError(
        await tryRecordInteraction(api, { ...base, channel: 'EMAIL', contactPoint: 'x@example.pe' }),
        'BAD_USER_INPUT',
        'disposition',
      );
      expect(await countRows(api, TABLES)).toEqual(before);
    });
  });

  describe('validation', () => {
    let account: { id: string };
    beforeAll(async () => {
      account = await workedAccount({ balance: '500.00' });
    });

    const PTP = { channel: 'CALL', disposition: 'PROMISE_TO_PAY' };
    const cases: { name: string; input: Record<string, unknown>; code?: string; field: string }[] = [
      {
        name: 'startedAt more than a minute ahead',
        input: { startedAt: after(TEST_NOW, 2 * MINUTE) },
        field: 'startedAt',
      },
      { name: 'a negative duration', input: { durationSeconds: -1 }, field: 'durationSeconds' },
      { name: 'a duration over a day', input: { durationSeconds: 86_401 }, field: 'durationSeconds' },
      { name: 'notes over 2000 characters', input: { notes: 'x'.repeat(2001) }, field: 'notes' },
      { name: 'a promise without its terms', input: { ...PTP }, field: 'promise' },
      {
        name: 'terms without a promise',
        input: { promise: { amount: '10', dueDate: '2026-11-30' } },
        field: 'promise',
      },
      {
        name: 'a zero promise',
        input: { ...PTP, promise: { amount: '0', dueDate: '2026-11-30' } },
        field: 'promise.amount',
      },
      {
        name: 'a negative promise',
        input: { ...PTP, promise: { amount: '-5', dueDate: '2026-11-30' } },
        field: 'promise.amount',
      },
      {
        name: 'a promise finer than the currency',
        input: { ...PTP, promise: { amount: '10.005', dueDate: '2026-11-30' } },
        field: 'promise.amount',
      },
      {
        name: 'a promise that is not a number',
        input: { ...PTP, promise: { amount: '1e3', dueDate: '2026-11-30' } },
        field: 'promise.amount',
      },
      {
        name: 'a promise above the balance',
        input: { ...PTP, promise: { amount: '500.01', dueDate: '2026-11-30' } },
        field: 'promise.amount',
      },
      {
        name: 'a promise due yesterday',
        input: { ...PTP, promise: { amount: '10', dueDate: '2026-11-23' } },
        field: 'promise.dueDate',
      },
      {
        name: 'a promise due beyond the 60-day horizon',
        input: { ...PTP, promise: { amount: '10', dueDate: '2027-01-24' } },
        field: 'promise.dueDate',
      },
      {
        name: 'a callback request without a time',
        input: { disposition: 'CALLBACK_REQUESTED' },
        field: 'callbackAt',
      },
      {
        name: 'a callback in the past',
        input: { disposition: 'CALLBACK_REQUESTED', callbackAt: after(TEST_NOW, -MINUTE) },
        field: 'callbackAt',
      },
      {
        name: 'a callback more than 30 days out',
        input: { disposition: 'CALLBACK_REQUESTED', callbackAt: after(TEST_NOW, 30 * DAY + MINUTE) },
        field: 'callbackAt',
      },
      { name: 'a callback time on another outcome', input: { callbackAt: after(TEST_NOW, HOUR) }, field: 'callbackAt' },
      {
        name: 'a message outcome on a call',
        input: { channel: 'CALL', disposition: 'MESSAGE_SENT' },
        field: 'disposition',
      },
      { name: 'an empty contact point', input: { contactPoint: '  ' }, field: 'contactPoint' },
      { name: 'an unknown account', input: { accountId: randomUUID() }, code: 'NOT_FOUND', field: 'accountId' },
      { name: 'an account id that is no id', input: { accountId: 'cuenta-1' }, code: 'NOT_FOUND', field: 'accountId' },
      { name: 'an unknown agent', input: { agentId: randomUUID() }, code: 'NOT_FOUND', field: 'agentId' },
    ];

    it.each(cases)('refuses $name, naming $field, and writes nothing', async (c) => {
      const input: Record<string, unknown> = {
        accountId: account.id,
        channel: 'CALL',
        disposition: 'NO_ANSWER',
        ...c.input,
      };
      for (const key of ['startedAt', 'callbackAt'] as const) {
        if (input[key] instanceof Date) input[key] = (input[key] as Date).toISOString();
      }
      const before = await countRows(api, TABLES);
      const stateBefore = await accountState(api, account.id);
      const membershipBefore = await membershipOf(api, account.id);
      expectError(await tryRecordInteraction(api, input), c.code ?? 'BAD_USER_INPUT', c.field);
      expect(await countRows(api, TABLES)).toEqual(before);
      expect(await accountState(api, account.id)).toEqual(stateBefore);
      expect(await membershipOf(api, account.id)).toEqual(membershipBefore);
    });

    it('tolerates a minute of clock skew and defaults startedAt to now', async () => {
      const skewed = await recordInteraction(api, {
        accountId: account.id,
        channel: 'CALL',
        disposition: 'BUSY',
        startedAt: after(TEST_NOW, 50_000).toISOString(),
      });
      expect(skewed.startedAt).toBe(after(TEST_NOW, 50_000).toISOString());
      const defaulted = await recordInteraction(api, { accountId: account.id, channel: 'CALL', disposition: 'BUSY' });
      expect(defaulted.startedAt).toBe(TEST_NOW.toISOString());
      expect(defaulted.durationSeconds).toBe(0);
    });

    it.each(['PAID', 'WRITTEN_OFF'])('refuses new interactions on a %s account (CONFLICT)', async (status) => {
      const settled = await newAccount(api);
      await sql(api, 'update account set status = ? where id = ?', [status, settled.id]);
      const before = await countRows(api, TABLES);
      const response = await tryRecordInteraction(api, {
        accountId: settled.id,
        channel: 'CALL',
        disposition: 'NO_ANSWER',
      });
      expectError(response, 'CONFLICT', 'accountId');
      expect(await countRows(api, TABLES)).toEqual(before);
    });
  });

  describe('who may record', () => {
    it.each(['ADMIN', 'MANAGER', 'AGENT'] as const)('%s may', async (role) => {
      const key = await createApiKey(api, role);
      const account = await newAccount(api);
      const recorded = await recordInteraction(
        api,
        { accountId: account.id, channel: 'CALL', disposition: 'NO_ANSWER' },
        key,
      );
      expect(recorded.account.id).toBe(account.id);
    });

    it('a SUPERVISOR watches and does not work accounts: FORBIDDEN, nothing written', async () => {
      const key = await createApiKey(api, 'SUPERVISOR');
      const account = await newAccount(api);
      const response = await api.gql(
        'mutation ($input: RecordInteractionInput!) { recordInteraction(input: $input) { id } }',
        { input: { accountId: account.id, channel: 'CALL', disposition: 'NO_ANSWER' } },
        key,
      );
      expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(await sql(api, 'select 1 from interaction where account_id = ?', [account.id])).toEqual([]);
    });

    it('lets an agency record on its own accounts for its own agents, and on nothing else (NOT_FOUND)', async () => {
      const mine = await createAgency(api, { code: 'PROPIA' });
      const other = await createAgency(api, { code: 'AJENA' });
      const key = await createApiKey(api, 'AGENCY', mine.id);
      const myAgent = await createAgent(api, 'Agente Propia', mine.id);
      const otherAgent = await createAgent(api, 'Agente Ajena', other.id);
      const own = await newAccount(api, { debtorName: 'Cliente Propia' });
      const foreign = await newAccount(api, { debtorName: 'Cliente Ajena' });
      const unplaced = await newAccount(api, { debtorName: 'Cliente Interna' });
      expect(await placeAccounts(api, { search: 'Cliente Propia' }, mine.id)).toBe(1);
      expect(await placeAccounts(api, { search: 'Cliente Ajena' }, other.id)).toBe(1);

      const base = { channel: 'CALL', disposition: 'NO_ANSWER' };
      const before = await countRows(api, TABLES);
      for (const accountId of [foreign.id, unplaced.id]) {
        const response = await tryRecordInteraction(api, { ...base, accountId, agentId: myAgent.id }, key);
        expectError(response, 'NOT_FOUND', 'accountId');
        expect(JSON.stringify(response)).not.toContain('Cliente');
      }
      expectError(
        await tryRecordInteraction(api, { ...base, accountId: own.id, agentId: otherAgent.id }, key),
        'NOT_FOUND',
        'agentId',
      );
      expect(await countRows(api, TABLES)).toEqual(before);

      const recorded = await recordInteraction(api, { ...base, accountId: own.id, agentId: myAgent.id }, key);
      expect(recorded.agent).toEqual({ id: myAgent.id });
      const events = await eventsOfAccount(api, own.id);
      expect(events[0]!.payload).toMatchObject({ agencyId: mine.id, agentId: myAgent.id });
      expect(events[0]!.actor).toMatch(/^apikey:/);
    });
  });

  it('records attempts on one account concurrently without losing a count', async () => {
    const account = await workedAccount();
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        tryRecordInteraction(api, { accountId: account.id, channel: 'CALL', disposition: 'REFUSED_TO_PAY' }),
      ),
    );
    expect(responses.filter((response) => response.errors)).toEqual([]);
    expect((await accountState(api, account.id)).refusals).toBe(8);
    const [count] = await sql<{ n: number }>(api, 'select count(*)::int as n from interaction where account_id = ?', [
      account.id,
    ]);
    expect(count!.n).toBe(8);
  });
});
