import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importTagged, runningCampaign } from './support/campaigns.ts';
import { sql, startTestApi, TEST_ADMIN_KEY, type TestApi } from './support/test-api.ts';

/**
 * What the case view shows in words arrives as codes and parameters (issue 9): propensity factors, offers and
 * contact-rule reasons, the same whatever language the request asks for, so the console words them in its own.
 * The facts are set with plain SQL and every expected code and number is worked out here by hand on the harness's
 * business date (Tuesday 2026-11-24 in Lima).
 */

const CASE = `query ($id: ID!) {
  account(id: $id) {
    propensity { factors { factor effect detail params { bucket days count } } }
    queuePlace { factors { factor params { bucket days count } } skippedBecause }
    contactCheck { allowed reasons }
    offers {
      kind amount { amount currency } balance { amount currency } discount { amount currency }
      instalments instalmentAmount { amount currency } firstInstalment { amount currency } description
    }
  }
}`;

interface Factor {
  factor: string;
  effect: number;
  detail: string;
  params: { bucket: string | null; days: number | null; count: number | null } | null;
}
interface Money {
  amount: string;
  currency: string;
}
interface CaseData {
  account: {
    propensity: { factors: Factor[] };
    queuePlace: { factors: Pick<Factor, 'factor' | 'params'>[]; skippedBecause: string[] } | null;
    contactCheck: { allowed: boolean; reasons: string[] };
    offers: {
      kind: string;
      amount: Money;
      balance: Money;
      discount: Money | null;
      instalments: number;
      instalmentAmount: Money | null;
      firstInstalment: Money | null;
      description: string;
    }[];
  };
}

const none = { bucket: null, days: null, count: null };
const pen = (minor: bigint): Money => ({
  amount: `${minor / 100n}.${String(minor % 100n).padStart(2, '0')}`,
  currency: 'PEN',
});

