import { possibleDispositions, type Channel } from '@recupera/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemEm } from '../src/core/database/orm.ts';
import { DEMO_KEYS, seedDemo } from '../src/seed/demo-seeder.ts';
import type { SimulationEvent } from '../src/simulator/simulation-stats.ts';
import { TrafficSimulator } from '../src/simulator/traffic-simulator.ts';
import {
  createCampaign,
  importTagged,
  inHouseAgency,
  readyAgents,
  setAgentStatus,
  startCampaign,
} from './support/campaigns.ts';
import type { AgencyData, ImportRow } from './support/fixtures.ts';
import { OPERATION_TIME_ZONE, sql, startTestApi, TEST_ADMIN_KEY, TEST_NOW, type TestApi } from './support/test-api.ts';
import { waitFor } from './support/wait.ts';

/**
 * The traffic simulator against a real API over HTTP: what it did is read back from the database with plain
 * SQL, never from the simulator's own counters alone.
 */

/** Due dates that put accounts in D1_30, D31_60, D91_120 and D121_PLUS on the harness's business date. */
const DUE_DATES = ['2026-11-10', '2026-10-12', '2026-08-10', '2026-05-02'];

/** `count` accounts over four buckets with distinct balances, so the queue order has no ties. */
function rows(tag: string, count: number): Partial<ImportRow>[] {
  return Array.from({ length: count }, (_, i) => ({
    externalRef: `${tag}-${String(i + 1).padStart(3, '0')}`,
    dueDate: DUE_DATES[i % DUE_DATES.length]!,
    originalAmount: '9000.00',
    balance: `${150 + i * 61}.${String((i * 7) % 100).padStart(2, '0')}`,
  }));
}

/** A running campaign over the tagged accounts with one agent per queue entry; returns the agent ids. */
async function floor(
  api: TestApi,
  agency: AgencyData,
  tag: string,
  count: number,
  channel: Channel,
  queues: { name: string; filter?: Record<string, unknown>; priority?: number; agents: number }[],
): Promise<string[]> {
  await importTagged(api, tag, rows(tag, count));
  const created = await createCampaign(api, {
    name: `Campaña ${tag}`,
    channel,
    filter: { search: tag },
    queues: queues.map(({ name, filter, priority }) => ({ name, filter, priority })),
  });
  const started = await startCampaign(api, created.id);
  const agents: string[] = [];
  for (const queue of queues) {
    const queueId = started.queues.find((q) => q.name === queue.name)!.id;
    agents.push(...(await readyAgents(api, agency.id, queueId, queue.agents, `${tag} ${queue.name}`)));
  }
  return agents;
}

