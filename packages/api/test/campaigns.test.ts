import { bucketOf, businessDateIn, diffDays, propensityScore } from '@recupera/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assignAgents,
  createCampaign,
  finishCampaign,
  importTagged,
  inHouseAgency,
  membershipsOf,
  nextAccount,
  pauseCampaign,
  queuesInOrder,
  readyAgents,
  START_CAMPAIGN,
  startCampaign,
  tryCreateCampaign,
  type CampaignData,
  type CampaignInput,
} from './support/campaigns.ts';
import {
  countRows,
  createAgency,
  createApiKey,
  expectError,
  placeAccounts,
  type AgencyData,
} from './support/fixtures.ts';
import { sql, startTestApi, type TestApi } from './support/test-api.ts';

/**
 * Campaigns (docs/design.md "A campaign runs a treatment on a segment"): creation is validated field by field;
 * starting fills the queues set-based — the first matching queue wins, an account is in one running queue at
 * most, only ACTIVE accounts, only those the campaign's owner works — and scores every member; pause, resume
 * and finish behave as a supervisor expects. Every expectation is computed from the data created here or
 * from plain SQL.
 */

const BUSINESS_DATE = '2026-11-24';
const WRITE_TABLES = ['campaign', 'work_queue', 'queue_membership', 'domain_event'] as const;

/** Due dates by bucket on 2026-11-24. */
const DUE = {
  current: '2026-12-05',
  d1_30: '2026-11-14', // DPD 10
  d31_60: '2026-10-15', // DPD 40
  d61_90: '2026-09-05', // DPD 80
  d121: '2026-05-01',
};
const DUE_CYCLE = [DUE.d1_30, DUE.d31_60, DUE.d61_90, DUE.d121, DUE.current];
const BALANCES = ['500.00', '1999.99', '2000.00', '3500.75', '120.10'];

type SegmentRow = {
  id: string;
  balance: string;
  due_date: string;
  status: string;
  agency_id: string | null;
  partner: boolean | null;
};

/** The tagged accounts with what decides their queue, straight from the tables. */
async function segmentRows(api: TestApi, tag: string): Promise<SegmentRow[]> {
  return sql<SegmentRow>(
    api,
    `select a.id, a.balance::text as balance, to_char(a.due_date, 'YYYY-MM-DD') as due_date, a.status, a.agency_id,
            ag.partner
       from account a join debtor d on d.id = a.debtor_id left join agency ag on ag.id = a.agency_id
      where d.name ilike ?`,
    [`%${tag}%`],
  );
}

function cents(decimal: string): bigint {
  const [whole, fraction = ''] = decimal.split('.');
  return BigInt(whole! + fraction.padEnd(4, '0').slice(0, 2));
}

