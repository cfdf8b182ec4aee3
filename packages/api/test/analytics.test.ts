import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAnalytics } from '../src/modules/analytics/analytics-build.ts';
import { createCampaign, startCampaign } from './support/campaigns.ts';
import {
  accountRow,
  createAgency,
  createApiKey,
  expectError,
  importAccounts,
  placeAccounts,
  type AgencyData,
} from './support/fixtures.ts';
import {
  bucketOn,
  expectedCell,
  groupBy,
  localOf,
  moneyList,
  newcombe,
  ratio,
  sampleSize,
  tallyOf,
  type AttemptFact,
} from './support/analytics-oracle.ts';
import { RECORD_INTERACTION, RECORD_PAYMENT } from './support/outcomes.ts';
import { allAnalyticsRows } from './support/analytics-oracle.ts';
import { sql, startTestApi, TEST_ADMIN_KEY, type TestApi } from './support/test-api.ts';

/**
 * Strategy analytics against figures recomputed by the test (support/analytics-oracle.ts) from what it recorded:
 * ~40 accounts in Lima (PEN), Madrid (EUR) and New York (USD) time zones, an in-house campaign with a challenger and
 * its own scripts, a partner agency's campaign on the accounts placed with it, accounts in no campaign; ~300 attempts
 * through `recordInteraction` at random instants of 2026 and at hand-picked instants around the DST changes of
 * both zones (with the local weekday and hour written out by hand), recorded out of chronological order; one account
 * past the intensity cap; promises and payments that keep them in part, in full, or over.
 *
 * The analytics tables are built on the empty database first, so every figure below comes from the outbox projector
 * (the relay), and a rebuild from the stored facts must then leave every table row for row the same.
 */

const SEED = 20261203;
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const random = mulberry32(SEED);
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;

const OPERATION_ZONE = 'America/Lima';
const ZONES = [
  { zone: 'America/Lima', currency: 'PEN', phone: '+51987654321' },
  { zone: 'Europe/Madrid', currency: 'EUR', phone: '+34600111222' },
  { zone: 'America/New_York', currency: 'USD', phone: '+12125550100' },
] as const;
const DUE_DATES = ['2026-12-20', '2026-11-10', '2026-09-30', '2026-07-15', '2026-03-01', '2025-12-01'];
const GROUPS = ['HOUSE', 'ALPHA', 'LOOSE'] as const;
type Group = (typeof GROUPS)[number] | 'DST';

interface TestAccount {
  id: string;
  group: Group;
  zone: string;
  currency: string;
  dueDate: string;
  promiseCents: bigint | null;
  attempts: number;
}

const CALL_DISPOSITIONS = [
  'NO_ANSWER',
  'NO_ANSWER',
  'BUSY',
  'VOICEMAIL',
  'THIRD_PARTY',
  'REFUSED_TO_PAY',
  'PROMISE_TO_PAY',
  'PROMISE_TO_PAY',
  'ALREADY_PAID',
  'DISPUTE',
  'CALLBACK_REQUESTED',
];
const MESSAGE_DISPOSITIONS = ['MESSAGE_SENT', 'MESSAGE_SENT', 'MESSAGE_REPLIED', 'PROMISE_TO_PAY', 'REFUSED_TO_PAY'];

/** Hand-picked instants around the 2026 DST changes, on the EMAIL channel only, with their local parts by hand. */
const DST_CASES = [
  { zone: 'America/New_York', at: '2026-11-01T04:59:00Z', weekday: 7, hour: 0 }, // 00:59 EDT
  { zone: 'America/New_York', at: '2026-11-01T05:30:00Z', weekday: 7, hour: 1 }, // 01:30 EDT
  { zone: 'America/New_York', at: '2026-11-01T06:30:00Z', weekday: 7, hour: 1 }, // 01:30 EST, the repeated hour
  { zone: 'America/New_York', at: '2026-03-08T06:59:00Z', weekday: 7, hour: 1 }, // 01:59 EST
  { zone: 'America/New_York', at: '2026-03-08T07:00:00Z', weekday: 7, hour: 3 }, // 03:00 EDT: 02:xx never happens
  { zone: 'Europe/Madrid', at: '2026-10-25T00:30:00Z', weekday: 7, hour: 2 }, // 02:30 CEST
  { zone: 'Europe/Madrid', at: '2026-10-25T01:30:00Z', weekday: 7, hour: 2 }, // 02:30 CET, the repeated hour
  { zone: 'Europe/Madrid', at: '2026-03-29T00:59:00Z', weekday: 7, hour: 1 }, // 01:59 CET
  { zone: 'Europe/Madrid', at: '2026-03-29T01:00:00Z', weekday: 7, hour: 3 }, // 03:00 CEST
  { zone: 'Europe/Madrid', at: '2026-03-28T23:30:00Z', weekday: 7, hour: 0 }, // Sunday 00:30 in Madrid, Saturday in Lima
  { zone: 'America/Lima', at: '2026-11-02T04:30:00Z', weekday: 7, hour: 23 }, // Sunday 23:30 in Lima (no DST)
];

