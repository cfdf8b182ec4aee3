import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveDuePromises } from '../src/modules/promises/promise-resolution.ts';
import { assignAgents, createCampaign, setAgentStatus, startCampaign } from './support/campaigns.ts';
import {
  accountRow,
  createAgency,
  createAgent,
  createApiKey,
  expectError,
  importAccountsAt,
  placeAccounts,
  type ImportRow,
} from './support/fixtures.ts';
import {
  comparable,
  expectedKpis,
  KPIS_QUERY,
  limaMidnight,
  localDate,
  addDays,
  windowBounds,
  WINDOWS,
  type KpisValue,
  type KpiWindowName,
  type Scope,
  adminCheck,
  agencyCheck,
  type Check,
} from './support/kpi-oracle.ts';
import { Dice, DISPOSITIONS, type Disposition } from './support/random-traffic.ts';
import { decimal, RECORD_INTERACTION, RECORD_PAYMENT } from './support/outcomes.ts';
import { sql, startTestApi, TEST_ADMIN_KEY, type TestApi } from './support/test-api.ts';

/**
 * `kpis(scope, window)` against the KPI definitions of docs/design.md, recomputed independently with plain SQL
 * (support/kpi-oracle.ts), on a seeded random day of collections driven through the public API:
 *
 * - ~300 PEN and USD accounts in every aging bucket (due dates on each bucket edge too), imported the day before
 *   (2026-11-23); some placed with an in-house agency, two partner agencies, the rest unplaced; a dozen more
 *   imported during the day (they count in the flows, not in recovery, which is over accounts that existed when
 *   the business day began);
 * - an in-house campaign with two queues and a partner agency's own campaign, started through the API, agents
 *   assigned and AVAILABLE;
 * - ~400 interactions and payments (every disposition; promises of random amounts and due dates, callbacks,
 *   wrong numbers; payments of promises in full or in part, unrelated, payoffs, overpayments, retried references)
 *   from 2026-11-23 to the first minutes of 2026-11-25, some recorded minutes late, some exactly on a window's
 *   edge or one millisecond before it, by the admin and by the partner agencies' own keys;
 * - the promise due job (`resolveDuePromises`, called directly with the test's orm and clock) on 2026-11-28.
 *
 * At several instants every field of the operation, each campaign, queue, agency, several agents and a few
 * combinations, in every window, must equal the recomputation. A promise is resolved (BROKEN / PARTIALLY_KEPT)
 * only once its due date plus 3 grace days has passed, while the kept rate counts promises by their due date in
 * the window; so the outcomes of promises due on 2026-11-24 are checked by setting the clock back to that day
 * after the due job ran on 2026-11-28 (the KPI of a past instant, from today's stored facts).
 *
 * One deliberate SQL write: `importAccounts` stamps `account.created_at` with the wall clock, not the API's
 * clock, so the test sets it to the FixedClock instant of the import (the day before), as it would be in
 * production where both clocks agree. Everything else goes through the API.
 */

const SEED = Number(process.env.KPI_TEST_SEED ?? 20261124);

const { int, chance, pick, between: bigintBetween } = new Dice(SEED);

const MINUTE = 60_000;
const at = (iso: string) => new Date(iso);
const plus = (instant: Date, ms: number) => new Date(instant.getTime() + ms);

const BUSINESS_DATE = '2026-11-24';
const IMPORT_AT = at('2026-11-23T14:00:00.000Z');
const LATE_IMPORT_AT = at('2026-11-24T14:00:00.000Z');
const DAY_START = limaMidnight(BUSINESS_DATE); // 2026-11-24T05:00Z
const NEXT_DAY_START = limaMidnight(addDays(BUSINESS_DATE, 1));
/** The query instants of the day, in order. */
const Q1 = at('2026-11-24T15:07:42.123Z'); // mid-morning, mid-minute
const Q2 = at('2026-11-24T21:00:00.000Z'); // on a whole minute
const Q3 = at('2026-11-25T04:59:59.999Z'); // 23:59:59.999 in Lima: the whole of 2026-11-24
const Q4 = at('2026-11-25T05:20:30.000Z'); // 00:20:30 on 2026-11-25: the last hour spans two dates
const RESOLVE_AT = at('2026-11-28T15:00:00.000Z');

/** Promises weigh more so enough of them are made, paid and broken. */
const DISPOSITION_DRAW: Disposition[] = [
  ...DISPOSITIONS,
  'PROMISE_TO_PAY',
  'PROMISE_TO_PAY',
  'PROMISE_TO_PAY',
  'NO_ANSWER',
];

