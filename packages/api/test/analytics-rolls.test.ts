import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECTORS } from '../src/app/modules.ts';
import { relayOnce } from '../src/core/events/outbox-relay.ts';
import { buildAnalytics } from '../src/modules/analytics/analytics-build.ts';
import { rollAging } from '../src/modules/portfolio/aging-roll.service.ts';
import { bucketOn, cents } from './support/analytics-oracle.ts';
import {
  BUCKETS,
  expectedLiquidation,
  expectedRolls,
  FROM,
  NOVEMBER,
  OCTOBER,
  rounded,
  story,
  TO,
  type RollAccount,
  type Window,
} from './support/roll-oracle.ts';
import {
  accountRow,
  createAgency,
  createApiKey,
  expectError,
  importAccounts,
  placeAccounts,
  type AgencyData,
} from './support/fixtures.ts';
import { RECORD_PAYMENT } from './support/outcomes.ts';
import { sql, startTestApi, TEST_NOW, type TestApi } from './support/test-api.ts';

/**
 * Roll and liquidation rates of October 2026 against a recomputation from what the test recorded: accounts of every
 * bucket in PEN and USD, each with its own payment story — none, part before the period, paid off before it (out
 * of the population), part or all or more than all during it, paid off after it, paid off one millisecond before
 * and exactly at the period's end — plus one account created during the period and one written off (both out).
 * The daily aging roll runs for every day of September and October first; the buckets the recomputation gives
 * are checked against the roll history it stored.
 *
 * Two deliberate SQL writes: `account.created_at` (importAccounts stamps the wall clock, not the test's), and one
 * status WRITTEN_OFF (no operation writes accounts off yet).
 *
 * Twice: answered straight from the accounts (tables never built), and from the roll summary — built after the
 * SQL writes, then kept by the projector from the payments' events (the relay driven by the test) — with further
 * cases after the build: an import, a payment, reversals, a placement, each reflected, and a rebuild changing nothing.
 */

const DUE_DATES = [
  '2026-11-15', // CURRENT all month
  '2026-10-20', // CURRENT → D1_30
  '2026-10-01', // CURRENT on the 1st (due that day) → D1_30
  '2026-09-20', // D1_30 → D31_60
  '2026-08-10', // D31_60 → D61_90
  '2026-07-05', // D61_90 → D91_120
  '2026-06-10', // D91_120 → D121_PLUS
  '2026-01-01', // D121_PLUS throughout
];

type Story =
  'none' | 'part-before' | 'paid-before' | 'part' | 'paid' | 'over' | 'paid-after' | 'paid-last-ms' | 'paid-at-end';
const STORIES: Story[] = [
  'none',
  'part-before',
  'paid-before',
  'part',
  'paid',
  'over',
  'paid-after',
  'paid-last-ms',
  'paid-at-end',
];

const ROLL_RATES = `query ($from: Date!, $to: Date!, $agencyId: ID) {
  rollRates(from: $from, to: $to, agencyId: $agencyId) {
    fromBucket toBucket accounts accountShare balanceShare paidOffAccounts
    balanceShares { currency share balance { amount currency } }
  }
}`;
const LIQUIDATION = `query ($from: Date!, $to: Date!, $agencyId: ID) {
  liquidationRates(from: $from, to: $to, agencyId: $agencyId) {
    bucket accounts rate balanceAtStart { amount currency } collected { amount currency }
  }
}`;

