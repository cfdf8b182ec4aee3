import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importTagged } from './support/campaigns.ts';
import { createAgency, createApiKey, placeAccounts, type AgencyData } from './support/fixtures.ts';
import { sql, startTestApi, TEST_NOW, type TestApi } from './support/test-api.ts';

/**
 * `Account.offers` over real HTTP. Every expected amount is worked out here from the imported balance with
 * plain bigint arithmetic and the rules as the business states them (no discount on young debt, 20 % at
 * D91_120, 30 % from D121 on, half after one broken promise, settlements never under 50.00, plans of at most
 * six instalments without a track record and none under 50.00), never by calling the shared rules.
 */

interface OfferData {
  kind: string;
  amount: { amount: string; currency: string };
  instalments: number;
  instalmentAmount: { amount: string; currency: string } | null;
  discountRate: number | null;
  validUntil: string;
  description: string;
}

const OFFERS = `query ($id: ID!) {
  account(id: $id) {
    id
    offers {
      kind amount { amount currency } instalments instalmentAmount { amount currency }
      discountRate validUntil description
    }
  }
}`;

/** Business date of TEST_NOW in Lima, and the due dates that put an account at a given age on it. */
const TODAY = '2026-11-24';
const DUE_14_DAYS_AGO = '2026-11-10'; // D1_30
const DUE_100_DAYS_AGO = '2026-08-16'; // D91_120
const DUE_200_DAYS_AGO = '2026-05-08'; // D121_PLUS

/** PEN minor units as the API writes them: two decimals, no grouping. */
function pen(minor: bigint): { amount: string; currency: string } {
  return { amount: `${minor / 100n}.${String(minor % 100n).padStart(2, '0')}`, currency: 'PEN' };
}

