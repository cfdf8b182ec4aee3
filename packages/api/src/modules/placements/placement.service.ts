import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { IsoDate } from '@recupera/shared';
import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../../core/clock.ts';
import { runSql } from '../../core/database/sql.ts';
import { recordEvent } from '../../core/events/record-event.ts';
import type { Principal } from '../../core/principal.ts';
import { getVisibleAgency } from '../agencies/agency.service.ts';
import { accountWhere, type AccountFilterData } from '../portfolio/account-filter.ts';
import { Account } from '../portfolio/account.entity.ts';
import { changeHolder } from './holder-change.ts';
import { checkPlacementTerms } from './placement-terms.ts';

/** Accounts handled per statement: a million-account placement never holds them all in memory. */
export const PLACEMENT_BATCH = 5_000;

const uuidArray = (ids: readonly string[]) => `{${ids.join(',')}}`;

interface EndedRow {
  id: string;
  account_id: string;
  agency_id: string;
}

/** Records one PlacementsEnded event per agency of `rows`. */
export function recordEnded(
  tx: EntityManager,
  actor: string,
  rows: EndedRow[],
  ending: { status: 'RECALLED' | 'RETURNED'; reason: 'MANAGER_RECALL' | 'REPLACED' | 'RECALL_DATE_REACHED' },
): void {
  const byAgency = new Map<string, EndedRow[]>();
  for (const row of rows) byAgency.set(row.agency_id, [...(byAgency.get(row.agency_id) ?? []), row]);
  for (const [agencyId, ended] of byAgency) {
    recordEvent(tx, {
      type: 'PlacementsEnded',
      aggregateId: agencyId,
      actor,
      payload: {
        agencyId,
        status: ending.status,
        reason: ending.reason,
        placementIds: ended.map((row) => row.id),
        accountIds: ended.map((row) => row.account_id),
      },
    });
  }
}

/** Walks the accounts matching `where` in id order, a batch at a time, handing each batch's ids to `each`. */
async function inBatches(
  tx: EntityManager,
  where: FilterQuery<Account>,
  each: (ids: string[]) => Promise<void>,
): Promise<number> {
  let lastId: string | null = null;
  let total = 0;
  for (;;) {
    const page: { id: string }[] = await tx.find(Account, lastId ? { $and: [where, { id: { $gt: lastId } }] } : where, {
      fields: ['id'],
      orderBy: { id: 'asc' },
      limit: PLACEMENT_BATCH,
    });
    if (page.length === 0) return total;
    lastId = page.at(-1)!.id;
    total += page.length;
    await each(page.map((row) => row.id));
  }
}

/**
 * Places the accounts matching `filter` with an agency, on terms (docs/agencies.md): a recall date `recallAfterDays`
 * business days after today (none: open-ended) and a commission rate (default 0). An account placed elsewhere has
 * that placement ended first (RECALLED, REPLACED), then changes holder (out of the previous holder's queues).
 * Settled accounts (PAID, WRITTEN_OFF) are never placed, and one already placed with this agency keeps its placement.
 * Returns how many accounts were placed. All or nothing, in one transaction.
 */
export async function placeAccounts(
  em: EntityManager,
  actor: Principal,
  time: { clock: Clock; businessDate: IsoDate },
  filter: AccountFilterData,
  agencyId: string,
  input: { recallAfterDays?: number | null; commissionRate?: string | null } = {},
): Promise<number> {
  const terms = checkPlacementTerms(input, time.businessDate);
  const where: FilterQuery<Account> = {
    $and: [
      accountWhere(filter, time.businessDate),
      { status: { $nin: ['PAID', 'WRITTEN_OFF'] as const } },
      { $or: [{ agency: null }, { agency: { $ne: agencyId } }] },
    ],
  };
  return em.transactional(async (tx) => {
    const agency = await getVisibleAgency(tx, agencyId);
    const now = time.clock.now();
    let replaced = 0;
    const placedIds: string[] = [];
    const placed = await inBatches(tx, where, async (ids) => {
      placedIds.push(...ids);
      const ended = await runSql<EndedRow>(
        tx,
        `update placement set status = 'RECALLED', ended_at = ?, end_reason = 'REPLACED'
          where account_id = any(?::uuid[]) and status = 'ACTIVE'
          returning id, account_id, agency_id`,
        [now, uuidArray(ids)],
      );
      replaced += ended.length;
      recordEnded(tx, actor.actor, ended, { status: 'RECALLED', reason: 'REPLACED' });
      await changeHolder(tx, { accountIds: ids, to: agency, reason: 'PLACED', now, actor: actor.actor });
      await runSql(
        tx,
        `insert into placement (id, account_id, agency_id, placed_at, recall_date, commission_rate, status)
         select placement.id, placement.account_id, ?::uuid, ?::timestamptz, ?::date, ?::numeric, 'ACTIVE'
           from unnest(?::uuid[], ?::uuid[]) as placement(id, account_id)`,
        [
          agency.id,
          now,
          terms.recallDate,
          terms.commissionRate,
          // UUIDv7 like every id: placements page in creation order.
          uuidArray(ids.map(() => uuidv7())),
          uuidArray(ids),
        ],
      );
    });
    recordEvent(tx, {
      type: 'AccountsPlaced',
      aggregateId: agency.id,
      actor: actor.actor,
      payload: {
        filter: { ...filter },
        count: placed,
        recallDate: terms.recallDate,
        commissionRate: terms.commissionRate,
        replaced,
        // Like PlacementsEnded's: what the analytics roll summary re-keys by the new holder.
        accountIds: placedIds,
      },
    });
    return placed;
  });
}

/**
 * Ends the agency's ACTIVE placements of the accounts matching `filter` (RECALLED, MANAGER_RECALL): they come back
 * in-house, out of the agency's queues. Returns how many.
 */
export async function recallAccounts(
  em: EntityManager,
  actor: Principal,
  time: { clock: Clock; businessDate: IsoDate },
  filter: AccountFilterData,
  agencyId: string,
): Promise<number> {
  const where: FilterQuery<Account> = { $and: [accountWhere(filter, time.businessDate), { agency: agencyId }] };
  return em.transactional(async (tx) => {
    const agency = await getVisibleAgency(tx, agencyId);
    const now = time.clock.now();
    return inBatches(tx, where, async (ids) => {
      const ended = await runSql<EndedRow>(
        tx,
        `update placement set status = 'RECALLED', ended_at = ?, end_reason = 'MANAGER_RECALL'
          where account_id = any(?::uuid[]) and status = 'ACTIVE' and agency_id = ?
          returning id, account_id, agency_id`,
        [now, uuidArray(ids), agency.id],
      );
      recordEnded(tx, actor.actor, ended, { status: 'RECALLED', reason: 'MANAGER_RECALL' });
      await changeHolder(tx, { accountIds: ids, to: null, reason: 'RECALLED', now, actor: actor.actor });
    });
  });
}
