import type { KpiWindowName } from '@recupera/shared';
import { Arg, Authorized, Ctx, FieldResolver, Float, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/graphql/context.ts';
import { KpiWindow } from '../../core/graphql/enums.ts';
import { Agent } from '../agencies/agent.entity.ts';
import { Campaign } from '../campaigns/campaign.entity.ts';
import { remainingInQueue } from '../queues/queue-membership.service.ts';
import { WorkQueue } from '../queues/work-queue.entity.ts';
import { KPI_READER, type RequestedScope } from './kpi-reader.ts';
import { AgentPerformance, Kpis } from './kpi.types.ts';

/** The scope of a record the caller has already read (so visible to it), as it may read its figures. */
function scopeOfRecord(ctx: RequestContext, record: RequestedScope) {
  return ctx.services.get(KPI_READER).scopeFor(ctx.principal, record, null);
}

/** Live figures on the queues board, the campaigns list and the agents table, from the live engine. */
@Resolver(() => WorkQueue)
export class QueueLiveFieldsResolver {
  // Any key: the figures are scoped to what the caller may see (KpiReader.scopeFor); declared so the authorization
  // matrix sees a rule on every field with arguments (docs/security-testing.md).
  @Authorized()
  @FieldResolver(() => Kpis, {
    complexity: 5,
    description: "The queue's KPIs in a window (attempts per hour: LAST_HOUR).",
  })
  async kpis(
    @Root() queue: WorkQueue,
    @Arg('window', () => KpiWindow) window: KpiWindowName,
    @Ctx() ctx: RequestContext,
  ): Promise<Kpis> {
    return ctx.services.get(KPI_READER).kpis(await scopeOfRecord(ctx, { queueId: queue.id }), window);
  }

  @FieldResolver(() => Float, {
    complexity: 5,
    nullable: true,
    description: "Minutes until every account is worked today at the last hour's pace; null with no recent attempts.",
  })
  async minutesToExhaust(@Root() queue: WorkQueue, @Ctx() ctx: RequestContext): Promise<number | null> {
    return ctx.services
      .get(KPI_READER)
      .minutesToExhaust(
        await scopeOfRecord(ctx, { queueId: queue.id }),
        () => remainingInQueue(ctx.em, queue, ctx.businessDate),
        ctx.clock.timeZone,
      );
  }
}

@Resolver(() => Campaign)
export class CampaignLiveFieldsResolver {
  // Any key: the figures are scoped to what the caller may see (KpiReader.scopeFor); declared so the authorization
  // matrix sees a rule on every field with arguments (docs/security-testing.md).
  @Authorized()
  @FieldResolver(() => Kpis, { complexity: 5, description: "The campaign's KPIs in a window." })
  async kpis(
    @Root() campaign: Campaign,
    @Arg('window', () => KpiWindow) window: KpiWindowName,
    @Ctx() ctx: RequestContext,
  ): Promise<Kpis> {
    return ctx.services.get(KPI_READER).kpis(await scopeOfRecord(ctx, { campaignId: campaign.id }), window);
  }
}

@Resolver(() => Agent)
export class AgentLiveFieldsResolver {
  // Any key: the figures are scoped to what the caller may see (KpiReader.scopeFor); declared so the authorization
  // matrix sees a rule on every field with arguments (docs/security-testing.md).
  @Authorized()
  @FieldResolver(() => AgentPerformance, { complexity: 5 })
  async performance(
    @Root() agent: Agent,
    @Arg('window', () => KpiWindow, { defaultValue: 'TODAY' }) window: KpiWindowName,
    @Ctx() ctx: RequestContext,
  ): Promise<AgentPerformance> {
    const scope = await scopeOfRecord(ctx, { agentId: agent.id });
    return ctx.services.get(KPI_READER).agentPerformance({ ...scope, agentId: agent.id }, window);
  }
}
