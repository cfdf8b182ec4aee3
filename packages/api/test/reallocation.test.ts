import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountInsight,
  ASSIGN_AGENTS,
  assignAgents,
  createCampaign,
  importTagged,
  inHouseAgency,
  nextAccount,
  plusMinutes,
  readyAgents,
  recordNoAnswer,
  SET_AGENT_STATUS,
  setAgentStatus,
  startCampaign,
  tryNextAccount,
} from './support/campaigns.ts';
import {
  countRows,
  createAgency,
  createAgent,
  createApiKey,
  expectError,
  placeAccounts,
  type AgencyData,
} from './support/fixtures.ts';
import { sql, startTestApi, TEST_NOW, type GraphQLResponse, type TestApi } from './support/test-api.ts';

/**
 * Mid-day reallocation by managers (docs/design.md: "managers move agents and accounts between work queues in the
 * middle of the day"): the very next request follows the change; accounts being worked are never pulled
 * from under an agent; only MANAGER and ADMIN may do it. And the agent status periods that logged-in hours and
 * occupancy are summed from.
 */

const D1_30 = '2026-11-14';
const D31_60 = '2026-10-15';

const MOVE_ACCOUNTS = `mutation ($from: ID!, $to: ID!, $count: Int!, $filter: AccountFilter) {
  moveAccounts(fromQueueId: $from, toQueueId: $to, count: $count, filter: $filter)
}`;
const SET_PRIORITY = `mutation ($queueId: ID!, $priority: Int!) { setQueuePriority(queueId: $queueId, priority: $priority) { id priority } }`;
const PAUSE_QUEUE = `mutation ($queueId: ID!) { pauseQueue(queueId: $queueId) { id paused } }`;
const RESUME_QUEUE = `mutation ($queueId: ID!) { resumeQueue(queueId: $queueId) { id paused } }`;

type Member = {
  account_id: string;
  queue_id: string;
  campaign_id: string;
  expected_recovery: string;
  reserved: boolean;
};

