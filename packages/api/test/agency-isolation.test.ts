import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountRow,
  countRows,
  createAgency,
  createPartnerAgencies,
  createAgent,
  createApiKey,
  CREATE_AGENT,
  CREATE_API_KEY,
  expectError,
  IMPORT_ACCOUNTS,
  importAccounts,
  listAccountIds,
  PLACE_ACCOUNTS,
  placeAccounts,
  sqlIds,
  type AgencyData,
  type ImportRow,
} from './support/fixtures.ts';
import { ENTITIES } from '../src/app/modules.ts';
import { agencySqlCondition } from '../src/core/database/agency-scope.ts';
import { scopedEm } from '../src/core/database/orm.ts';
import { sql, startTestApi, TEST_ADMIN_KEY, type GraphQLResponse, type TestApi } from './support/test-api.ts';

/**
 * Partner-agency isolation (docs/design.md): an AGENCY key sees only the accounts placed with its agency and the
 * activity on them; another agency's records are answered as if they did not exist.
 *
 * Agency A ("Andina") gets the "Alpaca" debtors, agency B ("Bravo") the "Vicuña" debtors and Beatriz Huanca;
 * the "Llama" debtors stay in-house. Sofía Compartida owes on two accounts, one placed with each agency.
 */
const DUE_DATES = ['2026-11-24', '2026-11-10', '2026-10-01', '2026-08-30', '2026-07-30', '2026-01-15'];

const rowsFor = (name: string, count: number, extra: Partial<ImportRow> = {}): ImportRow[] =>
  Array.from({ length: count }, (_, i) =>
    accountRow({ debtorName: `${name} ${i + 1}`, dueDate: DUE_DATES[i % DUE_DATES.length]!, ...extra }),
  );

const FULL_ACCOUNT = `
  id externalRef status dueDate bucket
  balance { amount currency }
  agency { id code name partner }
  debtor { id name documentId phones emails timeZone }
  interactions { id disposition agent { id name agency { id code } } promise { id } account { id } }
  promises { id status amount { amount currency } }
  payments { id reference amount { amount currency } }
`;

interface Activity {
  interaction: string;
  promise: string;
  payment: string;
  reference: string;
}

