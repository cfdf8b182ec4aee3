import type { EntityName } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { kpiRates, recoveryRate, type KpiWindowName } from '@recupera/shared';
import { notFound } from '../../core/errors.ts';
import type { Principal } from '../../core/graphql/context.ts';
import { Money, storedToMinor } from '../../core/graphql/money.type.ts';
import { Agency } from '../agencies/agency.entity.ts';
import { Agent } from '../agencies/agent.entity.ts';
import { Campaign } from '../campaigns/campaign.entity.ts';
import { WorkQueue } from '../queues/work-queue.entity.ts';
import { computeKpiFacts, type KpiFacts, type ScopeIds } from './kpi-facts.ts';
import type { KpiScope } from './kpi.types.ts';
import { BucketRecovery, Kpis } from './kpi.types.ts';
import { isUuid } from '../../core/ids.ts';

/**
 * The scope as the caller may see it. Every id must name something visible through the agency-scoped
 * EntityManager (else NOT_FOUND, as for any record of another agency), and an AGENCY key is always held to
 * its own agency: its KPIs never include another agency's facts, whatever scope it asks for.
 */
export async function resolveScope(em: EntityManager, principal: Principal, scope: KpiScope): Promise<ScopeIds> {
  const check = async (
    entity: EntityName<{ id: string }>,
    label: string,
    id: string | null | undefined,
    field: string,
  ) => {
    if (id === null || id === undefined) return null;
    const found = isUuid(id) ? await em.count(entity, { id }) : 0;
    if (!found) throw notFound(label, id, `scope.${field}`);
    return id;
  };
  const ids: ScopeIds = {
    campaignId: await check(Campaign, 'Campaign', scope.campaignId, 'campaignId'),
    queueId: await check(WorkQueue, 'WorkQueue', scope.queueId, 'queueId'),
    agentId: await check(Agent, 'Agent', scope.agentId, 'agentId'),
    agencyId: await check(Agency, 'Agency', scope.agencyId, 'agencyId'),
  };
  if (principal.role === 'AGENCY') ids.agencyId = principal.agencyId;
  return ids;
}

/** Kpis of DESIGN.md from the facts; rates null on a zero denominator; money exact per currency. */
export function kpisFromFacts(facts: KpiFacts, asOf: Date, operationCurrency: string): Kpis {
  const rates = kpiRates(facts);
  const money = (totals: Map<string, string>) =>
    [...totals.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, total]) => Money.fromStored(total, currency));
  const recoveryByBucket = facts.recovery.map((row) => {
    const item = new BucketRecovery();
    item.bucket = row.bucket;
    item.collected = Money.fromStored(row.collected, row.currency);
    item.outstandingAtStart = Money.fromStored(row.outstandingAtStart, row.currency);
    item.rate = recoveryRate(
      storedToMinor(row.collected, row.currency),
      storedToMinor(row.outstandingAtStart, row.currency),
    );
    return item;
  });
  const young = recoveryByBucket.find((row) => row.bucket === 'D1_30' && row.collected.currency === operationCurrency);
  const kpis = new Kpis();
  Object.assign(kpis, {
    attempts: facts.attempts,
    contacts: facts.contacts,
    rightPartyContacts: facts.rightPartyContacts,
    promises: facts.promises,
    promisesKept: facts.promisesKept,
    promisesBroken: facts.promisesBroken,
    promisesPartiallyKept: facts.promisesPartiallyKept,
    ...rates,
    youngDebtRecoveryRate: young?.rate ?? null,
    amountPromised: money(facts.amountPromised),
    amountCollected: money(facts.amountCollected),
    recoveryByBucket,
    asOf,
  });
  return kpis;
}

export async function kpisFor(
  em: EntityManager,
  principal: Principal,
  scope: KpiScope,
  window: KpiWindowName,
  now: Date,
  timeZone: string,
  operationCurrency: string,
): Promise<Kpis> {
  const ids = await resolveScope(em, principal, scope);
  return kpisFromFacts(await computeKpiFacts(em, ids, window, now, timeZone), now, operationCurrency);
}
