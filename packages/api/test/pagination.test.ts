import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountRow,
  createAgency,
  createApiKey,
  expectError,
  importAccounts,
  placeAccounts,
  sqlIds,
  type ImportRow,
} from './support/fixtures.ts';
import { sql, startTestApi, type TestApi } from './support/test-api.ts';

const PAGE = `query ($first: Int, $after: String, $filter: AccountFilter) {
  accounts(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id } }
  }
}`;

interface Page {
  accounts: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: { id: string } }[];
  };
}

/** Balances 0.01 … 2999.99 spread over the batch, due dates over the last ~6 months. */
function rows(count: number, tag: string): ImportRow[] {
  return Array.from({ length: count }, (_, i) =>
    accountRow({
      externalRef: `${tag}-${i}`,
      balance: `${(i * 613) % 3000}.${String((i * 17) % 100).padStart(2, '0')}`,
      originalAmount: '3000.00',
      dueDate: `2026-${String(5 + (i % 6)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    }),
  ).map((row) => (row.balance === '0.00' ? { ...row, balance: '0.01' } : row));
}

describe('accounts pagination', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
    await importAccounts(api, rows(300, 'PAGE'));
  });
  afterAll(() => api.close());

  const page = (variables: Record<string, unknown>) => api.gql<Page>(PAGE, variables);

  async function pageOk(variables: Record<string, unknown>): Promise<Page['accounts']> {
    const response = await page(variables);
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    return response.data!.accounts;
  }

  /** Follows endCursor until hasNextPage is false; `between` runs after each page, before the next request. */
  async function walk(
    variables: Record<string, unknown>,
    between: (pageIndex: number) => Promise<unknown> = async () => undefined,
  ): Promise<{ ids: string[]; pages: Page['accounts'][] }> {
    const ids: string[] = [];
    const pages: Page['accounts'][] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 1_000; guard += 1) {
      const current = await pageOk({ ...variables, after });
      pages.push(current);
      ids.push(...current.edges.map((edge) => edge.node.id));
      if (!current.pageInfo.hasNextPage) return { ids, pages };
      expect(current.pageInfo.endCursor).toBe(current.edges.at(-1)!.cursor);
      after = current.pageInfo.endCursor;
      await between(pages.length - 1);
    }
    throw new Error('pagination did not end');
  }

  it('returns every account that existed when paging began exactly once, while imports land between pages', async () => {
    const before = await sqlIds(api, 'select id from account');
    expect(before.length).toBeGreaterThanOrEqual(300);
    let batch = 0;
    const concurrent: Promise<unknown>[] = [];

    const { ids, pages } = await walk({ first: 37 }, async (pageIndex) => {
      batch += 1;
      const imported = importAccounts(api, rows(7, `LATE${batch}`));
      // Every other import races the next page request instead of finishing before it.
      if (pageIndex % 2 === 0) await imported;
      else concurrent.push(imported);
    });
    await Promise.all(concurrent);

    expect(pages[0]!.totalCount).toBe(before.length);
    expect(new Set(ids).size).toBe(ids.length);
    const seen = new Set(ids);
    expect(before.filter((id) => !seen.has(id))).toEqual([]);
    // Nothing invented: every id returned is a real account.
    const now = new Set(await sqlIds(api, 'select id from account'));
    expect(ids.filter((id) => !now.has(id))).toEqual([]);
    expect(now.size).toBe(before.length + batch * 7);
    // Full pages until the last one.
    for (const full of pages.slice(0, -1)) expect(full.edges).toHaveLength(37);
    expect(pages.at(-1)!.edges.length).toBeLessThanOrEqual(37);
    expect(pages.length).toBeGreaterThanOrEqual(Math.ceil(before.length / 37));
  });

  it('with first: 0 returns no edges but the total, and says whether there is more', async () => {
    const [{ count }] = (await sql<{ count: string }>(api, 'select count(*)::text as count from account')) as [
      { count: string },
    ];
    const empty = await pageOk({ first: 0 });
    expect(empty.edges).toEqual([]);
    expect(empty.totalCount).toBe(Number(count));
    expect(empty.pageInfo).toEqual({ hasNextPage: true, endCursor: null });

    // Past the last account there is nothing more.
    const everything = await walk({ first: 500 });
    expect(everything.ids).toHaveLength(Number(count));
    const lastCursor = everything.pages.at(-1)!.pageInfo.endCursor;
    const end = await pageOk({ first: 0, after: lastCursor });
    expect(end.pageInfo.hasNextPage).toBe(false);
    const after = await pageOk({ first: 10, after: lastCursor });
    expect(after.edges).toEqual([]);
    expect(after.pageInfo.hasNextPage).toBe(false);
  });

  it('accepts first up to 500 and refuses more, or a negative first, naming `first`', async () => {
    const [{ count }] = (await sql<{ count: string }>(api, 'select count(*)::text as count from account')) as [
      { count: string },
    ];
    expect((await pageOk({ first: 500 })).edges).toHaveLength(Math.min(500, Number(count)));
    expectError(await page({ first: 501 }), 'BAD_USER_INPUT', 'first');
    expectError(await page({ first: -1 }), 'BAD_USER_INPUT', 'first');
  });

  it('refuses a cursor it did not issue, naming `after`', async () => {
    const someId = (await sqlIds(api, 'select id from account limit 1'))[0]!;
    const forged = [
      'garbage!!',
      'not-a-cursor',
      Buffer.from('v1:not-a-uuid').toString('base64url'),
      Buffer.from(`v2:${someId}`).toString('base64url'),
    ];
    for (const after of forged) {
      const error = expectError(await page({ first: 10, after }), 'BAD_USER_INPUT', 'after');
      expect(error.message).not.toMatch(/select|uuid/i);
    }
  });

  it('combines filters with pagination: exactly the SQL set, whatever the page size', async () => {
    const filters: { filter: Record<string, unknown>; where: string; params: unknown[] }[] = [
      { filter: { minBalance: '1500.00' }, where: 'balance >= ?', params: ['1500.00'] },
      { filter: { maxBalance: '250.5' }, where: 'balance <= ?', params: ['250.5'] },
      {
        filter: { minBalance: '1000', maxBalance: '2000.00', buckets: ['D121_PLUS'] },
        // D121_PLUS on 2026-11-24: due on or before 2026-07-26 (121 days earlier).
        where: `balance between ? and ? and due_date <= date '2026-07-26'`,
        params: ['1000', '2000.00'],
      },
    ];
    for (const { filter, where, params } of filters) {
      const expected = await sqlIds(api, `select id from account where ${where}`, params);
      expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(0);
      for (const first of [13, 37]) {
        const { ids, pages } = await walk({ first, filter });
        expect(pages[0]!.totalCount, JSON.stringify(filter)).toBe(expected.length);
        expect(new Set(ids).size).toBe(ids.length);
        expect([...ids].sort(), JSON.stringify(filter)).toEqual(expected);
      }
    }
    expectError(await page({ filter: { minBalance: '12.34.5' } }), 'BAD_USER_INPUT', 'filter.minBalance');
  });

  it('pages a due-date filter in id order whether its matches are none, few, or more than a probe reads', async () => {
    // 2,100 young accounts: more than the 2,000 a page's due-date probe reads, so D1_30 pages walk the key.
    const young = Array.from({ length: 2_100 }, (_, i) =>
      accountRow({
        externalRef: `YOUNG-${i}`,
        balance: `${100 + (i % 900)}.00`,
        dueDate: `2026-11-${String(1 + (i % 20)).padStart(2, '0')}`,
      }),
    );
    for (let from = 0; from < young.length; from += 1_000) await importAccounts(api, young.slice(from, from + 1_000));
    const agency = await createAgency(api, { code: 'SONDA', name: 'Sonda Cobranzas' });
    expect(await placeAccounts(api, { minBalance: '2500.00' }, agency.id)).toBeGreaterThan(0);
    const agencyKey = await createApiKey(api, 'AGENCY', agency.id);

    // On 2026-11-24: D1_30 is due 2026-10-25 … 2026-11-23, D31_60 2026-09-25 … 2026-10-24.
    const cases: { filter: Record<string, unknown>; where: string; key?: string }[] = [
      { filter: { buckets: ['D1_30'] }, where: `due_date between '2026-10-25' and '2026-11-23'` },
      {
        filter: { buckets: ['D31_60'], minBalance: '1000' },
        where: `due_date between '2026-09-25' and '2026-10-24' and balance >= 1000`,
      },
      { filter: { minDaysPastDue: 5000 }, where: 'false' },
      { filter: { buckets: ['D1_30'], statuses: ['DISPUTED'] }, where: 'false' },
      {
        filter: { buckets: ['D121_PLUS'] },
        where: `due_date <= '2026-07-26' and agency_id = '${agency.id}'`,
        key: agencyKey,
      },
      {
        filter: { buckets: ['D1_30'] },
        where: `due_date between '2026-10-25' and '2026-11-23' and agency_id = '${agency.id}'`,
        key: agencyKey,
      },
    ];
    for (const { filter, where, key } of cases) {
      const expected = await sqlIds(api, `select id from account where ${where}`);
      if (where !== 'false') expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(0);
      const walked: string[] = [];
      let after: string | null = null;
      for (let guard = 0; guard < 500; guard += 1) {
        const response: { data?: Page | null; errors?: unknown[] } = await api.gql<Page>(
          PAGE,
          { first: 97, after, filter },
          key,
        );
        expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
        const current: Page['accounts'] = response.data!.accounts;
        walked.push(...current.edges.map((edge) => edge.node.id));
        if (!current.pageInfo.hasNextPage) break;
        after = current.pageInfo.endCursor;
      }
      // In id order, page after page, each match once: sqlIds sorts the same way PostgreSQL orders uuids.
      expect(walked, JSON.stringify(filter)).toEqual(expected);
    }
  });
});
