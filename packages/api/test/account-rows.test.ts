import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountRow,
  createApiKey,
  createPartnerAgencies,
  importAccounts,
  placeAccounts,
  sqlIds,
  type AgencyData,
} from './support/fixtures.ts';
import { sql, startTestApi, type TestApi } from './support/test-api.ts';

/**
 * An accounts page whose nodes ask only for the account's own columns and its debtor is read as plain rows, not
 * entities (account-rows.ts, issue 14). Here the two reads must answer alike — the entity page, which goes through
 * MikroORM's hydration and the relation loader, is the reference — stay inside the agency scope, and any field a row
 * cannot answer (however it is selected: a fragment, an alias) must get the entity read: `propensity` is such a
 * field, and given a row instead of an entity it fails (it loads the account's relations through MikroORM).
 */
const ROW_FIELDS = `
  __typename id externalRef dueDate status daysPastDue bucket
  balance { amount currency } originalAmount { amount currency }
  history { paymentCount lastPaymentAt promisesKept promisesBroken lastAttemptAt lastRightPartyContactAt }
  offers { kind amount { amount currency } instalments discountRate validUntil }
  debtor { __typename id name documentId phones emails timeZone doNotContact }
  agency { __typename id code name partner }
`;
const pageQuery = (extra: string) => `query ($filter: AccountFilter, $first: Int, $after: String) {
  accounts(filter: $filter, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { cursor node { ${ROW_FIELDS} ${extra} } }
  }
}`;
/** Rows only. */
const ROWS_PAGE = pageQuery('');
/** The same, plus a field only an entity answers: the whole page is read as entities. */
const ENTITY_PAGE = pageQuery('propensity { score }');

interface Node {
  id: string;
  externalRef: string;
  balance: { amount: string; currency: string };
  debtor: { id: string; name: string; documentId: string; phones: string[]; emails: string[]; timeZone: string };
  agency: { id: string; code: string } | null;
  propensity?: { score: number };
}
interface Page {
  accounts: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { cursor: string; node: Node }[] };
}