describe('traffic simulator', () => {
  let api: TestApi;
  let inHouse: AgencyData;

  beforeAll(async () => {
    api = await startTestApi();
    inHouse = await inHouseAgency(api);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('works a floor through the public API and stops cleanly', async () => {
    const callAgents = await floor(api, inHouse, 'SIMCALL', 120, 'CALL', [
      { name: 'Alto saldo', filter: { minBalance: '3000' }, priority: 10, agents: 2 },
      { name: 'Resto', agents: 1 },
    ]);
    const chatAgents = await floor(api, inHouse, 'SIMWA', 60, 'WHATSAPP', [{ name: 'Chat', agents: 1 }]);
    const agents = [...callAgents, ...chatAgents];

    const events: SimulationEvent[] = [];
    // Who holds which account, as the agents saw it: an offer of a held account to another agent is a double offer.
    const holder = new Map<string, string>();
    const doubleOffers: string[] = [];
    const simulator = new TrafficSimulator({
      endpoint: api.url,
      apiKey: TEST_ADMIN_KEY,
      seed: 42,
      speed: 50_000,
      now: () => api.clock.now(),
      onEvent: (event) => {
        events.push(event);
        if (event.type === 'offer') {
          const other = holder.get(event.accountId);
          if (other && other !== event.agentId) doubleOffers.push(event.accountId);
          holder.set(event.accountId, event.agentId);
        } else if (event.type === 'interaction') {
          holder.delete(event.accountId);
        } else if (event.type === 'status' && event.status === 'LOGGED_OUT') {
          for (const [account, agent] of holder) if (agent === event.agentId) holder.delete(account);
        }
      },
    });
    expect(await simulator.start()).toBe(4);
    // Run until the floor has done a fair amount of work, whatever this machine's speed; payments arrive some
    // time after their promise, so wait for the first one too.
    await waitFor(
      'thirty interactions and a payment',
      () => simulator.snapshot().interactions >= 30 && simulator.snapshot().payments > 0,
      15_000,
    );
    await simulator.stop();
    const stats = simulator.snapshot();
    expect(simulator.inFlight).toBe(0);
    expect(stats.errors, JSON.stringify(stats.errorsByCode)).toBe(0);
    expect(doubleOffers).toEqual([]);

    // Interactions were recorded by the simulated agents, as many as the simulator reported.
    const recorded = await sql<{ agent_id: string; channel: string; disposition: string; campaign_channel: string }>(
      api,
      `select i.agent_id, i.channel, i.disposition, c.channel as campaign_channel
         from interaction i join campaign c on c.id = i.campaign_id`,
    );
    expect(recorded.length).toBe(stats.interactions);
    expect(recorded.length).toBeGreaterThanOrEqual(30);
    expect(new Set(recorded.map((row) => row.agent_id))).toEqual(new Set(agents));
    for (const row of recorded) {
      expect(row.channel).toBe(row.campaign_channel);
      expect(possibleDispositions(row.channel as Channel), `${row.channel} ${row.disposition}`).toContain(
        row.disposition,
      );
    }
    // The model's variety reaches the database: contacts and non-contacts on calls, replies on chat.
    const dispositions = new Set(recorded.map((row) => `${row.channel}:${row.disposition}`));
    for (const expected of ['CALL:NO_ANSWER', 'CALL:PROMISE_TO_PAY', 'WHATSAPP:MESSAGE_SENT']) {
      expect(dispositions).toContain(expected);
    }

    // Every PROMISE_TO_PAY carries its promise, within the balance the account had.
    const promises = await sql<{ interaction_id: string; promise_id: string | null; fits: boolean | null }>(
      api,
      `select i.id as interaction_id, p.id as promise_id, (p.amount > 0 and p.amount <= a.original_amount) as fits
         from interaction i
         join account a on a.id = i.account_id
         left join promise_to_pay p on p.interaction_id = i.id
        where i.disposition = 'PROMISE_TO_PAY'`,
    );
    expect(promises.length).toBe(stats.promises);
    expect(promises.length).toBeGreaterThan(0);
    for (const row of promises) expect(row.promise_id && row.fits, row.interaction_id).toBeTruthy();

    // Payments land only on promised accounts, never above what was promised there.
    const payments = await sql<{ reference: string; promised: string | null; amount: string }>(
      api,
      `select pay.reference, pay.amount::text as amount,
              (select max(p.amount)::text from promise_to_pay p where p.account_id = pay.account_id) as promised
         from payment pay`,
    );
    expect(payments.length).toBe(stats.payments);
    expect(payments.length).toBeGreaterThan(0);
    for (const row of payments) {
      expect(row.reference).toMatch(/^SIM-42-/);
      expect(row.promised, row.reference).not.toBeNull();
      expect(Number(row.amount) <= Number(row.promised)).toBe(true);
    }

    // The same check from the stored events: an account offered again before its holder recorded or logged out.
    const stored = await sql<{
      type: string;
      aggregate_id: string;
      agent_id: string | null;
      account_id: string | null;
      to: string | null;
    }>(
      api,
      `select type, aggregate_id, payload->>'agentId' as agent_id, payload->>'accountId' as account_id,
              payload->>'to' as to
         from domain_event where type in ('AccountOffered', 'InteractionRecorded', 'AgentStatusChanged') order by id`,
    );
    const held = new Map<string, string>();
    let offers = 0;
    for (const event of stored) {
      if (event.type === 'AccountOffered') {
        offers += 1;
        const other = held.get(event.aggregate_id);
        expect(other === undefined || other === event.agent_id, `account ${event.aggregate_id}`).toBe(true);
        held.set(event.aggregate_id, event.agent_id!);
      } else if (event.type === 'InteractionRecorded') {
        held.delete(event.account_id!);
      } else if (event.to === 'LOGGED_OUT') {
        for (const [account, agent] of held) if (agent === event.aggregate_id) held.delete(account);
      }
    }
    expect(offers).toBeGreaterThanOrEqual(recorded.length);

    // stop(): every agent logged out, nobody on a contact, nothing reserved.
    const after = await sql<{ status: string; n: string }>(
      api,
      'select status, count(*)::text as n from agent where id in (?) group by status',
      [agents],
    );
    expect(after).toEqual([{ status: 'LOGGED_OUT', n: String(agents.length) }]);
    const reserved = await sql(api, 'select id from queue_membership where reserved_by_id is not null');
    expect(reserved).toEqual([]);
  });

  it('counts a refused step and moves on', async () => {
    const [agentId] = await floor(api, inHouse, 'SIMERR', 60, 'CALL', [{ name: 'Errores', agents: 1 }]);
    const simulator = new TrafficSimulator({
      endpoint: api.url,
      apiKey: TEST_ADMIN_KEY,
      seed: 7,
      speed: 1_000_000,
      agentIds: [agentId!],
      maxStepsPerAgent: 24,
      // The floor's clock runs three days behind the API's: promises dated "soon" are already in the past
      // for the API, and callbacks "in a few hours" too. The API refuses those steps with BAD_USER_INPUT.
      now: () => new Date(api.clock.now().getTime() - 3 * 86_400_000),
    });
    expect(await simulator.start()).toBe(1);
    await simulator.finished();
    await simulator.stop();
    const stats = simulator.snapshot();
    expect(stats.errors).toBeGreaterThan(0);
    expect(Object.keys(stats.errorsByCode)).toEqual(['BAD_USER_INPUT']);
    const [{ n }] = (await sql<{ n: string }>(api, 'select count(*)::text as n from interaction where agent_id = ?', [
      agentId,
    ])) as [{ n: string }];
    // Every step was either recorded or refused, and the refused ones did not end the shift.
    expect(Number(n)).toBe(stats.interactions);
    expect(stats.interactions + stats.errors).toBe(24);
    expect(stats.interactions).toBeGreaterThan(stats.errors);
    const [agent] = await sql<{ status: string }>(api, 'select status from agent where id = ?', [agentId]);
    expect(agent!.status).toBe('LOGGED_OUT');
  });

  it('logs the floor in one agent after another over the spread; a stop meanwhile leaves the rest out', async () => {
    const agents = await floor(api, inHouse, 'SIMLOGIN', 30, 'CALL', [{ name: 'Turno', agents: 3 }]);
    const speed = 10;
    // 3 agents over 6 floor seconds: one logs in every 2 floor seconds, 200 ms apart at this speed.
    const gapMs = (6 / agents.length / speed) * 1000;
    const loginsAt: number[] = [];
    let startedAt = 0;
    const simulator = new TrafficSimulator({
      endpoint: api.url,
      apiKey: TEST_ADMIN_KEY,
      speed,
      agentIds: agents,
      loginSpreadSeconds: 6,
      now: () => api.clock.now(),
      onEvent: (event) => {
        if (event.type === 'status' && event.status === 'AVAILABLE') loginsAt.push(performance.now() - startedAt);
      },
    });
    startedAt = performance.now();
    expect(await simulator.start()).toBe(3);
    await waitFor('the three logins', () => loginsAt.length === 3, 10_000);
    await simulator.stop();
    // The k-th login cannot be sent before k gaps have passed (all at once, they came within a few ms).
    loginsAt.forEach((at, k) => expect(at, `login ${k}`).toBeGreaterThanOrEqual(k * gapMs - 5));

    // Stopped while the second of two agents waits for its turn: it never logs in, nor out.
    const [first, second] = await floor(api, inHouse, 'SIMLATE', 20, 'CALL', [{ name: 'Tarde', agents: 2 }]);
    await setAgentStatus(api, second!, 'PAUSED');
    const statuses: string[] = [];
    const late = new TrafficSimulator({
      endpoint: api.url,
      apiKey: TEST_ADMIN_KEY,
      speed: 1,
      agentIds: [first!, second!],
      loginSpreadSeconds: 600,
      now: () => api.clock.now(),
      onEvent: (event) => {
        if (event.type === 'status') statuses.push(`${event.agentId === first ? 'first' : 'second'} ${event.status}`);
      },
    });
    expect(await late.start()).toBe(2);
    await waitFor('the first login', () => statuses.length > 0, 10_000);
    await late.stop();
    expect(statuses).toEqual(['first AVAILABLE', 'first LOGGED_OUT']);
    const [{ status }] = (await sql<{ status: string }>(api, 'select status from agent where id = ?', [second])) as [
      { status: string },
    ];
    expect(status).toBe('PAUSED');
  });
});

describe('traffic simulator determinism', () => {
  /** One agent on a fresh database, 24 accounts worked, seed 42: what it recorded, in order. */
  async function run(): Promise<{ sequence: string[]; payments: string[] }> {
    const api = await startTestApi();
    try {
      const agency = await inHouseAgency(api);
      await floor(api, agency, 'SIMDET', 40, 'CALL', [{ name: 'Única', agents: 1 }]);
      const simulator = new TrafficSimulator({
        endpoint: api.url,
        apiKey: TEST_ADMIN_KEY,
        seed: 42,
        speed: 10_000_000,
        maxStepsPerAgent: 24,
        now: () => api.clock.now(),
      });
      await simulator.start();
      await simulator.finished();
      await simulator.stop();
      const sequence = await sql<{ external_ref: string; disposition: string; amount: string | null }>(
        api,
        `select a.external_ref, i.disposition, p.amount::text as amount
           from interaction i
           join domain_event e on e.type = 'InteractionRecorded' and e.aggregate_id = i.id::text
           join account a on a.id = i.account_id
           left join promise_to_pay p on p.interaction_id = i.id
          order by e.id`,
      );
      const payments = await sql<{ external_ref: string; amount: string }>(
        api,
        `select a.external_ref, p.amount::text as amount from payment p join account a on a.id = p.account_id
          order by a.external_ref, p.amount`,
      );
      return {
        sequence: sequence.map((row) => `${row.external_ref} ${row.disposition} ${row.amount ?? '-'}`),
        payments: payments.map((row) => `${row.external_ref} ${row.amount}`),
      };
    } finally {
      await api.close();
    }
  }

  it('records the same sequence of (account, disposition, amount) from the same seed', async () => {
    const first = await run();
    const second = await run();
    expect(first.sequence.length).toBe(24);
    // Not a degenerate run: several outcomes, at least one promise.
    expect(new Set(first.sequence.map((line) => line.split(' ')[1])).size).toBeGreaterThan(2);
    expect(first.sequence.some((line) => line.includes('PROMISE_TO_PAY'))).toBe(true);
    expect(second).toEqual(first);
  });
});

describe('demo seed with campaigns', () => {
  it('starts staffed campaigns that the simulator works with the demo manager key', async () => {
    const api = await startTestApi();
    try {
      const started = performance.now();
      await seedDemo(systemEm(api.orm), {
        accounts: 2_000,
        businessDate: api.clock.businessDate(),
        campaigns: { now: TEST_NOW, timeZone: OPERATION_TIME_ZONE },
      });
      expect(performance.now() - started).toBeLessThan(10_000);
      const campaigns = await sql<{ name: string; status: string; channel: string; members: string; agents: string }>(
        api,
        `select c.name, c.status, c.channel,
                (select count(*) from queue_membership m where m.campaign_id = c.id)::text as members,
                (select count(*) from agent a join work_queue q on q.id = a.queue_id where q.campaign_id = c.id)::text as agents
           from campaign c order by c.name`,
      );
      expect(campaigns.length).toBeGreaterThanOrEqual(2);
      for (const campaign of campaigns) {
        expect(campaign.status, campaign.name).toBe('RUNNING');
        expect(Number(campaign.members), campaign.name).toBeGreaterThan(0);
        expect(Number(campaign.agents), campaign.name).toBeGreaterThan(0);
      }
      // A partner's agents work only its own campaign, in-house agents only in-house ones.
      const misplaced = await sql(
        api,
        `select a.id from agent a join agency g on g.id = a.agency_id join work_queue q on q.id = a.queue_id
           join campaign c on c.id = q.campaign_id
          where c.agency_id is distinct from (case when g.partner then g.id end)`,
      );
      expect(misplaced).toEqual([]);

      // One agent of each campaign keeps the run short; the floor's discovery is what is under test here.
      const onePerCampaign = (
        await sql<{ id: string }>(
          api,
          `select distinct on (q.campaign_id) a.id from agent a join work_queue q on q.id = a.queue_id
            order by q.campaign_id, a.name, a.id`,
        )
      ).map((row) => row.id);
      const manager = DEMO_KEYS.find((key) => key.role === 'MANAGER')!.key;
      const simulator = new TrafficSimulator({
        endpoint: api.url,
        apiKey: manager,
        seed: 42,
        speed: 100_000,
        agentIds: onePerCampaign,
        maxStepsPerAgent: 2,
        now: () => api.clock.now(),
      });
      expect(await simulator.start()).toBe(campaigns.length);
      await simulator.finished();
      await simulator.stop();
      const stats = simulator.snapshot();
      expect(stats.errors, JSON.stringify(stats.errorsByCode)).toBe(0);
      const worked = await sql<{ name: string; n: string }>(
        api,
        `select c.name, count(*)::text as n from interaction i join campaign c on c.id = i.campaign_id group by c.name`,
      );
      // Every campaign's agents got accounts to work (10:00 on a Tuesday in Lima: contact is allowed).
      expect(worked.map((row) => row.name).sort()).toEqual(campaigns.map((row) => row.name).sort());
      expect(worked.reduce((sum, row) => sum + Number(row.n), 0)).toBe(campaigns.length * 2);
    } finally {
      await api.close();
    }
  });
});
