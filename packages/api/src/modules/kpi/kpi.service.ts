import type { EntityName } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { kpiRates, recoveryRate, type KpiCounts, type KpiWindowName } from '@recupera/shared';
import { notFound } from '../../core/errors.ts';
import type { Principal } from '../../core/graphql/context.ts';
import { Money, storedToMinor } from '../../core/graphql/money.type.ts';
import { Agency } from '../agencies/agency.entity.ts';
import { Agent } from '../agencies/agent.entity.ts';
import { Campaign } from '../campaigns/campaign.entity.ts';
import { WorkQueue } from '../queues/work-queue.entity.ts';
import type { KpiFacts, ScopeIds } from './kpi-facts.ts';
import type { LiveKpiEngine } from './live/kpi-engine.ts';
import type { RecoveryFigure } from './live/recovery-figures.ts';
import type { KpiScope } from './kpi.types.ts';
import { BucketRecovery, Kpis, KpiTrendPoint } from './kpi.types.ts';
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

/** The additive figures behind a Kpis answer, money in minor units. */
export interface KpiInputs extends KpiCounts {
  promised: Map<string, bigint>;
  collected: Map<string, bigint>;
  recovery: RecoveryFigure[];
}

/** Kpis of docs/design.md from additive figures: rates null on a zero denominator, money exact per currency. */
export function buildKpis(inputs: KpiInputs, asOf: Date, operationCurrency: string): Kpis {
  const money = (totals: Map<string, bigint>) =>
    [...totals.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, total]) => Money.fromMinor(total, currency));
  const recoveryByBucket = inputs.recovery.map((row) => {
    const item = new BucketRecovery();
    item.bucket = row.bucket;
    item.collected = Money.fromMinor(row.collectedMinor, row.currency);
    item.outstandingAtStart = Money.fromMinor(row.outstandingMinor, row.currency);
    item.rate = recoveryRate(row.collectedMinor, row.outstandingMinor);
    return item;
  });
  const young = recoveryByBucket.find((row) => row.bucket === 'D1_30' && row.collected.currency === operationCurrency);
  const kpis = new Kpis();
  Object.assign(kpis, {
    attempts: inputs.attempts,
    contacts: inputs.contacts,
    rightPartyContacts: inputs.rightPartyContacts,
    promises: inputs.promises,
    promisesKept: inputs.promisesKept,
    promisesBroken: inputs.promisesBroken,
    promisesPartiallyKept: inputs.promisesPartiallyKept,
    ...kpiRates(inputs),
    youngDebtRecoveryRate: young?.rate ?? null,
    amountPromised: money(inputs.promised),
    amountCollected: money(inputs.collected),
    recoveryByBucket,
    asOf,
  });
  return kpis;
}

/**
 * The same answer recomputed with SQL aggregates over the stored facts: what every update would cost without the
 * live engine (the load benchmark's baseline).
 */
export function kpisFromFacts(facts: KpiFacts, asOf: Date, operationCurrency: string): Kpis {
  const minor = (totals: Map<string, string>) =>
    new Map([...totals].map(([currency, total]) => [currency, storedToMinor(total, currency)]));
  return buildKpis(
    {
      ...facts,
      promised: minor(facts.amountPromised),
      collected: minor(facts.amountCollected),
      recovery: facts.recovery.map((row) => ({
        bucket: row.bucket,
        currency: row.currency,
        collectedMinor: storedToMinor(row.collected, row.currency),
        outstandingMinor: storedToMinor(row.outstandingAtStart, row.currency),
      })),
    },
    asOf,
    operationCurrency,
  );
}

/** A scope's Kpis from the live engine. */
export async function liveKpis(
  engine: LiveKpiEngine,
  scope: ScopeIds,
  window: KpiWindowName,
  operationCurrency: string,
): Promise<Kpis> {
  const { asOf, figures, recovery } = await engine.figures(scope, window);
  return buildKpis({ ...figures, recovery }, asOf, operationCurrency);
}

/** Today's trend of a scope: each step's own figures (recovery only as the day's headline, not per step). */
export async function trendPoints(
  engine: LiveKpiEngine,
  scope: ScopeIds,
  stepMinutes: number,
  operationCurrency: string,
): Promise<KpiTrendPoint[]> {
  const points = await engine.trend(scope, stepMinutes);
  return points.map(({ from, figures }) => {
    const kpis = buildKpis({ ...figures, recovery: [] }, from, operationCurrency);
    const point = new KpiTrendPoint();
    Object.assign(point, kpis, { from });
    return point;
  });
}
