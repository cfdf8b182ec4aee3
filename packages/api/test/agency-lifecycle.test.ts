import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountRow,
  createPartnerAgencies,
  createAgent,
  createApiKey,
  expectError,
  importAccounts,
  sqlIds,
  type AgencyData,
} from './support/fixtures.ts';
import { sql, startTestApi, TEST_NOW, type TestApi } from './support/test-api.ts';
import { recallDuePlacements } from '../src/modules/placements/placement-recall.service.ts';

/**
 * One account through its whole partner life (issue 13, "done when"): placed with A → worked → collected (and one
 * payment reversed) → recalled automatically on its recall date → placed with B → collected. At each step: the
 * placements, what each agency can see, and both agencies' statements against an independent computation in SQL
 * (commission per payment line, rounded half away from zero by PostgreSQL's numeric `round`).
 */
const PLACE = `mutation ($agencyId: ID!, $days: Int, $rate: String) {
  placeAccounts(filter: { search: "Ciclo Completo" }, agencyId: $agencyId, recallAfterDays: $days, commissionRate: $rate)
}`;
const STATEMENT = `query ($agencyId: ID!, $from: Date!, $to: Date!) {
  agencyStatement(agencyId: $agencyId, from: $from, to: $to) {
    agency { id } from to placedAccounts payments reversals collected { amount currency } commission { amount currency }
  }
}`;
const SEEN = `query ($id: ID!) {
  account(id: $id) {
    id agency { id }
    history { paymentCount promisesKept promisesBroken lastPaymentAt }
    interactions { id } promises { id status } payments { id reference amount { amount } }
  }
  placements { edges { node { id status agency { id } account { id } } } }
}`;
const PAY = `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }`;
const FROM = '2026-11-01';
const TO = '2027-03-31';

interface Statement {
  placedAccounts: number;
  payments: number;
  reversals: number;
  collected: { amount: string; currency: string }[];
  commission: { amount: string; currency: string }[];
}

