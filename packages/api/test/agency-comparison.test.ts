import { bucketOf } from '@recupera/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountRow,
  createPartnerAgencies,
  createAgent,
  createApiKey,
  expectError,
  importAccounts,
  placeAccounts,
  sqlIds,
  type AgencyData,
} from './support/fixtures.ts';
import { inHouseAgency } from './support/campaigns.ts';
import { sql, startTestApi, TEST_NOW, type TestApi } from './support/test-api.ts';

/**
 * `agencyComparison` (docs/agencies.md, "Comparing agencies"): each partner beside the in-house team on the accounts
 * each held when the period began, bucket by bucket and band by band. The expectation is recomputed in this file from
 * the raw rows (placements, interactions, payments, promises) with its own grouping.
 */
const COMPARE = `query ($from: Date!, $to: Date!) {
  agencyComparison(from: $from, to: $to) {
    currency
    rows { agency { id } inHouse bucket balanceBand accounts balanceAtStart { amount } collected { amount }
           collectedPerAccount { amount } recoveryRate attempts contactRate promisesKeptRate }
    totals { agency { id } inHouse accounts collected { amount } attempts }
  }
}`;
const DAY = '2026-11-25';

interface Figures {
  accounts: number;
  balanceCents: bigint;
  collectedCents: bigint;
  attempts: number;
  contacts: number;
}

