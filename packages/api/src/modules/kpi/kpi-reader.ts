import type { EntityName } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  kpiRates,
  kpiWindowBounds,
  recoveryRate,
  YOUNG_DEBT_BUCKET,
  type Attribution,
  type KpiWindowName,
  type LiveFigures,
} from '@recupera/shared';
import { notFound } from '../../core/errors.ts';
import { Money } from '../../core/graphql/money.type.ts';
import { isUuid } from '../../core/ids.ts';
import type { Principal } from '../../core/principal.ts';
import { ServiceKey } from '../../core/services.ts';
import { Agency } from '../agencies/agency.entity.ts';
import { Agent } from '../agencies/agent.entity.ts';
import { Campaign } from '../campaigns/campaign.entity.ts';
import { WorkQueue } from '../queues/work-queue.entity.ts';
import type { LiveKpiEngine } from './live/kpi-engine.ts';
import type { RecoveryFigure } from './live/recovery-figures.ts';
import { AgentPerformance, BucketRecovery, Kpis, KpiTrendPoint } from './kpi.types.ts';

/** The reader every KPI resolver and subscription reads through (registered by the composition, src/app). */
export const KPI_READER = new ServiceKey<KpiReader>('KpiReader');

/** A scope as a client names it: any of the four ids, absent for "any". */
export type RequestedScope = Partial<Attribution>;

/** The entity behind each scope field: a named id must be one the caller can see. */
const SCOPE_ENTITIES: Record<keyof Attribution, { entity: EntityName<{ id: string }>; label: string }> = {
  campaignId: { entity: Campaign, label: 'Campaign' },
  queueId: { entity: WorkQueue, label: 'WorkQueue' },
  agentId: { entity: Agent, label: 'Agent' },
  agencyId: { entity: Agency, label: 'Agency' },
};

/**
 * The one read side of the live KPIs: it resolves who may read which scope (the agency rule for figures lives
 * here and nowhere else) and builds every KPI shape the API serves — `Kpis`, the trend, an agent's performance —
 * from the live engine's figures, with the rates of `@recupera/shared` (docs/design.md, KPI definitions).
 */
export class KpiReader {
  constructor(
    private readonly engine: LiveKpiEngine,
    /** Currency of the headline young-debt recovery rate. */
    private readonly operationCurrency: string,
  ) {}

  /**
   * The scope as `principal` may read it. An AGENCY key's scope is always held to its own agency: its figures
   * never include another agency's facts, whatever it asks for. With `verify`, every id the client named must be
   * visible through its agency-scoped EntityManager (else NOT_FOUND naming `scope.<field>`, as for any record of
   * another agency); without it, the ids come from records already read through that EntityManager.
   */
  async scopeFor(
    principal: Principal | null,
    requested: RequestedScope,
    verify: { em: EntityManager } | null,
  ): Promise<Attribution> {
    const scope: Attribution = {
      campaignId: requested.campaignId ?? null,
      queueId: requested.queueId ?? null,
      agentId: requested.agentId ?? null,
      agencyId: requested.agencyId ?? null,
    };
    if (verify) {
      for (const field of Object.keys(SCOPE_ENTITIES) as (keyof Attribution)[]) {
        const id = scope[field];
        if (id === null) continue;
        const { entity, label } = SCOPE_ENTITIES[field];
        const visible = isUuid(id) ? await verify.em.count(entity, { id }) : 0;
        if (!visible) throw notFound(label, id, `scope.${field}`);
      }
    }
    if (principal?.role === 'AGENCY') scope.agencyId = principal.agencyId;
    return scope;
  }

  /** Waits until every write committed before the call is counted (read-your-writes; see the engine's `sync`). */
  async catchUp(): Promise<void> {
    await this.engine.sync();
  }

  /** The KPIs of a scope and window now. */
  async kpis(scope: Attribution, window: KpiWindowName): Promise<Kpis> {
    const { asOf, mayLag, figures, recovery } = await this.engine.figures(scope, window);
    return buildKpis(figures, recovery, asOf, this.operationCurrency, mayLag);
  }