describe('the case view’s codes and parameters', () => {
  let api: TestApi;
  const ids: Record<string, string> = {};

  /** The case as a client asking for `language` reads it. */
  async function caseIn(id: string, language: string): Promise<CaseData> {
    const raw = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${TEST_ADMIN_KEY}`,
        'accept-language': language,
      },
      body: JSON.stringify({ query: CASE, variables: { id } }),
    });
    const body = (await raw.json()) as { data?: CaseData; errors?: unknown };
    expect(body.errors).toBeUndefined();
    return body.data!;
  }

  beforeAll(async () => {
    api = await startTestApi();
    const rows = {
      // 14 days past due (D1_30), never attempted.
      fresh: { dueDate: '2026-11-10', balance: '1200.50' },
      // 43 days past due (D31_60): a payment 10 days ago, 2 promises kept, 1 broken, 3 refusals, 14 days of rest.
      history: { dueDate: '2026-10-12', balance: '1200.50' },
      // Reached yesterday.
      reached: { dueDate: '2026-11-10', balance: '1200.50' },
      // 100 days past due (D91_120), marked do-not-contact.
      old: { dueDate: '2026-08-16', balance: '1200.50' },
    };
    const names = Object.keys(rows) as (keyof typeof rows)[];
    const { ids: created } = await importTagged(
      api,
      'Textos',
      names.map((name) => ({ ...rows[name], originalAmount: '8000.00', debtorName: `Textos ${name}` })),
    );
    names.forEach((name, index) => (ids[name] = created[index]!));
    await sql(
      api,
      `update account set last_payment_at = '2026-11-14T15:00:00Z', promises_kept = 2, promises_broken = 1,
              refusals = 3, last_attempt_at = '2026-11-10T15:00:00Z', last_right_party_contact_at = '2026-11-10T15:00:00Z'
        where id = ?`,
      [ids.history],
    );
    await sql(
      api,
      `update account set last_attempt_at = '2026-11-23T20:00:00Z', last_right_party_contact_at = '2026-11-23T20:00:00Z'
        where id = ?`,
      [ids.reached],
    );
    await sql(api, `update debtor set do_not_contact = true where id = (select debtor_id from account where id = ?)`, [
      ids.old,
    ]);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('sends each propensity factor as its code with the numbers of its sentence', async () => {
    const codes = async (id: string) =>
      (await caseIn(id, 'es')).account.propensity.factors.map(({ factor, params }) => ({ factor, params }));
    expect(await codes(ids.fresh!)).toEqual([
      { factor: 'BUCKET', params: { ...none, bucket: 'D1_30' } },
      { factor: 'NEVER_ATTEMPTED', params: none },
    ]);
    expect(await codes(ids.history!)).toEqual([
      { factor: 'BUCKET', params: { ...none, bucket: 'D31_60' } },
      { factor: 'RECENT_PAYMENT', params: { ...none, days: 10 } },
      { factor: 'PROMISES_KEPT', params: { ...none, count: 2 } },
      { factor: 'PROMISES_BROKEN', params: { ...none, count: 1 } },
      { factor: 'REFUSALS', params: { ...none, count: 3 } },
      { factor: 'RESTED', params: { ...none, days: 14 } },
    ]);
    expect(await codes(ids.reached!)).toEqual([
      { factor: 'BUCKET', params: { ...none, bucket: 'D1_30' } },
      { factor: 'JUST_REACHED', params: { ...none, days: 1 } },
    ]);
  });

  it('keeps the parameters with the queue place, scored when the campaign started', async () => {
    await runningCampaign(api, 'Textos', { search: 'Textos' });
    const place = (await caseIn(ids.history!, 'en')).account.queuePlace;
    expect(place?.factors.map((f) => [f.factor, f.params])).toEqual([
      ['BUCKET', { ...none, bucket: 'D31_60' }],
      ['RECENT_PAYMENT', { ...none, days: 10 }],
      ['PROMISES_KEPT', { ...none, count: 2 }],
      ['PROMISES_BROKEN', { ...none, count: 1 }],
      ['REFUSALS', { ...none, count: 3 }],
      ['RESTED', { ...none, days: 14 }],
    ]);
  });

  it('sends the amounts an offer is worded from: the balance, what is forgiven, the first instalment', async () => {
    const balance = 120_050n;
    const discount = (balance * 20n) / 100n; // D91_120: 20 % off, truncated
    const regular = balance / 6n; // six instalments, the first carries the remainder
    const offers = (await caseIn(ids.old!, 'es')).account.offers;
    expect(offers.map(({ description: _, ...fields }) => fields)).toEqual([
      {
        kind: 'PAY_IN_FULL',
        amount: pen(balance),
        balance: pen(balance),
        discount: null,
        instalments: 1,
        instalmentAmount: null,
        firstInstalment: null,
      },
      {
        kind: 'SETTLEMENT',
        amount: pen(balance - discount),
        balance: pen(balance),
        discount: pen(discount),
        instalments: 1,
        instalmentAmount: null,
        firstInstalment: null,
      },
      {
        kind: 'INSTALMENT_PLAN',
        amount: pen(balance),
        balance: pen(balance),
        discount: null,
        instalments: 6,
        instalmentAmount: pen(regular),
        firstInstalment: pen(balance - regular * 5n),
      },
    ]);
  });

  it('sends contact rules as codes', async () => {
    const { contactCheck } = (await caseIn(ids.old!, 'en')).account;
    expect(contactCheck).toEqual({ allowed: false, reasons: ['DO_NOT_CONTACT'] });
  });

  it('answers the same in Spanish and English: the words are the client’s, `detail` and `description` English', async () => {
    for (const id of Object.values(ids)) {
      const spanish = await caseIn(id, 'es-PE,es;q=0.9');
      expect(spanish).toEqual(await caseIn(id, 'en'));
      for (const factor of spanish.account.propensity.factors) expect(factor.detail).toMatch(/^[\x20-\x7e]+$/);
    }
    const fresh = await caseIn(ids.fresh!, 'es');
    expect(fresh.account.propensity.factors[0]!.detail).toBe('base odds for D1_30');
    expect(fresh.account.offers[0]!.description).toMatch(/^Pay the full balance of 1200\.50 PEN by /);
  });
});