describe('campaigns', () => {
  let api: TestApi;
  let partner: AgencyData;
  let otherPartner: AgencyData;
  let inHouse: AgencyData;

  beforeAll(async () => {
    api = await startTestApi();
    partner = await createAgency(api, { partner: true, name: 'Cobranzas Socio' });
    otherPartner = await createAgency(api, { partner: true, name: 'Otra Agencia' });
    inHouse = await inHouseAgency(api);
  });

  afterAll(async () => {
    await api?.close();
  });

  describe('createCampaign validation', () => {
    const valid: CampaignInput = {
      name: 'Campaña válida',
      filter: { buckets: ['D1_30'] },
      queues: [{ name: 'Alta' }, { name: 'Baja' }],
    };

    const cases: { title: string; input: CampaignInput; code?: string; field: string }[] = [
      { title: 'empty name', input: { ...valid, name: '   ' }, field: 'input.name' },
      { title: 'no queues', input: { ...valid, queues: [] }, field: 'input.queues' },
      {
        title: 'duplicate queue names (case and spaces aside)',
        input: { ...valid, queues: [{ name: 'Alta' }, { name: ' alta ' }] },
        field: 'input.queues[1].name',
      },
      { title: 'empty queue name', input: { ...valid, queues: [{ name: ' ' }] }, field: 'input.queues[0].name' },
      {
        title: 'negative queue priority',
        input: { ...valid, queues: [{ name: 'Alta', priority: -1 }] },
        field: 'input.queues[0].priority',
      },
      { title: 'window start 25:00', input: { ...valid, windowStart: '25:00' }, field: 'input.windowStart' },
      {
        title: 'window start 9:00 (no leading zero)',
        input: { ...valid, windowStart: '9:00' },
        field: 'input.windowStart',
      },
      { title: 'window end 20:60', input: { ...valid, windowEnd: '20:60' }, field: 'input.windowEnd' },
      {
        title: 'window start after window end',
        input: { ...valid, windowStart: '18:00', windowEnd: '09:00' },
        field: 'input.windowStart',
      },
      {
        title: 'window start equal to window end',
        input: { ...valid, windowStart: '09:00', windowEnd: '09:00' },
        field: 'input.windowStart',
      },
      {
        title: 'window start 24:00 (an empty window)',
        input: { ...valid, windowStart: '24:00' },
        field: 'input.windowStart',
      },
      {
        title: 'window end 00:00 (an empty window)',
        input: { ...valid, windowEnd: '00:00' },
        field: 'input.windowEnd',
      },
      {
        title: 'challenger share 0',
        input: { ...valid, challenger: { name: 'Retador', share: 0 } },
        field: 'input.challenger.share',
      },
      {
        title: 'challenger share 1',
        input: { ...valid, challenger: { name: 'Retador', share: 1 } },
        field: 'input.challenger.share',
      },
      {
        title: 'challenger share above 1',
        input: { ...valid, challenger: { name: 'Retador', share: 1.5 } },
        field: 'input.challenger.share',
      },
      {
        title: 'challenger share below 0',
        input: { ...valid, challenger: { name: 'Retador', share: -0.3 } },
        field: 'input.challenger.share',
      },
      {
        title: 'challenger without a name',
        input: { ...valid, challenger: { name: ' ', share: 0.3 } },
        field: 'input.challenger.name',
      },
      {
        title: 'a balance that is not a decimal',
        input: { ...valid, filter: { minBalance: 'mucho' } },
        field: 'input.filter.minBalance',
      },
      {
        title: 'negative days past due',
        input: { ...valid, filter: { minDaysPastDue: -1 } },
        field: 'input.filter.minDaysPastDue',
      },
      {
        title: 'min days past due above max',
        input: { ...valid, filter: { minDaysPastDue: 60, maxDaysPastDue: 30 } },
        field: 'input.filter.minDaysPastDue',
      },
      {
        title: 'an agency id that is not an id',
        input: { ...valid, filter: { agencyId: 'x' } },
        field: 'input.filter.agencyId',
      },
      {
        title: 'a bad value in the second queue filter',
        input: { ...valid, queues: [{ name: 'Alta' }, { name: 'Baja', filter: { maxBalance: '1,5' } }] },
        field: 'input.queues[1].filter.maxBalance',
      },
      {
        title: 'ends before it starts',
        input: { ...valid, startsOn: '2026-12-10', endsOn: '2026-12-01' },
        field: 'input.endsOn',
      },
    ];

    for (const { title, input, code, field } of cases) {
      it(`rejects ${title} with BAD_USER_INPUT naming ${field}, writing nothing`, async () => {
        const before = await countRows(api, WRITE_TABLES);
        const response = await tryCreateCampaign(api, input);
        expectError(response, code ?? 'BAD_USER_INPUT', field);
        expect(response.data ?? null).toBeNull();
        expect(await countRows(api, WRITE_TABLES)).toEqual(before);
      });
    }

    it('rejects an in-house agency as the running agency, and an unknown one as NOT_FOUND', async () => {
      const before = await countRows(api, WRITE_TABLES);
      expectError(await tryCreateCampaign(api, { ...valid, agencyId: inHouse.id }), 'BAD_USER_INPUT', 'input.agencyId');
      expectError(
        await tryCreateCampaign(api, { ...valid, agencyId: '00000000-0000-4000-8000-000000000000' }),
        'NOT_FOUND',
        'input.agencyId',
      );
      expect(await countRows(api, WRITE_TABLES)).toEqual(before);
    });

    it('accepts the edges: share just inside (0, 1), a window ending at 24:00, and stores a DRAFT with its queues', async () => {
      const campaign = await createCampaign(api, {
        ...valid,
        name: '  Bordes  ',
        windowStart: '07:30',
        windowEnd: '24:00',
        challenger: { name: 'Retador', share: 0.01 },
        queues: [
          { name: 'Primera', priority: 1000 },
          { name: 'Segunda', priority: 0 },
        ],
      });
      expect(campaign.status).toBe('DRAFT');
      expect(campaign.name).toBe('Bordes');
      const [row] = await sql<{ window_start_minute: number; window_end_minute: number; challenger: unknown }>(
        api,
        'select window_start_minute, window_end_minute, challenger from campaign where id = ?',
        [campaign.id],
      );
      expect(row).toMatchObject({ window_start_minute: 450, window_end_minute: 1440 });
      expect(row!.challenger).toMatchObject({ name: 'Retador', share: 0.01 });
      expect((await queuesInOrder(api, campaign.id)).map((queue) => queue.name)).toEqual(['Primera', 'Segunda']);
      expect(await sql(api, 'select 1 from queue_membership where campaign_id = ?', [campaign.id])).toHaveLength(0);
    });
  });

  describe('roles', () => {
    it('lets neither SUPERVISOR, AGENT nor AGENCY create a campaign; MANAGER may', async () => {
      const input: CampaignInput = { name: 'Por rol', queues: [{ name: 'Única' }] };
      for (const role of ['SUPERVISOR', 'AGENT'] as const) {
        const key = await createApiKey(api, role);
        const before = await countRows(api, WRITE_TABLES);
        expectError(await tryCreateCampaign(api, input, key), 'FORBIDDEN');
        expect(await countRows(api, WRITE_TABLES)).toEqual(before);
      }
      const agencyKey = await createApiKey(api, 'AGENCY', partner.id);
      const before = await countRows(api, WRITE_TABLES);
      expectError(await tryCreateCampaign(api, { ...input, agencyId: partner.id }, agencyKey), 'FORBIDDEN');
      expect(await countRows(api, WRITE_TABLES)).toEqual(before);

      const manager = await createApiKey(api, 'MANAGER');
      const response = await tryCreateCampaign(api, input, manager);
      expect(response.errors).toBeUndefined();
      expect(response.data!.createCampaign.status).toBe('DRAFT');
    });

    it('shows an AGENCY key only its own agency’s campaigns and queues', async () => {
      const own = await createCampaign(api, { name: 'De la agencia', agencyId: partner.id, queues: [{ name: 'Q' }] });
      const others = await createCampaign(api, {
        name: 'De la otra agencia',
        agencyId: otherPartner.id,
        queues: [{ name: 'Q' }],
      });
      const inHouseCampaign = await createCampaign(api, { name: 'Interna', queues: [{ name: 'Q' }] });
      const key = await createApiKey(api, 'AGENCY', partner.id);

      const listed = await api.ok<{ campaigns: { id: string }[] }>('{ campaigns { id } }', {}, key);
      const expected = (
        await sql<{ id: string }>(api, 'select id from campaign where agency_id = ?', [partner.id])
      ).map((row) => row.id);
      expect(listed.campaigns.map((campaign) => campaign.id).sort()).toEqual(expected.sort());
      expect(expected).toContain(own.id);

      for (const hidden of [others.id, inHouseCampaign.id]) {
        const one = await api.ok<{ campaign: unknown; workQueues: unknown[] }>(
          'query ($id: ID!) { campaign(id: $id) { id } workQueues(campaignId: $id) { id } }',
          { id: hidden },
          key,
        );
        expect(one).toEqual({ campaign: null, workQueues: [] });
      }
      const mine = await api.ok<{ campaign: { id: string; queues: { id: string }[] } }>(
        'query ($id: ID!) { campaign(id: $id) { id queues { id } } }',
        { id: own.id },
        key,
      );
      expect(mine.campaign.queues.map((queue) => queue.id)).toEqual(own.queues.map((queue) => queue.id));
    });
  });

  describe('startCampaign fills the queues', () => {
    const TAG = 'Relleno';
    let first: CampaignData;
    let firstQueues: { id: string; name: string }[];
    let partnerCampaign: CampaignData;
    let second: CampaignData;
    let agents: string[];

    /** Which queue of the first campaign an account belongs in, by the filters chosen below; null: none. */
    function expectedQueueOf(row: SegmentRow): string | null {
      if (row.status !== 'ACTIVE' || row.partner === true) return null;
      const dpd = diffDays(BUSINESS_DATE, row.due_date);
      if (dpd < 1 || dpd > 90) return null; // D1_30, D31_60, D61_90
      if (cents(row.balance) >= 200000n) return 'Alto saldo';
      if (dpd <= 30) return 'Joven';
      return 'Resto';
    }

    beforeAll(async () => {
      const rows = Array.from({ length: 60 }, (_, i) => ({
        dueDate: DUE_CYCLE[i % DUE_CYCLE.length]!,
        balance: BALANCES[Math.floor(i / DUE_CYCLE.length) % BALANCES.length]!,
        debtorName:
          i >= 20 && i < 30 ? `${TAG} SocioP Deudor ${i}` : i >= 30 && i < 35 ? `${TAG} Interno ${i}` : undefined,
      }));
      const { ids } = await importTagged(
        api,
        TAG,
        rows.map(({ debtorName, ...row }) => (debtorName ? { ...row, debtorName } : row)),
      );
      // Settled, disputed and promised accounts are not worked by a new campaign.
      await sql(api, `update account set status = 'PAID', balance = 0 where id in (?)`, [[ids[0], ids[16], ids[21]]]);
      await sql(api, `update account set status = 'DISPUTED' where id in (?)`, [[ids[1], ids[7], ids[22]]]);
      await sql(api, `update account set status = 'PROMISED' where id in (?)`, [[ids[2], ids[5], ids[23]]]);
      await sql(api, `update account set status = 'WRITTEN_OFF' where id in (?)`, [[ids[6]]]);
      expect(await placeAccounts(api, { search: 'SocioP' }, partner.id)).toBe(9); // ids[21] is PAID
      expect(await placeAccounts(api, { search: `${TAG} Interno` }, inHouse.id)).toBe(5);

      first = await createCampaign(api, {
        name: 'Primera campaña',
        filter: { search: TAG, buckets: ['D1_30', 'D31_60', 'D61_90'] },
        queues: [
          { name: 'Alto saldo', filter: { minBalance: '2000.00' }, priority: 10 },
          { name: 'Joven', filter: { buckets: ['D1_30'] }, priority: 5 },
          { name: 'Resto' },
        ],
      });
      firstQueues = await queuesInOrder(api, first.id);
      agents = await readyAgents(api, inHouse.id, firstQueues[0]!.id, 2, 'Relleno agente');
      first = await startCampaign(api, first.id);
    });

    it('puts each account in the first queue whose filter it matches, and only eligible ones', async () => {
      expect(first.status).toBe('RUNNING');
      const queueName = new Map(firstQueues.map((queue) => [queue.id, queue.name]));
      const segment = await segmentRows(api, TAG);
      const expected = new Map<string, string>();
      for (const row of segment) {
        const queue = expectedQueueOf(row);
        if (queue) expected.set(row.id, queue);
      }
      const members = await membershipsOf(api, first.id);
      const actual = new Map(members.map((member) => [member.account_id, queueName.get(member.queue_id)!]));
      expect(actual).toEqual(expected);
      // The data exercises every queue and every exclusion.
      expect(new Set(expected.values())).toEqual(new Set(['Alto saldo', 'Joven', 'Resto']));
      const excludedStatuses = new Set(segment.filter((row) => !expected.has(row.id)).map((row) => row.status));
      expect(excludedStatuses).toEqual(new Set(['ACTIVE', 'PAID', 'DISPUTED', 'PROMISED', 'WRITTEN_OFF']));
      // Accounts placed with the in-house team are in-house work.
      const placedInHouse = segment.filter((row) => row.agency_id === inHouse.id && expected.has(row.id));
      expect(placedInHouse.length).toBeGreaterThan(0);

      const sizes = new Map(first.queues.map((queue) => [queue.name, queue.size]));
      for (const name of ['Alto saldo', 'Joven', 'Resto']) {
        expect(sizes.get(name)).toBe([...expected.values()].filter((queue) => queue === name).length);
      }
    });

    it('never puts an account in two queues', async () => {
      const [row] = await sql<{ total: string; distinct_accounts: string }>(
        api,
        'select count(*)::text as total, count(distinct account_id)::text as distinct_accounts from queue_membership',
      );
      expect(row!.total).toBe(row!.distinct_accounts);
    });

    it('takes no account placed with a partner; a partner campaign takes only that partner’s accounts', async () => {
      const members = await membershipsOf(api, first.id);
      const placedWithPartner = await sql<{ id: string }>(
        api,
        `select a.id from account a join agency ag on ag.id = a.agency_id where ag.partner and a.id in (?)`,
        [members.map((member) => member.account_id)],
      );
      expect(placedWithPartner).toEqual([]);

      partnerCampaign = await createCampaign(api, {
        name: 'Campaña del socio',
        agencyId: partner.id,
        filter: { search: TAG },
        queues: [{ name: 'Socio' }],
      });
      await startCampaign(api, partnerCampaign.id);
      const expected = (await segmentRows(api, TAG))
        .filter((row) => row.agency_id === partner.id && row.status === 'ACTIVE')
        .map((row) => row.id)
        .sort();
      expect(expected.length).toBe(7); // 10 placed-named rows: one PAID (never placed), one DISPUTED, one PROMISED
      const taken = (await membershipsOf(api, partnerCampaign.id)).map((member) => member.account_id).sort();
      expect(taken).toEqual(expected);
    });

    it('does not let a second campaign take accounts a running campaign already holds', async () => {
      const before = await membershipsOf(api, first.id);
      // New accounts of the segment arrive after the first campaign started.
      const late = await importTagged(api, `${TAG} Tardío`, [
        { dueDate: DUE.d1_30, balance: '800.00' },
        { dueDate: DUE.d61_90, balance: '9000.00' },
      ]);
      second = await createCampaign(api, {
        name: 'Segunda campaña',
        filter: { search: TAG },
        queues: [{ name: 'Todo' }],
      });
      await startCampaign(api, second.id);

      const held = new Set([
        ...before.map((member) => member.account_id),
        ...(await membershipsOf(api, partnerCampaign.id)).map((member) => member.account_id),
      ]);
      const expected = (await segmentRows(api, TAG))
        .filter((row) => row.status === 'ACTIVE' && row.partner !== true && !held.has(row.id))
        .map((row) => row.id)
        .sort();
      expect(expected).toEqual(expect.arrayContaining(late.ids));
      const taken = (await membershipsOf(api, second.id)).map((member) => member.account_id).sort();
      expect(taken).toEqual(expected);
      // The first campaign's memberships are untouched.
      expect(await membershipsOf(api, first.id)).toEqual(before);
    });

    it('finish frees the accounts and unassigns the agents, leaving other campaigns alone', async () => {
      const secondBefore = await membershipsOf(api, second.id);
      const finished = await finishCampaign(api, first.id);
      expect(finished.status).toBe('FINISHED');
      expect(finished.queues.every((queue) => queue.size === 0)).toBe(true);
      expect(await membershipsOf(api, first.id)).toEqual([]);
      const agentRows = await sql<{ queue_id: string | null }>(api, 'select queue_id from agent where id in (?)', [
        agents,
      ]);
      expect(agentRows.map((row) => row.queue_id)).toEqual([null, null]);
      expect(await membershipsOf(api, second.id)).toEqual(secondBefore);
      const [row] = await sql<{ finished_at: Date | null }>(api, 'select finished_at from campaign where id = ?', [
        first.id,
      ]);
      expect(row!.finished_at).not.toBeNull();

      // A finished campaign neither starts, pauses nor finishes again, and its queues take no agents.
      for (const mutation of ['startCampaign', 'pauseCampaign', 'finishCampaign']) {
        expectError(await api.gql(`mutation ($id: ID!) { ${mutation}(id: $id) { id } }`, { id: first.id }), 'CONFLICT');
      }
      expectError(
        await api.gql('mutation ($a: [ID!]!, $q: ID!) { assignAgents(agentIds: $a, queueId: $q) { id } }', {
          a: agents,
          q: firstQueues[0]!.id,
        }),
        'CONFLICT',
      );

      // The freed accounts can be taken by a new campaign.
      const third = await createCampaign(api, {
        name: 'Tercera campaña',
        filter: { search: TAG, buckets: ['D1_30', 'D31_60', 'D61_90'] },
        queues: [{ name: 'Todo' }],
      });
      await startCampaign(api, third.id);
      const taken = (await membershipsOf(api, third.id)).map((member) => member.account_id).sort();
      const freed = (await segmentRows(api, TAG))
        .filter((row) => expectedQueueOf(row) !== null)
        .map((row) => row.id)
        .filter((id) => !secondBefore.some((member) => member.account_id === id))
        .sort();
      expect(taken).toEqual(freed);
      expect(taken.length).toBeGreaterThan(0);
      await finishCampaign(api, third.id);
      await finishCampaign(api, second.id);
      await finishCampaign(api, partnerCampaign.id);
    });
  });

  describe('champion / challenger', () => {
    it('draws close to the requested share over 1,200 accounts, and the same accounts every time', async () => {
      const { ids } = await importTagged(
        api,
        'Retador',
        Array.from({ length: 1200 }, (_, i) => ({ balance: `${100 + i}.00`, dueDate: DUE.d1_30 })),
      );
      const draw = async (name: string) => {
        const campaign = await createCampaign(api, {
          name,
          filter: { search: 'Retador' },
          queues: [{ name: 'Mitad A', filter: { maxBalance: '700.00' } }, { name: 'Mitad B' }],
          challenger: { name: 'Oferta de descuento', share: 0.3 },
        });
        await startCampaign(api, campaign.id);
        const members = await membershipsOf(api, campaign.id);
        await finishCampaign(api, campaign.id);
        return members;
      };
      const members = await draw('Retador 1');
      expect(members.map((member) => member.account_id).sort()).toEqual([...ids].sort());
      const challengers = members.filter((member) => member.variant === 'CHALLENGER');
      expect(members.every((member) => ['CHAMPION', 'CHALLENGER'].includes(member.variant))).toBe(true);
      const share = challengers.length / members.length;
      expect(share).toBeGreaterThanOrEqual(0.25);
      expect(share).toBeLessThanOrEqual(0.35);
      // Both queues get both variants.
      for (const queueId of new Set(members.map((member) => member.queue_id))) {
        const inQueue = members.filter((member) => member.queue_id === queueId);
        expect(inQueue.some((member) => member.variant === 'CHALLENGER')).toBe(true);
        expect(inQueue.some((member) => member.variant === 'CHAMPION')).toBe(true);
      }

      const again = await draw('Retador 2');
      const challengerSet = (list: typeof members) =>
        list
          .filter((member) => member.variant === 'CHALLENGER')
          .map((member) => member.account_id)
          .sort();
      expect(challengerSet(again)).toEqual(challengerSet(members));
    });

    it('has no challenger without one', async () => {
      await importTagged(api, 'SinRetador', [{}, {}, {}, {}, {}]);
      const campaign = await createCampaign(api, {
        name: 'Sin retador',
        filter: { search: 'SinRetador' },
        queues: [{ name: 'Q' }],
      });
      await startCampaign(api, campaign.id);
      const members = await membershipsOf(api, campaign.id);
      expect(members).toHaveLength(5);
      expect(members.every((member) => member.variant === 'CHAMPION')).toBe(true);
      await finishCampaign(api, campaign.id);
    });
  });

  describe('scores', () => {
    it('stores the propensity score of the account facts and expected recovery = balance × score, rounded down', async () => {
      const TAG = 'Puntaje';
      const dues = [DUE.current, DUE.d1_30, DUE.d31_60, DUE.d61_90, DUE.d121, '2026-08-01'];
      const { ids } = await importTagged(
        api,
        TAG,
        Array.from({ length: 36 }, (_, i) => ({
          dueDate: dues[i % dues.length]!,
          balance: `${(1234.57 + i * 97.31).toFixed(2)}`,
          currency: i % 4 === 0 ? 'USD' : 'PEN',
        })),
      );
      // Vary the running facts the score reads.
      for (const [index, id] of ids.entries()) {
        const variant = Math.floor(index / dues.length) % 6;
        const set: Record<number, string> = {
          0: `promises_kept = 2`,
          1: `promises_broken = 1, refusals = 2`,
          2: `last_payment_at = '2026-11-01T15:00:00Z', last_attempt_at = '2026-11-10T15:00:00Z'`,
          3: `last_right_party_contact_at = '2026-11-23T15:00:00Z', last_attempt_at = '2026-11-23T15:00:00Z'`,
          4: `last_payment_at = '2026-07-01T15:00:00Z', promises_broken = 5`,
          5: `last_attempt_at = '2026-11-21T15:00:00Z', refusals = 1, promises_kept = 4`,
        };
        await sql(api, `update account set ${set[variant]} where id = ?`, [id]);
        if (variant === 4) {
          await sql(
            api,
            `update debtor set invalid_phones_by_tenant = jsonb_build_object('IN_HOUSE', to_jsonb(phones)), emails = '{}'
              where id = (select debtor_id from account where id = ?)`,
            [id],
          );
        }
      }
      const campaign = await createCampaign(api, {
        name: 'Puntajes',
        filter: { search: TAG },
        queues: [{ name: 'Q' }],
      });
      await startCampaign(api, campaign.id);

      const rows = await sql<{
        account_id: string;
        score: string;
        expected_recovery: string;
        balance: string;
        due_date: string;
        last_attempt_at: Date | null;
        last_right_party_contact_at: Date | null;
        last_payment_at: Date | null;
        promises_kept: number;
        promises_broken: number;
        refusals: number;
        phones: string[];
        invalid_phones: string[];
        emails: string[];
        floor_matches: boolean;
      }>(
        api,
        `select m.account_id, m.score::text as score, m.expected_recovery::text as expected_recovery,
                a.balance::text as balance, to_char(a.due_date, 'YYYY-MM-DD') as due_date, a.last_attempt_at,
                a.last_right_party_contact_at, a.last_payment_at, a.promises_kept, a.promises_broken, a.refusals,
                d.phones, array(select jsonb_array_elements_text(d.invalid_phones_by_tenant -> 'IN_HOUSE')) as invalid_phones,
                d.emails,
                m.expected_recovery = floor(a.balance * m.score * 100) / 100 as floor_matches
           from queue_membership m join account a on a.id = m.account_id join debtor d on d.id = a.debtor_id
          where m.campaign_id = ?`,
        [campaign.id],
      );
      expect(rows).toHaveLength(36);
      const daysSince = (instant: Date | null) =>
        instant === null ? null : diffDays(BUSINESS_DATE, businessDateIn(new Date(instant), 'America/Lima'));
      const seenFactors = new Set<string>();
      for (const row of rows) {
        const expected = propensityScore({
          bucket: bucketOf(row.due_date, BUSINESS_DATE),
          daysSinceLastAttempt: daysSince(row.last_attempt_at),
          daysSinceLastRightPartyContact: daysSince(row.last_right_party_contact_at),
          daysSinceLastPayment: daysSince(row.last_payment_at),
          promisesKept: row.promises_kept,
          promisesBroken: row.promises_broken,
          refusals: row.refusals,
          hasValidContactPoint:
            row.phones.some((phone) => !row.invalid_phones.includes(phone)) || row.emails.length > 0,
        });
        expected.factors.forEach((factor) => seenFactors.add(factor.factor));
        expect(Number(row.score), row.account_id).toBe(expected.score);
        const recoveryCents = (cents(row.balance) * BigInt(Math.round(expected.score * 10_000))) / 10_000n;
        expect(cents(row.expected_recovery), row.account_id).toBe(recoveryCents);
        expect(row.floor_matches).toBe(true);
      }
      expect(seenFactors).toEqual(
        new Set([
          'BUCKET',
          'RECENT_PAYMENT',
          'PROMISES_KEPT',
          'PROMISES_BROKEN',
          'REFUSALS',
          'JUST_REACHED',
          'NEVER_ATTEMPTED',
          'RESTED',
          'NO_VALID_CONTACT',
        ]),
      );

      // The case view shows the same figures.
      const sample = rows[7]!;
      const view = await api.ok<{
        account: { queuePlace: { score: number; expectedRecovery: { amount: string }; factors: { factor: string }[] } };
      }>(
        'query ($id: ID!) { account(id: $id) { queuePlace { score expectedRecovery { amount } factors { factor } } } }',
        {
          id: sample.account_id,
        },
      );
      expect(view.account.queuePlace.score).toBe(Number(sample.score));
      expect(cents(view.account.queuePlace.expectedRecovery.amount)).toBe(cents(sample.expected_recovery));
      await finishCampaign(api, campaign.id);
    });
  });

  describe('start, pause, resume', () => {
    const TAG = 'Doble';
    let campaign: CampaignData;
    let agent: string;

    beforeAll(async () => {
      await importTagged(
        api,
        TAG,
        Array.from({ length: 200 }, (_, i) => ({ balance: `${300 + i}.00`, dueDate: i % 2 ? DUE.d1_30 : DUE.d31_60 })),
      );
      campaign = await createCampaign(api, {
        name: 'Doble arranque',
        filter: { search: TAG },
        queues: [{ name: 'Q' }],
      });
      agent = (await readyAgents(api, inHouse.id, campaign.queues[0]!.id, 1, 'Doble agente'))[0]!;
    });

    it('fills once when started twice at the same moment', async () => {
      const responses = await Promise.all(
        Array.from({ length: 4 }, () => api.gql<{ startCampaign: CampaignData }>(START_CAMPAIGN, { id: campaign.id })),
      );
      const succeeded = responses.filter((response) => !response.errors);
      expect(succeeded.length).toBeGreaterThanOrEqual(1);
      for (const response of responses.filter((r) => r.errors)) expectError(response, 'CONFLICT', 'id');
      expect(await membershipsOf(api, campaign.id)).toHaveLength(200);
      const [events] = await sql<{ count: string }>(
        api,
        `select count(*)::text as count from domain_event where type = 'CampaignStarted' and aggregate_id = ?`,
        [campaign.id],
      );
      expect(events!.count).toBe('1');
      const [row] = await sql<{ status: string }>(api, 'select status from campaign where id = ?', [campaign.id]);
      expect(row!.status).toBe('RUNNING');
    });

    it('hands out nothing while paused and works again when resumed, without refilling', async () => {
      const offered = await nextAccount(api, agent);
      expect(offered).not.toBeNull();
      const paused = await pauseCampaign(api, campaign.id);
      expect(paused.status).toBe('PAUSED');
      expect(await nextAccount(api, agent)).toBeNull();
      expectError(
        await api.gql('mutation ($id: ID!) { pauseCampaign(id: $id) { id } }', { id: campaign.id }),
        'CONFLICT',
      );

      // Accounts arriving while paused are not added by the resume.
      await importTagged(api, TAG, [{ dueDate: DUE.d1_30, balance: '99999.00' }]);
      const resumed = await startCampaign(api, campaign.id);
      expect(resumed.status).toBe('RUNNING');
      expect(await membershipsOf(api, campaign.id)).toHaveLength(200);
      // The agent still holds the account it was given before the pause.
      expect(await nextAccount(api, agent)).toBe(offered);
    });

    it('lets a SUPERVISOR pause and resume, but not finish', async () => {
      const supervisor = await createApiKey(api, 'SUPERVISOR');
      expect((await pauseCampaign(api, campaign.id, supervisor)).status).toBe('PAUSED');
      expect((await startCampaign(api, campaign.id, supervisor)).status).toBe('RUNNING');
      expectError(
        await api.gql('mutation ($id: ID!) { finishCampaign(id: $id) { id } }', { id: campaign.id }, supervisor),
        'FORBIDDEN',
      );
      expect(await membershipsOf(api, campaign.id)).toHaveLength(200);
    });

    it('answers NOT_FOUND for an unknown campaign', async () => {
      for (const id of ['00000000-0000-4000-8000-000000000000', 'nope']) {
        expectError(await api.gql(START_CAMPAIGN, { id }), 'NOT_FOUND');
      }
    });

    it('finishing unassigns the agents and empties the queues', async () => {
      await assignAgents(api, [agent], campaign.queues[0]!.id);
      await finishCampaign(api, campaign.id);
      expect(await membershipsOf(api, campaign.id)).toEqual([]);
      const [row] = await sql<{ queue_id: string | null }>(api, 'select queue_id from agent where id = ?', [agent]);
      expect(row!.queue_id).toBeNull();
      expect(await nextAccount(api, agent)).toBeNull();
    });
  });
});
