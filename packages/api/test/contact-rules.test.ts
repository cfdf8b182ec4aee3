import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountInsight,
  createCampaign,
  importTagged,
  inHouseAgency,
  nextAccount,
  readyAgents,
  recordNoAnswer,
  setAgentStatus,
  setContactProfile,
  startCampaign,
  type CampaignInput,
} from './support/campaigns.ts';
import { type AgencyData, type ImportRow } from './support/fixtures.ts';
import { sql, startTestApi, type TestApi } from './support/test-api.ts';

/**
 * The contact rules (docs/design.md "Compliance"), seen from the outside: what `nextAccount` hands out and what
 * `contactCheck` says at chosen instants, for creditors of different country profiles and debtors in
 * different time zones. The expected local times are worked out by hand in the comments:
 * Lima is UTC−5 all year; Madrid UTC+1 in winter, UTC+2 in summer; New York UTC−5 in November; Guayaquil UTC−5.
 */

const CREDITORS = {
  PE: 'Acreedor Perú S.A.',
  ES: 'Acreedor España S.L.',
  US: 'Acreedor EE.UU. Inc.',
  EC: 'Acreedor Ecuador S.A.',
} as const;
type Country = keyof typeof CREDITORS;

interface AccountSpec {
  label: string;
  country: Country;
  timeZone: string;
}

