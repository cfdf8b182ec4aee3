import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  addDays,
  AGING_BUCKETS,
  dueDateRangeForBucket,
  isIsoDate,
  mergeDueDateRanges,
  PLACEMENT_STATUSES,
  type AgingBucket,
  type IsoDate,
  type PlacementStatus,
} from '@recupera/shared';
import { badInput } from '../../core/errors.ts';
import { isUuid } from '../../core/ids.ts';
import { decodeCursor, encodeCursor } from '../../core/pagination.ts';
import { PlacementExtensionRequest } from './placement-extension-request.entity.ts';
import { Placement } from './placement.entity.ts';
import type { PlacementConnection, PlacementSummary } from './placement.types.ts';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;
export const RECALL_SOON_DAYS = 7;

export interface PlacementsArgs {
  agencyId?: string | null;
  status?: PlacementStatus | null;
  first?: number | null;
  after?: string | null;
  recallBy?: IsoDate | null;
  buckets?: AgingBucket[] | null;
}

/**
 * Placements in creation order (UUIDv7 ids), keyset-paginated, through the caller's scoped EntityManager: an agency
 * sees its own placements of the accounts it holds (core/database/agency-scope.ts). `recallBy` keeps those with a
 * recall date on or before it; `buckets` those whose account is in one of the buckets today.
 */
export async function listPlacements(
  em: EntityManager,
  businessDate: IsoDate,
  args: PlacementsArgs,
): Promise<PlacementConnection> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badInput('first', `must be between 0 and ${MAX_PAGE_SIZE}`);
  }
  const parts: FilterQuery<Placement>[] = [];
  if (args.agencyId) {
    if (!isUuid(args.agencyId)) throw badInput('agencyId', 'is not a valid id');
    parts.push({ agency: args.agencyId });
  }
  if (args.status) {
    if (!PLACEMENT_STATUSES.includes(args.status)) throw badInput('status', `unknown status ${args.status}`);
    parts.push({ status: args.status });
  }
  if (args.recallBy) {
    if (!isIsoDate(args.recallBy)) throw badInput('recallBy', 'must be a date YYYY-MM-DD');
    parts.push({ recallDate: { $ne: null, $lte: args.recallBy } });
  }
  if (args.buckets?.length) {
    for (const bucket of args.buckets) {
      if (!AGING_BUCKETS.includes(bucket)) throw badInput('buckets', `unknown bucket ${bucket}`);
    }
    const ranges = mergeDueDateRanges(args.buckets.map((bucket) => dueDateRangeForBucket(bucket, businessDate)));
    parts.push({
      $or: ranges.map((range) => ({
        account: { dueDate: { ...(range.from ? { $gte: range.from } : {}), ...(range.to ? { $lte: range.to } : {}) } },
      })),
    });
  }
  let afterId: string | null = null;
  if (args.after) {
    afterId = decodeCursor(args.after);
    if (!afterId || !isUuid(afterId)) throw badInput('after', 'is not a cursor returned by this API');
  }
  const where: FilterQuery<Placement> = parts.length ? { $and: parts } : {};
  const rows = await em.find(Placement, afterId ? { $and: [where, { id: { $gt: afterId } }] } : where, {
    orderBy: { id: 'asc' },
    limit: first + 1,
    populate: ['account', 'account.debtor', 'agency'],
  });
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(node.id), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    countTotal: () => em.count(Placement, where),
  };
}

/** Counts for one agency (or every agency the caller sees): active, due back within 7 days, requests waiting. */
export async function placementSummary(
  em: EntityManager,
  businessDate: IsoDate,
  agencyId: string | null,
): Promise<PlacementSummary> {
  // As listPlacements: a malformed id is the caller's mistake, never a PostgreSQL type error (found by fuzzing).
  if (agencyId && !isUuid(agencyId)) throw badInput('agencyId', 'is not a valid id');
  const agency = agencyId ? { agency: agencyId } : {};
  const soon = addDays(businessDate, RECALL_SOON_DAYS - 1);
  const active = await em.count(Placement, { ...agency, status: 'ACTIVE' });
  const recallsDueIn7Days = await em.count(Placement, {
    ...agency,
    status: 'ACTIVE',
    recallDate: { $ne: null, $lte: soon },
  });
  const pendingExtensionRequests = await em.count(PlacementExtensionRequest, {
    status: 'PENDING',
    placement: { ...agency, status: 'ACTIVE' },
  });
  return { active, recallsDueIn7Days, pendingExtensionRequests };
}
