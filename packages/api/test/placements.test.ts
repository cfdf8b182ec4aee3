import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountRow,
  countRows,
  createPartnerAgencies,
  createApiKey,
  expectError,
  importAccounts,
  sqlIds,
  type AgencyData,
} from './support/fixtures.ts';
import { sql, startTestApi, TEST_NOW, type TestApi } from './support/test-api.ts';
import { recallDuePlacements } from '../src/modules/placements/placement-recall.service.ts';

/**
 * Placements (docs/agencies.md): terms, history, recall, return, extensions and the automatic recall. Expectations
 * are read back from the tables with plain SQL.
 */
const PLACE = `mutation ($filter: AccountFilter!, $agencyId: ID!, $days: Int, $rate: String) {
  placeAccounts(filter: $filter, agencyId: $agencyId, recallAfterDays: $days, commissionRate: $rate)
}`;
const RECALL = `mutation ($filter: AccountFilter!, $agencyId: ID!) { recallAccounts(filter: $filter, agencyId: $agencyId) }`;
const PLACEMENTS = `query ($agencyId: ID, $status: PlacementStatus, $recallBy: Date, $buckets: [AgingBucket!], $first: Int, $after: String) {
  placements(agencyId: $agencyId, status: $status, recallBy: $recallBy, buckets: $buckets, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id status recallDate commissionRate placedAt endedAt endReason account { id } agency { id } } }
  }
}`;

type PlacementRow = {
  account_id: string;
  agency_id: string;
  status: string;
  recall_date: string | null;
  rate: string;
  end_reason: string | null;
};