type Owner = 'HOUSE' | 'PLACED' | 'ALPHA' | 'BETA' | 'LATE';
/** Debtor-name tags: `placeAccounts({ search })` selects an owner's accounts by them. */
const TAG: Record<Owner, string> = {
  HOUSE: 'zzhouse',
  PLACED: 'zzplaced',
  ALPHA: 'zzalpha',
  BETA: 'zzbeta',
  LATE: 'zzlate',
};

interface Acc {
  id: string;
  owner: Owner;
  currency: 'PEN' | 'USD';
  timeZone: string;
  phones: string[];
  /** Balance in cents as the API keeps it (what payments applied taken off). */
  balance: bigint;
  /** The promise still running, as far as the generator needs to know. */
  promise: { amount: bigint; paid: bigint; madeAt: number } | null;
  /** Kept out of the random events: its promises are scripted. */
  scripted?: boolean;
}

interface PostedPayment {
  id: string;
  input: { accountId: string; amount: string; currency: string; paidAt: string; reference: string };
  key: string;
}

describe('kpis(scope, window)', () => {
  let api: TestApi;
  const accounts: Acc[] = [];
  const ids = {} as Record<
    | 'house'
    | 'alpha'
    | 'beta'
    | 'main'
    | 'joven'
    | 'media'
    | 'alfaCampaign'
    | 'alfaQueue'
    | 'h1'
    | 'h2'
    | 'h3'
    | 'h4'
    | 'noAnswer'
    | 'idle'
    | 'a1'
    | 'a2'
    | 'b1'
    | 'b2',
    string
  >;
  const keys = { alpha: '', beta: '' };
  const payments: PostedPayment[] = [];
  let duplicatesPosted = 0;
  let reference = 0;

  // ------------------------------------------------------------------------------------------------------------
  // The portfolio, the agencies, the campaigns and agents.

  function dueDateFor(index: number): string {
    // The bucket edges first (DPD on 2026-11-24), then random ones across every bucket.
    const edges = [0, 1, 30, 31, 60, 61, 90, 91, 120, 121, -1, 0, 1, 30, 31];
    if (index < edges.length) return addDays(BUSINESS_DATE, -edges[index]!);
    const dpd = pick([
      () => -int(0, 20),
      () => int(1, 30),
      () => int(1, 30),
      () => int(31, 60),
      () => int(61, 90),
      () => int(91, 120),
      () => int(121, 500),
    ])();
    return addDays(BUSINESS_DATE, -dpd);
  }

  function phoneNumbers(): string[] {
    const phone = () => `+519${String(int(10_000_000, 99_999_999))}`;
    return chance(0.4) ? [phone(), phone()] : [phone()];
  }

  async function importOwned(rows: { owner: Owner; row: ImportRow }[], createdAt: Date): Promise<void> {
    const byRef = await importAccountsAt(
      api,
      rows.map(({ row }) => row),
      `Cartera KPI ${createdAt.toISOString().slice(0, 10)}`,
      createdAt,
    );
    for (const { owner, row } of rows) {
      accounts.push({
        id: byRef.get(row.externalRef)!,
        owner,
        currency: row.currency as 'PEN' | 'USD',
        timeZone: row.timeZone!,
        phones: row.phones!,
        balance: BigInt(row.balance.replace('.', '')),
        promise: null,
      });
    }
  }

  function newRow(owner: Owner, index: number, dueDate: string): { owner: Owner; row: ImportRow } {
    const balance = bigintBetween(5_000n, 500_000n);
    return {
      owner,
      row: accountRow({
        debtorName: `${TAG[owner]} Deudor ${index}`,
        currency: chance(0.7) ? 'PEN' : 'USD',
        balance: decimal(balance),
        originalAmount: decimal(balance + bigintBetween(0n, 200_000n)),
        dueDate,
        timeZone: pick([
          'America/Lima',
          'America/Lima',
          'America/Lima',
          'America/Lima',
          'America/Bogota',
          'Asia/Tokyo',
        ]),
        phones: phoneNumbers(),
      }),
    };
  }

  beforeAll(async () => {
    api = await startTestApi();
    api.clock.set(IMPORT_AT);

    const house = await createAgency(api, { name: 'Equipo interno', partner: false });
    const alpha = await createAgency(api, { name: 'Cobranzas Alfa', partner: true });
    const beta = await createAgency(api, { name: 'Recuperos Beta', partner: true });
    Object.assign(ids, { house: house.id, alpha: alpha.id, beta: beta.id });
    keys.alpha = await createApiKey(api, 'AGENCY', alpha.id);
    keys.beta = await createApiKey(api, 'AGENCY', beta.id);

    const owners: Owner[] = ['HOUSE', 'HOUSE', 'HOUSE', 'PLACED', 'ALPHA', 'ALPHA', 'BETA', 'BETA'];
    const rows = Array.from({ length: 300 }, (_, index) => newRow(pick(owners), index, dueDateFor(index)));
    await importOwned(rows, IMPORT_AT);
    const counts = (owner: Owner) => rows.filter((row) => row.owner === owner).length;
    expect(await placeAccounts(api, { search: TAG.PLACED }, house.id)).toBe(counts('PLACED'));
    expect(await placeAccounts(api, { search: TAG.ALPHA }, alpha.id)).toBe(counts('ALPHA'));
    expect(await placeAccounts(api, { search: TAG.BETA }, beta.id)).toBe(counts('BETA'));

    const main = await createCampaign(api, {
      name: 'Mora temprana',
      filter: { buckets: ['CURRENT', 'D1_30', 'D31_60', 'D61_90'] },
      queues: [
        { name: 'Deuda joven', filter: { buckets: ['CURRENT', 'D1_30'] }, priority: 2 },
        { name: 'Deuda media', priority: 1 },
      ],
    });
    const alfa = await createCampaign(api, {
      name: 'Cartera Alfa',
      filter: {},
      agencyId: alpha.id,
      queues: [{ name: 'Alfa — todo' }],
    });
    await startCampaign(api, main.id);
    await startCampaign(api, alfa.id);
    Object.assign(ids, {
      main: main.id,
      joven: main.queues[0]!.id,
      media: main.queues[1]!.id,
      alfaCampaign: alfa.id,
      alfaQueue: alfa.queues[0]!.id,
    });

    const agent = async (name: string, agencyId: string) => (await createAgent(api, name, agencyId)).id;
    Object.assign(ids, {
      h1: await agent('Ana Interna', house.id),
      h2: await agent('Beto Interno', house.id),
      h3: await agent('Carla Interna', house.id),
      h4: await agent('Dario Interno', house.id),
      noAnswer: await agent('Eva Sin Respuesta', house.id),
      idle: await agent('Fidel Ausente', house.id),
      a1: await agent('Gina Alfa', alpha.id),
      a2: await agent('Hugo Alfa', alpha.id),
      b1: await agent('Iris Beta', beta.id),
      b2: await agent('Juan Beta', beta.id),
    });
    await assignAgents(api, [ids.h1, ids.h2], ids.joven);
    await assignAgents(api, [ids.h3, ids.h4, ids.noAnswer], ids.media);
    await assignAgents(api, [ids.a1, ids.a2], ids.alfaQueue);
    for (const id of [ids.h1, ids.h2, ids.h3, ids.h4, ids.noAnswer, ids.a1, ids.a2, ids.b1, ids.b2]) {
      await setAgentStatus(api, id, 'AVAILABLE');
    }
    const members = await sql<{ n: number }>(api, 'select count(*)::int as n from queue_membership');
    expect(members[0]!.n).toBeGreaterThan(100);

    schedule();
  });

  afterAll(() => api.close());

  // ------------------------------------------------------------------------------------------------------------
  // The events.

  const agentsOf = (owner: Owner) =>
    owner === 'ALPHA' ? [ids.a1, ids.a2] : owner === 'BETA' ? [ids.b1, ids.b2] : [ids.h1, ids.h2, ids.h3, ids.h4];
  /** A partner agency's own key for most of its accounts' events, the admin otherwise. */
  const keyFor = (owner: Owner) =>
    owner === 'ALPHA' && chance(0.6) ? keys.alpha : owner === 'BETA' && chance(0.6) ? keys.beta : TEST_ADMIN_KEY;
  const open = (account: Acc) => account.balance > 0n && !account.scripted;

  function channelFor(disposition: Disposition): string {
    if (disposition === 'MESSAGE_SENT' || disposition === 'MESSAGE_REPLIED') return pick(['SMS', 'WHATSAPP', 'EMAIL']);
    if (disposition === 'WRONG_NUMBER') return pick(['CALL', 'CALL', 'SMS', 'WHATSAPP']);
    return chance(0.8) ? 'CALL' : 'WHATSAPP';
  }

  async function interact(
    startedAt: Date,
    options: { account?: Acc; disposition?: Disposition; agentId?: string | null; dueInDays?: number } = {},
  ): Promise<void> {
    const account = options.account ?? pick(accounts.filter(open));
    const disposition = options.disposition ?? pick(DISPOSITION_DRAW);
    const channel = channelFor(disposition);
    const agentId =
      options.agentId !== undefined
        ? options.agentId
        : channel !== 'CALL' && chance(0.3)
          ? null
          : pick(agentsOf(account.owner));
    const now = api.clock.now();
    const input: Record<string, unknown> = {
      accountId: account.id,
      agentId,
      channel,
      disposition,
      startedAt: startedAt.toISOString(),
      durationSeconds: int(0, 600),
    };
    if (disposition === 'PROMISE_TO_PAY') {
      const amount = account.balance <= 100n ? account.balance : bigintBetween(100n, account.balance);
      const today = localDate(now, account.timeZone);
      const dueInDays = options.dueInDays ?? pick([0, 0, 0, 1, 2, 3, 4, 6]);
      input.promise = { amount: decimal(amount), dueDate: addDays(today, dueInDays) };
      account.promise = { amount, paid: 0n, madeAt: startedAt.getTime() };
    }
    if (disposition === 'DISPUTE') account.promise = null;
    if (disposition === 'CALLBACK_REQUESTED') input.callbackAt = plus(now, int(30, 48 * 60) * MINUTE).toISOString();
    if (disposition === 'WRONG_NUMBER') input.contactPoint = pick(account.phones);
    const response = await api.gql(RECORD_INTERACTION, { input }, keyFor(account.owner));
    if (response.errors)
      throw new Error(`recordInteraction ${JSON.stringify(input)}: ${JSON.stringify(response.errors)}`);
  }

  async function pay(
    paidAt: Date,
    options: { account?: Acc; kind?: 'promise' | 'other' | 'payoff' | 'repeat'; share?: number } = {},
  ) {
    const kind = options.kind ?? pick(['promise', 'promise', 'promise', 'other', 'other', 'payoff', 'repeat'] as const);
    if (kind === 'repeat' && payments.length > 0 && !options.account) {
      // A feed retrying: the same reference, account, amount and currency; sometimes without paidAt.
      const first = pick(payments);
      const input = chance(0.5) ? first.input : { ...first.input, paidAt: undefined };
      const response = await api.gql<{ recordPayment: { id: string } }>(RECORD_PAYMENT, { input }, first.key);
      if (response.errors) throw new Error(`repeat recordPayment: ${JSON.stringify(response.errors)}`);
      expect(response.data!.recordPayment.id).toBe(first.id);
      duplicatesPosted += 1;
      return;
    }
    const promised = accounts.filter(
      (account) => !account.scripted && account.promise && account.promise.madeAt <= paidAt.getTime(),
    );
    const account =
      options.account ??
      (kind === 'promise' && promised.length > 0
        ? pick(promised)
        : pick(accounts.filter((a) => open(a) || (!a.scripted && chance(0.02)))));
    let amount: bigint;
    const promise = account.promise;
    if (kind === 'promise' && promise && promise.madeAt <= paidAt.getTime()) {
      const owed = promise.amount - promise.paid;
      amount =
        options.share !== undefined
          ? (owed * BigInt(Math.round(options.share * 100))) / 100n
          : chance(0.55) || owed <= 1n
            ? owed
            : bigintBetween(1n, owed - 1n);
    } else if (kind === 'payoff' && open(account)) {
      amount = account.balance; // paid off: the account leaves its queue
    } else if (!open(account) || chance(0.05)) {
      amount = account.balance + bigintBetween(1n, 5_000n); // an overpayment: the rest becomes credit
    } else {
      amount = bigintBetween(1n, (account.balance * 6n) / 10n + 1n);
    }
    const input = {
      accountId: account.id,
      amount: decimal(amount),
      currency: account.currency,
      paidAt: paidAt.toISOString(),
      reference: `KPI-${SEED}-${++reference}`,
    };
    const key = keyFor(account.owner);
    const response = await api.gql<{ recordPayment: { id: string } }>(RECORD_PAYMENT, { input }, key);
    if (response.errors) throw new Error(`recordPayment ${JSON.stringify(input)}: ${JSON.stringify(response.errors)}`);
    payments.push({ id: response.data!.recordPayment.id, input, key });
    account.balance -= amount < account.balance ? amount : account.balance;
    if (promise && promise.madeAt <= paidAt.getTime()) {
      promise.paid += amount;
      if (promise.paid >= promise.amount || account.balance === 0n) account.promise = null;
    }
  }

  interface Event {
    /** When the API is told (the clock). */
    recordAt: number;
    run: () => Promise<void>;
  }
  const events: Event[] = [];
  let nextEvent = 0;

  /** A random event at `recordAt`, about something that happened then or (one in five) up to 5 minutes before. */
  function randomEvent(recordAt: number): Event {
    const happened = new Date(recordAt - (chance(0.2) ? int(0, 5 * MINUTE) : 0));
    const kind = chance(0.7) ? 'interaction' : 'payment';
    return {
      recordAt,
      run: () => {
        if (kind === 'payment') return pay(happened);
        // One in twelve calls is the no-answer agent's on an in-house account, so its rates have a zero contact count.
        if (chance(1 / 12)) {
          const inHouse = accounts.filter((account) => open(account) && account.owner === 'HOUSE');
          return interact(happened, { account: pick(inHouse), disposition: 'NO_ANSWER', agentId: ids.noAnswer });
        }
        return interact(happened);
      },
    };
  }

  /** Facts (promises, attempts, payments) exactly on a window's first instant and one millisecond before it. */
  function edgeEvents(edge: Date): Event[] {
    const recordAt = edge.getTime() + 1_000;
    const houseAccount = () =>
      pick(accounts.filter((account) => open(account) && account.owner !== 'ALPHA' && account.owner !== 'BETA'));
    return [edge, plus(edge, -1)].flatMap((instant) => [
      {
        recordAt,
        run: () => interact(instant, { account: houseAccount(), disposition: 'PROMISE_TO_PAY', agentId: ids.h1 }),
      },
      { recordAt, run: () => interact(instant) },
      { recordAt, run: () => pay(instant, { kind: 'promise' }) },
      { recordAt, run: () => pay(instant, { kind: 'other' }) },
    ]);
  }

  function schedule(): void {
    const span = (from: Date, to: Date, count: number) => {
      for (let n = 0; n < count; n += 1) events.push(randomEvent(int(from.getTime(), to.getTime())));
    };
    // The day before: activity, and payments that leave some accounts paid off or lower before the day starts.
    span(at('2026-11-23T15:00:00.000Z'), at('2026-11-24T03:00:00.000Z'), 20);
    // The business day, 08:00–23:55 in Lima, and the first minutes of the next.
    span(at('2026-11-24T13:00:00.000Z'), at('2026-11-25T04:55:00.000Z'), 220);
    span(NEXT_DAY_START, at('2026-11-25T05:20:00.000Z'), 20);
    // Accounts imported during the day: they take activity, but did not exist when the day began.
    events.push({
      recordAt: LATE_IMPORT_AT.getTime(),
      run: async () => {
        const late = Array.from({ length: 12 }, (_, index) => newRow('LATE', index, dueDateFor(20 + index)));
        await importOwned(late, LATE_IMPORT_AT);
      },
    });
    for (const instant of [Q1, Q2, Q3, Q4]) {
      for (const window of ['LAST_15_MINUTES', 'LAST_HOUR'] as const)
        events.push(...edgeEvents(windowBounds(window, instant).from));
      // And exactly at the query instant: the windows end at now, inclusive.
      events.push({ recordAt: instant.getTime(), run: () => interact(instant) });
      events.push({ recordAt: instant.getTime(), run: () => pay(instant, { kind: 'other' }) });
    }
    events.push(...edgeEvents(DAY_START), ...edgeEvents(NEXT_DAY_START));
    // Promises due on the day itself, whose fate is scripted: broken, partially kept, kept, and one superseded by
    // a second promise that is then broken (the first is CANCELLED, counted nowhere).
    const [broken, partial, kept, superseded] = accounts
      .filter((account) => account.owner === 'HOUSE' && account.timeZone === 'America/Lima')
      .slice(0, 4);
    for (const account of [broken!, partial!, kept!, superseded!]) {
      account.scripted = true;
      const made = at('2026-11-24T16:00:00.000Z');
      events.push({
        recordAt: made.getTime(),
        run: () => interact(made, { account, disposition: 'PROMISE_TO_PAY', agentId: ids.h2, dueInDays: 0 }),
      });
    }
    const later = at('2026-11-24T18:30:00.000Z');
    events.push(
      { recordAt: later.getTime(), run: () => pay(later, { account: partial!, kind: 'promise', share: 0.5 }) },
      { recordAt: later.getTime(), run: () => pay(later, { account: kept!, kind: 'promise', share: 1 }) },
      {
        recordAt: later.getTime(),
        run: () =>
          interact(later, { account: superseded!, disposition: 'PROMISE_TO_PAY', agentId: ids.h3, dueInDays: 0 }),
      },
    );
    events.sort((a, b) => a.recordAt - b.recordAt);
  }

  /** Runs every event recorded up to `until`, each with the clock at its recording time. */
  async function runUntil(until: Date): Promise<void> {
    while (nextEvent < events.length && events[nextEvent]!.recordAt <= until.getTime()) {
      const event = events[nextEvent]!;
      api.clock.set(new Date(event.recordAt));
      await event.run();
      nextEvent += 1;
    }
    api.clock.set(until);
  }

  // ------------------------------------------------------------------------------------------------------------
  // The comparison.

  function checks(): Check[] {
    const admin = adminCheck;
    const agency = agencyCheck;
    return [
      admin('operation', {}),
      admin('campaign Mora temprana', { campaignId: ids.main }),
      admin('campaign Cartera Alfa', { campaignId: ids.alfaCampaign }),
      admin('queue Deuda joven', { queueId: ids.joven }),
      admin('queue Deuda media', { queueId: ids.media }),
      admin('queue Alfa', { queueId: ids.alfaQueue }),
      admin('agent h1', { agentId: ids.h1 }),
      admin('agent h3', { agentId: ids.h3 }),
      admin('agent a1', { agentId: ids.a1 }),
      admin('agent b2', { agentId: ids.b2 }),
      admin('agent no-answer', { agentId: ids.noAnswer }),
      admin('agent idle', { agentId: ids.idle }),
      admin('agency in-house', { agencyId: ids.house }),
      admin('agency Alfa', { agencyId: ids.alpha }),
      admin('agency Beta', { agencyId: ids.beta }),
      admin('campaign × queue', { campaignId: ids.main, queueId: ids.media }),
      admin('campaign × agent', { campaignId: ids.main, agentId: ids.h2 }),
      admin('agency × campaign', { agencyId: ids.house, campaignId: ids.main }),
      agency('Alfa key, {}', keys.alpha, {}, ids.alpha),
      agency('Alfa key, own agency', keys.alpha, { agencyId: ids.alpha }, ids.alpha),
      agency('Alfa key, own campaign', keys.alpha, { campaignId: ids.alfaCampaign }, ids.alpha),
      agency('Alfa key, own queue', keys.alpha, { queueId: ids.alfaQueue }, ids.alpha),
      agency('Alfa key, own agent', keys.alpha, { agentId: ids.a2 }, ids.alpha),
      agency('Beta key, {}', keys.beta, {}, ids.beta),
      agency('Beta key, own agent', keys.beta, { agentId: ids.b1 }, ids.beta),
    ];
  }

  type Results = Map<string, { actual: KpisValue; expected: KpisValue }>;

  async function kpis(scope: Scope, window: KpiWindowName, key = TEST_ADMIN_KEY): Promise<KpisValue> {
    return (await api.ok<{ kpis: KpisValue }>(KPIS_QUERY, { scope, window }, key)).kpis;
  }

  /** Every check in every window at the clock's instant: each answer must equal the recomputation. */
  async function compareAll(label: string): Promise<Results> {
    const now = api.clock.now();
    const results: Results = new Map();
    const jobs = checks().flatMap((check) => WINDOWS.map((window) => ({ check, window })));
    const worker = async () => {
      for (let job = jobs.shift(); job; job = jobs.shift()) {
        const { check, window } = job;
        const name = `${label} · ${check.label} · ${window}`;
        const response = await api.gql<{ kpis: KpisValue }>(KPIS_QUERY, { scope: check.asked, window }, check.key);
        const expected = await expectedKpis(api, check.expected, window, now);
        expect.soft(response.errors, name).toBeUndefined();
        if (response.errors) continue;
        const actual = response.data!.kpis;
        expect.soft(comparable(actual, expected), name).toEqual(expected);
        results.set(`${check.label}|${window}`, { actual, expected });
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    return results;
  }

  const get = (results: Results, label: string, window: KpiWindowName) => results.get(`${label}|${window}`)!.expected;

  // ------------------------------------------------------------------------------------------------------------

  it(`matches the recomputation at ${Q1.toISOString()} (seed ${SEED})`, async () => {
    await runUntil(Q1);
    const results = await compareAll('Q1');
    expect(get(results, 'operation', 'LAST_15_MINUTES').attempts).toBeGreaterThan(0);
    expect(get(results, 'operation', 'TODAY').amountCollected.length).toBeGreaterThan(0);
  });

  it(`matches the recomputation at ${Q2.toISOString()}`, async () => {
    await runUntil(Q2);
    const results = await compareAll('Q2');
    // An agency key never sees the whole operation.
    const operation = get(results, 'operation', 'TODAY');
    const alfaKey = results.get('Alfa key, {}|TODAY')!.actual;
    expect(alfaKey.attempts).toBeLessThan(operation.attempts);
    expect(alfaKey).toEqual(results.get('agency Alfa|TODAY')!.actual);
  });

  it(`matches the recomputation at the last millisecond of the day, ${Q3.toISOString()}`, async () => {
    await runUntil(Q3);
    const results = await compareAll('Q3');
    const today = get(results, 'operation', 'TODAY');
    // The scenario is not vacuous: a full day of every kind of fact.
    expect(today.attempts).toBeGreaterThan(150);
    expect(today.contacts).toBeGreaterThan(0);
    expect(today.rightPartyContacts).toBeLessThan(today.contacts);
    expect(today.promises).toBeGreaterThan(25);
    expect(today.promisesKept).toBeGreaterThan(0);
    expect(today.amountPromised.map((money) => money.currency)).toEqual(['PEN', 'USD']);
    expect(today.amountCollected.map((money) => money.currency)).toEqual(['PEN', 'USD']);
    expect(new Set(today.recoveryByBucket.map((row) => row.bucket)).size).toBe(6);
    expect(today.youngDebtRecoveryRate).toBeGreaterThan(0);
    for (const label of ['campaign Mora temprana', 'queue Deuda joven', 'agency Alfa', 'agency Beta', 'agent h1']) {
      expect(get(results, label, 'TODAY').attempts, label).toBeGreaterThan(0);
      expect(get(results, label, 'TODAY').amountCollected.length, label).toBeGreaterThan(0);
    }
    const dispositions = await sql<{ disposition: string }>(api, 'select distinct disposition from interaction');
    expect(dispositions.map((row) => row.disposition).sort()).toEqual([...DISPOSITIONS].sort());
    // Accounts of the campaign paid off today: out of their queue, still in the campaign's recovery of the day.
    const paidOff = await sql<{ n: number }>(
      api,
      `select count(distinct a.id)::int as n from account a join payment p on p.account_id = a.id
        where a.status = 'PAID' and p.campaign_id = ? and p.created_at >= ?
          and not exists (select 1 from queue_membership m where m.account_id = a.id)`,
      [ids.main, DAY_START],
    );
    expect(paidOff[0]!.n).toBeGreaterThan(0);
    // Retried references count once.
    expect(duplicatesPosted).toBeGreaterThan(5);
    const [stored] = await sql<{ n: number }>(api, 'select count(*)::int as n from payment');
    expect(stored!.n).toBe(payments.length);
  });

  it(`matches the recomputation just after midnight, ${Q4.toISOString()} (the last hour spans two dates)`, async () => {
    await runUntil(Q4);
    expect(nextEvent).toBe(events.length);
    const results = await compareAll('Q4');
    expect(get(results, 'operation', 'LAST_HOUR').attempts).toBeGreaterThan(
      get(results, 'operation', 'TODAY').attempts,
    );
  });

  it('matches after the due job resolved the promises, also for instants of the days they were due', async () => {
    api.clock.set(RESOLVE_AT);
    const resolved = await resolveDuePromises(api.orm, api.clock);
    expect(resolved.length).toBeGreaterThan(0);
    const outcomes = new Set(resolved.map((resolution) => resolution.outcome));
    expect(outcomes).toContain('BROKEN');
    expect(outcomes).toContain('PARTIALLY_KEPT');

    const later = await compareAll('after due job');
    // Nothing happened on 2026-11-28: no attempts (rates null, never 0), nothing collected (recovery rates 0).
    const quiet = get(later, 'operation', 'TODAY');
    expect(quiet.attempts).toBe(0);
    expect([quiet.contactRate, quiet.rpcRate, quiet.promiseRate]).toEqual([null, null, null]);
    expect(quiet.recoveryByBucket.length).toBeGreaterThan(0);
    expect(quiet.recoveryByBucket.every((row) => row.rate === 0)).toBe(true);
    expect(quiet.youngDebtRecoveryRate).toBe(0);

    // The clock set back to the days the promises were due: their outcomes are in those windows now.
    api.clock.set(Q3);
    const dueDay = await compareAll('2026-11-24, resolved');
    const today = get(dueDay, 'operation', 'TODAY');
    expect(today.promisesBroken).toBeGreaterThan(0);
    expect(today.promisesPartiallyKept).toBeGreaterThan(0);
    expect(today.promisesKeptRate).not.toBeNull();
    api.clock.set(Q4);
    await compareAll('2026-11-25 00:20, resolved');
  });

  it('holds an agency key to its own agency: its figures, or NOT_FOUND, never the whole operation', async () => {
    api.clock.set(Q3);
    const own = await kpis({}, 'TODAY', keys.alpha);
    const whole = await kpis({}, 'TODAY');
    expect(own).toEqual(await kpis({ agencyId: ids.alpha }, 'TODAY'));
    expect(own.attempts).toBeLessThan(whole.attempts);
    const expected = await expectedKpis(api, { agencyId: ids.alpha }, 'TODAY', Q3);
    expect(comparable(own, expected)).toEqual(expected);

    const hidden: [string, Scope, string][] = [
      ['another agency', { agencyId: ids.beta }, 'scope.agencyId'],
      ['the in-house agency', { agencyId: ids.house }, 'scope.agencyId'],
      ['an in-house campaign', { campaignId: ids.main }, 'scope.campaignId'],
      ['an in-house queue', { queueId: ids.joven }, 'scope.queueId'],
      ['an in-house agent', { agentId: ids.h1 }, 'scope.agentId'],
      ["another agency's agent", { agentId: ids.b1 }, 'scope.agentId'],
      ['its own agency and another agency’s agent', { agencyId: ids.alpha, agentId: ids.b2 }, 'scope.agentId'],
    ];
    for (const [what, scope, field] of hidden) {
      for (const window of WINDOWS) {
        const response = await api.gql(KPIS_QUERY, { scope, window }, keys.alpha);
        expect(response.data ?? null, what).toBeNull();
        expectError(response, 'NOT_FOUND', field);
      }
    }
    expectError(
      await api.gql(KPIS_QUERY, { scope: { campaignId: ids.alfaCampaign }, window: 'TODAY' }, keys.beta),
      'NOT_FOUND',
      'scope.campaignId',
    );
    expectError(
      await api.gql(KPIS_QUERY, { scope: { queueId: ids.alfaQueue }, window: 'TODAY' }, keys.beta),
      'NOT_FOUND',
      'scope.queueId',
    );
    expectError(
      await api.gql(KPIS_QUERY, { scope: { agentId: ids.a1 }, window: 'TODAY' }, keys.beta),
      'NOT_FOUND',
      'scope.agentId',
    );
    // Without a key there is nothing at all.
    expectError(await api.gql(KPIS_QUERY, { scope: {}, window: 'TODAY' }, null), 'UNAUTHENTICATED');
  });

  it('answers NOT_FOUND naming the field for unknown ids, and null (never 0) for rates over zero', async () => {
    api.clock.set(Q3);
    for (const field of ['campaignId', 'queueId', 'agentId', 'agencyId'] as const) {
      for (const id of [randomUUID(), 'not-a-uuid']) {
        const response = await api.gql(KPIS_QUERY, { scope: { [field]: id }, window: 'LAST_HOUR' });
        expect(response.data ?? null).toBeNull();
        expectError(response, 'NOT_FOUND', `scope.${field}`);
      }
    }
    expectError(
      await api.gql(KPIS_QUERY, { scope: { campaignId: ids.main, queueId: randomUUID() }, window: 'TODAY' }),
      'NOT_FOUND',
      'scope.queueId',
    );

    // No activity at all: every rate null, no money, no recovery (an agent has no portfolio).
    for (const window of WINDOWS) {
      const idle = await kpis({ agentId: ids.idle }, window);
      expect(idle).toMatchObject({
        attempts: 0,
        contacts: 0,
        promises: 0,
        contactRate: null,
        rpcRate: null,
        promiseRate: null,
        promisesKeptRate: null,
        youngDebtRecoveryRate: null,
        amountPromised: [],
        amountCollected: [],
        recoveryByBucket: [],
      });
    }
    // Attempts but no contact: contact and RPC rates are 0, the promise and kept rates (over RPC, over resolved) null.
    const noAnswer = await kpis({ agentId: ids.noAnswer }, 'TODAY');
    expect(noAnswer.attempts).toBeGreaterThan(0);
    expect(noAnswer).toMatchObject({
      contacts: 0,
      contactRate: 0,
      rpcRate: 0,
      promiseRate: null,
      promisesKeptRate: null,
    });
    // A queue with accounts but no payment in the window: recovery 0 over a positive balance, not null.
    api.clock.set(RESOLVE_AT);
    const quietQueue = await kpis({ queueId: ids.joven }, 'LAST_15_MINUTES');
    expect(quietQueue.recoveryByBucket.length).toBeGreaterThan(0);
    for (const row of quietQueue.recoveryByBucket) {
      expect(row.collected.amount).toBe('0.00');
      expect(row.rate).toBe(0);
    }
  });
});
