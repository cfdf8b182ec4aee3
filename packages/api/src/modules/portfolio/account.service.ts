import type { EntityManager } from '@mikro-orm/postgresql';
import type { IsoDate } from '@recupera/shared';
import { badInput } from '../../core/errors.ts';
import { decodeCursor, encodeCursor } from '../../core/pagination.ts';
import { Campaign } from '../campaigns/campaign.entity.ts';
import { WorkQueue } from '../queues/work-queue.entity.ts';
import { Account } from './account.entity.ts';
import type { AccountConnection } from './account-connection.type.ts';
import { accountWhere, type AccountFilterData } from './account-filter.ts';
import { isUuid } from '../../core/ids.ts';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/**
 * Accounts in `id` order (UUIDv7: creation order), with keyset pagination. Rows inserted while a client
 * pages get larger ids, so they land after its cursor: every account existing when paging began is
 * returned exactly once.
 */
export async function listAccounts(
  em: EntityManager,
  businessDate: IsoDate,
  args: { filter?: AccountFilterData | null; first?: number | null; after?: string | null },
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
  const rows = await em.find(Account, page, {
    orderBy: { id: 'asc' },
    limit: first + 1,
    populate: ['debtor', 'agency'],
  });
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(node.id), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    countTotal: () => em.count(Account, where),
  };
}

/** Null when the id is unknown or not visible to the caller's agency: the two cases look the same. */
export async function findAccount(em: EntityManager, id: string): Promise<Account | null> {
  if (!isUuid(id)) return null;
  return em.findOne(Account, { id }, { populate: ['debtor', 'agency'] });
}