describe('placements', () => {
  let api: TestApi;
  let agencyA: AgencyData;
  let agencyB: AgencyData;
  let keyA: string;
  let manager: string;

  const rows = (accountId: string) =>
    sql<PlacementRow>(
      api,
      `select account_id, agency_id, status, to_char(recall_date, 'YYYY-MM-DD') as recall_date,
              commission_rate::text as rate, end_reason
         from placement where account_id = ? order by placed_at, id`,
      [accountId],
    );
  const idOf = async (name: string) =>
    (await sqlIds(api, 'select a.id from account a join debtor d on d.id = a.debtor_id where d.name = ?', [name]))[0]!;

  beforeAll(async () => {
    api = await startTestApi();
    ({ agencyA, agencyB } = await createPartnerAgencies(api));
    keyA = await createApiKey(api, 'AGENCY', agencyA.id);
    manager = await createApiKey(api, 'MANAGER');
    await importAccounts(api, [
      accountRow({ debtorName: 'Tres Veces', dueDate: '2026-11-10' }),
      accountRow({ debtorName: 'Vuelve Sola', dueDate: '2026-09-01' }),
      accountRow({ debtorName: 'Devuelta', dueDate: '2026-09-01' }),
      accountRow({ debtorName: 'Extendida', dueDate: '2026-06-01' }),
      accountRow({ debtorName: 'Pagada', balance: '0' }),
    ]);
  });
  afterAll(() => api.close());

  it('refuses bad terms with BAD_USER_INPUT naming the field, changing nothing', async () => {
    const before = await countRows(api, ['placement', 'domain_event']);
    const filter = { search: 'Tres Veces' };
    for (const [variables, field] of [
      [{ rate: '1' }, 'commissionRate'],
      [{ rate: '0.12345' }, 'commissionRate'],
      [{ rate: '-0.1' }, 'commissionRate'],
      [{ rate: '15%' }, 'commissionRate'],
      [{ days: 0 }, 'recallAfterDays'],
      [{ days: 3651 }, 'recallAfterDays'],
    ] as const) {
      expectError(
        await api.gql(PLACE, { filter, agencyId: agencyA.id, ...variables }, manager),
        'BAD_USER_INPUT',
        field,
      );
    }
    expect(await countRows(api, ['placement', 'domain_event'])).toEqual(before);
  });

  it('keeps every placement of an account: placed three times, three rows, the earlier ones ended', async () => {
    const id = await idOf('Tres Veces');
    const place = (agencyId: string, days: number | null, rate: string | null) =>
      api.ok<{ placeAccounts: number }>(PLACE, { filter: { search: 'Tres Veces' }, agencyId, days, rate }, manager);
    expect((await place(agencyA.id, 30, '0.15')).placeAccounts).toBe(1);
    // Placed with the same agency again: it keeps its placement.
    expect((await place(agencyA.id, 60, '0.2')).placeAccounts).toBe(0);
    expect((await place(agencyB.id, null, null)).placeAccounts).toBe(1);
    expect((await place(agencyA.id, 10, '0.0825')).placeAccounts).toBe(1);
    expect(await rows(id)).toEqual([
      {
        account_id: id,
        agency_id: agencyA.id,
        status: 'RECALLED',
        recall_date: '2026-12-24',
        rate: '0.1500',
        end_reason: 'REPLACED',
      },
      {
        account_id: id,
        agency_id: agencyB.id,
        status: 'RECALLED',
        recall_date: null,
        rate: '0.0000',
        end_reason: 'REPLACED',
      },
      {
        account_id: id,
        agency_id: agencyA.id,
        status: 'ACTIVE',
        recall_date: '2026-12-04',
        rate: '0.0825',
        end_reason: null,
      },
    ]);
    const [account] = await sql<{ agency_id: string }>(api, 'select agency_id from account where id = ?', [id]);
    expect(account!.agency_id).toBe(agencyA.id);
    // The agency sees its own placements of the account it holds now, the earlier one with it included.
    const { placements } = await api.ok<{
      placements: { totalCount: number; edges: { node: Record<string, unknown> }[] };
    }>(PLACEMENTS, {}, keyA);
    expect(placements.edges.map((edge) => [edge.node.status, edge.node.commissionRate, edge.node.recallDate])).toEqual([
      ['RECALLED', '0.15', '2026-12-24'],
      ['ACTIVE', '0.0825', '2026-12-04'],
    ]);
    expect(placements.totalCount).toBe(2);
  });

  it('never places a settled account', async () => {
    const data = await api.ok<{ placeAccounts: number }>(
      PLACE,
      { filter: { search: 'Pagada' }, agencyId: agencyB.id },
      manager,
    );
    expect(data.placeAccounts).toBe(0);
  });

  it('recalls on a manager’s word: the account comes back in-house', async () => {
    const id = await idOf('Tres Veces');
    expect(
      (
        await api.ok<{ recallAccounts: number }>(
          RECALL,
          { filter: { search: 'Tres Veces' }, agencyId: agencyB.id },
          manager,
        )
      ).recallAccounts,
    ).toBe(0);
    expect(
      (
        await api.ok<{ recallAccounts: number }>(
          RECALL,
          { filter: { search: 'Tres Veces' }, agencyId: agencyA.id },
          manager,
        )
      ).recallAccounts,
    ).toBe(1);
    expect((await rows(id)).at(-1)).toMatchObject({ status: 'RECALLED', end_reason: 'MANAGER_RECALL' });
    const [account] = await sql<{ agency_id: string | null }>(api, 'select agency_id from account where id = ?', [id]);
    expect(account!.agency_id).toBeNull();
    expectError(await api.gql(RECALL, { filter: {}, agencyId: agencyA.id }, keyA), 'FORBIDDEN');
  });

  it('lets the agency return an account with a coded reason, and not another agency’s', async () => {
    const id = await idOf('Devuelta');
    await api.ok(PLACE, { filter: { search: 'Devuelta' }, agencyId: agencyB.id, days: 90, rate: '0.1' }, manager);
    const RETURN = `mutation ($accountId: ID!, $reason: ReturnReason!, $note: String) {
      returnAccount(accountId: $accountId, reason: $reason, note: $note) { id accountId status endReason }
    }`;
    expectError(await api.gql(RETURN, { accountId: id, reason: 'DECEASED' }, keyA), 'NOT_FOUND', 'accountId');
    const keyB = await createApiKey(api, 'AGENCY', agencyB.id);
    expectError(await api.gql(RETURN, { accountId: id, reason: 'OTHER' }, keyB), 'BAD_USER_INPUT', 'note');
    const { returnAccount } = await api.ok<{ returnAccount: Record<string, unknown> }>(
      RETURN,
      { accountId: id, reason: 'CANNOT_LOCATE', note: 'Sin domicilio conocido' },
      keyB,
    );
    expect(returnAccount).toMatchObject({ accountId: id, status: 'RETURNED', endReason: 'CANNOT_LOCATE' });
    expect((await rows(id)).at(-1)).toMatchObject({ status: 'RETURNED', end_reason: 'CANNOT_LOCATE' });
    expect(await api.ok('query ($id: ID!) { account(id: $id) { id } }', { id }, keyB)).toEqual({ account: null });
  });

  it('extends on request: the agency asks with a reason, a manager approves or refuses', async () => {
    const id = await idOf('Extendida');
    await api.ok(PLACE, { filter: { search: 'Extendida' }, agencyId: agencyA.id, days: 5, rate: '0.2' }, manager);
    const { placements } = await api.ok<{ placements: { edges: { node: { id: string; recallDate: string } }[] } }>(
      PLACEMENTS,
      { status: 'ACTIVE', recallBy: '2026-11-30' },
      keyA,
    );
    const placement = placements.edges.find((edge) => edge.node.recallDate === '2026-11-29')!.node;
    const REQUEST = `mutation ($placementId: ID!, $days: Int!, $reason: String!) {
      requestPlacementExtension(placementId: $placementId, days: $days, reason: $reason) { id status days reason }
    }`;
    const DECIDE = `mutation ($requestId: ID!, $approve: Boolean!) {
      decidePlacementExtension(requestId: $requestId, approve: $approve) { id status placement { recallDate } }
    }`;
    expectError(
      await api.gql(REQUEST, { placementId: placement.id, days: 10, reason: ' ' }, keyA),
      'BAD_USER_INPUT',
      'reason',
    );
    const first = await api.ok<{ requestPlacementExtension: { id: string } }>(
      REQUEST,
      { placementId: placement.id, days: 10, reason: 'Convenio de pago en trámite' },
      keyA,
    );
    expectError(
      await api.gql(REQUEST, { placementId: placement.id, days: 3, reason: 'Otra vez' }, keyA),
      'CONFLICT',
      'placementId',
    );
    expectError(
      await api.gql(DECIDE, { requestId: first.requestPlacementExtension.id, approve: true }, keyA),
      'FORBIDDEN',
    );
    const approved = await api.ok<{ decidePlacementExtension: { status: string; placement: { recallDate: string } } }>(
      DECIDE,
      { requestId: first.requestPlacementExtension.id, approve: true },
      manager,
    );
    expect(approved.decidePlacementExtension).toEqual({
      id: first.requestPlacementExtension.id,
      status: 'APPROVED',
      placement: { recallDate: '2026-12-09' },
    });
    const second = await api.ok<{ requestPlacementExtension: { id: string } }>(
      REQUEST,
      { placementId: placement.id, days: 30, reason: 'Más tiempo' },
      keyA,
    );
    const refused = await api.ok<{ decidePlacementExtension: { status: string; placement: { recallDate: string } } }>(
      DECIDE,
      { requestId: second.requestPlacementExtension.id, approve: false },
      manager,
    );
    expect(refused.decidePlacementExtension.status).toBe('REFUSED');
    expect((await rows(id)).at(-1)!.recall_date).toBe('2026-12-09');
    // A manager moves it directly too, only later.
    const EXTEND = `mutation ($id: ID!, $recallDate: Date!) { extendPlacement(id: $id, recallDate: $recallDate) { recallDate } }`;
    expectError(
      await api.gql(EXTEND, { id: placement.id, recallDate: '2026-12-01' }, manager),
      'BAD_USER_INPUT',
      'recallDate',
    );
    expect(await api.ok(EXTEND, { id: placement.id, recallDate: '2026-12-20' }, manager)).toEqual({
      extendPlacement: { recallDate: '2026-12-20' },
    });
    // A malformed id, an unknown one and another agency's placement are all simply not found, on their own field.
    for (const bad of ['not-a-uuid', '01900000-0000-7000-8000-000000000000']) {
      expectError(await api.gql(EXTEND, { id: bad, recallDate: '2026-12-31' }, manager), 'NOT_FOUND', 'id');
      expectError(
        await api.gql(REQUEST, { placementId: bad, days: 5, reason: 'Otra' }, keyA),
        'NOT_FOUND',
        'placementId',
      );
      expectError(await api.gql(DECIDE, { requestId: bad, approve: true }, manager), 'NOT_FOUND', 'requestId');
    }
    const keyB = await createApiKey(api, 'AGENCY', agencyB.id);
    expectError(
      await api.gql(REQUEST, { placementId: placement.id, days: 5, reason: 'Ajena' }, keyB),
      'NOT_FOUND',
      'placementId',
    );
    const events = await sql<{ type: string }>(
      api,
      `select type from domain_event where type like 'PlacementExten%' order by id`,
    );
    expect(events.map((event) => event.type)).toEqual([
      'PlacementExtensionRequested',
      'PlacementExtended',
      'PlacementExtensionDecided',
      'PlacementExtensionRequested',
      'PlacementExtensionDecided',
      'PlacementExtended',
    ]);
  });

  it('recalls by itself on the recall date, exactly once across concurrent runs', async () => {
    const id = await idOf('Vuelve Sola');
    await api.ok(PLACE, { filter: { search: 'Vuelve Sola' }, agencyId: agencyB.id, days: 3, rate: '0.1' }, manager);
    // The day before: nothing is due.
    api.clock.set(new Date(TEST_NOW.getTime() + 2 * 86_400_000));
    expect(await recallDuePlacements(api.orm, api.clock)).toBe(0);
    // On the recall date, four sweeps at once (instances, retries) end it once.
    api.clock.set(new Date(TEST_NOW.getTime() + 3 * 86_400_000));
    const due = await sql<{ n: number }>(
      api,
      `select count(*)::int as n from placement where status = 'ACTIVE' and recall_date <= '2026-11-27'`,
    );
    const runs = await Promise.all(Array.from({ length: 4 }, () => recallDuePlacements(api.orm, api.clock, 1)));
    expect(runs.reduce((sum, n) => sum + n, 0)).toBe(due[0]!.n);
    expect((await rows(id)).at(-1)).toMatchObject({ status: 'RECALLED', end_reason: 'RECALL_DATE_REACHED' });
    const [account] = await sql<{ agency_id: string | null }>(api, 'select agency_id from account where id = ?', [id]);
    expect(account!.agency_id).toBeNull();
    const ended = await sql<{ n: number }>(
      api,
      `select count(*)::int as n from domain_event where type = 'PlacementsEnded' and payload->>'reason' = 'RECALL_DATE_REACHED'
          and (payload::jsonb -> 'accountIds') @> jsonb_build_array(?::text)`,
      [id],
    );
    expect(ended[0]!.n).toBe(1);
    api.clock.set(TEST_NOW);
  });

  it('pages placements in creation order and filters them by bucket', async () => {
    const all = await sqlIds(api, 'select id from placement');
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: {
        placements: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
      } = await api.ok(PLACEMENTS, { first: 2, after }, manager);
      const { placements } = page;
      seen.push(...placements.edges.map((edge) => edge.node.id));
      if (!placements.pageInfo.hasNextPage) break;
      after = placements.pageInfo.endCursor;
    }
    expect([...seen].sort()).toEqual(all);
    const old = await api.ok<{ placements: { edges: { node: { account: { id: string } } }[] } }>(
      PLACEMENTS,
      { buckets: ['D121_PLUS'] },
      manager,
    );
    const extendida = await idOf('Extendida');
    expect(new Set(old.placements.edges.map((edge) => edge.node.account.id))).toEqual(new Set([extendida]));
  });
});