describe('accounts page read as rows', () => {
  let api: TestApi;
  let agencyA: AgencyData;
  let agencyKey: string;

  beforeAll(async () => {
    api = await startTestApi();
    const dueDates = ['2026-11-20', '2026-10-01', '2026-08-16', '2026-05-08'];
    await importAccounts(api, [
      ...Array.from({ length: 70 }, (_, i) =>
        accountRow({
          debtorName: `Alfa Rows ${i}`,
          balance: `${100 + i * 37}.${String(i % 100).padStart(2, '0')}`,
          originalAmount: '5000.00',
          dueDate: dueDates[i % dueDates.length]!,
          phones: i % 3 === 0 ? [] : ['+51987000' + String(100 + i)],
          emails: i % 2 === 0 ? [] : [`alfa${i}@example.pe`],
        }),
      ),
      ...Array.from({ length: 30 }, (_, i) => accountRow({ debtorName: `Beta Rows ${i}` })),
    ]);
    ({ agencyA } = await createPartnerAgencies(api));
    await placeAccounts(api, { search: 'Alfa Rows' }, agencyA.id);
    agencyKey = await createApiKey(api, 'AGENCY', agencyA.id);
  });
  afterAll(() => api.close());

  /** Every node of a query's pages, following the cursors, 25 at a time. */
  async function allNodes(query: string, filter: Record<string, unknown> | null, key?: string): Promise<Node[]> {
    const nodes: Node[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Page = await api.ok<Page>(query, { filter, first: 25, after }, key);
      nodes.push(...page.accounts.edges.map((edge) => edge.node));
      if (!page.accounts.pageInfo.hasNextPage) return nodes;
      after = page.accounts.pageInfo.endCursor;
    }
  }

  const FILTERS: [string, Record<string, unknown> | null][] = [
    ['no filter', null],
    ['a balance floor', { minBalance: '1500.00' }],
    ["a debtor's name", { search: 'Rows 1' }],
    ['a bucket (the due-date probe)', { buckets: ['D91_120', 'D121_PLUS'] }],
  ];

  it.each(FILTERS)('answers as the entity page does, for the back office and an agency: %s', async (_name, filter) => {
    for (const key of [undefined, agencyKey]) {
      const rows = await allNodes(ROWS_PAGE, filter, key);
      const entities = await allNodes(ENTITY_PAGE, filter, key);
      expect(rows.length).toBeGreaterThan(0);
      for (const node of entities) expect(typeof node.propensity?.score).toBe('number');
      expect(rows).toEqual(entities.map(({ propensity: _propensity, ...node }) => node));
      if (key) expect(new Set(rows.map((node) => node.agency?.id))).toEqual(new Set([agencyA.id]));
    }
  });

  it("carries the debtor's and the account's columns as stored", async () => {
    const nodes = await allNodes(ROWS_PAGE, { search: 'Alfa Rows' }, agencyKey);
    const stored = await sql<{
      id: string;
      external_ref: string;
      balance: string;
      debtor_id: string;
      name: string;
      document_id: string;
      phones: string[];
      emails: string[];
      time_zone: string;
    }>(
      api,
      `select a.id, a.external_ref, a.balance::numeric(19, 2)::text as balance, d.id as debtor_id, d.name,
              d.document_id, d.phones, d.emails, d.time_zone
         from account a join debtor d on d.id = a.debtor_id where a.agency_id = ? order by a.id`,
      [agencyA.id],
    );
    expect(stored).toHaveLength(70);
    expect(nodes.map((node) => [node.id, node.externalRef, node.balance.amount, node.debtor])).toEqual(
      stored.map((row) => [
        row.id,
        row.external_ref,
        row.balance,
        {
          __typename: 'Debtor',
          id: row.debtor_id,
          name: row.name,
          documentId: row.document_id,
          phones: row.phones,
          emails: row.emails,
          timeZone: row.time_zone,
          doNotContact: false,
        },
      ]),
    );
  });

  it("never leaves the agency's placed accounts", async () => {
    const placed = await sqlIds(api, 'select id from account where agency_id = ?', [agencyA.id]);
    const seen = (await allNodes(ROWS_PAGE, null, agencyKey)).map((node) => node.id).sort();
    expect(seen).toEqual(placed);
    expect(await allNodes(ROWS_PAGE, { search: 'Beta Rows' }, agencyKey)).toEqual([]);
  });

  it('names the agency an account is placed with, and none for an account worked in-house', async () => {
    const placed = await allNodes(ROWS_PAGE, { search: 'Alfa Rows' });
    expect(placed).toHaveLength(70);
    for (const node of placed) expect(node.agency).toEqual({ __typename: 'Agency', ...agencyA });
    const inHouse = await allNodes(ROWS_PAGE, { search: 'Beta Rows' });
    expect(inHouse).toHaveLength(30);
    for (const node of inHouse) expect(node.agency).toBeNull();
  });

  it('reads entities when a field a row cannot answer is selected through a fragment or an alias', async () => {
    const variants = [
      `query ($filter: AccountFilter) { accounts(filter: $filter, first: 5) { edges { node { id ...Insight } } } }
       fragment Insight on Account { agency { code } propensity { score } }`,
      `query ($filter: AccountFilter) { accounts(filter: $filter, first: 5) { edges { node { id ... on Account { propensity { score } } } } } }`,
      `query ($filter: AccountFilter) { accounts(filter: $filter, first: 5) { edges { node { id insight: propensity { score } } } } }`,
      `query ($filter: AccountFilter) { accounts(filter: $filter, first: 5) { ...Edges } }
       fragment Edges on AccountConnection { edges { node { id propensity { score } } } }`,
    ];
    for (const query of variants) {
      const data = await api.ok<{ accounts: { edges: { node: Record<string, { score: number } | undefined> }[] } }>(
        query,
        { filter: { search: 'Alfa Rows' } },
      );
      expect(data.accounts.edges).toHaveLength(5);
      for (const { node } of data.accounts.edges) {
        expect(typeof (node.propensity ?? node.insight)?.score).toBe('number');
      }
    }
  });
});
