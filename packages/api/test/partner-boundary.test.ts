import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountRow,
  createAgency,
  createAgent,
  createApiKey,
  importAccounts,
  placeAccounts,
  sqlIds,
  type AgencyData,
} from './support/fixtures.ts';
import { assignAgents, inHouseAgency, nextAccount, runningCampaign, setAgentStatus } from './support/campaigns.ts';
import { sql, startTestApi, type TestApi } from './support/test-api.ts';

/**
 * The partner boundary when an account changes holder (issue 10, items 5 and 9; docs/agencies.md). Each test
 * reproduces an attack found on the code before placements took accounts out of the previous holder's queues and
 * before facts were scoped to the tenant that made them.
 *
 * In-house works the "Frontera" accounts in a running campaign; one has a promise and a payment of the in-house team
 * on it, another is reserved by an in-house agent. Then every Frontera account is placed with agency A.
 */
const REFERENCE = 'BCP-OP-000123';

describe('placing an account with a partner', () => {
  let api: TestApi;
  let house: AgencyData;
  let agencyA: AgencyData;
  let keyA: string;
  let inHouseAgent: string;
  let inHouseCampaign: string;
  let ids: string[];
  let worked: string;
  let reserved: string;

  beforeAll(async () => {
    api = await startTestApi();
    house = await inHouseAgency(api);
    agencyA = await createAgency(api, { code: 'ANDINA', name: 'Cobranzas Andinas SAC' });
    keyA = await createApiKey(api, 'AGENCY', agencyA.id);
    await importAccounts(
      api,
      Array.from({ length: 3 }, (_, i) => accountRow({ debtorName: `Frontera ${i + 1}`, dueDate: '2026-11-10' })),
    );
    ids = await sqlIds(
      api,
      `select a.id from account a join debtor d on d.id = a.debtor_id where d.name like 'Frontera%'`,
    );
    const running = await runningCampaign(api, 'Campaña interna', { search: 'Frontera' });
    inHouseCampaign = running.campaign.id;
    inHouseAgent = (await createAgent(api, 'Agente Interno', house.id)).id;
    await assignAgents(api, [inHouseAgent], running.queueId);
    await setAgentStatus(api, inHouseAgent, 'AVAILABLE');

    // The in-house team's history on one account: a promise taken on a call, and a payment with a reference.
    worked = ids[0]!;
    await api.ok(`mutation ($input: RecordInteractionInput!) { recordInteraction(input: $input) { id } }`, {
      input: {
        accountId: worked,
        agentId: inHouseAgent,
        channel: 'CALL',
        disposition: 'PROMISE_TO_PAY',
        durationSeconds: 60,
        promise: { amount: '100.00', dueDate: '2026-11-28' },
      },
    });
    await setAgentStatus(api, inHouseAgent, 'AVAILABLE');
    await api.ok(`mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }`, {
      input: { accountId: worked, amount: '40.00', currency: 'PEN', reference: REFERENCE },
    });
    // An in-house agent holds another one when the placement happens.
    reserved = (await nextAccount(api, inHouseAgent))!;
    expect(ids).toContain(reserved);

    expect(await placeAccounts(api, { search: 'Frontera' }, agencyA.id)).toBe(3);
  });
  afterAll(() => api.close());

  it('takes the accounts out of every queue of the previous holder, reservations included', async () => {
    const [left] = await sql<{ n: number }>(
      api,
      'select count(*)::int as n from queue_membership where account_id = any(?::uuid[])',
      [`{${ids.join(',')}}`],
    );
    expect(left!.n).toBe(0);
    await setAgentStatus(api, inHouseAgent, 'AVAILABLE');
    expect(await nextAccount(api, inHouseAgent)).toBeNull();
  });

  it('records why each account left its queue', async () => {
    const events = await sql<{ payload: { accountIds: string[]; reason: string; toAgencyId: string } }>(
      api,
      `select payload from domain_event where type = 'AccountsLeftQueue'`,
    );
    expect(events.flatMap((event) => event.payload.accountIds).sort()).toEqual([...ids].sort());
    expect(new Set(events.map((event) => event.payload.reason))).toEqual(new Set(['PLACED']));
    expect(new Set(events.map((event) => event.payload.toAgencyId))).toEqual(new Set([agencyA.id]));
  });

  it("refuses the previous holder's agent an interaction on the account, so nothing of it counts for A", async () => {
    const response = await api.gql(
      `mutation ($input: RecordInteractionInput!) { recordInteraction(input: $input) { id } }`,
      { input: { accountId: reserved, agentId: inHouseAgent, channel: 'CALL', disposition: 'NO_ANSWER' } },
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(response.errors?.[0]?.extensions?.field).toBe('agentId');
    const { kpis } = await api.ok<{ kpis: { attempts: number } }>(
      `query ($scope: KpiScope!) { kpis(scope: $scope, window: TODAY) { attempts } }`,
      { scope: { agencyId: agencyA.id } },
    );
    expect(kpis.attempts).toBe(0);
  });

  it("does not let A learn that the previous holder's campaign exists through a filter", async () => {
    const { accounts } = await api.ok<{ accounts: { totalCount: number; edges: unknown[] } }>(
      `query ($filter: AccountFilter) { accounts(filter: $filter) { totalCount edges { node { id } } } }`,
      { filter: { campaignId: inHouseCampaign } },
      keyA,
    );
    expect(accounts).toEqual({ totalCount: 0, edges: [] });
  });

  it("shows A none of the previous holder's interactions, promises or payment references", async () => {
    const response = await api.ok<{ account: Record<string, unknown> }>(
      `query ($id: ID!) { account(id: $id) { id interactions { id } promises { id } payments { id reference } } }`,
      { id: worked },
      keyA,
    );
    expect(response.account).toEqual({ id: worked, interactions: [], promises: [], payments: [] });
    expect(JSON.stringify(response)).not.toContain(REFERENCE);
  });
});

describe('a debtor shared by two tenants', () => {
  let api: TestApi;
  let agencyA: AgencyData;
  let agencyB: AgencyData;
  let accountA: string;
  let accountB: string;
  let agentA: string;

  beforeAll(async () => {
    api = await startTestApi();
    agencyA = await createAgency(api, { code: 'ANDINA', name: 'Cobranzas Andinas SAC' });
    agencyB = await createAgency(api, { code: 'BRAVO', name: 'Recuperaciones Bravo EIRL' });
    // Same creditor and document id: one debtor, two debts; one phone and no e-mail, so the phone is all there is.
    const shared = { documentId: 'SHARED77', phones: ['+51911222333'], emails: [] };
    await importAccounts(api, [
      accountRow({ ...shared, debtorName: 'Compartida Uno', balance: '111.11' }),
      accountRow({ ...shared, debtorName: 'Compartida Uno', balance: '222.22' }),
    ]);
    expect(await placeAccounts(api, { search: 'SHARED77', maxBalance: '150' }, agencyA.id)).toBe(1);
    expect(await placeAccounts(api, { search: 'SHARED77', minBalance: '200' }, agencyB.id)).toBe(1);
    accountA = (await sqlIds(api, 'select id from account where agency_id = ?', [agencyA.id]))[0]!;
    accountB = (await sqlIds(api, 'select id from account where agency_id = ?', [agencyB.id]))[0]!;
    agentA = (await createAgent(api, 'Agente Andina', agencyA.id)).id;
  });
  afterAll(() => api.close());

  async function factors(accountId: string): Promise<string[]> {
    const { account } = await api.ok<{ account: { propensity: { factors: { factor: string }[] } } }>(
      `query ($id: ID!) { account(id: $id) { propensity { factors { factor } } } }`,
      { id: accountId },
    );
    return account.propensity.factors.map((factor) => factor.factor);
  }

  it("keeps A's wrong number A's: B's account still has a valid phone", async () => {
    expect(await factors(accountB)).not.toContain('NO_VALID_CONTACT');
    await api.ok(`mutation ($input: RecordInteractionInput!) { recordInteraction(input: $input) { id } }`, {
      input: { accountId: accountA, agentId: agentA, channel: 'CALL', disposition: 'WRONG_NUMBER' },
    });
    expect(await factors(accountA)).toContain('NO_VALID_CONTACT');
    expect(await factors(accountB)).not.toContain('NO_VALID_CONTACT');
    // Do-not-contact stays the debtor's: it is one field of the one debtor both accounts share.
    const [debtors] = await sql<{ n: number }>(
      api,
      'select count(distinct debtor_id)::int as n from account where id in (?, ?)',
      [accountA, accountB],
    );
    expect(debtors!.n).toBe(1);
    expect(agencyB.id).not.toBe(agencyA.id);
  });
});