const HEATMAP = `query ($filter: AnalyticsFilter!) {
  contactHeatmap(filter: $filter) {
    channel weekday hour attempts contacts rightPartyContacts promises contactRate rpcRate promiseRate
    collected { amount currency } collectedPerAttempt { amount currency }
  }
}`;
const BEST_HOURS = `query ($filter: AnalyticsFilter!, $minAttempts: Int, $limit: Int) {
  bestHours(filter: $filter, minAttempts: $minAttempts, limit: $limit) { channel weekday hour attempts rpcRate }
}`;
const INTENSITY = `query ($filter: AnalyticsFilter!) {
  attemptIntensity(filter: $filter) {
    attemptNumber attempts contacts rightPartyContacts promises contactRate promiseRate rpcRate orMore
  }
}`;
const VARIANT_FIELDS = `variant accounts attempts contacts rightPartyContacts promises contactRate promiseRate rpcRate
  amountCollected { amount currency } script`;
const CHAMPION_CHALLENGER = `query ($campaignId: ID!) {
  championChallenger(campaignId: $campaignId) {
    campaign { id name }
    champion { ${VARIANT_FIELDS} }
    challenger { ${VARIANT_FIELDS} }
    difference confidenceLow confidenceHigh significant statement method
    moreRightPartyContactsNeeded moreAttemptsNeeded
  }
}`;
const SCRIPTS = `query ($filter: AnalyticsFilter!) {
  scriptEffectiveness(filter: $filter) {
    script campaignIds attempts contacts rightPartyContacts promises promiseRate accounts amountCollected { amount currency }
  }
}`;

interface HeatCell {
  channel: string;
  weekday: number;
  hour: number;
  [field: string]: unknown;
}

const WHOLE_YEAR = { from: '2025-12-01', to: '2026-11-30' };