describe.each([
  { mode: 'from the accounts', summary: false },
  { mode: 'from the roll summary', summary: true },
])('roll and liquidation rates ($mode)', ({ summary }) => {
  let api: TestApi;
  let agency: AgencyData;
  let other: AgencyData;
  let agencyKey: string;
  const accounts: RollAccount[] = [];

  const relayAll = async () => {
    while ((await relayOnce(api.orm, api.events, { projectors: PROJECTORS, batchSize: 50 })) > 0) {
      // Until the outbox is drained.
    }
  };

  let reference = 0;
  const pay = async (account: RollAccount, at: string, amountCents: bigint) => {
    reference += 1;
    await api.ok(RECORD_PAYMENT, {
      input: {
        accountId: account.id,
        amount: cents(amountCents),
        currency: account.currency,
        paidAt: at,
        reference: `ROLL-${reference}`,
      },
    });
    const paid = account.payments.reduce((sum, payment) => sum + payment.applied, 0n);
    const remaining = account.balanceCents - paid;
    account.payments.push({
      at: Date.parse(at),
      cents: amountCents,
      applied: amountCents < remaining ? amountCents : remaining,
    });
  };

  beforeAll(async () => {
    api = await startTestApi({ outboxRelay: !summary });
    agency = await createAgency(api, { code: 'ROLLA' });
    other = await createAgency(api, { code: 'ROLLB' });
    agencyKey = await createApiKey(api, 'AGENCY', agency.id);

    const rows = [];
    let n = 0;
    for (const dueDate of DUE_DATES) {
      for (const currency of ['PEN', 'USD']) {
        for (let round = 0; round < 3; round += 1) {
          n += 1;
          const balanceCents = 10_000n + BigInt(n) * 3_715n;
          const placed = n % 3 === 0;
          const row = accountRow({
            debtorName: `${placed ? 'PLACED' : 'HOUSE'} ${n}`,
            currency,
            dueDate,
            balance: cents(balanceCents),
            originalAmount: cents(balanceCents),
          });
          rows.push(row);
          accounts.push({
            id: '',
            ref: row.externalRef,
            dueDate,
            currency,
            balanceCents,
            placed,
            createdAt: n === 7 ? '2026-10-10T15:00:00.000Z' : '2026-08-01T15:00:00.000Z',
            writtenOff: n === 11,
            payments: [],
          });
        }
      }
    }
    await importAccounts(api, rows);
    for (const account of accounts) {
      const [row] = await sql<{ id: string }>(api, 'select id from account where external_ref = ?', [account.ref]);
      account.id = row!.id;
      await sql(api, 'update account set created_at = ? where id = ?', [account.createdAt, account.id]);
    }
    await placeAccounts(api, { search: 'PLACED' }, agency.id);
    await sql(api, `update account set status = 'WRITTEN_OFF' where id = ?`, [accounts[10]!.id]);

    // The daily roll of every day of September and October, as the job would have run it.
    for (let day = Date.parse('2026-09-01'); day <= Date.parse(TO); day += 86_400_000) {
      await rollAging(api.orm, new Date(day).toISOString().slice(0, 10));
    }
    // Built after the SQL writes no event reports; the payments below reach the summary through the projector.
    if (summary) await buildAnalytics(api.orm, 'America/Lima');

    // Payment stories, in time order per account.
    for (const [index, account] of accounts.entries()) {
      if (account.writtenOff) continue;
      const whole = account.balanceCents;
      switch (STORIES[index % STORIES.length]) {
        case 'part-before':
          await pay(account, '2026-09-20T15:00:00.000Z', whole / 4n);
          await pay(account, '2026-10-12T15:00:00.000Z', whole / 5n);
          break;
        case 'paid-before':
          await pay(account, '2026-09-25T15:00:00.000Z', whole);
          break;
        case 'part':
          await pay(account, '2026-10-15T15:00:00.000Z', whole / 3n);
          break;
        case 'paid':
          await pay(account, '2026-10-05T15:00:00.000Z', whole / 2n);
          await pay(account, '2026-10-20T15:00:00.000Z', whole - whole / 2n);
          break;
        case 'over':
          await pay(account, '2026-10-18T15:00:00.000Z', whole + 5_000n);
          break;
        case 'paid-after':
          await pay(account, '2026-11-10T15:00:00.000Z', whole);
          break;
        case 'paid-last-ms':
          await pay(account, '2026-11-01T04:59:59.999Z', whole);
          break;
        case 'paid-at-end':
          await pay(account, '2026-11-01T05:00:00.000Z', whole);
          break;
        default:
          break;
      }
    }
    if (summary) await relayAll();
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it('covers every story and bucket', () => {
    const stories = accounts.map((account) => story(account));
    expect(new Set(stories.filter((s) => s.inPopulation).map((s) => s.fromBucket))).toEqual(new Set(BUCKETS));
    expect(stories.filter((s) => s.inPopulation && s.paidOff).length).toBeGreaterThan(4);
    expect(stories.filter((s) => !s.inPopulation).length).toBeGreaterThan(3);
  });

  it('agrees with the stored roll history on the buckets at both ends', async () => {
    const history = await sql<{ account_id: string; business_date: string; to_bucket: string }>(
      api,
      `select account_id, business_date::text, to_bucket from bucket_transition order by business_date`,
    );
    let checked = 0;
    for (const account of accounts) {
      for (const date of [FROM, TO]) {
        const last = history.filter((row) => row.account_id === account.id && row.business_date <= date).at(-1);
        if (!last) continue;
        expect(last.to_bucket, `${account.dueDate} on ${date}`).toBe(bucketOn(account.dueDate, date));
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('is the roll matrix of the recomputation, cures included', async () => {
    const { rollRates } = await api.ok<{ rollRates: Record<string, unknown>[] }>(ROLL_RATES, { from: FROM, to: TO });
    expect(rounded(rollRates)).toEqual(expectedRolls(accounts));
    const d1 = rollRates.filter((row) => row.fromBucket === 'D1_30');
    expect(d1.reduce((sum, row) => sum + (row.accountShare as number), 0)).toBeCloseTo(1, 9);
  });

  it('is the liquidation rate by bucket and currency', async () => {
    const { liquidationRates } = await api.ok<{ liquidationRates: Record<string, unknown>[] }>(LIQUIDATION, {
      from: FROM,
      to: TO,
    });
    expect(rounded(liquidationRates)).toEqual(expectedLiquidation(accounts));
  });

  it('holds an agency to the accounts placed with it', async () => {
    const placed = accounts.filter((account) => account.placed);
    const own = await api.ok<{ rollRates: Record<string, unknown>[] }>(ROLL_RATES, { from: FROM, to: TO }, agencyKey);
    expect(rounded(own.rollRates)).toEqual(expectedRolls(placed));
    const asked = await api.ok<{ rollRates: Record<string, unknown>[] }>(ROLL_RATES, {
      from: FROM,
      to: TO,
      agencyId: agency.id,
    });
    expect(asked.rollRates).toEqual(own.rollRates);
    const liquidation = await api.ok<{ liquidationRates: Record<string, unknown>[] }>(
      LIQUIDATION,
      { from: FROM, to: TO },
      agencyKey,
    );
    expect(rounded(liquidation.liquidationRates)).toEqual(expectedLiquidation(placed));
    expectError(
      await api.gql(ROLL_RATES, { from: FROM, to: TO, agencyId: other.id }, agencyKey),
      'NOT_FOUND',
      'agencyId',
    );
  });

  if (summary) {
    const rollsOf = async (window: Window, key?: string) =>
      rounded((await api.ok<{ rollRates: Record<string, unknown>[] }>(ROLL_RATES, window, key)).rollRates);
    const liquidationOf = async (window: Window) =>
      rounded(
        (
          await api.ok<{ liquidationRates: Record<string, unknown>[] }>(LIQUIDATION, {
            from: window.from,
            to: window.to,
          })
        ).liquidationRates,
      );
    const expectBoth = async () => {
      for (const window of [OCTOBER, NOVEMBER]) {
        expect(await rollsOf(window)).toEqual(expectedRolls(accounts, window));
        expect(await liquidationOf(window)).toEqual(expectedLiquidation(accounts, window));
      }
    };

    it('counts an import after the build once the relay has projected it, and its payments', async () => {
      const before = await rollsOf(OCTOBER);
      const rows = ['2026-09-12', '2026-10-25', '2026-07-30'].flatMap((dueDate, n) =>
        ['PEN', 'USD'].map((currency) =>
          accountRow({
            debtorName: `LATE ${n} ${currency}`,
            currency,
            dueDate,
            balance: cents(50_000n + BigInt(n) * 1_001n),
            originalAmount: cents(50_000n + BigInt(n) * 1_001n),
          }),
        ),
      );
      await importAccounts(api, rows);
      for (const row of rows) {
        const [stored] = await sql<{ id: string }>(api, 'select id from account where external_ref = ?', [
          row.externalRef,
        ]);
        // Before the relay projects the import, as for the accounts of the setup.
        await sql(api, `update account set created_at = '2026-08-01T15:00:00.000Z' where id = ?`, [stored!.id]);
        accounts.push({
          id: stored!.id,
          ref: row.externalRef,
          dueDate: row.dueDate,
          currency: row.currency,
          balanceCents: BigInt(row.balance.replace('.', '')),
          placed: false,
          createdAt: '2026-08-01T15:00:00.000Z',
          writtenOff: false,
          payments: [],
        });
      }
      // Stale until the relay runs: the staleness bound is the relay's lag.
      expect(await rollsOf(OCTOBER)).toEqual(before);
      await relayAll();
      expect(await rollsOf(OCTOBER)).not.toEqual(before);
      await expectBoth();
      const late = accounts.slice(-6);
      await pay(late[0]!, '2026-10-09T15:00:00.000Z', 20_000n);
      await pay(late[1]!, '2026-11-03T15:00:00.000Z', late[1]!.balanceCents);
      await pay(late[2]!, '2026-10-28T15:00:00.000Z', late[2]!.balanceCents);
      await relayAll();
      await expectBoth();
    });

    it('counts reversals: of a pay-off (owing again: computed one by one) and of a part payment', async () => {
      const paidAfter = accounts.find((account, index) => STORIES[index % STORIES.length] === 'paid-after')!;
      const part = accounts.find((account, index) => STORIES[index % STORIES.length] === 'part')!;
      for (const account of [paidAfter, part]) {
        const [payment] = await sql<{ id: string; amount: string }>(
          api,
          'select id, amount::text from payment where account_id = ? and amount > 0',
          [account.id],
        );
        await api.ok(`mutation ($id: ID!) { reversePayment(paymentId: $id, reason: "chargeback") { id } }`, {
          id: payment!.id,
        });
        const reversed = account.payments.find((line) => line.cents > 0)!.cents;
        // Neither account had credit: the whole amount goes back onto the balance, at the test's "now".
        account.payments.push({ at: TEST_NOW.getTime(), cents: -reversed, applied: -reversed });
      }
      await relayAll();
      const [irregular] = await sql<{ n: string }>(
        api,
        'select count(*)::text as n from analytics_roll_account where irregular',
      );
      expect(Number(irregular!.n)).toBe(1);
      await expectBoth();
    });

    it('moves accounts placed after the build into the agency population', async () => {
      const moved = await placeAccounts(api, { search: 'HOUSE 1' }, agency.id);
      expect(moved).toBeGreaterThan(0);
      await relayAll();
      const placedIds = new Set(
        (await sql<{ id: string }>(api, 'select id from account where agency_id = ?', [agency.id])).map((r) => r.id),
      );
      for (const account of accounts) account.placed = placedIds.has(account.id);
      const placed = accounts.filter((account) => account.placed);
      expect(await rollsOf(OCTOBER, agencyKey)).toEqual(expectedRolls(placed));
      expect(await rollsOf(NOVEMBER, agencyKey)).toEqual(expectedRolls(placed, NOVEMBER));
    });

    it('ends as a rebuild from scratch would', async () => {
      const snapshot = async () => {
        const tables: Record<string, unknown[]> = {};
        for (const table of ['analytics_roll_cohort', 'analytics_roll_payment_day', 'analytics_roll_payment_month']) {
          tables[table] = await sql(
            api,
            `select due_date::text, currency, agency_id, created_date::text, zero_date::text,
                    ${table === 'analytics_roll_cohort' ? 'accounts, balance::text' : 'paid_date::text, applied::text, amount::text'}
               from ${table}
              where ${table === 'analytics_roll_cohort' ? 'accounts <> 0 or balance <> 0' : 'applied <> 0 or amount <> 0'}
              order by 1, 2, 3, 4, 5, 6`,
          );
        }
        tables.accounts = await sql(api, 'select * from analytics_roll_account order by account_id');
        tables.days = await sql(api, 'select * from analytics_roll_account_day order by account_id, paid_date');
        return tables;
      };
      const incremental = await snapshot();
      expect(incremental.analytics_roll_cohort!.length).toBeGreaterThan(10);
      await buildAnalytics(api.orm, 'America/Lima');
      expect(await snapshot()).toEqual(incremental);
      await expectBoth();
    });
  }

  it('refuses a period that ends before it starts', async () => {
    expectError(await api.gql(ROLL_RATES, { from: TO, to: FROM }), 'BAD_USER_INPUT', 'to');
  });
});
