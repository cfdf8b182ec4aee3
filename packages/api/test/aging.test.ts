import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accountRow, importAccounts, tryImportAccounts, expectError, countRows } from './support/fixtures.ts';
import { startTestApi, TEST_NOW, type TestApi } from './support/test-api.ts';

/**
 * Days past due and aging buckets (docs/design.md): DPD = business date − due date, 0 when not yet due; CURRENT (0),
 * D1_30, D31_60, D61_90, D91_120, D121_PLUS. The business date is the calendar date in Lima (UTC−5, no DST):
 * the harness clock stands at 2026-11-24T15:00Z = 10:00 on Tuesday 2026-11-24 in Lima.
 *
 * Every expected value below was counted by hand on the calendar (month lengths: Jul 31, Aug 31, Sep 30,
 * Oct 31, Nov 30; 2024 and 2028 are leap years), not derived from the code under test.
 */
interface AgingCase {
  ref: string;
  dueDate: string;
  /** On 2026-11-24. */
  dpd: number;
  bucket: string;
  /** On 2026-11-25, after midnight in Lima. */
  dpdNextDay: number;
  bucketNextDay: string;
}

const CASES: AgingCase[] = [
  // Due today: not late yet. Tomorrow it is one day late.
  { ref: 'AGE-TODAY', dueDate: '2026-11-24', dpd: 0, bucket: 'CURRENT', dpdNextDay: 1, bucketNextDay: 'D1_30' },
  // Due in five days (DPD "−5"): still 0, never negative.
  { ref: 'AGE-FUTURE', dueDate: '2026-11-29', dpd: 0, bucket: 'CURRENT', dpdNextDay: 0, bucketNextDay: 'CURRENT' },
  { ref: 'AGE-1', dueDate: '2026-11-23', dpd: 1, bucket: 'D1_30', dpdNextDay: 2, bucketNextDay: 'D1_30' },
  // Oct 25 → Oct 31 is 6 days, + 24 days of November = 30.
  { ref: 'AGE-30', dueDate: '2026-10-25', dpd: 30, bucket: 'D1_30', dpdNextDay: 31, bucketNextDay: 'D31_60' },
  { ref: 'AGE-31', dueDate: '2026-10-24', dpd: 31, bucket: 'D31_60', dpdNextDay: 32, bucketNextDay: 'D31_60' },
  // Sep 25 → Oct 25 is 30 days (September has 30), + 30 to Nov 24 = 60.
  { ref: 'AGE-60', dueDate: '2026-09-25', dpd: 60, bucket: 'D31_60', dpdNextDay: 61, bucketNextDay: 'D61_90' },
  { ref: 'AGE-61', dueDate: '2026-09-24', dpd: 61, bucket: 'D61_90', dpdNextDay: 62, bucketNextDay: 'D61_90' },
  // Aug 26 → Sep 25 is 30 days (August has 31, so Aug 26 + 31 = Sep 26), + 60 = 90.
  { ref: 'AGE-90', dueDate: '2026-08-26', dpd: 90, bucket: 'D61_90', dpdNextDay: 91, bucketNextDay: 'D91_120' },
  { ref: 'AGE-91', dueDate: '2026-08-25', dpd: 91, bucket: 'D91_120', dpdNextDay: 92, bucketNextDay: 'D91_120' },
  // Jul 27 → Aug 26 is 30 days (July has 31), + 90 = 120.
  { ref: 'AGE-120', dueDate: '2026-07-27', dpd: 120, bucket: 'D91_120', dpdNextDay: 121, bucketNextDay: 'D121_PLUS' },
  { ref: 'AGE-121', dueDate: '2026-07-26', dpd: 121, bucket: 'D121_PLUS', dpdNextDay: 122, bucketNextDay: 'D121_PLUS' },
  // 2025-11-24 → 2026-11-24 is 365 days (no Feb 29 between); 35 days before 2025-11-24 is 2025-10-20.
  { ref: 'AGE-400', dueDate: '2025-10-20', dpd: 400, bucket: 'D121_PLUS', dpdNextDay: 401, bucketNextDay: 'D121_PLUS' },
  // Leap day 2024-02-29 → 2025-03-01 is 366 days, → 2026-03-01 another 365, → 2026-11-24 another
  // 31+30+31+30+31+31+30+31 (Mar–Oct) + 23 = 268: 999 in all.
  {
    ref: 'AGE-LEAP-DAY',
    dueDate: '2024-02-29',
    dpd: 999,
    bucket: 'D121_PLUS',
    dpdNextDay: 1000,
    bucketNextDay: 'D121_PLUS',
  },
  // One day either side of the leap day: the leap day itself is counted.
  {
    ref: 'AGE-BEFORE-LEAP',
    dueDate: '2024-02-28',
    dpd: 1000,
    bucket: 'D121_PLUS',
    dpdNextDay: 1001,
    bucketNextDay: 'D121_PLUS',
  },
  {
    ref: 'AGE-AFTER-LEAP',
    dueDate: '2024-03-01',
    dpd: 998,
    bucket: 'D121_PLUS',
    dpdNextDay: 999,
    bucketNextDay: 'D121_PLUS',
  },
  // The oldest storable date: 2025 years of 365 days + 491 leap days (506 multiples of 4 up to 2024, less the 15
  // century years not divisible by 400) to 2026-01-01, then 304 days to Nov 1 and 23 more: 739,943.
  {
    ref: 'AGE-YEAR-1',
    dueDate: '0001-01-01',
    dpd: 739_943,
    bucket: 'D121_PLUS',
    dpdNextDay: 739_944,
    bucketNextDay: 'D121_PLUS',
  },
  // The next leap day, still in the future.
  { ref: 'AGE-2028-LEAP', dueDate: '2028-02-29', dpd: 0, bucket: 'CURRENT', dpdNextDay: 0, bucketNextDay: 'CURRENT' },
  { ref: 'AGE-2028-FEB28', dueDate: '2028-02-28', dpd: 0, bucket: 'CURRENT', dpdNextDay: 0, bucketNextDay: 'CURRENT' },
];