describe('contact rules', () => {
  let api: TestApi;
  let inHouse: AgencyData;

  beforeAll(async () => {
    api = await startTestApi();
    inHouse = await inHouseAgency(api);
    // Create each creditor through an import, then give it its country profile (there is no API for it yet).
    for (const country of Object.keys(CREDITORS) as Country[]) {
      await importTagged(api, `Semilla${country}`, [{}], { creditorName: CREDITORS[country] });
      await setContactProfile(api, CREDITORS[country], country);
    }
  });

  afterAll(async () => {
    await api?.close();
  });

  interface Scenario {
    /** Account id by label. */
    ids: Record<string, string>;
    labelOf: (id: string) => string;
    agents: string[];
  }

  /**
   * The accounts (one per spec, tagged so a campaign filter selects exactly them) in a running campaign of
   * their own, with as many agents as accounts. The clock is set to `at` first.
   */
  async function scenario(
    tag: string,
    at: string,
    specs: AccountSpec[],
    campaign: Partial<CampaignInput> = {},
  ): Promise<Scenario> {
    api.clock.set(new Date(at));
    const ids: Record<string, string> = {};
    for (const spec of specs) {
      const row: Partial<ImportRow> = {
        timeZone: spec.timeZone,
        dueDate: '2026-01-10',
        debtorName: `${tag} ${spec.label}`,
      };
      const { ids: created } = await importTagged(api, tag, [row], { creditorName: CREDITORS[spec.country] });
      ids[spec.label] = created[0]!;
    }
    const created = await createCampaign(api, {
      name: `Reglas ${tag}`,
      filter: { search: tag },
      queues: [{ name: tag }],
      ...campaign,
    });
    const agents = await readyAgents(api, inHouse.id, created.queues[0]!.id, specs.length, `${tag} agente`);
    await startCampaign(api, created.id);
    const labels = new Map(Object.entries(ids).map(([label, id]) => [id, label]));
    return { ids, labelOf: (id) => labels.get(id) ?? id, agents };
  }

  /**
   * The labels of the accounts `nextAccount` hands out at `at`: each agent in turn asks once, until one gets
   * nothing. Then every agent logs out and back in, which hands the accounts back (no attempt is recorded).
   */
  async function offeredAt(s: Scenario, at: string): Promise<string[]> {
    api.clock.set(new Date(at));
    const offered: string[] = [];
    const holding: string[] = [];
    for (const agent of s.agents) {
      const id = await nextAccount(api, agent);
      if (!id) break;
      offered.push(s.labelOf(id));
      holding.push(agent);
    }
    for (const agent of holding) {
      await setAgentStatus(api, agent, 'LOGGED_OUT');
      await setAgentStatus(api, agent, 'AVAILABLE');
    }
    expect(new Set(offered).size).toBe(offered.length);
    return offered.sort();
  }

  async function check(s: Scenario, label: string) {
    return (await accountInsight(api, s.ids[label]!)).contactCheck;
  }

  async function insertInteraction(accountId: string, startedAt: string, disposition = 'NO_ANSWER') {
    await sql(
      api,
      `insert into interaction (id, account_id, channel, disposition, started_at, duration_seconds)
       values (gen_random_uuid(), ?, 'CALL', ?, ?, 30)`,
      [accountId, disposition, startedAt],
    );
  }

  describe('time zones and country hours', () => {
    const specs: AccountSpec[] = [
      { label: 'PE-Lima', country: 'PE', timeZone: 'America/Lima' },
      { label: 'PE-Madrid', country: 'PE', timeZone: 'Europe/Madrid' },
      { label: 'ES-Lima', country: 'ES', timeZone: 'America/Lima' },
      { label: 'ES-Madrid', country: 'ES', timeZone: 'Europe/Madrid' },
    ];
    let s: Scenario;

    beforeAll(async () => {
      s = await scenario('Husos', '2026-11-24T11:00:00Z', specs);
    });

    // Tuesday 24 November 2026. Peru allows 07:00–20:00, Spain 09:00–21:00, in the debtor's local time.
    const instants: { at: string; local: string; offered: string[] }[] = [
      { at: '2026-11-24T11:30:00Z', local: 'Lima 06:30, Madrid 12:30', offered: ['ES-Madrid', 'PE-Madrid'] },
      {
        at: '2026-11-24T12:30:00Z',
        local: 'Lima 07:30, Madrid 13:30',
        offered: ['ES-Madrid', 'PE-Lima', 'PE-Madrid'],
      },
      {
        at: '2026-11-24T15:00:00Z',
        local: 'Lima 10:00, Madrid 16:00',
        offered: ['ES-Lima', 'ES-Madrid', 'PE-Lima', 'PE-Madrid'],
      },
      { at: '2026-11-24T19:30:00Z', local: 'Lima 14:30, Madrid 20:30', offered: ['ES-Lima', 'ES-Madrid', 'PE-Lima'] },
      { at: '2026-11-24T20:30:00Z', local: 'Lima 15:30, Madrid 21:30', offered: ['ES-Lima', 'PE-Lima'] },
      { at: '2026-11-25T01:30:00Z', local: 'Lima 20:30, Madrid 02:30', offered: ['ES-Lima'] },
      { at: '2026-11-25T02:30:00Z', local: 'Lima 21:30, Madrid 03:30', offered: [] },
    ];

    for (const { at, local, offered } of instants) {
      it(`at ${local} offers ${offered.join(', ') || 'nothing'}, and contactCheck agrees`, async () => {
        expect(await offeredAt(s, at)).toEqual(offered);
        for (const { label } of specs) {
          const allowed = offered.includes(label);
          expect(await check(s, label), label).toMatchObject({ allowed, reasons: allowed ? [] : ['OUTSIDE_HOURS'] });
          const place = (await accountInsight(api, s.ids[label]!)).queuePlace!;
          if (!allowed) expect(place.skippedBecause, label).toEqual(['OUTSIDE_HOURS']);
        }
      });
    }

    it('tells when a closed window opens again, in the debtor’s zone', async () => {
      api.clock.set(new Date('2026-11-24T20:30:00Z'));
      // PE-Madrid: 21:30 in Madrid; Peru's 07:00 there on Wednesday is 06:00 UTC.
      expect(await check(s, 'PE-Madrid')).toMatchObject({ nextOpportunity: '2026-11-25T06:00:00.000Z' });
      // ES-Madrid: Spain's 09:00 in Madrid is 08:00 UTC.
      expect(await check(s, 'ES-Madrid')).toMatchObject({ nextOpportunity: '2026-11-25T08:00:00.000Z' });
      expect(await check(s, 'PE-Lima')).toMatchObject({ allowed: true, nextOpportunity: '2026-11-24T20:30:00.000Z' });
    });
  });

  describe('days of the week', () => {
    let s: Scenario;

    beforeAll(async () => {
      s = await scenario('Semana', '2026-11-28T15:00:00Z', [
        { label: 'PE', country: 'PE', timeZone: 'America/Lima' },
        { label: 'US', country: 'US', timeZone: 'America/New_York' },
      ]);
    });

    it('offers nothing for Peru on a Saturday or a Sunday; Regulation F allows every day', async () => {
      for (const at of ['2026-11-28T15:00:00Z', '2026-11-29T15:00:00Z']) {
        expect(await offeredAt(s, at), at).toEqual(['US']);
        // Monday 30 November, 07:00 in Lima.
        expect(await check(s, 'PE')).toEqual({
          allowed: false,
          reasons: ['NOT_A_CONTACT_DAY'],
          nextOpportunity: '2026-11-30T12:00:00.000Z',
        });
        expect((await accountInsight(api, s.ids.PE!)).queuePlace!.skippedBecause).toEqual(['NOT_A_CONTACT_DAY']);
      }
    });

    it('offers the Peruvian account again on Monday', async () => {
      expect(await offeredAt(s, '2026-11-30T15:00:00Z')).toEqual(['PE', 'US']);
    });
  });

  describe('public holidays', () => {
    it('offers nothing for Peru on Fiestas Patrias (28 and 29 July); Spain works that day', async () => {
      const s = await scenario('Patrias', '2026-07-28T15:00:00Z', [
        { label: 'PE', country: 'PE', timeZone: 'America/Lima' },
        { label: 'ES', country: 'ES', timeZone: 'Europe/Madrid' },
      ]);
      // Tuesday 28 July, 10:00 in Lima, 17:00 in Madrid.
      expect(await offeredAt(s, '2026-07-28T15:00:00Z')).toEqual(['ES']);
      // The 29th is a holiday too: Thursday the 30th, 07:00 in Lima.
      expect(await check(s, 'PE')).toEqual({
        allowed: false,
        reasons: ['PUBLIC_HOLIDAY'],
        nextOpportunity: '2026-07-30T12:00:00.000Z',
      });
      expect(await offeredAt(s, '2026-07-29T15:00:00Z')).toEqual(['ES']);
      expect(await offeredAt(s, '2026-07-30T15:00:00Z')).toEqual(['ES', 'PE']);
    });

    it('offers nothing for Peru on Holy Thursday and Good Friday 2026; Spain stops on Good Friday only', async () => {
      const s = await scenario('Santa', '2026-04-02T15:00:00Z', [
        { label: 'PE', country: 'PE', timeZone: 'America/Lima' },
        { label: 'ES', country: 'ES', timeZone: 'Europe/Madrid' },
        { label: 'US', country: 'US', timeZone: 'America/New_York' },
      ]);
      // Thursday 2 April: 10:00 in Lima, 17:00 in Madrid, 11:00 in New York.
      expect(await offeredAt(s, '2026-04-02T15:00:00Z')).toEqual(['ES', 'US']);
      expect(await check(s, 'PE')).toMatchObject({ allowed: false, reasons: ['PUBLIC_HOLIDAY'] });
      // Friday 3 April.
      expect(await offeredAt(s, '2026-04-03T15:00:00Z')).toEqual(['US']);
      // Next: Monday 6 April, 07:00 in Lima and 09:00 in Madrid (UTC+2).
      expect(await check(s, 'PE')).toEqual({
        allowed: false,
        reasons: ['PUBLIC_HOLIDAY'],
        nextOpportunity: '2026-04-06T12:00:00.000Z',
      });
      expect(await check(s, 'ES')).toEqual({
        allowed: false,
        reasons: ['PUBLIC_HOLIDAY'],
        nextOpportunity: '2026-04-06T07:00:00.000Z',
      });
      expect(await offeredAt(s, '2026-04-06T15:00:00Z')).toEqual(['ES', 'PE', 'US']);
    });
  });

  describe('United States: Regulation F', () => {
    it('stops at 7 attempts within 7 days, and offers again the 8th day', async () => {
      const s = await scenario('SieteDias', '2026-11-24T15:00:00Z', [
        { label: 'capped', country: 'US', timeZone: 'America/New_York' },
        { label: 'six', country: 'US', timeZone: 'America/New_York' },
      ]);
      // 09:00 New York time, one a day: 18–24 November for `capped` (7), 19–24 for `six` (6).
      for (let day = 18; day <= 24; day += 1) {
        await insertInteraction(s.ids.capped!, `2026-11-${day}T14:00:00Z`);
        if (day >= 19) await insertInteraction(s.ids.six!, `2026-11-${day}T14:00:00Z`);
      }
      expect(await offeredAt(s, '2026-11-24T15:00:00Z')).toEqual(['six']);
      expect(await check(s, 'capped')).toEqual({
        allowed: false,
        reasons: ['ROLLING_CAP'],
        nextOpportunity: '2026-11-25T13:00:00.000Z', // 08:00 in New York
      });
      expect((await accountInsight(api, s.ids.capped!)).queuePlace!.skippedBecause).toEqual(['ROLLING_CAP']);
      // The 8th day: the 7 days ending on the 25th hold 6 attempts.
      expect(await offeredAt(s, '2026-11-25T15:00:00Z')).toEqual(['capped', 'six']);
      expect(await check(s, 'capped')).toMatchObject({ allowed: true, reasons: [] });
    });

    it('keeps quiet for 7 days after a conversation, the day of the conversation being the first', async () => {
      const s = await scenario('Silencio', '2026-11-24T15:00:00Z', [
        { label: 'talked', country: 'US', timeZone: 'America/New_York' },
        { label: 'unanswered', country: 'US', timeZone: 'America/New_York' },
      ]);
      // Sunday 22 November, 11:00 in New York: a conversation (refused to pay). Days 22…28 are quiet.
      await insertInteraction(s.ids.talked!, '2026-11-22T16:00:00Z', 'REFUSED_TO_PAY');
      await insertInteraction(s.ids.unanswered!, '2026-11-23T16:00:00Z', 'NO_ANSWER');
      expect(await offeredAt(s, '2026-11-24T15:00:00Z')).toEqual(['unanswered']);
      expect(await check(s, 'talked')).toEqual({
        allowed: false,
        reasons: ['QUIET_AFTER_CONVERSATION'],
        nextOpportunity: '2026-11-29T13:00:00.000Z', // Sunday 29 November, 08:00 in New York
      });
      expect(await offeredAt(s, '2026-11-28T15:00:00Z')).toEqual(['unanswered']);
      expect(await offeredAt(s, '2026-11-29T15:00:00Z')).toEqual(['talked', 'unanswered']);
    });
  });

  describe('Ecuador: one contact a day', () => {
    it('does not offer an account contacted earlier the same local day; Peru has no such cap', async () => {
      const s = await scenario('DiaUnico', '2026-11-24T15:00:00Z', [
        { label: 'EC-today', country: 'EC', timeZone: 'America/Guayaquil' },
        { label: 'EC-yesterday', country: 'EC', timeZone: 'America/Guayaquil' },
        { label: 'PE-today', country: 'PE', timeZone: 'America/Lima' },
      ]);
      await insertInteraction(s.ids['EC-today']!, '2026-11-24T13:00:00Z'); // 08:00 today in Guayaquil
      await insertInteraction(s.ids['EC-yesterday']!, '2026-11-24T00:30:00Z'); // 19:30 on the 23rd there
      await insertInteraction(s.ids['PE-today']!, '2026-11-24T13:00:00Z');
      expect(await offeredAt(s, '2026-11-24T15:00:00Z')).toEqual(['EC-yesterday', 'PE-today']);
      expect(await check(s, 'EC-today')).toEqual({
        allowed: false,
        reasons: ['DAILY_CAP'],
        nextOpportunity: '2026-11-25T12:00:00.000Z', // 07:00 tomorrow in Guayaquil
      });
      expect(await offeredAt(s, '2026-11-25T15:00:00Z')).toEqual(['EC-today', 'EC-yesterday', 'PE-today']);
    });

    it('counts an attempt recorded through the API: no second call the same day', async () => {
      const s = await scenario('LlamadaApi', '2026-11-24T15:00:00Z', [
        { label: 'EC', country: 'EC', timeZone: 'America/Guayaquil' },
        { label: 'PE', country: 'PE', timeZone: 'America/Lima' },
      ]);
      // Each is offered and called without an answer at 10:00 local.
      for (const agent of s.agents) {
        const id = await nextAccount(api, agent);
        expect(id).not.toBeNull();
        await recordNoAnswer(api, id!, agent);
      }
      // After the retry spacing of a NO_ANSWER (2 hours) Peru calls again; Ecuador waits for tomorrow.
      expect(await offeredAt(s, '2026-11-24T17:30:00Z')).toEqual(['PE']);
      expect(await check(s, 'EC')).toMatchObject({ allowed: false, reasons: ['DAILY_CAP'] });
      expect(await offeredAt(s, '2026-11-25T15:00:00Z')).toEqual(['EC', 'PE']);
    });
  });

  describe('campaign window narrower than the law', () => {
    it('starts at the campaign’s 09:00 and stops at its 18:00, while the law alone allows 07:00–20:00', async () => {
      const narrow = await scenario(
        'Estrecha',
        '2026-11-24T13:30:00Z',
        [{ label: 'narrow', country: 'PE', timeZone: 'America/Lima' }],
        { windowStart: '09:00', windowEnd: '18:00' },
      );
      const lawOnly = await scenario('Amplia', '2026-11-24T13:30:00Z', [
        { label: 'law', country: 'PE', timeZone: 'America/Lima' },
      ]);
      // 08:30 in Lima.
      expect(await offeredAt(narrow, '2026-11-24T13:30:00Z')).toEqual([]);
      expect(await offeredAt(lawOnly, '2026-11-24T13:30:00Z')).toEqual(['law']);
      expect(await check(narrow, 'narrow')).toEqual({
        allowed: false,
        reasons: ['OUTSIDE_HOURS'],
        nextOpportunity: '2026-11-24T14:00:00.000Z',
      });
      expect((await accountInsight(api, narrow.ids.narrow!)).queuePlace).toMatchObject({
        skippedBecause: ['OUTSIDE_HOURS'],
        nextAttemptAt: '2026-11-24T14:00:00.000Z',
      });
      // 09:00.
      expect(await offeredAt(narrow, '2026-11-24T14:00:00Z')).toEqual(['narrow']);
      // 17:59, then 18:00 (the end is exclusive); the law alone still allows 18:00.
      expect(await offeredAt(narrow, '2026-11-24T22:59:00Z')).toEqual(['narrow']);
      expect(await offeredAt(narrow, '2026-11-24T23:00:00Z')).toEqual([]);
      expect(await offeredAt(lawOnly, '2026-11-24T23:00:00Z')).toEqual(['law']);
      expect(await check(narrow, 'narrow')).toEqual({
        allowed: false,
        reasons: ['OUTSIDE_HOURS'],
        nextOpportunity: '2026-11-25T14:00:00.000Z',
      });
    });
  });
});