describe('reallocation', () => {
  let api: TestApi;
  let inHouse: AgencyData;
  let partner: AgencyData;
  /** Campaign "Reparto": queue A takes the D1_30 accounts, queue B the rest. */
  let campaignId: string;
  let queueA: string;
  let queueB: string;
  /** Another in-house campaign, and a partner's. */
  let otherCampaignId: string;
  let queueC: string;
  let queueP: string;

  async function move(
    from: string,
    to: string,
    count: number,
    filter: Record<string, unknown> | null = null,
    key?: string,
  ) {
    return api.gql<{ moveAccounts: number }>(MOVE_ACCOUNTS, { from, to, count, filter }, key);
  }

  async function members(queueId: string): Promise<Member[]> {
    return sql<Member>(
      api,
      `select account_id, queue_id, campaign_id, expected_recovery::text as expected_recovery,
              (reserved_until is not null and reserved_until > ?) as reserved
         from queue_membership m where queue_id = ? order by m.expected_recovery desc, m.id desc`,
      [api.clock.now(), queueId],
    );
  }

  async function queueOfAccount(accountId: string): Promise<string> {
    const [row] = await sql<{ queue_id: string }>(api, 'select queue_id from queue_membership where account_id = ?', [
      accountId,
    ]);
    return row!.queue_id;
  }

  beforeAll(async () => {
    api = await startTestApi();
    api.clock.set(TEST_NOW);
    inHouse = await inHouseAgency(api);
    partner = await createAgency(api, { partner: true });
    await importTagged(api, 'Reparto', [
      ...Array.from({ length: 30 }, (_, i) => ({ dueDate: D1_30, balance: `${5000 + i * 113}.70` })),
      ...Array.from({ length: 30 }, (_, i) => ({ dueDate: D31_60, balance: `${100 + i * 10}.00` })),
    ]);
    const campaign = await createCampaign(api, {
      name: 'Reparto',
      filter: { search: 'Reparto' },
      queues: [{ name: 'A', filter: { buckets: ['D1_30'] } }, { name: 'B' }],
    });
    campaignId = campaign.id;
    await startCampaign(api, campaignId);
    const queues = await sql<{ id: string; name: string }>(
      api,
      'select id, name from work_queue where campaign_id = ?',
      [campaignId],
    );
    queueA = queues.find((queue) => queue.name === 'A')!.id;
    queueB = queues.find((queue) => queue.name === 'B')!.id;

    await importTagged(
      api,
      'OtraCampaña',
      Array.from({ length: 10 }, (_, i) => ({ dueDate: D1_30, balance: `${200 + i}.00` })),
    );
    const other = await createCampaign(api, {
      name: 'Otra',
      filter: { search: 'OtraCampaña' },
      queues: [{ name: 'C' }],
    });
    otherCampaignId = other.id;
    queueC = (await startCampaign(api, other.id)).queues[0]!.id;

    await importTagged(
      api,
      'DelSocio',
      Array.from({ length: 5 }, () => ({ dueDate: D1_30 })),
    );
    await placeAccounts(api, { search: 'DelSocio' }, partner.id);
    const partnerCampaign = await createCampaign(api, {
      name: 'Del socio',
      agencyId: partner.id,
      filter: { search: 'DelSocio' },
      queues: [{ name: 'P' }],
    });
    queueP = (await startCampaign(api, partnerCampaign.id)).queues[0]!.id;
    expect((await members(queueA)).length).toBe(30);
    expect((await members(queueB)).length).toBe(30);
  });

  afterAll(async () => {
    await api?.close();
  });

  describe('assignAgents', () => {
    it('makes the agent’s very next account come from the new queue, even while it holds one from the old', async () => {
      const [agent, colleague] = await readyAgents(api, inHouse.id, queueA, 2, 'Móvil');
      const fromA = await nextAccount(api, agent!);
      expect(await queueOfAccount(fromA!)).toBe(queueA);
      await recordNoAnswer(api, fromA!, agent!);

      await assignAgents(api, [agent!], queueB);
      const fromB = await nextAccount(api, agent!);
      expect(await queueOfAccount(fromB!)).toBe(queueB);
      // It does not record an outcome: it is moved while holding the account.
      await assignAgents(api, [agent!], queueC);
      const fromC = await nextAccount(api, agent!);
      expect(await queueOfAccount(fromC!)).toBe(queueC);
      // The account it held in B is handed back for B's agents.
      expect((await accountInsight(api, fromB!)).queuePlace!.reservedBy).toBeNull();
      await assignAgents(api, [colleague!], queueB);
      expect(await nextAccount(api, colleague!)).toBe(fromB);

      const listed = await api.ok<{ workQueues: { id: string; agents: { id: string }[] }[] }>(
        'query ($id: ID!) { workQueues(campaignId: $id) { id agents { id } } }',
        { id: otherCampaignId },
      );
      expect(listed.workQueues[0]!.agents.map((a) => a.id)).toContain(agent);
      const [row] = await sql<{ queue_id: string }>(api, 'select queue_id from agent where id = ?', [agent]);
      expect(row!.queue_id).toBe(queueC);
      await recordNoAnswer(api, fromB!, colleague!);
      await recordNoAnswer(api, fromC!, agent!);
    });

    it('refuses a partner agent on an in-house queue, and an in-house agent on a partner queue', async () => {
      const partnerAgent = await createAgent(api, 'Agente del socio', partner.id);
      const houseAgent = await createAgent(api, 'Agente interno', inHouse.id);
      const before = await sql(api, 'select id, queue_id from agent order by id');
      expectError(
        await api.gql(ASSIGN_AGENTS, { agentIds: [partnerAgent.id], queueId: queueA }),
        'BAD_USER_INPUT',
        'agentIds',
      );
      // One misfit in the list rejects the whole call.
      expectError(
        await api.gql(ASSIGN_AGENTS, { agentIds: [houseAgent.id, partnerAgent.id], queueId: queueA }),
        'BAD_USER_INPUT',
        'agentIds',
      );
      expectError(
        await api.gql(ASSIGN_AGENTS, { agentIds: [houseAgent.id], queueId: queueP }),
        'BAD_USER_INPUT',
        'agentIds',
      );
      expect(await sql(api, 'select id, queue_id from agent order by id')).toEqual(before);
      // The partner's own agent on the partner's queue is fine.
      await assignAgents(api, [partnerAgent.id], queueP);
      expectError(await api.gql(ASSIGN_AGENTS, { agentIds: [], queueId: queueA }), 'BAD_USER_INPUT', 'agentIds');
      expectError(
        await api.gql(ASSIGN_AGENTS, { agentIds: ['00000000-0000-4000-8000-000000000000'], queueId: queueA }),
        'NOT_FOUND',
        'agentIds',
      );
      expectError(
        await api.gql(ASSIGN_AGENTS, { agentIds: [houseAgent.id], queueId: '00000000-0000-4000-8000-000000000000' }),
        'NOT_FOUND',
        'queueId',
      );
    });
  });

  describe('moveAccounts', () => {
    let workers: string[];

    beforeAll(async () => {
      workers = await readyAgents(api, inHouse.id, queueA, 2, 'Trabajando');
    });

    it('moves exactly `count` of the best unreserved accounts, never a reserved one', async () => {
      // Two agents hold A's two best accounts.
      const held = [await nextAccount(api, workers[0]!), await nextAccount(api, workers[1]!)];
      const before = await members(queueA);
      expect(
        before
          .filter((m) => m.reserved)
          .map((m) => m.account_id)
          .sort(),
      ).toEqual([...held].sort());
      const expected = before
        .filter((m) => !m.reserved)
        .slice(0, 5)
        .map((m) => m.account_id);
      const sizeB = (await members(queueB)).length;

      const response = await move(queueA, queueB, 5);
      expect(response.errors).toBeUndefined();
      expect(response.data!.moveAccounts).toBe(5);
      const afterB = await members(queueB);
      expect(afterB).toHaveLength(sizeB + 5);
      const movedRows = afterB.filter((m) => expected.includes(m.account_id));
      expect(movedRows.map((m) => m.account_id).sort()).toEqual([...expected].sort());
      expect(movedRows.every((m) => m.campaign_id === campaignId)).toBe(true);
      const afterA = await members(queueA);
      expect(afterA.map((m) => m.account_id).sort()).toEqual(
        before
          .map((m) => m.account_id)
          .filter((id) => !expected.includes(id))
          .sort(),
      );
      // The held accounts stayed with their agents.
      for (const [index, id] of held.entries()) {
        expect((await accountInsight(api, id!)).queuePlace).toMatchObject({
          queue: { id: queueA },
          reservedBy: { id: workers[index] },
        });
      }

      // The next account on B is the best of B, which is now the best moved one.
      const [onB] = await readyAgents(api, inHouse.id, queueB, 1, 'Destino');
      const best = (await members(queueB)).find((m) => !m.reserved)!.account_id;
      expect(best).toBe(expected[0]);
      expect(await nextAccount(api, onB!)).toBe(best);
      await recordNoAnswer(api, best, onB!);
    });

    it('moves only accounts matching the filter, best first', async () => {
      const before = await members(queueA);
      const balances = new Map(
        (
          await sql<{ id: string; balance: string }>(
            api,
            'select id, balance::text as balance from account where id in (?)',
            [before.map((m) => m.account_id)],
          )
        ).map((row) => [row.id, Number(row.balance)]),
      );
      const expected = before
        .filter((m) => !m.reserved && balances.get(m.account_id)! <= 6500)
        .slice(0, 3)
        .map((m) => m.account_id);
      expect(expected).toHaveLength(3);
      const response = await move(queueA, queueB, 3, { maxBalance: '6500.00' });
      expect(response.data?.moveAccounts).toBe(3);
      for (const id of expected) expect(await queueOfAccount(id)).toBe(queueB);
      expect(await members(queueA)).toHaveLength(before.length - 3);

      expectError(await move(queueA, queueB, 3, { maxBalance: 'caro' }), 'BAD_USER_INPUT', 'filter.maxBalance');
      // A filter nothing matches moves nothing.
      expect((await move(queueA, queueB, 3, { minBalance: '999999.00' })).data?.moveAccounts).toBe(0);
    });

    it('moves across campaigns of the same owner, and moves what there is when asked for more', async () => {
      const available = (await members(queueC)).filter((m) => !m.reserved).map((m) => m.account_id);
      const response = await move(queueC, queueA, 1000);
      expect(response.data?.moveAccounts).toBe(available.length);
      for (const id of available) {
        const [row] = await sql<{ queue_id: string; campaign_id: string }>(
          api,
          'select queue_id, campaign_id from queue_membership where account_id = ?',
          [id],
        );
        expect(row).toEqual({ queue_id: queueA, campaign_id: campaignId });
      }
      expect((await members(queueC)).filter((m) => !m.reserved)).toEqual([]);
    });

    it('rejects bad requests without moving anything', async () => {
      const before = await sql(api, 'select account_id, queue_id from queue_membership order by account_id');
      expectError(await move(queueA, queueB, 0), 'BAD_USER_INPUT', 'count');
      expectError(await move(queueA, queueB, -3), 'BAD_USER_INPUT', 'count');
      expectError(await move(queueA, queueB, 100_001), 'BAD_USER_INPUT', 'count');
      expectError(await move(queueA, queueA, 1), 'BAD_USER_INPUT', 'toQueueId');
      expectError(await move(queueA, queueP, 1), 'BAD_USER_INPUT', 'toQueueId');
      expectError(await move('00000000-0000-4000-8000-000000000000', queueB, 1), 'NOT_FOUND', 'fromQueueId');
      expectError(await move(queueA, 'nope', 1), 'NOT_FOUND', 'toQueueId');
      expect(await sql(api, 'select account_id, queue_id from queue_membership order by account_id')).toEqual(before);
    });
  });

  describe('queue priority and pause', () => {
    it('sets a queue’s priority, which orders the campaign’s queues', async () => {
      const response = await api.ok<{ setQueuePriority: { priority: number } }>(SET_PRIORITY, {
        queueId: queueB,
        priority: 900,
      });
      expect(response.setQueuePriority.priority).toBe(900);
      const [row] = await sql<{ priority: number }>(api, 'select priority from work_queue where id = ?', [queueB]);
      expect(row!.priority).toBe(900);
      const campaign = await api.ok<{ campaign: { queues: { id: string }[] } }>(
        'query ($id: ID!) { campaign(id: $id) { queues { id } } }',
        { id: campaignId },
      );
      expect(campaign.campaign.queues.map((queue) => queue.id)).toEqual([queueB, queueA]);
      for (const priority of [-1, 1001]) {
        expectError(await api.gql(SET_PRIORITY, { queueId: queueB, priority }), 'BAD_USER_INPUT', 'priority');
      }
      expect(
        (await sql<{ priority: number }>(api, 'select priority from work_queue where id = ?', [queueB]))[0]!.priority,
      ).toBe(900);
    });

    it('hands out nothing from a paused queue, and again once resumed; other queues carry on', async () => {
      const [onA] = await readyAgents(api, inHouse.id, queueA, 1, 'Pausa A');
      const [onB] = await readyAgents(api, inHouse.id, queueB, 1, 'Pausa B');
      const paused = await api.ok<{ pauseQueue: { paused: boolean } }>(PAUSE_QUEUE, { queueId: queueA });
      expect(paused.pauseQueue.paused).toBe(true);
      expect(
        (await sql<{ paused: boolean }>(api, 'select paused from work_queue where id = ?', [queueA]))[0]!.paused,
      ).toBe(true);
      expect(await nextAccount(api, onA!)).toBeNull();
      const fromB = await nextAccount(api, onB!);
      expect(await queueOfAccount(fromB!)).toBe(queueB);

      const resumed = await api.ok<{ resumeQueue: { paused: boolean } }>(RESUME_QUEUE, { queueId: queueA });
      expect(resumed.resumeQueue.paused).toBe(false);
      const fromA = await nextAccount(api, onA!);
      expect(await queueOfAccount(fromA!)).toBe(queueA);
      await recordNoAnswer(api, fromA!, onA!);
      await recordNoAnswer(api, fromB!, onB!);
    });
  });

  describe('roles', () => {
    async function snapshot() {
      return {
        queues: await sql(api, 'select id, priority, paused from work_queue order by id'),
        agents: await sql(api, 'select id, queue_id from agent order by id'),
        members: await sql(api, 'select account_id, queue_id, campaign_id from queue_membership order by account_id'),
        events: await countRows(api, ['domain_event']),
      };
    }

    it('lets only MANAGER and ADMIN reallocate: SUPERVISOR, AGENT and AGENCY get FORBIDDEN and change nothing', async () => {
      const agent = await createAgent(api, 'Por asignar', inHouse.id);
      const calls: [string, (key: string) => Promise<GraphQLResponse<unknown>>][] = [
        ['assignAgents', (key) => api.gql(ASSIGN_AGENTS, { agentIds: [agent.id], queueId: queueA }, key)],
        ['moveAccounts', (key) => move(queueA, queueB, 1, null, key)],
        ['setQueuePriority', (key) => api.gql(SET_PRIORITY, { queueId: queueA, priority: 3 }, key)],
        ['pauseQueue', (key) => api.gql(PAUSE_QUEUE, { queueId: queueA }, key)],
        ['resumeQueue', (key) => api.gql(RESUME_QUEUE, { queueId: queueA }, key)],
      ];
      const keys = {
        SUPERVISOR: await createApiKey(api, 'SUPERVISOR'),
        AGENT: await createApiKey(api, 'AGENT'),
        AGENCY: await createApiKey(api, 'AGENCY', partner.id),
      };
      const before = await snapshot();
      for (const [role, key] of Object.entries(keys)) {
        for (const [name, call] of calls) {
          const response = await call(key);
          expect(response.errors?.[0]?.extensions?.code, `${role} ${name}`).toBe('FORBIDDEN');
          expect(response.data ?? null, `${role} ${name}`).toBeNull();
        }
      }
      expect(await snapshot()).toEqual(before);

      const manager = await createApiKey(api, 'MANAGER');
      for (const [name, call] of calls) {
        const response = await call(manager);
        expect(response.errors, name).toBeUndefined();
      }
      const [row] = await sql<{ queue_id: string }>(api, 'select queue_id from agent where id = ?', [agent.id]);
      expect(row!.queue_id).toBe(queueA);
    });
  });

  describe('agent status periods', () => {
    it('writes one period per status, each ending when the next begins, adding up to the time elapsed', async () => {
      const created = await createAgent(api, 'Periodos', inHouse.id);
      await assignAgents(api, [created.id], queueB);
      const start = new Date('2026-11-24T14:00:00Z');
      const steps: [number, string][] = [
        [0, 'AVAILABLE'],
        [5, 'PAUSED'],
        [9, 'PAUSED'], // the same status again: no new period
        [12, 'AVAILABLE'],
        [15, 'NEXT_ACCOUNT'], // nextAccount moves the agent ON_CONTACT
        [18, 'WRAP_UP'],
        [20, 'AVAILABLE'],
        [45, 'LOGGED_OUT'],
      ];
      for (const [minute, status] of steps) {
        api.clock.set(plusMinutes(start, minute));
        if (status === 'NEXT_ACCOUNT') {
          const offered = await nextAccount(api, created.id);
          expect(offered).not.toBeNull();
        } else {
          const result = await setAgentStatus(api, created.id, status);
          expect(result.status).toBe(status);
        }
      }
      const periods = await sql<{ status: string; started_at: Date; ended_at: Date | null }>(
        api,
        'select status, started_at, ended_at from agent_status_period where agent_id = ? order by started_at',
        [created.id],
      );
      expect(periods.map((p) => p.status)).toEqual([
        'AVAILABLE',
        'PAUSED',
        'AVAILABLE',
        'ON_CONTACT',
        'WRAP_UP',
        'AVAILABLE',
        'LOGGED_OUT',
      ]);
      const minutesFrom = (at: Date | string) => (new Date(at).getTime() - start.getTime()) / 60_000;
      expect(periods.map((p) => minutesFrom(p.started_at))).toEqual([0, 5, 12, 15, 18, 20, 45]);
      for (let i = 0; i < periods.length - 1; i += 1) {
        expect(new Date(periods[i]!.ended_at!).getTime()).toBe(new Date(periods[i + 1]!.started_at).getTime());
      }
      expect(periods.at(-1)!.ended_at).toBeNull();

      const [totals] = await sql<{ closed_minutes: string; span_minutes: string }>(
        api,
        `select (extract(epoch from sum(ended_at - started_at)) / 60)::text as closed_minutes,
                (extract(epoch from max(started_at) - min(started_at)) / 60)::text as span_minutes
           from agent_status_period where agent_id = ?`,
        [created.id],
      );
      expect(Number(totals!.closed_minutes)).toBe(45);
      expect(Number(totals!.span_minutes)).toBe(45);
      const byStatus = await sql<{ status: string; minutes: string }>(
        api,
        `select status, (extract(epoch from sum(ended_at - started_at)) / 60)::text as minutes
           from agent_status_period where agent_id = ? and ended_at is not null group by status order by status`,
        [created.id],
      );
      expect(Object.fromEntries(byStatus.map((row) => [row.status, Number(row.minutes)]))).toEqual({
        AVAILABLE: 33,
        ON_CONTACT: 3,
        PAUSED: 7,
        WRAP_UP: 2,
      });
      const [agentRow] = await sql<{ status: string; status_since: Date }>(
        api,
        'select status, status_since from agent where id = ?',
        [created.id],
      );
      expect(agentRow!.status).toBe('LOGGED_OUT');
      expect(minutesFrom(agentRow!.status_since)).toBe(45);
      api.clock.set(TEST_NOW);
    });

    it('keeps exactly one open period when status changes race', async () => {
      const agent = await createAgent(api, 'Carrera', inHouse.id);
      const statuses = ['AVAILABLE', 'PAUSED', 'WRAP_UP', 'AVAILABLE', 'PAUSED', 'ON_CONTACT', 'AVAILABLE', 'PAUSED'];
      const responses = await Promise.all(
        statuses.map((status) => api.gql(SET_AGENT_STATUS, { agentId: agent.id, status })),
      );
      for (const response of responses) expect(response.errors).toBeUndefined();
      const periods = await sql<{ status: string; started_at: Date; ended_at: Date | null }>(
        api,
        'select status, started_at, ended_at from agent_status_period where agent_id = ? order by started_at, id',
        [agent.id],
      );
      expect(periods.filter((p) => p.ended_at === null)).toHaveLength(1);
      const [row] = await sql<{ status: string }>(api, 'select status from agent where id = ?', [agent.id]);
      expect(periods.find((p) => p.ended_at === null)!.status).toBe(row!.status);
    });

    it('rejects an unknown agent', async () => {
      expectError(
        await api.gql(SET_AGENT_STATUS, { agentId: '00000000-0000-4000-8000-000000000000', status: 'AVAILABLE' }),
        'NOT_FOUND',
        'agentId',
      );
      expectError(await tryNextAccount(api, 'x'), 'NOT_FOUND', 'agentId');
    });
  });
});
