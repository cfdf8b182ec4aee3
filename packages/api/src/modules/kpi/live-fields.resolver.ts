import { kpiWindowBounds, rate } from '@recupera/shared';
import { Arg, Ctx, FieldResolver, Float, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/graphql/context.ts';
import { KpiWindow, type KpiWindow as KpiWindowName } from '../../core/graphql/enums.ts';
import { Money } from '../../core/graphql/money.type.ts';
import { Agent } from '../agencies/agent.entity.ts';
import { Campaign } from '../campaigns/campaign.entity.ts';
import { remainingInQueue } from '../queues/queue-membership.service.ts';
import { WorkQueue } from '../queues/work-queue.entity.ts';
import type { ScopeIds } from './kpi-facts.ts';
import { liveKpis } from './kpi.service.ts';
import { AgentPerformance, Kpis } from './kpi.types.ts';

/** A scope as the caller may see it: an AGENCY key's figures are always held to its own agency. */
function scopeFor(ctx: RequestContext, scope: Partial<ScopeIds>): ScopeIds {
  return {
    campaignId: scope.campaignId ?? null,
    queueId: scope.queueId ?? null,
    agentId: scope.agentId ?? null,
    agencyId: ctx.principal?.role === 'AGENCY' ? ctx.principal.agencyId : (scope.agencyId ?? null),
  };
}

const money = (totals: Map<string, bigint>) =>
  [...totals].sort(([a], [b]) => a.localeCompare(b)).map(([currency, total]) => Money.fromMinor(total, currency));

/** Live figures on the queues board, the campaigns list and the agents table, from the live engine. */
@Resolver(() => WorkQueue)
export class QueueLiveFieldsResolver {
  @FieldResolver(() => Kpis, { description: "The queue's KPIs in a window (attempts per hour: LAST_HOUR)." })
  kpis(
    @Root() queue: WorkQueue,
    @Arg('window', () => KpiWindow) window: KpiWindowName,
    @Ctx() ctx: RequestContext,
  ): Promise<Kpis> {
    return liveKpis(ctx.live.engine, scopeFor(ctx, { queueId: queue.id }), window, ctx.settings.operationCurrency);
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: "Minutes until every account is worked today at the last hour's pace; null with no recent attempts.",
  })
  async minutesToExhaust(@Root() queue: WorkQueue, @Ctx() ctx: RequestContext): Promise<number | null> {
    const { asOf, figures } = await ctx.live.engine.figures(scopeFor(ctx, { queueId: queue.id }), 'LAST_HOUR');
    if (figures.attempts === 0) return null;
    const bounds = kpiWindowBounds('LAST_HOUR', asOf, ctx.clock.timeZone);
    const minutes = Math.max(1, (asOf.getTime() - bounds.from.getTime()) / 60_000);
    const remaining = await remainingInQueue(ctx.em, queue, ctx.businessDate);
    return remaining / (figures.attempts / minutes);
  }
}

@Resolver(() => Campaign)
export class CampaignLiveFieldsResolver {
  @FieldResolver(() => Kpis, { description: "The campaign's KPIs in a window." })
  kpis(
    @Root() campaign: Campaign,
    @Arg('window', () => KpiWindow) window: KpiWindowName,
    @Ctx() ctx: RequestContext,
  ): Promise<Kpis> {
    return liveKpis(
      ctx.live.engine,
      scopeFor(ctx, { campaignId: campaign.id }),
      window,
      ctx.settings.operationCurrency,
    );
  }
}

@Resolver(() => Agent)
export class AgentLiveFieldsResolver {
  @FieldResolver(() => AgentPerformance)
  async performance(
    @Root() agent: Agent,
    @Arg('window', () => KpiWindow, { defaultValue: 'TODAY' }) window: KpiWindowName,
    @Ctx() ctx: RequestContext,
  ): Promise<AgentPerformance> {
    const engine = ctx.live.engine;
    const scope = scopeFor(ctx, { agentId: agent.id });
    const [{ figures }, lastHour, time] = await Promise.all([
      engine.figures(scope, window),
      engine.figures(scope, 'LAST_HOUR'),
      engine.agentTime(agent.id, window),
    ]);
    const performance = new AgentPerformance();
    Object.assign(performance, {
      attempts: figures.attempts,
      contacts: figures.contacts,
      rightPartyContacts: figures.rightPartyContacts,
      promises: figures.promises,
      amountPromised: money(figures.promised),
      amountCollected: money(figures.collected),
      promisesKeptRate: rate(
        figures.promisesKept,
        figures.promisesKept + figures.promisesBroken + figures.promisesPartiallyKept,
      ),
      attemptsPerLoggedInHour: time.loggedIn > 0 ? figures.attempts / (time.loggedIn / 3600) : null,
      averageHandleSeconds: figures.attempts > 0 ? figures.handleSeconds / figures.attempts : null,
      occupancy: time.loggedIn > 0 ? time.onContact / time.loggedIn : null,
      loggedInSeconds: Math.round(time.loggedIn),
      contactsLastHour: lastHour.figures.contacts,
    });
    return performance;
  }
}