  /** Today's trend of a scope: each step's own figures (recovery only as the day's headline, not per step). */
  async trend(scope: Attribution, stepMinutes: number): Promise<KpiTrendPoint[]> {
    const points = await this.engine.trend(scope, stepMinutes);
    return points.map(({ from, figures }) => {
      const point = new KpiTrendPoint();
      Object.assign(point, buildKpis(figures, [], from, this.operationCurrency), { from });
      return point;
    });
  }

  /** An agent's figures in a window (docs/design.md, agent figures), with the contacts of the last hour. */
  async agentPerformance(scope: Attribution & { agentId: string }, window: KpiWindowName): Promise<AgentPerformance> {
    const [{ figures }, lastHour, time] = await Promise.all([
      this.engine.figures(scope, window),
      this.engine.figures(scope, 'LAST_HOUR'),
      this.engine.agentTime(scope.agentId, window),
    ]);
    const performance = new AgentPerformance();
    Object.assign(performance, {
      attempts: figures.attempts,
      contacts: figures.contacts,
      rightPartyContacts: figures.rightPartyContacts,
      promises: figures.promises,
      amountPromised: moneyList(figures.promised),
      amountCollected: moneyList(figures.collected),
      promisesKeptRate: kpiRates(figures).promisesKeptRate,
      attemptsPerLoggedInHour: time.loggedIn > 0 ? figures.attempts / (time.loggedIn / 3600) : null,
      averageHandleSeconds: figures.attempts > 0 ? figures.handleSeconds / figures.attempts : null,
      occupancy: time.loggedIn > 0 ? time.onContact / time.loggedIn : null,
      loggedInSeconds: Math.round(time.loggedIn),
      contactsLastHour: lastHour.figures.contacts,
    });
    return performance;
  }

  /** Minutes until `remaining` accounts are worked at the scope's pace of the last hour; null with no recent attempt. */
  async minutesToExhaust(
    scope: Attribution,
    remaining: () => Promise<number>,
    timeZone: string,
  ): Promise<number | null> {
    const { asOf, figures } = await this.engine.figures(scope, 'LAST_HOUR');
    if (figures.attempts === 0) return null;
    const bounds = kpiWindowBounds('LAST_HOUR', asOf, timeZone);
    const minutes = Math.max(1, (asOf.getTime() - bounds.from.getTime()) / 60_000);
    return (await remaining()) / (figures.attempts / minutes);
  }
}

/** Amounts per currency, in currency order. */
function moneyList(totals: Map<string, bigint>): Money[] {
  return [...totals.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, total]) => Money.fromMinor(total, currency));
}

/**
 * `Kpis` from a scope's additive figures: rates null on a zero denominator, money exact per currency, recovery per
 * bucket and currency with the young-debt headline in the operation's currency.
 */
export function buildKpis(
  figures: LiveFigures,
  recovery: RecoveryFigure[],
  asOf: Date,
  operationCurrency: string,
  mayLag = false,
): Kpis {
  const recoveryByBucket = recovery.map((row) => {
    const item = new BucketRecovery();
    item.bucket = row.bucket;
    item.collected = Money.fromMinor(row.collectedMinor, row.currency);
    item.outstandingAtStart = Money.fromMinor(row.outstandingMinor, row.currency);
    item.rate = recoveryRate(row.collectedMinor, row.outstandingMinor);
    return item;
  });
  const young = recoveryByBucket.find(
    (row) => row.bucket === YOUNG_DEBT_BUCKET && row.collected.currency === operationCurrency,
  );
  const kpis = new Kpis();
  Object.assign(kpis, {
    attempts: figures.attempts,
    contacts: figures.contacts,
    rightPartyContacts: figures.rightPartyContacts,
    promises: figures.promises,
    promisesKept: figures.promisesKept,
    promisesBroken: figures.promisesBroken,
    promisesPartiallyKept: figures.promisesPartiallyKept,
    ...kpiRates(figures),
    youngDebtRecoveryRate: young?.rate ?? null,
    amountPromised: moneyList(figures.promised),
    amountCollected: moneyList(figures.collected),
    recoveryByBucket,
    asOf,
    mayLag,
  });
  return kpis;
}