describe('agencyComparison', () => {
  let api: TestApi;
  let agencyA: AgencyData;
  let agencyB: AgencyData;
  let manager: string;

  beforeAll(async () => {
    api = await startTestApi();
    const house = await inHouseAgency(api);
    ({ agencyA, agencyB } = await createPartnerAgencies(api));
    manager = await createApiKey(api, 'MANAGER');
    const rows = [
      ...['300.00', '1500.00', '2500.00', '12000.00'].flatMap((balance) => [
        accountRow({
          debtorName: `Comparar Andina ${balance}`,
          balance,
          originalAmount: '20000.00',
          dueDate: '2026-10-01',
        }),
        accountRow({
          debtorName: `Comparar Bravo ${balance}`,
          balance,
          originalAmount: '20000.00',
          dueDate: '2026-08-15',
        }),
        accountRow({
          debtorName: `Comparar Casa ${balance}`,
          balance,
          originalAmount: '20000.00',
          dueDate: '2026-10-01',
        }),
      ]),
    ];
    await importAccounts(api, rows);
    // Imports stamp the wall clock; the portfolio arrived a few days before the compared period.
    await sql(api, `update account set created_at = '2026-11-20T15:00:00Z'`);
    expect(await placeAccounts(api, { search: 'Comparar Andina' }, agencyA.id)).toBe(4);
    expect(await placeAccounts(api, { search: 'Comparar Bravo' }, agencyB.id)).toBe(4);

    // The period is the next day: every account existed and was held when it began.
    api.clock.set(new Date(TEST_NOW.getTime() + 86_400_000));
    const agentA = (await createAgent(api, 'Agente Andina', agencyA.id)).id;
    const agentHouse = (await createAgent(api, 'Agente Casa', house.id)).id;
    const keyA = await createApiKey(api, 'AGENCY', agencyA.id);
    const CALL = `mutation ($input: RecordInteractionInput!) { recordInteraction(input: $input) { id } }`;
    const PAY = `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }`;
    const ids = async (like: string) =>
      sqlIds(api, `select a.id from account a join debtor d on d.id = a.debtor_id where d.name like ?`, [like]);
    for (const [n, id] of (await ids('Comparar Andina%')).entries()) {
      await api.ok(
        CALL,
        {
          input: {
            accountId: id,
            agentId: agentA,
            channel: 'CALL',
            disposition: n % 2 ? 'NO_ANSWER' : 'REFUSED_TO_PAY',
          },
        },
        keyA,
      );
      await api.ok(
        PAY,
        { input: { accountId: id, amount: `${10 + n}.50`, currency: 'PEN', reference: `A-${n}` } },
        keyA,
      );
    }
    for (const [n, id] of (await ids('Comparar Casa%')).entries()) {
      await api.ok(CALL, { input: { accountId: id, agentId: agentHouse, channel: 'CALL', disposition: 'NO_ANSWER' } });
      if (n === 0)
        await api.ok(PAY, { input: { accountId: id, amount: '100.00', currency: 'PEN', reference: `H-${n}` } });
    }
  });
  afterAll(() => {
    api.clock.set(TEST_NOW);
    return api.close();
  });

  /** The comparison recomputed from the rows, keyed by team|bucket|band. */
  async function oracle(): Promise<Map<string, Figures>> {
    const start = new Date('2026-11-25T05:00:00.000Z');
    const end = new Date('2026-11-26T05:00:00.000Z');
    const accounts = await sql<{
      id: string;
      due: string;
      balance: string;
      applied: string | null;
      team: string | null;
    }>(
      api,
      `select a.id, to_char(a.due_date, 'YYYY-MM-DD') as due, a.balance::text as balance,
              (select sum(applied_amount)::text from payment p where p.account_id = a.id and p.created_at >= ?) as applied,
              (select pl.agency_id from placement pl join agency g on g.id = pl.agency_id and g.partner
                where pl.account_id = a.id and pl.placed_at <= ? and (pl.ended_at is null or pl.ended_at > ?)) as team
         from account a where a.created_at < ?`,
      [start, start, start, start],
    );
    const interactions = await sql<{ account_id: string; agency_id: string | null; disposition: string }>(
      api,
      `select i.account_id, case when g.partner then g.id end as agency_id, i.disposition
         from interaction i left join agency g on g.id = i.agency_id where i.started_at >= ? and i.started_at < ?`,
      [start, end],
    );
    const payments = await sql<{ account_id: string; agency_id: string | null; amount: string }>(
      api,
      `select p.account_id, case when g.partner then g.id end as agency_id, p.amount::text as amount
         from payment p left join agency g on g.id = p.agency_id where p.paid_at >= ? and p.paid_at < ?`,
      [start, end],
    );
    const cents = (text: string) => BigInt(Math.round(Number(text) * 100));
    const band = (value: number) =>
      value < 500
        ? 'UNDER_500'
        : value < 2000
          ? 'FROM_500_TO_2000'
          : value < 10000
            ? 'FROM_2000_TO_10000'
            : 'FROM_10000';
    const groups = new Map<string, Figures>();
    for (const account of accounts) {
      const balanceCents = cents(account.balance) + cents(account.applied ?? '0');
      if (balanceCents <= 0n) continue;
      const key = `${account.team ?? 'HOUSE'}|${bucketOf(account.due, DAY)}|${band(Number(balanceCents) / 100)}`;
      const group = groups.get(key) ?? { accounts: 0, balanceCents: 0n, collectedCents: 0n, attempts: 0, contacts: 0 };
      group.accounts += 1;
      group.balanceCents += balanceCents;
      for (const i of interactions.filter((x) => x.account_id === account.id && x.agency_id === account.team)) {
        group.attempts += 1;
        if (i.disposition !== 'NO_ANSWER') group.contacts += 1;
      }
      for (const p of payments.filter((x) => x.account_id === account.id && x.agency_id === account.team)) {
        group.collectedCents += cents(p.amount);
      }
      groups.set(key, group);
    }
    return groups;
  }

  it('puts each team beside the others on the accounts it held, bucket by bucket and band by band', async () => {
    const { agencyComparison } = await api.ok<{
      agencyComparison: {
        currency: string;
        rows: {
          agency: { id: string } | null;
          inHouse: boolean;
          bucket: string;
          balanceBand: string;
          accounts: number;
          balanceAtStart: { amount: string };
          collected: { amount: string };
          recoveryRate: number | null;
          attempts: number;
          contactRate: number | null;
        }[];
        totals: { agency: { id: string } | null; accounts: number; attempts: number }[];
      };
    }>(COMPARE, { from: DAY, to: DAY }, manager);
    expect(agencyComparison.currency).toBe('PEN');
    const expected = await oracle();
    const served = new Map(
      agencyComparison.rows.map((row) => [`${row.agency?.id ?? 'HOUSE'}|${row.bucket}|${row.balanceBand}`, row]),
    );
    expect([...served.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, figures] of expected) {
      const row = served.get(key)!;
      expect(row.inHouse, key).toBe(key.startsWith('HOUSE'));
      expect([row.accounts, row.attempts], key).toEqual([figures.accounts, figures.attempts]);
      expect(row.balanceAtStart.amount, key).toBe((Number(figures.balanceCents) / 100).toFixed(2));
      expect(row.collected.amount, key).toBe((Number(figures.collectedCents) / 100).toFixed(2));
      expect(row.recoveryRate, key).toBeCloseTo(Number(figures.collectedCents) / Number(figures.balanceCents), 8);
      expect(row.contactRate, key).toBe(figures.attempts === 0 ? null : figures.contacts / figures.attempts);
    }
    // The teams: both partners and the in-house team, each with its own accounts counted once.
    expect(agencyComparison.totals.map((total) => total.agency?.id ?? 'HOUSE').sort()).toEqual(
      [agencyA.id, agencyB.id, 'HOUSE'].sort(),
    );
    const totalA = agencyComparison.totals.find((total) => total.agency?.id === agencyA.id)!;
    expect([totalA.accounts, totalA.attempts]).toEqual([4, 4]);
  });

  it('is for managers only, and checks its period', async () => {
    expectError(
      await api.gql(COMPARE, { from: DAY, to: DAY }, await createApiKey(api, 'AGENCY', agencyA.id)),
      'FORBIDDEN',
    );
    expectError(await api.gql(COMPARE, { from: DAY, to: '2026-11-01' }, manager), 'BAD_USER_INPUT', 'to');
    expectError(await api.gql(COMPARE, { from: '2026-01-01', to: '2027-12-31' }, manager), 'BAD_USER_INPUT', 'to');
  });
});
