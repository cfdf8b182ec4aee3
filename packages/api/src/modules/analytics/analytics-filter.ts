import type { EntityName } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { diffDays, type AgingBucket, type Channel, type IsoDate } from '@recupera/shared';
import { AGENCY_SCOPE, agencySqlCondition, type AgencyScopeParams } from '../../core/database/agency-scope.ts';
import { badInput, notFound } from '../../core/errors.ts';
import { isUuid } from '../../core/ids.ts';
import { Agency } from '../agencies/agency.entity.ts';
import { Campaign } from '../campaigns/campaign.entity.ts';

/** The longest period one analytics question may cover. */
export const MAX_PERIOD_DAYS = 1096;

/** An analytics filter once checked: ids visible to the caller, lists non-empty when given. */
export interface CheckedFilter {
  from: IsoDate;
  to: IsoDate;
  campaignId: string | null;
  agencyId: string | null;
  buckets: AgingBucket[] | null;
  channels: Channel[] | null;
}

/**
 * The agency scope of the request's EntityManager, the one the ORM filter applies: hand-written analytics SQL takes
 * its condition from the same place (core/database/agency-scope.ts). Fails closed, like the filter.
 */
export function scopeOf(em: EntityManager): AgencyScopeParams {
  const params = em.getFilterParams<AgencyScopeParams>(AGENCY_SCOPE);
  if (!params || !('agencyId' in params)) throw new Error(`${AGENCY_SCOPE}: the EntityManager has no agency scope`);
  return { agencyId: params.agencyId ?? null };
}

/** From ≤ to, at most MAX_PERIOD_DAYS; `field` prefixes the names in errors (`filter.to`). */
export function checkPeriod(from: IsoDate, to: IsoDate, prefix: string): void {
  if (to < from) throw badInput(`${prefix}to`, 'must not be before from');
  if (diffDays(to, from) + 1 > MAX_PERIOD_DAYS) {
    throw badInput(`${prefix}to`, `the period must be at most ${MAX_PERIOD_DAYS} days`);
  }
}

/** NOT_FOUND naming `field` unless the caller's scoped EntityManager sees the record (as for any other record). */
export async function requireVisible(
  em: EntityManager,
  entity: EntityName<{ id: string }>,
  label: string,
  id: string,
  field: string,
): Promise<void> {
  const visible = isUuid(id) ? await em.count(entity, { id }) : 0;
  if (!visible) throw notFound(label, id, field);
}

export async function checkFilter(
  em: EntityManager,
  filter: {
    from: IsoDate;
    to: IsoDate;
    campaignId?: string | null;
    agencyId?: string | null;
    buckets?: AgingBucket[] | null;
    channels?: Channel[] | null;
  },
): Promise<CheckedFilter> {
  checkPeriod(filter.from, filter.to, 'filter.');
  if (filter.buckets && filter.buckets.length === 0) throw badInput('filter.buckets', 'must not be empty when given');
  if (filter.channels && filter.channels.length === 0) {
    throw badInput('filter.channels', 'must not be empty when given');
  }
  const campaignId = filter.campaignId ?? null;
  const agencyId = filter.agencyId ?? null;
  if (campaignId) await requireVisible(em, Campaign, 'Campaign', campaignId, 'filter.campaignId');
  if (agencyId) await requireVisible(em, Agency, 'Agency', agencyId, 'filter.agencyId');
  return {
    from: filter.from,
    to: filter.to,
    campaignId,
    agencyId,
    buckets: filter.buckets ? [...new Set(filter.buckets)] : null,
    channels: filter.channels ? [...new Set(filter.channels)] : null,
  };
}

/**
 * The WHERE clause of a filter over an aggregate table under `alias` (`entity` names its agency-scope rule): the
 * dates, every segment asked for, and what the caller's agency may see. The table must have the filtered columns
 * (see the routing of each question).
 */
export function filterSql(
  filter: CheckedFilter,
  entity: string,
  alias: string,
  scope: AgencyScopeParams,
): { sql: string; params: unknown[] } {
  const parts = [`${alias}.business_date between ? and ?`];
  const params: unknown[] = [filter.from, filter.to];
  if (filter.campaignId) {
    parts.push(`${alias}.campaign_id = ?`);
    params.push(filter.campaignId);
  }
  if (filter.agencyId) {
    parts.push(`${alias}.agency_id = ?`);
    params.push(filter.agencyId);
  }
  if (filter.buckets) {
    parts.push(`${alias}.bucket in (${filter.buckets.map(() => '?').join(', ')})`);
    params.push(...filter.buckets);
  }
  if (filter.channels) {
    parts.push(`${alias}.channel in (${filter.channels.map(() => '?').join(', ')})`);
    params.push(...filter.channels);
  }
  const scoped = agencySqlCondition(entity, alias, scope);
  parts.push(scoped.sql);
  params.push(...scoped.params);
  return { sql: parts.join(' and '), params };
}
