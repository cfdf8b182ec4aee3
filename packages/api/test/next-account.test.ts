import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESERVATION_MINUTES } from '../src/modules/queues/next-account.service.ts';
import {
  accountInsight,
  createCampaign,
  importTagged,
  inHouseAgency,
  nextAccount,
  plusMinutes,
  readyAgents,
  recordNoAnswer,
  setAgentStatus,
  startCampaign,
  tryNextAccount,
} from './support/campaigns.ts';
import {
  createAgency,
  createAgent,
  createApiKey,
  expectError,
  placeAccounts,
  type AgencyData,
  type ImportRow,
} from './support/fixtures.ts';
import { sql, startTestApi, TEST_NOW, type TestApi } from './support/test-api.ts';

/**
 * `nextAccount` (the contract: "the best account of its queue that may be contacted now, or null; never the
 * same account to two agents at once"), driven by many agents at once over real HTTP. Which accounts are
 * eligible is decided here from the data created — never by asking the API.
 */

const D1_30 = '2026-11-14';

describe('nextAccount', () => {
  let api: TestApi;
  let inHouse: AgencyData;

  beforeAll(async () => {
    api = await startTestApi();
    inHouse = await inHouseAgency(api);
  });

  afterAll(async () => {
    await api?.close();
  });

  /** Tagged accounts in a running one-queue campaign of their own, and `agents` agents on it, AVAILABLE. */
  async function queueWith(
    tag: string,
    rows: Partial<ImportRow>[],
    agents: number,
    beforeStart: (ids: string[]) => Promise<void> = async () => {},
  ) {
    const { ids } = await importTagged(api, tag, rows);
    await beforeStart(ids);
    const campaign = await createCampaign(api, {
      name: `Campaña ${tag}`,
      filter: { search: tag },
      queues: [{ name: tag }],
    });
    const queueId = campaign.queues[0]!.id;
    const agentIds = await readyAgents(api, inHouse.id, queueId, agents, `${tag} agente`);
    await startCampaign(api, campaign.id);
    return { ids, queueId, campaignId: campaign.id, agentIds };
  }

  describe('20 agents asking at once, round after round', () => {
    const AGENTS = 20;
    const ELIGIBLE = 100;
    let ids: string[];
    let agents: string[];
    let eligible: Set<string>;
    let doNotContact: string[];
    let disputed: string[];
    let tokyo: string[];
    /** Every account offered, with the agents it was offered to. */
    const offeredTo = new Map<string, Set<string>>();
    let endOfRounds: Date;

    beforeAll(async () => {
      api.clock.set(TEST_NOW);
      const rows: Partial<ImportRow>[] = [
        ...Array.from({ length: ELIGIBLE }, (_, i) => ({ dueDate: D1_30, balance: `${1000 + i * 7}.13` })),
        // The ineligible ones have the largest balances: they would come first if they were not filtered out.
        ...Array.from({ length: 15 }, (_, i) => ({
          dueDate: D1_30,
          balance: `${90000 + i}.00`,
          timeZone: i >= 10 ? 'Asia/Tokyo' : null, // 00:00 in Tokyo at 10:00 in Lima
        })),
      ];
      const queue = await queueWith('Turno', rows, AGENTS);
      ids = queue.ids;
      agents = queue.agentIds;
      eligible = new Set(ids.slice(0, ELIGIBLE));
      doNotContact = ids.slice(ELIGIBLE, ELIGIBLE + 5);
      disputed = ids.slice(ELIGIBLE + 5, ELIGIBLE + 10);
      tokyo = ids.slice(ELIGIBLE + 10);
      await sql(
        api,
        `update debtor set do_not_contact = true where id in (select debtor_id from account where id in (?))`,
        [doNotContact],
      );
      await sql(api, `update account set status = 'DISPUTED' where id in (?)`, [disputed]);
      expect(await sql(api, 'select 1 from queue_membership where queue_id = ?', [queue.queueId])).toHaveLength(115);
    });

    it('never hands one account to two agents, and skips no eligible account', async () => {
      /** The account each agent holds unreleased, and until when its reservation runs. */
      const holds = new Map<string, { account: string; until: Date }>();
      const worked = new Set<string>();
      let now = TEST_NOW;
      let idleRounds = 0;
      for (let round = 0; round < 40 && idleRounds < 2; round += 1) {
        // Time moves a minute a round; once, far enough for every open reservation to lapse.
        now = plusMinutes(now, round === 5 ? RESERVATION_MINUTES + 1 : 1);
        api.clock.set(now);
        const active = new Map([...holds].filter(([, hold]) => hold.until > now));
        const heldAccounts = new Set([...active.values()].map((hold) => hold.account));
        const free = [...eligible].filter((id) => !worked.has(id) && !heldAccounts.has(id));
        const askers = agents.filter((agent) => !active.has(agent));

        const responses = await Promise.all(agents.map((agent) => tryNextAccount(api, agent)));
        const offers = new Map<string, string | null>();
        responses.forEach((response, index) => {
          expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
          offers.set(agents[index]!, response.data!.nextAccount?.id ?? null);
        });
        const given = [...offers.values()].filter((id): id is string => id !== null);
        expect(new Set(given).size, `round ${round}: an account went to two agents`).toBe(given.length);

        for (const [agent, offer] of offers) {
          if (offer) {
            if (!offeredTo.has(offer)) offeredTo.set(offer, new Set());
            offeredTo.get(offer)!.add(agent);
          }
          const hold = active.get(agent);
          if (hold) {
            expect(offer, `round ${round}: asking again returns the held account`).toBe(hold.account);
            continue;
          }
          if (offer === null) continue;
          expect(eligible.has(offer), `round ${round}: offered an ineligible account`).toBe(true);
          expect(worked.has(offer), `round ${round}: offered an account worked minutes ago`).toBe(false);
          expect(heldAccounts.has(offer), `round ${round}: offered another agent's reserved account`).toBe(false);
        }
        const served = askers.filter((agent) => offers.get(agent) !== null).length;
        expect(served, `round ${round}: ${free.length} free accounts for ${askers.length} agents`).toBe(
          Math.min(askers.length, free.length),
        );

        // Two agents in three record a NO_ANSWER (which releases the account); the others keep theirs.
        const releases: Promise<void>[] = [];
        agents.forEach((agent, index) => {
          const offer = offers.get(agent);
          if (!offer) return;
          if ((round + index) % 3 !== 0) {
            releases.push(recordNoAnswer(api, offer, agent));
            worked.add(offer);
            holds.delete(agent);
          } else if (active.get(agent)?.account !== offer) {
            holds.set(agent, { account: offer, until: plusMinutes(now, RESERVATION_MINUTES) });
          }
        });
        await Promise.all(releases);
        idleRounds = given.length === 0 ? idleRounds + 1 : 0;
      }
      endOfRounds = now;
      // Every eligible account was eventually offered; no ineligible one ever was.
      expect([...offeredTo.keys()].filter((id) => !eligible.has(id))).toEqual([]);
      expect([...eligible].filter((id) => !offeredTo.has(id))).toEqual([]);
    });

    it('offered an account to a second agent only after the first one’s reservation lapsed', async () => {
      // Checked round by round above; here: the lapse of round 5 did free held accounts for other agents, and
      // each account went to two agents at most (one lapse).
      const multiple = [...offeredTo].filter(([, agentsOffered]) => agentsOffered.size > 1);
      expect(multiple.length).toBeGreaterThan(0);
      for (const [, agentsOffered] of multiple) expect(agentsOffered.size).toBe(2);
    });

    it('explains why the ineligible accounts were not offered', async () => {
      expect(endOfRounds).toBeDefined();
      for (const id of doNotContact) {
        const insight = await accountInsight(api, id);
        expect(insight.contactCheck).toMatchObject({
          allowed: false,
          reasons: ['DO_NOT_CONTACT'],
          nextOpportunity: null,
        });
        expect(insight.queuePlace).toMatchObject({
          skippedBecause: ['DO_NOT_CONTACT'],
          nextAttemptAt: null,
          reservedBy: null,
        });
      }
      for (const id of disputed) {
        const insight = await accountInsight(api, id);
        expect(insight.contactCheck.allowed).toBe(false);
        expect(insight.contactCheck.reasons).toContain('DISPUTED');
      }
      // 07:00 in Tokyo on Wednesday 25 November is 22:00 UTC on the 24th.
      for (const id of tokyo) {
        const insight = await accountInsight(api, id);
        expect(insight.contactCheck).toMatchObject({
          allowed: false,
          reasons: ['OUTSIDE_HOURS'],
          nextOpportunity: '2026-11-24T22:00:00.000Z',
        });
        expect(insight.queuePlace).toMatchObject({
          skippedBecause: ['OUTSIDE_HOURS'],
          nextAttemptAt: '2026-11-24T22:00:00.000Z',
        });
      }
      // A worked account may be contacted (Peru has no caps), but is not due before its retry time.
      const [worked] = await sql<{ account_id: string; next_attempt_at: string }>(
        api,
        `select m.account_id, i.started_at + interval '2 hours' = m.next_attempt_at as spaced
           from queue_membership m join interaction i on i.account_id = m.account_id
          where m.account_id in (?) limit 1`,
        [[...eligible]],
      );
      const insight = await accountInsight(api, worked!.account_id);
      expect(insight.contactCheck).toMatchObject({ allowed: true, reasons: [] });
      expect(insight.queuePlace!.skippedBecause).toEqual([]);
      expect(worked).toMatchObject({ spaced: true });
    });

    it('hands out nothing more once every eligible account has been worked', async () => {
      for (const agent of agents.slice(0, 3)) expect(await nextAccount(api, agent)).toBeNull();
    });
  });

  describe('reservations', () => {
    it('returns the same account when asked again without an outcome, even when asked five times at once', async () => {
      api.clock.set(TEST_NOW);
      const { ids, agentIds } = await queueWith(
        'Repite',
        Array.from({ length: 6 }, (_, i) => ({ dueDate: D1_30, balance: `${500 + i}.00` })),
        2,
      );
      const [agent, other] = agentIds as [string, string];
      const first = await nextAccount(api, agent);
      expect(first).toBe(ids[5]); // the largest balance, same score
      expect(await nextAccount(api, agent)).toBe(first);

      const responses = await Promise.all(Array.from({ length: 5 }, () => tryNextAccount(api, other)));
      const offers = responses.map((response) => {
        expect(response.errors).toBeUndefined();
        return response.data!.nextAccount?.id;
      });
      expect(new Set(offers).size).toBe(1);
      expect(offers[0]).toBe(ids[4]);
      const held = await sql<{ reserved_by_id: string; n: string }>(
        api,
        `select reserved_by_id, count(*)::text as n from queue_membership
          where reserved_by_id in (?) and reserved_until > ? group by reserved_by_id order by reserved_by_id`,
        [[agent, other], TEST_NOW],
      );
      expect(held.map((row) => row.n)).toEqual(['1', '1']);
    });

    it('frees a reservation for another agent once RESERVATION_MINUTES have passed', async () => {
      api.clock.set(TEST_NOW);
      const { ids, agentIds } = await queueWith(
        'Vence',
        Array.from({ length: 3 }, (_, i) => ({ dueDate: D1_30, balance: `${700 + i}.00` })),
        2,
      );
      const [a, b] = agentIds as [string, string];
      const top = ids[2]!;
      expect(await nextAccount(api, a)).toBe(top);
      expect((await accountInsight(api, top)).queuePlace!.reservedBy).toEqual({ id: a });

      api.clock.set(plusMinutes(TEST_NOW, RESERVATION_MINUTES - 1));
      const second = await nextAccount(api, b);
      expect(second).toBe(ids[1]);
      await recordNoAnswer(api, second!, b);

      api.clock.set(plusMinutes(TEST_NOW, RESERVATION_MINUTES + 1));
      expect((await accountInsight(api, top)).queuePlace!.reservedBy).toBeNull();
      expect(await nextAccount(api, b)).toBe(top);
      // The first agent's lapsed account is now the other's: it gets the next one.
      expect(await nextAccount(api, a)).toBe(ids[0]);
      api.clock.set(TEST_NOW);
    });

    it('hands back the account of an agent who logs out', async () => {
      const { ids, agentIds } = await queueWith('Sale', [{ dueDate: D1_30, balance: '100.00' }], 2);
      const [a, b] = agentIds as [string, string];
      expect(await nextAccount(api, a)).toBe(ids[0]);
      expect(await nextAccount(api, b)).toBeNull();
      await setAgentStatus(api, a, 'LOGGED_OUT');
      expect(await nextAccount(api, b)).toBe(ids[0]);
    });
  });

  describe('agent state', () => {
    it('answers CONFLICT to a LOGGED_OUT or PAUSED agent, NOT_FOUND to an unknown one', async () => {
      const { agentIds } = await queueWith('Estado', [{ dueDate: D1_30 }], 1);
      const [agent] = agentIds as [string];
      const fresh = await createAgent(api, 'Recién llegado', inHouse.id); // LOGGED_OUT until told otherwise
      expectError(await tryNextAccount(api, fresh.id), 'CONFLICT', 'agentId');
      await setAgentStatus(api, agent, 'PAUSED');
      expectError(await tryNextAccount(api, agent), 'CONFLICT', 'agentId');
      await setAgentStatus(api, agent, 'LOGGED_OUT');
      expectError(await tryNextAccount(api, agent), 'CONFLICT', 'agentId');
      expect(await sql(api, 'select 1 from queue_membership where reserved_by_id = ?', [agent])).toHaveLength(0);
      await setAgentStatus(api, agent, 'AVAILABLE');
      expect(await nextAccount(api, agent)).not.toBeNull();

      for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id']) {
        expectError(await tryNextAccount(api, id), 'NOT_FOUND', 'agentId');
      }
      // A partner agency's key does not see in-house agents.
      const partner = await createAgency(api, { partner: true });
      expectError(
        await tryNextAccount(api, agent, await createApiKey(api, 'AGENCY', partner.id)),
        'NOT_FOUND',
        'agentId',
      );
    });

    it('answers null to an agent without a queue', async () => {
      const agent = await createAgent(api, 'Sin cola', inHouse.id);
      await setAgentStatus(api, agent.id, 'AVAILABLE');
      expect(await nextAccount(api, agent.id)).toBeNull();
    });

    it('moves the agent ON_CONTACT when it hands an account', async () => {
      const { agentIds } = await queueWith('Contacto', [{ dueDate: D1_30 }], 1);
      expect(await nextAccount(api, agentIds[0]!)).not.toBeNull();
      const [row] = await sql<{ status: string }>(api, 'select status from agent where id = ?', [agentIds[0]]);
      expect(row!.status).toBe('ON_CONTACT');
    });
  });

  describe("the agent's team", () => {
    it("offers a partner's agent only what its agency holds, even when a place outlived the placement", async () => {
      const partner = await createAgency(api, { code: 'EQUIPO', name: 'Equipo Socio SAC' });
      const { ids } = await importTagged(api, 'Equipo', [{ dueDate: D1_30 }, { dueDate: D1_30 }, { dueDate: D1_30 }]);
      expect(await placeAccounts(api, { search: 'Equipo' }, partner.id)).toBe(3);
      const campaign = await createCampaign(api, {
        name: 'Campaña Equipo',
        agencyId: partner.id,
        filter: { search: 'Equipo' },
        queues: [{ name: 'Equipo' }],
      });
      const queueId = campaign.queues[0]!.id;
      const [agent] = await readyAgents(api, partner.id, queueId, 1, 'Equipo agente');
      await startCampaign(api, campaign.id);
      const places = await sql<{ account_id: string }>(
        api,
        'select account_id from queue_membership where queue_id = ?',
        [queueId],
      );
      expect(places.map((row) => row.account_id).sort()).toEqual([...ids].sort());
      // One account is recalled while its place in the partner's queue stays (a race with the recall, a repair by
      // hand): the partner's agents no longer work it (docs/agencies.md), so it is not theirs to be handed.
      const gone = ids[0]!;
      await sql(api, `update placement set status = 'RECALLED', ended_at = now() where account_id = ?`, [gone]);
      await sql(api, 'update account set agency_id = null where id = ?', [gone]);

      const offered: string[] = [];
      for (;;) {
        const offer = await nextAccount(api, agent!);
        if (!offer) break;
        offered.push(offer);
        await recordNoAnswer(api, offer, agent!);
      }
      expect(offered.sort()).toEqual(ids.filter((id) => id !== gone).sort());
    });
  });

  describe('the answer', () => {
    const FIELDS = `id externalRef dueDate status daysPastDue bucket
      balance { amount currency } originalAmount { amount currency }
      debtor { id name documentId phones emails timeZone } agency { id }`;

    it('is the account as the account query shows it, debtor included, and the same when asked again', async () => {
      const { agentIds } = await queueWith(
        'Respuesta',
        [{ dueDate: D1_30, balance: '1234.56', phones: ['+51987654321', '+51912345678'], emails: ['a@b.pe'] }],
        1,
      );
      const asked = `mutation ($agentId: ID!) { nextAccount(agentId: $agentId) { ${FIELDS} } }`;
      const offered = await api.ok<{ nextAccount: { id: string } }>(asked, { agentId: agentIds[0] });
      const { account } = await api.ok<{ account: unknown }>(`query ($id: ID!) { account(id: $id) { ${FIELDS} } }`, {
        id: offered.nextAccount.id,
      });
      expect(offered.nextAccount).toEqual(account);
      expect(offered.nextAccount).toMatchObject({
        balance: { amount: '1234.56', currency: 'PEN' },
        debtor: { phones: ['+51987654321', '+51912345678'], emails: ['a@b.pe'] },
      });
      // Held: handed back from the reservation, not claimed anew.
      expect((await api.ok<{ nextAccount: unknown }>(asked, { agentId: agentIds[0] })).nextAccount).toEqual(account);
    });
  });

  describe('pages', () => {
    /** 30 accounts of the agency's own campaign, the 26 best of them not to be contacted: the first page is all refused. */
    async function refusedFirstPage(tag: string, agency: AgencyData) {
      const { ids } = await importTagged(
        api,
        tag,
        Array.from({ length: 30 }, (_, i) => ({ dueDate: D1_30, balance: `${5000 - i * 10}.00` })),
      );
      await sql(
        api,
        'update debtor set do_not_contact = true where id in (select debtor_id from account where id in (?))',
        [ids.slice(0, 26)],
      );
      if (agency.partner) expect(await placeAccounts(api, { search: tag }, agency.id)).toBe(30);
      const campaign = await createCampaign(api, {
        name: `Campaña ${tag}`,
        ...(agency.partner ? { agencyId: agency.id } : {}),
        filter: { search: tag },
        queues: [{ name: tag }],
      });
      const queueId = campaign.queues[0]!.id;
      const [agent] = await readyAgents(api, agency.id, queueId, 1, `${tag} agente`);
      await startCampaign(api, campaign.id);
      // The best of the four that may be contacted, by the queue's own order (as the database keeps it).
      const [best] = await sql<{ account_id: string }>(
        api,
        `select account_id from queue_membership where queue_id = ? and account_id in (?)
          order by expected_recovery desc, id desc limit 1`,
        [queueId, ids.slice(26)],
      );
      return { agent: agent!, best: best!.account_id, refused: ids.slice(0, 26) };
    }

    it('reads the next page when none of the first may be contacted, for a key that sees everything', async () => {
      const { agent, best, refused } = await refusedFirstPage('Paginas', inHouse);
      expect(await nextAccount(api, agent)).toBe(best);
      const parked = await sql(
        api,
        'select 1 from queue_membership where account_id in (?) and skipped_because is not null',
        [refused],
      );
      expect(parked).toHaveLength(26);
    });

    it("reads the next page for the agency's own key too", async () => {
      const partner = await createAgency(api, { code: 'PAGINAS', name: 'Páginas Socio SAC' });
      const { agent, best } = await refusedFirstPage('Socio paginas', partner);
      const agencyKey = await createApiKey(api, 'AGENCY', partner.id);
      expect(await nextAccount(api, agent, agencyKey)).toBe(best);
    });
  });

  describe('order', () => {
    it('hands the highest expected recovery first', async () => {
      const dues = ['2026-12-05', D1_30, '2026-10-15', '2026-09-05', '2026-07-01', '2026-03-01'];
      api.clock.set(TEST_NOW);
      const { queueId, agentIds } = await queueWith(
        'Orden',
        Array.from({ length: 18 }, (_, i) => ({
          dueDate: dues[i % dues.length]!,
          balance: `${(9876.54 - i * 431.7).toFixed(2)}`,
        })),
        1,
        async (created) => {
          // Facts that move the score away from the balance order.
          await sql(api, 'update account set promises_broken = 2 where id in (?)', [[created[0], created[1]]]);
          await sql(api, 'update account set promises_kept = 3 where id in (?)', [[created[16], created[17]]]);
        },
      );
      const expected = (
        await sql<{ account_id: string }>(
          api,
          `select account_id from queue_membership where queue_id = ? order by expected_recovery desc`,
          [queueId],
        )
      ).map((row) => row.account_id);
      const distinct = await sql<{ n: string }>(
        api,
        'select count(distinct expected_recovery)::text as n from queue_membership where queue_id = ?',
        [queueId],
      );
      expect(distinct[0]!.n).toBe('18');
      const order: string[] = [];
      for (;;) {
        const offer = await nextAccount(api, agentIds[0]!);
        if (!offer) break;
        order.push(offer);
        await recordNoAnswer(api, offer, agentIds[0]!);
      }
      expect(order).toEqual(expected);
    });
  });
});