const BUCKETS = ['CURRENT', 'D1_30', 'D31_60', 'D61_90', 'D91_120', 'D121_PLUS'];

const AGING = `query ($filter: AccountFilter) {
  accounts(filter: $filter, first: 500) {
    totalCount
    edges { node { externalRef dueDate daysPastDue bucket } }
  }
}`;

interface AgingNode {
  externalRef: string;
  dueDate: string;
  daysPastDue: number;
  bucket: string;
}

describe('days past due and aging buckets', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    await importAccounts(
      api,
      CASES.map((c) => accountRow({ externalRef: c.ref, dueDate: c.dueDate })),
    );
  });
  afterAll(() => api.close());
  afterEach(() => api.clock.set(TEST_NOW));

  async function aging(filter: Record<string, unknown> | null = null) {
    const data = await api.ok<{ accounts: { totalCount: number; edges: { node: AgingNode }[] } }>(AGING, { filter });
    return { totalCount: data.accounts.totalCount, nodes: data.accounts.edges.map((edge) => edge.node) };
  }

  async function refs(filter: Record<string, unknown>): Promise<string[]> {
    const { totalCount, nodes } = await aging(filter);
    expect(totalCount).toBe(nodes.length);
    return nodes.map((node) => node.externalRef).sort();
  }

  const refsWhere = (predicate: (c: AgingCase) => boolean) =>
    CASES.filter(predicate)
      .map((c) => c.ref)
      .sort();

  it('gives each account the DPD and bucket counted by hand for 2026-11-24', async () => {
    const { nodes } = await aging();
    expect(nodes).toHaveLength(CASES.length);
    const byRef = new Map(nodes.map((node) => [node.externalRef, node]));
    for (const c of CASES) {
      expect(byRef.get(c.ref), c.ref).toEqual({
        externalRef: c.ref,
        dueDate: c.dueDate,
        daysPastDue: c.dpd,
        bucket: c.bucket,
      });
    }
  });

  it('filters by each bucket, and by several, returning exactly the accounts in them', async () => {
    for (const bucket of BUCKETS) {
      expect(await refs({ buckets: [bucket] }), bucket).toEqual(refsWhere((c) => c.bucket === bucket));
    }
    expect(await refs({ buckets: ['D1_30', 'D121_PLUS'] })).toEqual(
      refsWhere((c) => c.bucket === 'D1_30' || c.bucket === 'D121_PLUS'),
    );
    expect(await refs({ buckets: BUCKETS })).toEqual(refsWhere(() => true));
  });

  it('filters by minDaysPastDue / maxDaysPastDue inclusively', async () => {
    const ranges: [number | null, number | null][] = [
      [31, 90],
      [30, 31],
      [121, null],
      [null, 30],
      [0, 0],
      [1, null],
      [999, 999],
      [1000, null],
      [401, 997],
    ];
    for (const [min, max] of ranges) {
      const filter: Record<string, unknown> = {};
      if (min !== null) filter.minDaysPastDue = min;
      if (max !== null) filter.maxDaysPastDue = max;
      const expected = refsWhere((c) => (min === null || c.dpd >= min) && (max === null || c.dpd <= max));
      expect(await refs(filter), JSON.stringify(filter)).toEqual(expected);
    }
  });

  it('rejects a negative or inverted DPD range, naming the field', async () => {
    expectError(await api.gql(AGING, { filter: { minDaysPastDue: -1 } }), 'BAD_USER_INPUT', 'filter.minDaysPastDue');
    expectError(await api.gql(AGING, { filter: { maxDaysPastDue: -5 } }), 'BAD_USER_INPUT', 'filter.maxDaysPastDue');
    expectError(
      await api.gql(AGING, { filter: { minDaysPastDue: 60, maxDaysPastDue: 31 } }),
      'BAD_USER_INPUT',
      'filter.minDaysPastDue',
    );
  });

  it('answers DPD bounds beyond any storable due date (0001-01-01 is 739,943 days back) instead of failing', async () => {
    const all = refsWhere(() => true);
    expect(await refs({ maxDaysPastDue: 2_147_483_647 })).toEqual(all);
    expect(await refs({ minDaysPastDue: 121, maxDaysPastDue: 2_147_483_647 })).toEqual(refsWhere((c) => c.dpd >= 121));
    expect(await refs({ minDaysPastDue: 739_943 })).toEqual(['AGE-YEAR-1']);
    expect(await refs({ minDaysPastDue: 739_944 })).toEqual([]);
    expect(await refs({ minDaysPastDue: 1_000_000 })).toEqual([]);
    expect(await refs({ minDaysPastDue: 800_000, maxDaysPastDue: 900_000 })).toEqual([]);
  });

  it('keeps the business date until midnight in Lima (04:30Z on the 25th is 23:30 on the 24th)', async () => {
    api.clock.set(new Date('2026-11-25T04:30:00.000Z'));
    const { nodes } = await aging();
    const byRef = new Map(nodes.map((node) => [node.externalRef, node]));
    for (const c of CASES) {
      expect(byRef.get(c.ref)?.daysPastDue, c.ref).toBe(c.dpd);
      expect(byRef.get(c.ref)?.bucket, c.ref).toBe(c.bucket);
    }
  });

  it('ages every overdue account by one day after midnight in Lima, moving accounts across buckets', async () => {
    // 05:30Z is 00:30 on Wednesday 2026-11-25 in Lima.
    api.clock.set(new Date('2026-11-25T05:30:00.000Z'));
    const { nodes } = await aging();
    const byRef = new Map(nodes.map((node) => [node.externalRef, node]));
    for (const c of CASES) {
      expect(byRef.get(c.ref)?.daysPastDue, c.ref).toBe(c.dpdNextDay);
      expect(byRef.get(c.ref)?.bucket, c.ref).toBe(c.bucketNextDay);
    }
    // AGE-30 crossed from D1_30 into D31_60; the filters follow the new date too.
    expect(await refs({ buckets: ['D31_60'] })).toEqual(refsWhere((c) => c.bucketNextDay === 'D31_60'));
    expect(await refs({ buckets: ['D31_60'] })).toContain('AGE-30');
    expect(await refs({ buckets: ['D1_30'] })).not.toContain('AGE-30');
    expect(await refs({ minDaysPastDue: 31, maxDaysPastDue: 31 })).toEqual(['AGE-30']);
    expect(await refs({ buckets: ['CURRENT'] })).toEqual(refsWhere((c) => c.bucketNextDay === 'CURRENT'));
  });

  it('counts 29 February in a leap year (2028-03-01)', async () => {
    api.clock.set(new Date('2028-03-01T15:00:00.000Z'));
    const { nodes } = await aging();
    const byRef = new Map(nodes.map((node) => [node.externalRef, node]));
    // Feb 29 → Mar 1 is one day; Feb 28 → Mar 1 is two, because 2028 has a 29 February.
    expect(byRef.get('AGE-2028-LEAP')).toMatchObject({ daysPastDue: 1, bucket: 'D1_30' });
    expect(byRef.get('AGE-2028-FEB28')).toMatchObject({ daysPastDue: 2, bucket: 'D1_30' });
    // 2024-02-29 → 2028-02-29 is four years holding one extra leap day (2028's own): 4 × 365 + 1 = 1461; + 1.
    expect(byRef.get('AGE-LEAP-DAY')).toMatchObject({ daysPastDue: 1462, bucket: 'D121_PLUS' });
  });

  it('refuses a due date on a 29 February that does not exist, writing nothing', async () => {
    const before = await countRows(api, ['account', 'debtor']);
    const response = await tryImportAccounts(api, [accountRow(), accountRow({ dueDate: '2027-02-29' })]);
    const error = expectError(response, 'BAD_USER_INPUT');
    expect(error.message).toContain('accounts[1].dueDate');
    expect(await countRows(api, ['account', 'debtor'])).toEqual(before);
  });
});
