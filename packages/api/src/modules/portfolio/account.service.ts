import type { EntityManager } from '@mikro-orm/postgresql';
import type { IsoDate } from '@recupera/shared';
import { badInput } from '../../core/errors.ts';
import { decodeCursor, encodeCursor } from '../../core/pagination.ts';
import { Campaign } from '../campaigns/campaign.entity.ts';
import { WorkQueue } from '../queues/work-queue.entity.ts';
import { Account } from './account.entity.ts';
import type { AccountConnection } from './account-connection.type.ts';
import { readAccountRows, type AccountNode } from './account-rows.ts';
import { accountWhere, boundsDueDateOnly, type AccountFilterData } from './account-filter.ts';
import type { FilterQuery } from '@mikro-orm/core';
import type { QBFilterQuery } from '@mikro-orm/postgresql';
import { isUuid } from '../../core/ids.ts';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;
/** Matches a page's due-date probe reads at most before it leaves the page to the primary key (see listAccounts). */
const DUE_DATE_PROBE_ROWS = 2_000;

/**
 * Accounts in `id` order (UUIDv7: creation order), with keyset pagination. Rows inserted while a client
 * pages get larger ids, so they land after its cursor: every account existing when paging began is
 * returned exactly once. `read`: entities, or plain rows when the query asks nothing more of the nodes (see
 * account-rows.ts).
 */
export async function listAccounts(
  em: EntityManager,
  businessDate: IsoDate,
  args: { filter?: AccountFilterData | null; first?: number | null; after?: string | null },
  read: 'rows' | 'entities' = 'entities',
): Promise<AccountConnection> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badInput('first', `must be between 0 and ${MAX_PAGE_SIZE}`);
  }
  let afterId: string | null = null;
  if (args.after) {
    afterId = decodeCursor(args.after);
    if (!afterId || !isUuid(afterId)) throw badInput('after', 'is not a cursor returned by this API');
  }
  // A campaign or queue the caller cannot see (another tenant's) matches nothing, exactly like an unknown one: the
  // membership semi-join of the filter is plain SQL, so visibility is asked of the scoped EntityManager first.
  const hidden =
    (args.filter?.campaignId &&
      isUuid(args.filter.campaignId) &&
      !(await em.count(Campaign, { id: args.filter.campaignId }))) ||
    (args.filter?.queueId && isUuid(args.filter.queueId) && !(await em.count(WorkQueue, { id: args.filter.queueId })));
  const checked = accountWhere(args.filter, businessDate);
  const where = hidden ? { $and: [checked, { id: null }] } : checked;
  const page = afterId ? { $and: [where, { id: { $gt: afterId } }] } : where;
  // One row more than asked tells whether a next page exists, with `first: 0` too (Relay: hasNextPage is true
  // while rows remain after the cursor), so a client asking only for totalCount is not told the list has ended.
  const probed =
    !hidden && boundsDueDateOnly(args.filter, businessDate) ? await probeByDueDate(em, page, first + 1) : null;
  const wanted: FilterQuery<Account> = probed ? { id: { $in: probed } } : page;
  const rows: AccountNode[] =
    probed?.length === 0
      ? []
      : read === 'rows'
        ? await readAccountRows(em, wanted, first + 1)
        : await em.find(Account, wanted, { orderBy: { id: 'asc' }, limit: first + 1, populate: ['debtor', 'agency'] });
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(node.id), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    countTotal: () => em.count(Account, where),
  };
}

/**
 * A page walks the primary key in id order until it has its rows: quick while matches are common, a walk of the
 * whole table when they are rare or absent — an agency asking for a bucket it holds nothing in, say — and the
 * planner cannot tell the two apart (it takes the agency and the due date as independent; extended statistics
 * do not fix range conditions). So a filter bounded by a due-date range first reads up to DUE_DATE_PROBE_ROWS
 * matching ids from a covering index in due-date order (index-only), which costs what it finds: fewer than that, and
 * they are every match (the page is theirs, `limit` of them in id order); as many, and matches are common enough for
 * the walk (null). PostgreSQL counts and sorts them, so only the page's ids come back to the API, not up to 2,000.
 */
async function probeByDueDate(em: EntityManager, page: FilterQuery<Account>, limit: number): Promise<string[] | null> {
  // Under the request's agency scope like a find: the builder's filters are applied before its SQL is taken.
  const probe = em
    .createQueryBuilder(Account, 'a')
    .select('id')
    .where(page as QBFilterQuery<Account, 'a'>)
    .orderBy({ dueDate: 'asc' })
    .limit(DUE_DATE_PROBE_ROWS + 1);
  await probe.applyFilters();
  const { sql, params } = probe.toQuery();
  const [found] = await em.execute<{ matches: string; ids: string[] }[]>(
    `with probe as materialized (${sql})
     select (select count(*) from probe) as matches, array(select id from probe order by id limit ?) as ids`,
    [...params, limit],
  );
  return Number(found!.matches) > DUE_DATE_PROBE_ROWS ? null : found!.ids;
}

/** Null when the id is unknown or not visible to the caller's agency: the two cases look the same. */
export async function findAccount(em: EntityManager, id: string): Promise<Account | null> {
  if (!isUuid(id)) return null;
  return em.findOne(Account, { id }, { populate: ['debtor', 'agency'] });
}
