import type { EntityManager } from '@mikro-orm/postgresql';
import { formatAmount, storedToMinor } from '@recupera/shared';
import { runSql } from '../../core/database/sql.ts';
import { recordEvent } from '../../core/events/record-event.ts';

/** Why an account changes holder, as its AccountsLeftQueue event says. */
export type HolderChangeReason = 'PLACED' | 'RECALLED' | 'RETURNED' | 'RECALL_DATE_REACHED';

export interface HolderChange {
  /** At most a few thousand per call: callers walk large selections in batches. */
  accountIds: string[];
  /** The new holder: an agency (a partner, or the non-partner in-house team) or null for in-house. */
  to: { id: string; partner: boolean } | null;
  reason: HolderChangeReason;
  now: Date;
  actor: string;
}

interface LeftRow {
  account_id: string;
  queue_id: string;
  campaign_id: string;
  reserved: boolean;
}

interface CancelledRow {
  id: string;
  account_id: string;
  interaction_id: string | null;
  amount: string;
  paid_amount: string;
  currency: string;
  due_date: string;
  campaign_id: string | null;
  queue_id: string | null;
  agency_id: string | null;
}

const uuidArray = (ids: readonly string[]) => `{${ids.join(',')}}`;

/**
 * Moves accounts to a new holder inside the caller's transaction (docs/agencies.md, "Changing holder"):
 * - the account's `agency` (what every filter, scope and KPI reads) becomes the new holder;
 * - the account leaves every work queue of a campaign the new holder does not run (a partner runs the campaigns
 *   with its `agency_id`, the in-house team those without), its agent's reservation with it — so the previous
 *   holder's agents are never handed it again — with an AccountsLeftQueue event per queue saying why;
 * - when the tenant changes (partner ↔ in-house, partner ↔ partner), the previous holder's pending promises are
 *   CANCELLED (HOLDER_CHANGED) and a PROMISED account is ACTIVE again: a holder's promises end with its holding,
 *   so no later payment settles (and no KPI credits) a promise of a tenant that no longer holds the account.
 * Set-based statements, so a batch of thousands costs a handful of round trips.
 */
export async function changeHolder(tx: EntityManager, change: HolderChange): Promise<void> {
  const { accountIds, to, now, actor } = change;
  if (accountIds.length === 0) return;
  const ids = uuidArray(accountIds);
  const toTenant = to?.partner ? to.id : null;

  const before = await runSql<{ id: string; tenant: string | null }>(
    tx,
    `select a.id, case when ag.partner then ag.id end as tenant
       from account a left join agency ag on ag.id = a.agency_id
      where a.id = any(?::uuid[])`,
    [ids],
  );
  const tenantChanged = before.filter((row) => row.tenant !== toTenant).map((row) => row.id);

  await runSql(tx, 'update account set agency_id = ?, placed_at = ?, updated_at = ? where id = any(?::uuid[])', [
    to?.id ?? null,
    to ? now : null,
    now,
    ids,
  ]);

  const left = await runSql<LeftRow>(
    tx,
    `delete from queue_membership m using campaign c
      where c.id = m.campaign_id and m.account_id = any(?::uuid[]) and c.agency_id is distinct from ?::uuid
      returning m.account_id, m.queue_id, m.campaign_id,
                (m.reserved_by_id is not null and m.reserved_until > ?::timestamptz) as reserved`,
    [ids, toTenant, now],
  );
  const byQueue = new Map<string, LeftRow[]>();
  for (const row of left) byQueue.set(row.queue_id, [...(byQueue.get(row.queue_id) ?? []), row]);
  for (const [queueId, rows] of byQueue) {
    recordEvent(tx, {
      type: 'AccountsLeftQueue',
      aggregateId: queueId,
      actor,
      payload: {
        campaignId: rows[0]!.campaign_id,
        reason: change.reason,
        toAgencyId: to?.id ?? null,
        accountIds: rows.map((row) => row.account_id),
        reservationsReleased: rows.filter((row) => row.reserved).length,
      },
    });
  }

  if (tenantChanged.length > 0) await endPreviousPromises(tx, tenantChanged, to?.id ?? null, now, actor);
}

async function endPreviousPromises(
  tx: EntityManager,
  accountIds: string[],
  toAgencyId: string | null,
  now: Date,
  actor: string,
): Promise<void> {
  const cancelled = await runSql<CancelledRow>(
    tx,
    `update promise_to_pay set status = 'CANCELLED', resolved_at = ?
      where account_id = any(?::uuid[]) and status = 'PENDING'
      returning id, account_id, interaction_id, amount::text as amount, paid_amount::text as paid_amount, currency,
                to_char(due_date, 'YYYY-MM-DD') as due_date, campaign_id, queue_id, agency_id`,
    [now, uuidArray(accountIds)],
  );
  if (cancelled.length === 0) return;
  const money = (stored: string, currency: string) => formatAmount(storedToMinor(stored, currency), currency);
  for (const row of cancelled) {
    recordEvent(tx, {
      type: 'PromiseCancelled',
      aggregateId: row.id,
      actor,
      payload: {
        accountId: row.account_id,
        campaignId: row.campaign_id,
        queueId: row.queue_id,
        agencyId: row.agency_id,
        reason: 'HOLDER_CHANGED',
        interactionId: row.interaction_id ?? '',
        amount: money(row.amount, row.currency),
        paidAmount: money(row.paid_amount, row.currency),
        currency: row.currency,
        dueDate: row.due_date,
      },
    });
  }
  const reopened = await runSql<{ id: string }>(
    tx,
    `update account set status = 'ACTIVE' where id = any(?::uuid[]) and status = 'PROMISED' returning id`,
    [uuidArray([...new Set(cancelled.map((row) => row.account_id))])],
  );
  for (const { id } of reopened) {
    recordEvent(tx, {
      type: 'AccountStatusChanged',
      aggregateId: id,
      actor,
      payload: { accountId: id, agencyId: toAgencyId, from: 'PROMISED', to: 'ACTIVE', reason: 'HOLDER_CHANGED' },
    });
  }
}