describe('an account through placement, work, collection, automatic recall and re-placement', () => {
  let api: TestApi;
  let agencyA: AgencyData;
  let agencyB: AgencyData;
  let keyA: string;
  let keyB: string;
  let manager: string;
  let accountId: string;
  let agentA: string;

  const DAY = 86_400_000;
  const at = (days: number, hours = 0) => new Date(TEST_NOW.getTime() + days * DAY + hours * 3_600_000);

  async function statement(agency: AgencyData, key: string): Promise<Statement> {
    const data = await api.ok<{ agencyStatement: Statement & { agency: { id: string } } }>(
      STATEMENT,
      { agencyId: agency.id, from: FROM, to: TO },
      key,
    );
    expect(data.agencyStatement.agency.id).toBe(agency.id);
    return data.agencyStatement;
  }

  /** The statement recomputed from the rows: lines of the agency's placements, commission per line. */
  async function oracle(agency: AgencyData): Promise<Omit<Statement, 'placedAccounts'>> {
    const rows = await sql<{ currency: string; collected: string; commission: string; n: number; r: number }>(
      api,
      `select p.currency, sum(p.amount)::numeric(19,2)::text as collected,
              sum(round(p.amount * pl.commission_rate, 2))::numeric(19,2)::text as commission,
              count(*)::int as n, count(p.reversal_of)::int as r
         from payment p
         left join payment orig on orig.id = p.reversal_of
         join placement pl on pl.account_id = p.account_id and pl.agency_id = ?
                          and pl.placed_at <= coalesce(orig.paid_at, p.paid_at)
                          and coalesce(orig.paid_at, p.paid_at) < coalesce(pl.ended_at, 'infinity')
        where p.agency_id = ?
        group by p.currency`,
      [agency.id, agency.id],
    );
    return {
      payments: rows.reduce((sum, row) => sum + row.n, 0),
      reversals: rows.reduce((sum, row) => sum + row.r, 0),
      collected: rows.map((row) => ({ amount: row.collected, currency: row.currency })),
      commission: rows.map((row) => ({ amount: row.commission, currency: row.currency })),
    };
  }

  const seenBy = (key: string) =>
    api.ok<{ account: Record<string, unknown> | null; placements: { edges: { node: Record<string, unknown> }[] } }>(
      SEEN,
      { id: accountId },
      key,
    );

  beforeAll(async () => {
    api = await startTestApi();
    ({ agencyA, agencyB } = await createPartnerAgencies(api));
    keyA = await createApiKey(api, 'AGENCY', agencyA.id);
    keyB = await createApiKey(api, 'AGENCY', agencyB.id);
    manager = await createApiKey(api, 'MANAGER');
    await importAccounts(api, [
      accountRow({ debtorName: 'Ciclo Completo', balance: '1000.00', dueDate: '2026-10-01' }),
    ]);
    accountId = (await sqlIds(api, 'select id from account'))[0]!;
    agentA = (await createAgent(api, 'Agente Andina', agencyA.id, keyA)).id;
  });
  afterAll(() => api.close());

  it('1. placed with A for 30 days at 15%: A sees it and its placement, B nothing', async () => {
    expect(await api.ok(PLACE, { agencyId: agencyA.id, days: 30, rate: '0.15' }, manager)).toEqual({
      placeAccounts: 1,
    });
    const a = await seenBy(keyA);
    expect(a.account).toMatchObject({ id: accountId, agency: { id: agencyA.id }, interactions: [], payments: [] });
    expect(a.placements.edges.map((edge) => edge.node)).toEqual([
      { id: expect.any(String), status: 'ACTIVE', agency: { id: agencyA.id }, account: { id: accountId } },
    ]);
    expect(await seenBy(keyB)).toEqual({ account: null, placements: { edges: [] } });
  });

  it('2. worked and 3. collected by A; a feed payment reversed: the statement matches the lines', async () => {
    api.clock.set(at(1));
    await api.ok(
      `mutation ($input: RecordInteractionInput!) { recordInteraction(input: $input) { id } }`,
      {
        input: {
          accountId,
          agentId: agentA,
          channel: 'CALL',
          disposition: 'PROMISE_TO_PAY',
          durationSeconds: 120,
          promise: { amount: '600.00', dueDate: '2026-12-05' },
        },
      },
      keyA,
    );
    api.clock.set(at(2));
    // 200.10 × 0.15 = 30.015 → 30.02; 99.99 × 0.15 = 14.9985 → 15.00
    await api.ok(PAY, { input: { accountId, amount: '200.10', currency: 'PEN', reference: 'A-0001' } }, keyA);
    const { recordPayment: feed } = await api.ok<{ recordPayment: { id: string } }>(PAY, {
      input: { accountId, amount: '99.99', currency: 'PEN', reference: 'FEED-0001' },
    });
    api.clock.set(at(3));
    const REVERSE = `mutation ($paymentId: ID!, $reason: String!) { reversePayment(paymentId: $paymentId, reason: $reason) { id reversedAt } }`;
    expectError(await api.gql(REVERSE, { paymentId: feed.id, reason: 'Contracargo' }, keyA), 'FORBIDDEN');
    expectError(await api.gql(REVERSE, { paymentId: feed.id, reason: '' }, manager), 'BAD_USER_INPUT', 'reason');
    await api.ok(REVERSE, { paymentId: feed.id, reason: 'Contracargo del banco' }, manager);
    expectError(await api.gql(REVERSE, { paymentId: feed.id, reason: 'Otra vez' }, manager), 'CONFLICT', 'paymentId');

    const [account] = await sql<{ balance: string; payment_count: number }>(
      api,
      'select balance::text as balance, payment_count from account where id = ?',
      [accountId],
    );
    expect(account).toEqual({ balance: '799.9000', payment_count: 1 });
    const [promise] = await sql<{ paid: string; status: string }>(
      api,
      'select paid_amount::text as paid, status from promise_to_pay where account_id = ?',
      [accountId],
    );
    expect(promise).toEqual({ paid: '200.1000', status: 'PENDING' });

    const mine = await statement(agencyA, keyA);
    expect(mine).toEqual({
      agency: { id: agencyA.id },
      from: FROM,
      to: TO,
      placedAccounts: 1,
      ...(await oracle(agencyA)),
    });
    expect(mine.collected).toEqual([{ amount: '200.10', currency: 'PEN' }]);
    expect(mine.commission).toEqual([{ amount: '30.02', currency: 'PEN' }]);
    expect([mine.payments, mine.reversals]).toEqual([3, 1]);
    expectError(await api.gql(STATEMENT, { agencyId: agencyB.id, from: FROM, to: TO }, keyA), 'NOT_FOUND', 'agencyId');

    // A sees its own work, and its payments (the reversal line too).
    const a = await seenBy(keyA);
    expect((a.account!.payments as { reference: string }[]).map((p) => p.reference).sort()).toEqual([
      'A-0001',
      'FEED-0001',
      `REVERSAL:${feed.id}`,
    ]);
  });

  it('4. comes back by itself on the recall date: A sees nothing, keeps its statement; its promise ends', async () => {
    api.clock.set(at(29, 6));
    expect(await recallDuePlacements(api.orm, api.clock)).toBe(0);
    api.clock.set(at(30, 6));
    expect(await recallDuePlacements(api.orm, api.clock)).toBe(1);
    const placements = await sql<{ agency_id: string; status: string; end_reason: string }>(
      api,
      'select agency_id, status, end_reason from placement where account_id = ? order by placed_at',
      [accountId],
    );
    expect(placements).toEqual([{ agency_id: agencyA.id, status: 'RECALLED', end_reason: 'RECALL_DATE_REACHED' }]);
    expect(await seenBy(keyA)).toEqual({ account: null, placements: { edges: [] } });
    const [promise] = await sql<{ status: string }>(api, 'select status from promise_to_pay where account_id = ?', [
      accountId,
    ]);
    expect(promise!.status).toBe('CANCELLED');
    const mine = await statement(agencyA, keyA);
    expect(mine).toMatchObject({ ...(await oracle(agencyA)), placedAccounts: 1 });
    expect(mine.commission).toEqual([{ amount: '30.02', currency: 'PEN' }]);
  });

  it('5. re-placed with B at 20%: B sees the account and its running figures, none of A’s facts', async () => {
    expect(await api.ok(PLACE, { agencyId: agencyB.id, days: 60, rate: '0.2' }, manager)).toEqual({ placeAccounts: 1 });
    const b = await seenBy(keyB);
    expect(b.account).toMatchObject({
      id: accountId,
      agency: { id: agencyB.id },
      history: { paymentCount: 1, promisesKept: 0, promisesBroken: 0 },
      interactions: [],
      promises: [],
      payments: [],
    });
    expect(JSON.stringify(b)).not.toContain('A-0001');
    expect(b.placements.edges.map((edge) => edge.node.status)).toEqual(['ACTIVE']);
    expect(await seenBy(keyA)).toEqual({ account: null, placements: { edges: [] } });

    api.clock.set(at(31));
    // 50.05 × 0.2 = 10.01
    await api.ok(PAY, { input: { accountId, amount: '50.05', currency: 'PEN', reference: 'B-0001' } }, keyB);
    const theirs = await statement(agencyB, keyB);
    expect(theirs).toMatchObject({ ...(await oracle(agencyB)), placedAccounts: 1 });
    expect(theirs.commission).toEqual([{ amount: '10.01', currency: 'PEN' }]);
    // A's statement is untouched by B's collection.
    expect((await statement(agencyA, manager)).commission).toEqual([{ amount: '30.02', currency: 'PEN' }]);
    const history = await sql<{ agency_id: string; status: string }>(
      api,
      'select agency_id, status from placement where account_id = ? order by placed_at',
      [accountId],
    );
    expect(history).toEqual([
      { agency_id: agencyA.id, status: 'RECALLED' },
      { agency_id: agencyB.id, status: 'ACTIVE' },
    ]);
    api.clock.set(TEST_NOW);
  });
});