/** `TODAY` plus whole days, through UTC calendar arithmetic (no time zone can shift a calendar date there). */
function todayPlus(days: number, today = TODAY): string {
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

describe('Account.offers', () => {
  let api: TestApi;
  let agencyA: AgencyData;
  let agencyB: AgencyData;
  let keyA: string;
  const ids: Record<string, string> = {};

  async function offersOf(id: string, key?: string): Promise<OfferData[]> {
    const data = await api.ok<{ account: { offers: OfferData[] } | null }>(OFFERS, { id }, key);
    expect(data.account, `account ${id} should be visible`).not.toBeNull();
    return data.account!.offers;
  }

  beforeAll(async () => {
    api = await startTestApi();
    const rows = {
      young: { balance: '1200.50', dueDate: DUE_14_DAYS_AGO },
      old: { balance: '1200.50', dueDate: DUE_100_DAYS_AGO },
      brokePromise: { balance: '7777.77', dueDate: DUE_100_DAYS_AGO },
      small: { balance: '60.00', dueDate: DUE_200_DAYS_AGO },
      paid: { balance: '0.00', dueDate: DUE_200_DAYS_AGO },
      disputed: { balance: '900.00', dueDate: DUE_200_DAYS_AGO },
    };
    const names = Object.keys(rows) as (keyof typeof rows)[];
    const { ids: created } = await importTagged(
      api,
      'Oferta',
      names.map((name) => ({ ...rows[name], originalAmount: '8000.00', debtorName: `Oferta ${name}` })),
    );
    names.forEach((name, index) => (ids[name] = created[index]!));
    // The running figures the promise and payment flows keep; set directly, as the history is not the subject.
    await sql(api, 'update account set promises_broken = 1, payment_count = 2 where id = ?', [ids.brokePromise]);
    await sql(api, `update account set status = 'DISPUTED' where id = ?`, [ids.disputed]);

    agencyA = await createAgency(api);
    agencyB = await createAgency(api);
    keyA = await createApiKey(api, 'AGENCY', agencyA.id);
    expect(await placeAccounts(api, { search: 'Oferta old' }, agencyA.id)).toBe(1);
    expect(await placeAccounts(api, { search: 'Oferta young' }, agencyB.id)).toBe(1);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('offers young debt payment in full or a plan, never a discount', async () => {
    const balance = 120_050n;
    // 1200.50 is in the 500–2000 band (six instalments), D1_30 allows six, no track record caps at six.
    const regular = balance / 6n;
    const first = balance - regular * 5n;
    expect(first + regular * 5n).toBe(balance);
    expect(await offersOf(ids.young!)).toEqual([
      {
        kind: 'PAY_IN_FULL',
        amount: pen(balance),
        instalments: 1,
        instalmentAmount: null,
        discountRate: null,
        validUntil: todayPlus(30),
        description: `Pay the full balance of 1200.50 PEN by ${todayPlus(30)}.`,
      },
      {
        kind: 'INSTALMENT_PLAN',
        amount: pen(balance),
        instalments: 6,
        instalmentAmount: pen(regular),
        discountRate: null,
        validUntil: todayPlus(15),
        description:
          `6 monthly instalments: ${pen(first).amount} PEN first, then 5 × ${pen(regular).amount} PEN ` +
          `(1200.50 PEN in total), the first by ${todayPlus(15)}.`,
      },
    ]);
  });

  it('offers old debt a 20 % settlement, truncated in the creditor’s favour', async () => {
    const balance = 120_050n;
    const discount = (balance * 20n) / 100n;
    const offers = await offersOf(ids.old!);
    expect(offers.map((offer) => offer.kind)).toEqual(['PAY_IN_FULL', 'SETTLEMENT', 'INSTALMENT_PLAN']);
    expect(offers[1]).toEqual({
      kind: 'SETTLEMENT',
      amount: pen(balance - discount),
      instalments: 1,
      instalmentAmount: null,
      discountRate: 0.2,
      validUntil: todayPlus(10),
      description:
        `Settle the balance of 1200.50 PEN with one payment of ${pen(balance - discount).amount} PEN ` +
        `(${pen(discount).amount} PEN off) by ${todayPlus(10)}.`,
    });
    expect(offers[2]).toMatchObject({ instalments: 6, instalmentAmount: pen(balance / 6n) });
  });

  it('halves the discount after a broken promise and shortens the plan', async () => {
    const balance = 777_777n;
    // 10 % instead of 20 %: 777.7777 off, truncated to 777.77.
    const discount = (balance * 10n) / 100n;
    const offers = await offersOf(ids.brokePromise!);
    expect(offers[1]).toMatchObject({ kind: 'SETTLEMENT', amount: pen(balance - discount), discountRate: 0.1 });
    // 7777.77 alone would allow 12 instalments (a payer, at D91_120); one broken promise caps the plan at six.
    const regular = balance / 6n;
    expect(offers[2]).toMatchObject({ kind: 'INSTALMENT_PLAN', instalments: 6, instalmentAmount: pen(regular) });
    expect(balance - regular * 5n).toBe(129_632n);
    expect(offers[2]!.description).toContain(`${pen(balance - regular * 5n).amount} PEN first`);
  });

  it('never settles under the 50.00 floor', async () => {
    // 30 % off 60.00 would ask 42.00; the floor keeps it at 50.00. 60.00 is too small for a plan.
    const offers = await offersOf(ids.small!);
    expect(offers.map((offer) => [offer.kind, offer.amount.amount, offer.discountRate])).toEqual([
      ['PAY_IN_FULL', '60.00', null],
      ['SETTLEMENT', '50.00', Math.round((10 / 60) * 10_000) / 10_000],
    ]);
  });

  it('offers nothing on a zero balance or a disputed debt', async () => {
    expect(await offersOf(ids.paid!)).toEqual([]);
    expect(await offersOf(ids.disputed!)).toEqual([]);
  });

  it("follows the request's business date", async () => {
    const later = new Date(TEST_NOW.getTime() + 26 * 86_400_000); // 2026-12-20 in Lima
    api.clock.set(later);
    try {
      // The young account is now 40 days past due (D31_60): 5 % off, and every deadline moves with the date.
      const balance = 120_050n;
      const offers = await offersOf(ids.young!);
      expect(offers.map((offer) => [offer.kind, offer.amount.amount, offer.validUntil])).toEqual([
        ['PAY_IN_FULL', '1200.50', todayPlus(30, '2026-12-20')],
        ['SETTLEMENT', pen(balance - (balance * 5n) / 100n).amount, todayPlus(10, '2026-12-20')],
        ['INSTALMENT_PLAN', '1200.50', todayPlus(15, '2026-12-20')],
      ]);
    } finally {
      api.clock.set(TEST_NOW);
    }
  });

  it("shows an agency its own account's offers, and another agency's account as null", async () => {
    expect(await offersOf(ids.old!, keyA)).toEqual(await offersOf(ids.old!));
    for (const id of [ids.young!, ids.brokePromise!]) {
      const response = await api.gql(OFFERS, { id }, keyA);
      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual({ account: null });
    }
  });
});