describe('partner agency isolation', () => {
  let api: TestApi;
  let agencyA: AgencyData;
  let agencyB: AgencyData;
  let keyA: string;
  let agentB: { id: string; name: string };
  let campaignA: string;
  let campaignB: string;
  let queueB: string;
  let activityA: Activity;
  let activityB: Activity[];

  /** Account ids by where they are: placed with A, with B, or nowhere. */
  const ids = { a: [] as string[], b: [] as string[], unplaced: [] as string[] };

  async function addActivity(accountId: string, agentId: string, tag: string): Promise<Activity> {
    const [interaction] = await sql<{ id: string }>(
      api,
      `insert into interaction (id, account_id, agent_id, channel, disposition, started_at, duration_seconds, notes, agency_id)
       values (gen_random_uuid(), ?, ?, 'CALL', 'PROMISE_TO_PAY', '2026-11-24T14:00:00Z', 95, ?,
               (select agency_id from account where id = ?)) returning id`,
      [accountId, agentId, `Nota ${tag}`, accountId],
    );
    const [promise] = await sql<{ id: string }>(
      api,
      `insert into promise_to_pay (id, account_id, interaction_id, amount, currency, due_date, agency_id)
       values (gen_random_uuid(), ?, ?, 300, 'PEN', '2026-11-30', (select agency_id from account where id = ?))
       returning id`,
      [accountId, interaction!.id, accountId],
    );
    const reference = `PAGO-${tag}`;
    const [payment] = await sql<{ id: string }>(
      api,
      `insert into payment (id, account_id, amount, currency, paid_at, reference, idempotency_scope, agency_id)
       values (gen_random_uuid(), ?, 120.5, 'PEN', '2026-11-23T16:00:00Z', ?, 'test|',
               (select agency_id from account where id = ?))
       returning id`,
      [accountId, reference, accountId],
    );
    return { interaction: interaction!.id, promise: promise!.id, payment: payment!.id, reference };
  }

  async function insertCampaign(name: string, agencyId: string): Promise<{ campaign: string; queue: string }> {
    const [campaign] = await sql<{ id: string }>(
      api,
      `insert into campaign (id, name, status, channel, filter, agency_id)
       values (gen_random_uuid(), ?, 'RUNNING', 'CALL', '{}', ?) returning id`,
      [name, agencyId],
    );
    const [queue] = await sql<{ id: string }>(
      api,
      `insert into work_queue (id, campaign_id, name, filter) values (gen_random_uuid(), ?, ?, '{}') returning id`,
      [campaign!.id, `Cola ${name}`],
    );
    return { campaign: campaign!.id, queue: queue!.id };
  }

  beforeAll(async () => {
    api = await startTestApi();
    ({ agencyA, agencyB } = await createPartnerAgencies(api));
    keyA = await createApiKey(api, 'AGENCY', agencyA.id);

    await importAccounts(api, [
      ...rowsFor('Ana Alpaca', 6),
      accountRow({ debtorName: 'Ana Alpaca Saldada', balance: '0' }),
      ...rowsFor('Bruno Vicuña', 5),
      accountRow({ debtorName: 'Beatriz Huanca Salas', documentId: 'B7777777', dueDate: '2026-09-01' }),
      ...rowsFor('Carla Llama', 4),
      accountRow({ debtorName: 'Sofía Compartida', documentId: 'SHARED01', balance: '111.11' }),
      accountRow({ debtorName: 'Sofía Compartida', documentId: 'SHARED01', balance: '222.22' }),
    ]);
    // A settled (PAID) account is never placed, so 6 of the 7 Alpaca accounts go to A.
    expect(await placeAccounts(api, { search: 'Alpaca' }, agencyA.id)).toBe(6);
    expect(await placeAccounts(api, { search: 'Vicuña' }, agencyB.id)).toBe(5);
    expect(await placeAccounts(api, { search: 'B7777777' }, agencyB.id)).toBe(1);
    expect(await placeAccounts(api, { search: 'Compartida', maxBalance: '150' }, agencyA.id)).toBe(1);
    expect(await placeAccounts(api, { search: 'Compartida', minBalance: '200' }, agencyB.id)).toBe(1);

    ids.a = await sqlIds(api, 'select id from account where agency_id = ?', [agencyA.id]);
    ids.b = await sqlIds(api, 'select id from account where agency_id = ?', [agencyB.id]);
    ids.unplaced = await sqlIds(api, 'select id from account where agency_id is null');
    expect([ids.a.length, ids.b.length, ids.unplaced.length]).toEqual([7, 7, 5]);

    // Statuses other than ACTIVE come from workflows that have not landed yet; set them directly.
    await sql(api, `update account set status = 'PROMISED' where id in (?, ?)`, [ids.a[0], ids.b[0]]);
    await sql(api, `update account set status = 'DISPUTED' where id in (?, ?)`, [ids.a[1], ids.b[1]]);

    const agentA = await createAgent(api, 'Agente Andina Uno', agencyA.id);
    await createAgent(api, 'Agente Andina Dos', agencyA.id);
    agentB = await createAgent(api, 'Agente Bravo Uno', agencyB.id);
    const a = await insertCampaign('Campaña Andina', agencyA.id);
    const b = await insertCampaign('Campaña Bravo', agencyB.id);
    [campaignA, campaignB, queueB] = [a.campaign, b.campaign, b.queue];
    await sql(api, 'update agent set queue_id = ? where id = ?', [a.queue, agentA.id]);
    await sql(api, 'update agent set queue_id = ? where id = ?', [b.queue, agentB.id]);

    activityA = await addActivity(ids.a[2]!, agentA.id, 'A1');
    const sharedB = await sqlIds(
      api,
      `select a.id from account a join debtor d on d.id = a.debtor_id where d.document_id = 'SHARED01' and a.agency_id = ?`,
      [agencyB.id],
    );
    activityB = [await addActivity(ids.b[2]!, agentB.id, 'B1'), await addActivity(sharedB[0]!, agentB.id, 'B2')];
  });
  afterAll(() => api.close());

  /** Every identifier and name only agency B (or its accounts) may see: none may reach A's key. */
  async function secretsOfB(): Promise<string[]> {
    const debtors = await sql<{ id: string; name: string; document_id: string }>(
      api,
      `select d.id, d.name, d.document_id from debtor d
        where exists (select 1 from account a where a.debtor_id = d.id and a.agency_id = ?)
          and not exists (select 1 from account a where a.debtor_id = d.id and a.agency_id = ?)`,
      [agencyB.id, agencyA.id],
    );
    return [
      agencyB.id,
      agencyB.code,
      agencyB.name,
      agentB.id,
      agentB.name,
      campaignB,
      queueB,
      ...ids.b,
      ...debtors.flatMap((debtor) => [debtor.id, debtor.name, debtor.document_id]),
      ...activityB.flatMap((activity) => Object.values(activity)),
    ];
  }

  function expectNoSecrets(response: unknown, secrets: string[]): void {
    const text = JSON.stringify(response);
    for (const secret of secrets) expect(text, `leaked ${secret}`).not.toContain(secret);
  }

  describe('accounts', () => {
    it("lists exactly the accounts placed with the key's agency, with a matching totalCount", async () => {
      const { ids: listed, totalCount } = await listAccountIds(api, keyA);
      expect([...listed].sort()).toEqual(ids.a);
      expect(totalCount).toBe(ids.a.length);
    });

    it("answers null for another agency's account and for an unplaced one", async () => {
      const query = 'query ($id: ID!) { account(id: $id) { id agency { id } } }';
      for (const id of [...ids.b, ...ids.unplaced]) {
        const response = await api.gql(query, { id }, keyA);
        expect(response.errors).toBeUndefined();
        expect(response.data).toEqual({ account: null });
      }
      for (const id of ids.a) {
        expect(await api.ok(query, { id }, keyA)).toEqual({ account: { id, agency: { id: agencyA.id } } });
      }
    });

    it('cannot widen its scope with filters', async () => {
      const listed = async (filter: Record<string, unknown>) => {
        const { ids: found, totalCount } = await listAccountIds(api, keyA, filter);
        expect(totalCount, JSON.stringify(filter)).toBe(found.length);
        return [...found].sort();
      };
      expect(await listed({ agencyId: agencyB.id })).toEqual([]);
      expect(await listed({ agencyId: agencyB.id, statuses: ['PROMISED'] })).toEqual([]);
      expect(await listed({ agencyId: agencyA.id })).toEqual(ids.a);
      expect(await listed({ search: 'Beatriz Huanca Salas' })).toEqual([]);
      expect(await listed({ search: 'B7777777' })).toEqual([]);
      expect(await listed({ search: 'Vicuña' })).toEqual([]);
      expect(await listed({ search: 'Llama' })).toEqual([]);
      expect(await listed({ search: 'Alpaca Saldada' })).toEqual([]);
      // The shared debtor's document id finds only A's account of the two.
      expect(await listed({ search: 'SHARED01' })).toEqual(
        await sqlIds(
          api,
          `select a.id from account a join debtor d on d.id = a.debtor_id where d.document_id = 'SHARED01' and a.agency_id = ?`,
          [agencyA.id],
        ),
      );
      expect(await listed({ buckets: ['CURRENT', 'D1_30', 'D31_60', 'D61_90', 'D91_120', 'D121_PLUS'] })).toEqual(
        ids.a,
      );
      expect(await listed({ statuses: ['ACTIVE', 'PROMISED', 'PAID', 'DISPUTED', 'WRITTEN_OFF'] })).toEqual(ids.a);
      for (const status of ['PROMISED', 'DISPUTED', 'PAID']) {
        expect(await listed({ statuses: [status] }), status).toEqual(
          await sqlIds(api, 'select id from account where agency_id = ? and status = ?', [agencyA.id, status]),
        );
      }
      expect(await listed({ minDaysPastDue: 0 })).toEqual(ids.a);
    });

    it("shows the agency's own activity in nested fields and nothing of the other agency's", async () => {
      const data = await api.ok<{ accounts: { edges: { node: Record<string, unknown> }[] } }>(
        `{ accounts(first: 500) { edges { node { ${FULL_ACCOUNT} } } } }`,
        {},
        keyA,
      );
      expectNoSecrets(data, await secretsOfB());

      const nodes = data.accounts.edges.map((edge) => edge.node) as {
        agency: { id: string };
        interactions: { id: string; account: { id: string }; promise: { id: string } | null }[];
        promises: { id: string }[];
        payments: { id: string; reference: string }[];
      }[];
      expect(nodes.every((node) => node.agency.id === agencyA.id)).toBe(true);
      // A's own activity is all there (so the checks above are not passing on empty lists): the facts attributed to A
      // on the accounts placed with A (docs/agencies.md).
      const scopedIds = (table: string) =>
        sqlIds(
          api,
          `select t.id from ${table} t join account a on a.id = t.account_id where a.agency_id = ? and t.agency_id = ?`,
          [agencyA.id, agencyA.id],
        );
      const interactions = nodes.flatMap((node) => node.interactions);
      expect(interactions.map((i) => i.id).sort()).toEqual(await scopedIds('interaction'));
      expect(interactions.map((i) => i.promise?.id)).toEqual([activityA.promise]);
      expect(
        nodes
          .flatMap((node) => node.promises)
          .map((p) => p.id)
          .sort(),
      ).toEqual(await scopedIds('promise_to_pay'));
      expect(
        nodes
          .flatMap((node) => node.payments)
          .map((p) => p.id)
          .sort(),
      ).toEqual(await scopedIds('payment'));
      expect(interactions).toHaveLength(1);
    });
  });

  describe('case view of its own accounts', () => {
    it("answers its own account's contact rules, offers and propensity (the creditor's rules apply)", async () => {
      const { account } = await api.ok<{
        account: { id: string; contactCheck: { allowed: boolean; reasons: string[] }; propensity: { score: number } };
      }>(
        `query ($id: ID!) { account(id: $id) { id contactCheck { allowed reasons } propensity { score }
             offers { kind amount { amount currency } } } }`,
        { id: ids.a[0] },
        keyA,
      );
      expect(account.id).toBe(ids.a[0]);
      expect(typeof account.contactCheck.allowed).toBe('boolean');
      expect(typeof account.propensity.score).toBe('number');
    });
  });

  describe('agencies, agents, campaigns and queues', () => {
    it('lists only its own agency and agents', async () => {
      expect(await api.ok('{ agencies { id code } }', {}, keyA)).toEqual({
        agencies: [{ id: agencyA.id, code: agencyA.code }],
      });
      const { agents } = await api.ok<{ agents: { id: string; agency: { id: string } }[] }>(
        '{ agents { id agency { id } queue { id } } }',
        {},
        keyA,
      );
      expect(agents.map((agent) => agent.id).sort()).toEqual(
        await sqlIds(api, 'select id from agent where agency_id = ?', [agencyA.id]),
      );
      expect(agents.every((agent) => agent.agency.id === agencyA.id)).toBe(true);
    });

    it("cannot see the other agency's campaigns, queues or the agents in them", async () => {
      const response = await api.ok<Record<string, unknown>>(
        `query ($b: ID!) {
          campaigns { id }
          campaign(id: $b) { id }
          workQueues(campaignId: $b) { id }
          agents(campaignId: $b) { id }
        }`,
        { b: campaignB },
        keyA,
      );
      expect(response).toEqual({ campaigns: [{ id: campaignA }], campaign: null, workQueues: [], agents: [] });
    });
  });

  describe('writes', () => {
    it('creates an agent for its own agency', async () => {
      const data = await api.ok<{ createAgent: { id: string; agency: { id: string } } }>(
        CREATE_AGENT,
        { name: 'Agente Andina Tres', agencyId: agencyA.id },
        keyA,
      );
      expect(data.createAgent.agency.id).toBe(agencyA.id);
      const [row] = await sql<{ agency_id: string; name: string }>(
        api,
        'select agency_id, name from agent where id = ?',
        [data.createAgent.id],
      );
      expect(row).toEqual({ agency_id: agencyA.id, name: 'Agente Andina Tres' });
    });

    it('gets NOT_FOUND creating an agent in the other agency, exactly as for an agency that does not exist', async () => {
      const before = await countRows(api, ['agent', 'domain_event']);
      const unknown = randomUUID();
      const forB = await api.gql(CREATE_AGENT, { name: 'Agente Intruso', agencyId: agencyB.id }, keyA);
      const forUnknown = await api.gql(CREATE_AGENT, { name: 'Agente Intruso', agencyId: unknown }, keyA);

      const error = expectError(forB, 'NOT_FOUND', 'agencyId');
      const errorUnknown = expectError(forUnknown, 'NOT_FOUND', 'agencyId');
      // Identical but for the id the caller sent itself: nothing tells that B exists.
      expect(error.message.replaceAll(agencyB.id, '<id>')).toBe(errorUnknown.message.replaceAll(unknown, '<id>'));
      expect(error.extensions).toEqual(errorUnknown.extensions);
      expect(forB.status).toBe(forUnknown.status);
      expectNoSecrets(
        forB,
        (await secretsOfB()).filter((secret) => secret !== agencyB.id),
      );
      expect(await countRows(api, ['agent', 'domain_event'])).toEqual(before);
    });

    it('is FORBIDDEN the admin mutations, which change nothing and disclose nothing', async () => {
      const placementsBefore = await sql(api, 'select id, agency_id from account order by id');
      const countsBefore = await countRows(api, ['account', 'agency', 'api_key', 'agent', 'domain_event']);
      const attempts: [string, Record<string, unknown>][] = [
        ['mutation { createAgency(code: "PIRATA", name: "Agencia Pirata", partner: true) { id } }', {}],
        [CREATE_API_KEY, { role: 'AGENCY', agencyId: agencyB.id }],
        [CREATE_API_KEY, { role: 'ADMIN' }],
        [IMPORT_ACCOUNTS, { creditorName: 'Acreedor', portfolioName: 'Lote', accounts: [accountRow()] }],
        // Would pull every account, B's included, to A.
        [PLACE_ACCOUNTS, { filter: {}, agencyId: agencyA.id }],
        [PLACE_ACCOUNTS, { filter: { agencyId: agencyB.id }, agencyId: agencyA.id }],
      ];
      const secrets = await secretsOfB();
      for (const [query, variables] of attempts) {
        const response: GraphQLResponse = await api.gql(query, variables, keyA);
        expectError(response, 'FORBIDDEN');
        expectNoSecrets(response, secrets);
      }
      expect(await sql(api, 'select id, agency_id from account order by id')).toEqual(placementsBefore);
      expect(await countRows(api, ['account', 'agency', 'api_key', 'agent', 'domain_event'])).toEqual(countsBefore);
    });
  });

  it('an agency with nothing placed sees no accounts', async () => {
    const empty = await createAgency(api, { code: 'VACIA', name: 'Agencia Vacía' });
    const key = await createApiKey(api, 'AGENCY', empty.id);
    expect(await listAccountIds(api, key)).toEqual({ ids: [], totalCount: 0 });
    expect(await api.ok('{ agents { id } campaigns { id } }', {}, key)).toEqual({ agents: [], campaigns: [] });
  });

  it('the admin key sees every account, agency and activity', async () => {
    const all = await sqlIds(api, 'select id from account');
    const { ids: listed, totalCount } = await listAccountIds(api, TEST_ADMIN_KEY);
    expect([...listed].sort()).toEqual(all);
    expect(totalCount).toBe(all.length);
    expect((await listAccountIds(api, TEST_ADMIN_KEY, { agencyId: agencyB.id })).ids.sort()).toEqual(ids.b);

    const data = await api.ok<{ account: { agency: { id: string }; interactions: { id: string }[] } }>(
      `query ($id: ID!) { account(id: $id) { ${FULL_ACCOUNT} } }`,
      { id: ids.b[2] },
    );
    expect(data.account.agency.id).toBe(agencyB.id);
    expect(data.account.interactions.map((i) => i.id)).toEqual([activityB[0]!.interaction]);

    const { agencies } = await api.ok<{ agencies: { id: string }[] }>('{ agencies { id } }');
    expect(agencies.map((agency) => agency.id).sort()).toEqual(await sqlIds(api, 'select id from agency'));
  });

  it('hand-written SQL sees, entity by entity, exactly what the ORM filter lets each agency see', async () => {
    // The two forms of each rule in core/database/agency-scope.ts must agree: hot paths and aggregates use the SQL one.
    const metadata = api.orm.getMetadata();
    for (const agency of [agencyA, agencyB]) {
      const em = scopedEm(api.orm, { agencyId: agency.id });
      for (const entity of ENTITIES) {
        const meta = metadata.get(entity);
        if (!(meta.primaryKeys as string[]).includes('id')) continue;
        const viaOrm = (await em.find(entity, {}, { fields: ['id'] as never })).map((row) =>
          String((row as { id: string }).id),
        );
        const condition = agencySqlCondition(entity.name, 't', { agencyId: agency.id });
        const viaSql = await sqlIds(
          api,
          `select id::text as id from "${meta.tableName}" as t where ${condition.sql}`,
          condition.params,
        );
        expect(viaSql, `${entity.name} for ${agency.code}`).toEqual(viaOrm.sort());
      }
    }
    expect(agencySqlCondition('Account', 'a', { agencyId: null })).toEqual({ sql: 'true', params: [] });
    expect(agencySqlCondition('NoSuchEntity', 'x', { agencyId: agencyA.id })).toEqual({ sql: 'false', params: [] });
  });
});
