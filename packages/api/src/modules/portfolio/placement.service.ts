import type { EntityManager } from '@mikro-orm/postgresql';
import type { IsoDate } from '@recupera/shared';
import { recordEvent } from '../../core/events/record-event.ts';
import type { Principal } from '../../core/principal.ts';
import { getVisibleAgency } from '../agencies/agency.service.ts';
import { Account } from './account.entity.ts';
import { accountWhere, type AccountFilterData } from './account-filter.ts';

const BATCH = 5_000;

/**
 * Places the accounts matching `filter` with an agency (re-placing those held by another). Settled accounts
 * (PAID, WRITTEN_OFF) are never placed: no agency should work a debt that is no longer owed.
 */
export async function placeAccounts(
  em: EntityManager,
  actor: Principal,
  businessDate: IsoDate,
  filter: AccountFilterData,
  agencyId: string,
): Promise<number> {
  const where = { $and: [accountWhere(filter, businessDate), { status: { $nin: ['PAID', 'WRITTEN_OFF'] as const } }] };
  return em.transactional(async (tx) => {
    const agency = await getVisibleAgency(tx, agencyId);
    const placedAt = new Date();
    let placed = 0;
    let lastId: string | null = null;
    // Walk the matches in id order in batches, so a placement of a million accounts never holds them all in memory.
    for (;;) {
      const page: { id: string }[] = await tx.find(
        Account,
        lastId ? { $and: [where, { id: { $gt: lastId } }] } : where,
        {
          fields: ['id'],
          orderBy: { id: 'asc' },
          limit: BATCH,
        },
      );
      if (page.length === 0) break;
      lastId = page.at(-1)!.id;
      placed += await tx.nativeUpdate(
        Account,
        { id: { $in: page.map((row) => row.id) } },
        { agency: agency.id, placedAt },
      );
    }
    recordEvent(tx, {
      type: 'AccountsPlaced',
      aggregateId: agency.id,
      actor: actor.actor,
      payload: { filter: { ...filter }, count: placed },
    });
    return placed;
  });
}