describe('strategy analytics', () => {
  let api: TestApi;
  let alpha: AgencyData;
  let beta: AgencyData;
  let alphaKey: string;
  let house: { id: string };
  let alfa: { id: string };
  const accounts: TestAccount[] = [];
  let facts: AttemptFact[] = [];

  /** The expected heat map of `subset`: one cell per channel, local weekday and hour, in the API's order. */
  function expectedHeatmap(subset: readonly AttemptFact[]) {
    const cells = groupBy(subset, (fact) => {
      const local = localOf(fact.startedAt, fact.timeZone);
      return `${fact.channel}|${local.weekday}|${local.hour}`;
    });
    return [...cells.entries()]
      .map(([key, cellFacts]) => {
        const [channel, weekday, hour] = key.split('|');
        return { channel: channel!, weekday: Number(weekday), hour: Number(hour), ...expectedCell(cellFacts) };
      })
      .sort((a, b) => a.channel.localeCompare(b.channel) || a.weekday - b.weekday || a.hour - b.hour);
  }

  const businessDate = (fact: AttemptFact) => localOf(fact.startedAt, OPERATION_ZONE).date;
  const inPeriod = (fact: AttemptFact, from: string, to: string) =>
    businessDate(fact) >= from && businessDate(fact) <= to;

  async function heatmap(filter: Record<string, unknown>, key = TEST_ADMIN_KEY): Promise<HeatCell[]> {
    return (await api.ok<{ contactHeatmap: HeatCell[] }>(HEATMAP, { filter }, key)).contactHeatmap;
  }

  async function analyticsTables() {
    return allAnalyticsRows(api);
  }

  beforeAll(async () => {
    api = await startTestApi();
    await buildAnalytics(api.orm, OPERATION_ZONE);
    alpha = await createAgency(api, { code: 'ALPHA', name: 'Cobranzas Alfa' });
    beta = await createAgency(api, { code: 'BETA', name: 'Cobranzas Beta' });
    alphaKey = await createApiKey(api, 'AGENCY', alpha.id);

    // Accounts: each group in every zone and several buckets; a DST group for the hand-picked instants.
    const rows = [];
    const plan: Omit<TestAccount, 'id'>[] = [];
    for (const group of [...GROUPS, 'DST'] as Group[]) {
      const perZone = group === 'DST' ? 1 : group === 'HOUSE' ? 6 : 3;
      for (const { zone, currency, phone } of ZONES) {
        for (let n = 0; n < perZone; n += 1) {
          const dueDate = DUE_DATES[(n + ZONES.findIndex((z) => z.zone === zone)) % DUE_DATES.length]!;
          const row = accountRow({
            debtorName: `${group} ${zone} ${n}`,
            timeZone: zone,
            currency,
            phones: [phone],
            balance: '900.00',
            originalAmount: '900.00',
            dueDate,
          });
          rows.push(row);
          plan.push({ group, zone, currency, dueDate, promiseCents: null, attempts: 0 });
        }
      }
    }
    await importAccounts(api, rows);
    const ids = await sql<{ id: string; ref: string }>(
      api,
      `select id, external_ref as ref from account where external_ref in (${rows.map(() => '?').join(', ')})`,
      rows.map((row) => row.externalRef),
    );
    const byRef = new Map(ids.map((row) => [row.ref, row.id]));
    rows.forEach((row, index) => accounts.push({ id: byRef.get(row.externalRef)!, ...plan[index]! }));

    await placeAccounts(api, { search: 'ALPHA' }, alpha.id);
    house = await createCampaign(api, {
      name: 'Casa',
      filter: { search: 'HOUSE' },
      queues: [{ name: 'Casa — cola' }],
      script: 'Guion A',
      challenger: { name: 'Retador', share: 0.5, script: 'Guion B' },
    });
    await startCampaign(api, house.id);
    alfa = await createCampaign(api, {
      name: 'Alfa',
      filter: { search: 'ALPHA' },
      queues: [{ name: 'Alfa — cola' }],
      script: 'Guion A',
      agencyId: alpha.id,
    });
    await startCampaign(api, alfa.id);

    // Attempts at random instants of 2026 (recorded in shuffled order), then the DST cases; one account goes past
    // the intensity cap.
    const inputs: { account: TestAccount; startedAt: string; channel: string; disposition: string }[] = [];
    const worked = accounts.filter((account) => account.group !== 'DST');
    const start = Date.parse('2026-01-05T12:00:00Z');
    const end = Date.parse('2026-11-24T14:00:00Z');
    for (let n = 0; n < 260; n += 1) {
      const account = n < 24 ? worked[0]! : pick(worked);
      const channel = pick(['CALL', 'CALL', 'SMS', 'WHATSAPP']);
      let disposition = pick(channel === 'CALL' ? CALL_DISPOSITIONS : MESSAGE_DISPOSITIONS);
      // One promise per account, never disputed afterwards (a dispute cancels it): what it collects is then plain.
      if (disposition === 'PROMISE_TO_PAY' && account.promiseCents !== null) disposition = 'NO_ANSWER';
      if (disposition === 'DISPUTE' && account.promiseCents !== null) disposition = 'REFUSED_TO_PAY';
      if (disposition === 'PROMISE_TO_PAY') account.promiseCents = BigInt(int(50, 300)) * 100n;
      const startedAt = new Date(start + Math.floor(random() * (end - start))).toISOString();
      inputs.push({ account, startedAt, channel, disposition });
    }
    for (const input of inputs) {
      const { account, startedAt, channel, disposition } = input;
      await api.ok(RECORD_INTERACTION, {
        input: {
          accountId: account.id,
          channel,
          disposition: disposition === 'NO_ANSWER' && channel !== 'CALL' ? 'MESSAGE_SENT' : disposition,
          startedAt,
          ...(disposition === 'PROMISE_TO_PAY'
            ? { promise: { amount: (Number(account.promiseCents) / 100).toFixed(2), dueDate: '2026-11-30' } }
            : {}),
          ...(disposition === 'CALLBACK_REQUESTED' ? { callbackAt: '2026-11-25T15:00:00Z' } : {}),
        },
      });
      account.attempts += 1;
    }
    for (const dst of DST_CASES) {
      const account = accounts.find((candidate) => candidate.group === 'DST' && candidate.zone === dst.zone)!;
      await api.ok(RECORD_INTERACTION, {
        input: { accountId: account.id, channel: 'EMAIL', disposition: 'MESSAGE_SENT', startedAt: dst.at },
      });
    }

    // Payments on promised accounts: part of the promise, all of it, more, or all of it and then more (which no
    // longer counts: the promise is kept); one on an account without a promise.
    const collected = new Map<string, bigint>();
    let reference = 0;
    const pay = async (account: TestAccount, amountCents: bigint) => {
      reference += 1;
      await api.ok(RECORD_PAYMENT, {
        input: {
          accountId: account.id,
          amount: (Number(amountCents) / 100).toFixed(2),
          currency: account.currency,
          reference: `PAY-${reference}`,
        },
      });
    };
    for (const account of accounts.filter((candidate) => candidate.promiseCents !== null)) {
      const promised = account.promiseCents!;
      switch (reference % 4) {
        case 0:
          await pay(account, promised / 2n);
          collected.set(account.id, promised / 2n);
          break;
        case 1:
          await pay(account, promised);
          collected.set(account.id, promised);
          break;
        case 2:
          await pay(account, promised / 3n);
          await pay(account, promised);
          collected.set(account.id, promised / 3n + promised);
          break;
        default:
          await pay(account, promised);
          await pay(account, 1000n);
          collected.set(account.id, promised);
      }
    }
    await pay(
      accounts.find((account) => account.promiseCents === null && account.group !== 'DST')!,
      5000n,
    );

    // The facts as stored (their attribution and ids), completed with what the test knows.
    const stored = await sql<{
      id: string;
      account_id: string;
      started_at: Date;
      channel: string;
      disposition: string;
      campaign_id: string | null;
      variant: string | null;
      agency_id: string | null;
    }>(
      api,
      'select id, account_id, started_at, channel, disposition, campaign_id, variant, agency_id from interaction order by id',
    );
    const byId = new Map(accounts.map((account) => [account.id, account]));
    facts = stored.map((row) => {
      const account = byId.get(row.account_id)!;
      return {
        id: row.id,
        accountId: row.account_id,
        startedAt: new Date(row.started_at),
        timeZone: account.zone,
        currency: account.currency,
        dueDate: account.dueDate,
        channel: row.channel,
        disposition: row.disposition,
        campaignId: row.campaign_id,
        variant: row.variant,
        agencyId: row.agency_id,
        collectedCents: row.disposition === 'PROMISE_TO_PAY' ? (collected.get(row.account_id) ?? 0n) : 0n,
      };
    });
    // The relay runs in the background: wait until it has projected everything.
    for (let tries = 0; tries < 200; tries += 1) {
      const [left] = await sql<{ n: string }>(
        api,
        'select count(*)::text as n from domain_event where published_at is null',
      );
      if (left!.n === '0') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }, 180_000);

  afterAll(async () => {
    await api?.close();
  });

  it('recorded what the scenario needs', () => {
    expect(facts.length).toBe(260 + DST_CASES.length);
    expect(new Set(facts.map((fact) => fact.variant))).toEqual(new Set(['CHAMPION', 'CHALLENGER', null]));
    expect(facts.filter((fact) => fact.agencyId === alpha.id).length).toBeGreaterThan(10);
    expect(facts.filter((fact) => fact.collectedCents > 0n).length).toBeGreaterThan(5);
    expect(accounts[0]!.attempts).toBeGreaterThan(20);
  });

  it('places every attempt in the debtor-local weekday and hour, across DST changes', async () => {
    const cells = await heatmap({ ...WHOLE_YEAR, channels: ['EMAIL'] });
    const byHand = groupBy(DST_CASES, (dst) => `${dst.weekday}|${dst.hour}`);
    expect(cells.map((cell) => ({ weekday: cell.weekday, hour: cell.hour, attempts: cell.attempts }))).toEqual(
      [...byHand.entries()]
        .map(([key, cases]) => ({
          weekday: Number(key.split('|')[0]),
          hour: Number(key.split('|')[1]),
          attempts: cases.length,
        }))
        .sort((a, b) => a.weekday - b.weekday || a.hour - b.hour),
    );
    // Intl agrees with the hand-written local parts, so the oracle below can be trusted for the random instants.
    for (const dst of DST_CASES) {
      expect(localOf(new Date(dst.at), dst.zone)).toMatchObject({ weekday: dst.weekday, hour: dst.hour });
    }
  });

  it('equals the recomputation for the whole year and for filtered segments', async () => {
    expect(await heatmap(WHOLE_YEAR)).toEqual(expectedHeatmap(facts));

    const segment = {
      from: '2026-06-01',
      to: '2026-11-01',
      campaignId: house.id,
      buckets: ['D1_30', 'D31_60', 'D61_90', 'D121_PLUS'],
      channels: ['CALL', 'WHATSAPP'],
    };
    const expected = facts.filter(
      (fact) =>
        inPeriod(fact, segment.from, segment.to) &&
        fact.campaignId === house.id &&
        segment.buckets.includes(bucketOn(fact.dueDate, businessDate(fact))) &&
        segment.channels.includes(fact.channel),
    );
    expect(expected.length).toBeGreaterThan(10);
    expect(await heatmap(segment)).toEqual(expectedHeatmap(expected));

    const byAgency = facts.filter((fact) => fact.agencyId === alpha.id && inPeriod(fact, '2026-03-01', '2026-09-30'));
    expect(await heatmap({ from: '2026-03-01', to: '2026-09-30', agencyId: alpha.id })).toEqual(
      expectedHeatmap(byAgency),
    );
    // A period boundary is a business date in the operation's zone.
    const oneDay = facts.filter((fact) => businessDate(fact) === '2026-03-28');
    expect(await heatmap({ from: '2026-03-28', to: '2026-03-28' })).toEqual(expectedHeatmap(oneDay));
  });

  it('ranks the best hours by RPC rate among cells with enough attempts', async () => {
    const expected = expectedHeatmap(facts)
      .filter((cell) => cell.attempts >= 3)
      .sort(
        (a, b) =>
          b.rpcRate! - a.rpcRate! ||
          b.attempts - a.attempts ||
          a.channel.localeCompare(b.channel) ||
          a.weekday - b.weekday ||
          a.hour - b.hour,
      )
      .slice(0, 4)
      .map(({ channel, weekday, hour, attempts, rpcRate }) => ({ channel, weekday, hour, attempts, rpcRate }));
    const { bestHours } = await api.ok<{ bestHours: unknown[] }>(BEST_HOURS, {
      filter: WHOLE_YEAR,
      minAttempts: 3,
      limit: 4,
    });
    expect(expected.length).toBe(4);
    expect(bestHours).toEqual(expected);
  });

  it('counts outcomes by the account’s attempt number, with the tail from the 20th attempt together', async () => {
    const numbered = groupBy(facts, (fact) => fact.accountId);
    const attemptNumber = new Map<string, number>();
    for (const accountFacts of numbered.values()) {
      [...accountFacts]
        .sort((a, b) => a.id.localeCompare(b.id))
        .forEach((fact, index) => {
          attemptNumber.set(fact.id, Math.min(index + 1, 20));
        });
    }
    const expectedFor = (subset: AttemptFact[]) =>
      [...groupBy(subset, (fact) => String(attemptNumber.get(fact.id))).entries()]
        .map(([number, pointFacts]) => {
          const cell = expectedCell(pointFacts);
          return {
            attemptNumber: Number(number),
            attempts: cell.attempts,
            contacts: cell.contacts,
            rightPartyContacts: cell.rightPartyContacts,
            promises: cell.promises,
            contactRate: cell.contactRate,
            promiseRate: cell.promiseRate,
            rpcRate: cell.rpcRate,
            orMore: number === '20',
          };
        })
        .sort((a, b) => a.attemptNumber - b.attemptNumber);
    const whole = (await api.ok<{ attemptIntensity: unknown[] }>(INTENSITY, { filter: WHOLE_YEAR })).attemptIntensity;
    expect(whole).toEqual(expectedFor(facts));
    expect(whole.at(-1)).toMatchObject({ attemptNumber: 20, orMore: true });

    const filter = { from: '2026-04-01', to: '2026-10-31', channels: ['CALL'], buckets: ['D1_30', 'D121_PLUS'] };
    const subset = facts.filter(
      (fact) =>
        inPeriod(fact, filter.from, filter.to) &&
        fact.channel === 'CALL' &&
        filter.buckets.includes(bucketOn(fact.dueDate, businessDate(fact))),
    );
    expect(subset.length).toBeGreaterThan(5);
    expect((await api.ok<{ attemptIntensity: unknown[] }>(INTENSITY, { filter })).attemptIntensity).toEqual(
      expectedFor(subset),
    );
  });

  async function championChallenger(campaignId: string, language: 'es' | 'en', key = TEST_ADMIN_KEY) {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'accept-language': language },
      body: JSON.stringify({ query: CHAMPION_CHALLENGER, variables: { campaignId } }),
    });
    return (await response.json()) as { data?: { championChallenger: Record<string, unknown> }; errors?: unknown[] };
  }

  it('compares champion and challenger with Newcombe’s interval and says what it means', async () => {
    const campaignFacts = facts.filter((fact) => fact.campaignId === house.id);
    const arm = (variant: string, script: string) => {
      const tally = tallyOf(campaignFacts.filter((fact) => fact.variant === variant));
      return {
        variant,
        accounts: tally.accounts.size,
        attempts: tally.attempts,
        contacts: tally.contacts,
        rightPartyContacts: tally.rightPartyContacts,
        promises: tally.promises,
        contactRate: ratio(tally.contacts, tally.attempts),
        promiseRate: ratio(tally.promises, tally.rightPartyContacts),
        rpcRate: ratio(tally.rightPartyContacts, tally.attempts),
        amountCollected: moneyList(tally.collected),
        script,
      };
    };
    const champion = arm('CHAMPION', 'Guion A');
    const challenger = arm('CHALLENGER', 'Guion B');
    const english = (await championChallenger(house.id, 'en')).data!.championChallenger;
    expect(english.champion).toEqual(champion);
    expect(english.challenger).toEqual(challenger);
    const interval = newcombe(
      challenger.promises,
      challenger.rightPartyContacts,
      champion.promises,
      champion.rightPartyContacts,
    );
    expect(english.difference).toBeCloseTo(interval.d, 12);
    expect(english.confidenceLow).toBeCloseTo(interval.low, 12);
    expect(english.confidenceHigh).toBeCloseTo(interval.high, 12);
    const significant = interval.low > 0 || interval.high < 0;
    expect(english.significant).toBe(significant);
    const leader = interval.d > 0 ? 'challenger' : 'champion';
    expect(english.statement).toContain(`The ${leader} leads`);
    if (!significant) {
      const perArm = sampleSize(challenger.promiseRate!, champion.promiseRate!);
      const more = [champion, challenger].map((side) => Math.max(0, perArm - side.rightPartyContacts));
      expect(english.moreRightPartyContactsNeeded).toBe(more[0]! + more[1]!);
      expect(english.moreAttemptsNeeded).toBe(Math.ceil(more[0]! / champion.rpcRate! + more[1]! / challenger.rpcRate!));
      expect(english.statement).toContain('not significant yet');
    }
    const spanish = (await championChallenger(house.id, 'es')).data!.championChallenger;
    expect(spanish.statement).toContain(interval.d > 0 ? 'El retador va adelante' : 'El campeón va adelante');
    expect({ ...spanish, statement: '' }).toEqual({ ...english, statement: '' });

    // The agency's campaign has no challenger.
    const alone = (await championChallenger(alfa.id, 'en')).data!.championChallenger;
    expect(alone.challenger).toBeNull();
    expect(alone.difference).toBeNull();
    expect(alone.significant).toBe(false);
    expect(alone.statement).toBe('This campaign has no challenger: there is nothing to compare.');
    expect(alone.champion).toEqual({
      ...arm('CHAMPION', 'Guion A'),
      ...(() => {
        const tally = tallyOf(facts.filter((fact) => fact.campaignId === alfa.id));
        return {
          accounts: tally.accounts.size,
          attempts: tally.attempts,
          contacts: tally.contacts,
          rightPartyContacts: tally.rightPartyContacts,
          promises: tally.promises,
          contactRate: ratio(tally.contacts, tally.attempts),
          promiseRate: ratio(tally.promises, tally.rightPartyContacts),
          rpcRate: ratio(tally.rightPartyContacts, tally.attempts),
          amountCollected: moneyList(tally.collected),
        };
      })(),
    });
  });

  it('compares scripts across campaigns and variants', async () => {
    const scriptOf = (fact: AttemptFact) =>
      fact.campaignId === null ? null : fact.variant === 'CHALLENGER' ? 'Guion B' : 'Guion A';
    const expected = [...groupBy(facts, (fact) => String(scriptOf(fact))).values()]
      .map((scriptFacts) => {
        const tally = tallyOf(scriptFacts);
        const arms = groupBy(scriptFacts, (fact) => `${fact.campaignId}|${fact.variant}`);
        return {
          script: scriptOf(scriptFacts[0]!),
          campaignIds: [...new Set(scriptFacts.map((fact) => fact.campaignId).filter((id) => id !== null))].sort(),
          attempts: tally.attempts,
          contacts: tally.contacts,
          rightPartyContacts: tally.rightPartyContacts,
          promises: tally.promises,
          promiseRate: ratio(tally.promises, tally.rightPartyContacts),
          // Accounts reached are counted per campaign and variant, then added.
          accounts: [...arms.values()].reduce(
            (sum, armFacts) => sum + new Set(armFacts.map((f) => f.accountId)).size,
            0,
          ),
          amountCollected: moneyList(tally.collected),
        };
      })
      .sort((a, b) => b.attempts - a.attempts || (a.script ?? '').localeCompare(b.script ?? ''));
    const { scriptEffectiveness } = await api.ok<{ scriptEffectiveness: unknown[] }>(SCRIPTS, { filter: WHOLE_YEAR });
    expect(scriptEffectiveness).toEqual(expected);
  });

  it('holds an agency to its own placements and hides other records', async () => {
    const own = facts.filter((fact) => fact.agencyId === alpha.id);
    expect(await heatmap(WHOLE_YEAR, alphaKey)).toEqual(expectedHeatmap(own));
    expect(
      (await api.ok<{ bestHours: unknown[] }>(BEST_HOURS, { filter: WHOLE_YEAR, minAttempts: 1, limit: 168 }, alphaKey))
        .bestHours,
    ).toHaveLength(expectedHeatmap(own).length);
    expectError(
      await api.gql(HEATMAP, { filter: { ...WHOLE_YEAR, campaignId: house.id } }, alphaKey),
      'NOT_FOUND',
      'filter.campaignId',
    );
    expectError(
      await api.gql(HEATMAP, { filter: { ...WHOLE_YEAR, agencyId: beta.id } }, alphaKey),
      'NOT_FOUND',
      'filter.agencyId',
    );
    const foreign = await championChallenger(house.id, 'en', alphaKey);
    expect(foreign.data).toBeNull();
    expectError({ status: 200, ...foreign } as Parameters<typeof expectError>[0], 'NOT_FOUND', 'campaignId');
    expect((await championChallenger(alfa.id, 'en', alphaKey)).data!.championChallenger).toEqual(
      (await championChallenger(alfa.id, 'en')).data!.championChallenger,
    );
    const ownIntensity = (
      await api.ok<{ attemptIntensity: { attempts: number }[] }>(INTENSITY, { filter: WHOLE_YEAR }, alphaKey)
    ).attemptIntensity;
    expect(ownIntensity.reduce((sum, point) => sum + point.attempts, 0)).toBe(own.length);

    const agentKey = await createApiKey(api, 'AGENT');
    expectError(await api.gql(HEATMAP, { filter: WHOLE_YEAR }, agentKey), 'FORBIDDEN');
  });

  it('refuses a bad filter naming the field', async () => {
    expectError(
      await api.gql(HEATMAP, { filter: { from: '2026-05-02', to: '2026-05-01' } }),
      'BAD_USER_INPUT',
      'filter.to',
    );
    expectError(
      await api.gql(INTENSITY, { filter: { ...WHOLE_YEAR, channels: [] } }),
      'BAD_USER_INPUT',
      'filter.channels',
    );
    expectError(
      await api.gql(HEATMAP, { filter: { ...WHOLE_YEAR, campaignId: 'not-an-id' } }),
      'NOT_FOUND',
      'filter.campaignId',
    );
  });

  it('keeps the same tables incrementally as a rebuild from the stored facts', async () => {
    const incremental = await analyticsTables();
    expect(incremental.analytics_contact_cell!.length).toBeGreaterThan(50);
    const summary = await buildAnalytics(api.orm, OPERATION_ZONE);
    expect(summary.attempts).toBe(facts.length);
    expect(await analyticsTables()).toEqual(incremental);
  });
});
