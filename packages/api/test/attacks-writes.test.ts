import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSIGN_AGENTS, runningCampaign, setAgentStatus, tryNextAccount } from './support/campaigns.ts';
import {
  countRows,
  CREATE_AGENT,
  CREATE_API_KEY,
  createAgency,
  createAgent,
  createApiKey,
  expectError,
  expectNoInternals,
  placeAccounts,
  type AgencyData,
} from './support/fixtures.ts';
import { accountState, cents, decimal, newAccount, recordPayment, tryRecordPayment } from './support/outcomes.ts';
import { sql, startTestApi, TEST_ADMIN_KEY, type GraphQLResponse, type TestApi } from './support/test-api.ts';

/**
 * Issue 10, attacks 3, 4, 6 and 8: writes across the tenant boundary and bad input. Each is sent as reported and
 * must be refused with its code and field (never INTERNAL_SERVER_ERROR), changing nothing. Attacks 5 and 9 are
 * reproduced in partner-boundary.test.ts; the roles of recordInteraction in record-interaction.test.ts.
 */

const TABLES = ['payment', 'account', 'agent', 'agency', 'api_key', 'queue_membership', 'domain_event'];

describe('issue 10: writes across the boundary and bad input', () => {
  let api: TestApi;
  let agency: AgencyData;
  let agencyKey: string;

  beforeAll(async () => {
    api = await startTestApi();
    agency = await createAgency(api, { code: 'ESCRIBE', name: 'Agencia Escritora' });
    agencyKey = await createApiKey(api, 'AGENCY', agency.id);
  });
  afterAll(() => api.close());

  /** An account placed with the attacking agency. */
  async function agencyAccount(balance: string): Promise<string> {
    const account = await newAccount(api, { debtorName: `Deudor Agencia ${balance}`, balance });
    expect(await placeAccounts(api, { search: account.row.documentId }, agency.id)).toBe(1);
    return account.id;
  }

  /** `response` refused with `code` on `field`, with nothing internal in it, and the tables unchanged. */
  async function refusedUnchanged(send: () => Promise<GraphQLResponse<unknown>>, code: string, field?: string) {
    const before = await countRows(api, TABLES);
    const response = await send();
    expectNoInternals(JSON.stringify(response));
    expectError(response, code, field);
    expect(await countRows(api, TABLES)).toEqual(before);
    return response;
  }

  describe("attack 3: payment references were global, so an agency's reference blocked the in-house feed", () => {
    it("posts the in-house feed's payment with a reference an agency used first, telling it nothing of the agency's", async () => {
      const mine = await agencyAccount('816.05');
      const inHouse = await newAccount(api, { balance: '300.00' });
      const reference = 'BCP-OP-000123';
      const agencyPayment = await recordPayment(
        api,
        { accountId: mine, amount: '0.01', currency: 'PEN', reference },
        agencyKey,
      );
      const response = await tryRecordPayment(api, {
        accountId: inHouse.id,
        amount: '50.00',
        currency: 'PEN',
        reference,
      });
      expect(response.errors).toBeUndefined();
      const inHousePayment = response.data!.recordPayment;
      expect(inHousePayment.id).not.toBe(agencyPayment.id);
      expect(JSON.stringify(response)).not.toContain(agencyPayment.id);
      expect(await accountState(api, inHouse.id)).toMatchObject({ balance: '250.0000' });
      const rows = await sql<{ account_id: string }>(api, 'select account_id from payment where reference = ?', [
        reference,
      ]);
      expect(rows.map((row) => row.account_id).sort()).toEqual([mine, inHouse.id].sort());
    });

    it('scopes a reference to its feed too, and refuses the same key for another payment (IDEMPOTENCY_KEY_REUSED)', async () => {
      const account = await newAccount(api, { balance: '500.00' });
      const reference = 'LOTE-7-000001';
      const first = await recordPayment(api, { accountId: account.id, amount: '10.00', currency: 'PEN', reference });
      // The same reference from another feed of the same tenant is another payment.
      const otherFeed = await recordPayment(api, {
        accountId: account.id,
        amount: '10.00',
        currency: 'PEN',
        reference,
        source: 'BANCO-2',
      });
      expect(otherFeed.id).not.toBe(first.id);
      // The same feed's replay is the first payment; the same key with other parameters is its own error.
      const replay = await recordPayment(api, { accountId: account.id, amount: '10.00', currency: 'PEN', reference });
      expect(replay.id).toBe(first.id);
      await refusedUnchanged(
        () => tryRecordPayment(api, { accountId: account.id, amount: '11.00', currency: 'PEN', reference }),
        'IDEMPOTENCY_KEY_REUSED',
        'reference',
      );
      expect(await accountState(api, account.id)).toMatchObject({ balance: '480.0000' });
    });
  });

  describe('attack 4: payments were unbounded', () => {
    it("refuses an agency's 999999999999999.00 on a balance of 816.05, and anything over the balance plus 10 %", async () => {
      const account = await agencyAccount('816.05');
      const post =
        (amount: string, key = agencyKey) =>
        () =>
          tryRecordPayment(api, { accountId: account, amount, currency: 'PEN', reference: `R-${amount}` }, key);
      await refusedUnchanged(post('999999999999999.00'), 'BAD_USER_INPUT', 'amount');
      // The tolerance computed here: 816.05 plus 10 %, rounded down to the cent.
      const allowed = cents('816.05') + (cents('816.05') * 1_000n) / 10_000n;
      await refusedUnchanged(post(decimal(allowed + 1n)), 'BAD_USER_INPUT', 'amount');
      const accepted = await tryRecordPayment(
        api,
        {
          accountId: account,
          amount: decimal(allowed),
          currency: 'PEN',
          reference: 'R-AT-TOLERANCE',
        },
        agencyKey,
      );
      expect(accepted.errors).toBeUndefined();
      expect(await accountState(api, account)).toMatchObject({ balance: '0.0000', status: 'PAID' });
    });

    it('refuses an amount that would overflow for any key with BAD_USER_INPUT on amount, never an internal error', async () => {
      const account = await newAccount(api, { balance: '816.05' });
      for (const amount of ['999999999999999.00', '99999999999999999999999999999999.00', '1000000000000.00']) {
        await refusedUnchanged(
          () => tryRecordPayment(api, { accountId: account.id, amount, currency: 'PEN', reference: `O-${amount}` }),
          'BAD_USER_INPUT',
          'amount',
        );
      }
      // Twelve integer digits is the most any key may post; a manager may post more than the balance.
      const largest = await recordPayment(api, {
        accountId: account.id,
        amount: '999999999999.99',
        currency: 'PEN',
        reference: 'O-LARGEST',
      });
      expect(largest.amount).toEqual({ amount: '999999999999.99', currency: 'PEN' });
    });
  });

  describe('attack 6: AGENT keys were bound to no agent, and a SUPERVISOR could take work', () => {
    it('refuses to create an AGENT key without its agent, or an agent for another role', async () => {
      await refusedUnchanged(() => api.gql(CREATE_API_KEY, { role: 'AGENT' }), 'BAD_USER_INPUT', 'agentId');
      const team = await createAgency(api, { code: 'EQUIPO6', partner: false });
      const agent = await createAgent(api, 'Agente Seis', team.id);
      await refusedUnchanged(
        () => api.gql(CREATE_API_KEY, { role: 'SUPERVISOR', agentId: agent.id }),
        'BAD_USER_INPUT',
        'agentId',
      );
    });

    it("refuses nextAccount to a SUPERVISOR, and to an AGENT key for another agent's work", async () => {
      const team = await createAgency(api, { code: 'EQUIPO6B', partner: false });
      const own = await createAgent(api, 'Agente Propio', team.id);
      const other = await createAgent(api, 'Agente Ajeno', team.id);
      const agentKey = await createApiKey(api, 'AGENT', null, own.id);
      const supervisorKey = await createApiKey(api, 'SUPERVISOR');
      await refusedUnchanged(() => tryNextAccount(api, other.id, supervisorKey), 'FORBIDDEN');
      await refusedUnchanged(() => tryNextAccount(api, other.id, agentKey), 'FORBIDDEN', 'agentId');
      // Its own agent, once available, is served (nothing to work: null, not a refusal).
      await setAgentStatus(api, own.id, 'AVAILABLE');
      const ownTurn = await tryNextAccount(api, own.id, agentKey);
      expect(ownTurn.errors).toBeUndefined();
    });
  });

  describe('attack 8: bad input answered with INTERNAL_SERVER_ERROR', () => {
    it('answers a NUL in accounts(filter: { search }) from an agency key with BAD_USER_INPUT on filter.search', async () => {
      await refusedUnchanged(
        () =>
          api.gql(
            'query ($search: String) { accounts(filter: { search: $search }) { totalCount } }',
            { search: 'a\u0000b' },
            agencyKey,
          ),
        'BAD_USER_INPUT',
        'filter.search',
      );
      // Written inline in the document rather than as a variable, the same.
      await refusedUnchanged(
        () => api.gql('{ accounts(filter: { search: "a\\u0000b" }) { totalCount } }', {}, agencyKey),
        'BAD_USER_INPUT',
        'filter.search',
      );
    });

    it('answers a lone surrogate and a name longer than its column with BAD_USER_INPUT on name', async () => {
      const team = await createAgency(api, { code: 'EQUIPO8', partner: false });
      await refusedUnchanged(
        () => api.gql(CREATE_AGENT, { name: 'Agente \uD800', agencyId: team.id }),
        'BAD_USER_INPUT',
        'name',
      );
      await refusedUnchanged(
        () => api.gql(CREATE_AGENT, { name: 'A'.repeat(201), agencyId: team.id }),
        'BAD_USER_INPUT',
        'name',
      );
      await refusedUnchanged(
        () =>
          api.gql(
            'mutation ($code: String!, $name: String!) { createAgency(code: $code, name: $name, partner: true) { id } }',
            { code: 'LARGO', name: 'N'.repeat(201) },
          ),
        'BAD_USER_INPUT',
        'name',
      );
    });

    it('answers an empty string in assignAgents.agentIds with BAD_USER_INPUT naming the element', async () => {
      const team = await createAgency(api, { code: 'EQUIPO8B', partner: false });
      const agent = await createAgent(api, 'Agente Asignable', team.id);
      await newAccount(api, { debtorName: 'Deudor Campaña Ocho' });
      const { queueId } = await runningCampaign(api, 'Campaña Ocho', { search: 'Deudor Campaña Ocho' });
      await refusedUnchanged(
        () => api.gql(ASSIGN_AGENTS, { agentIds: [agent.id, ''], queueId }, TEST_ADMIN_KEY),
        'BAD_USER_INPUT',
        'agentIds[1]',
      );
    });
  });
});
