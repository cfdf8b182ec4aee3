import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import { badInput } from '../../core/errors.ts';
import { principalOf, type RequestContext } from '../../core/graphql/context.ts';
import { KpiWindow, type KpiWindow as KpiWindowName } from '../../core/graphql/enums.ts';
import { liveKpis, resolveScope, trendPoints } from './kpi.service.ts';
import { Kpis, KpiScope, KpiTrendPoint, OperationInfo } from './kpi.types.ts';

@Resolver(() => Kpis)
export class KpiResolver {
  @Authorized()
  @Query(() => OperationInfo)
  operation(@Ctx() ctx: RequestContext): OperationInfo {
    const info = new OperationInfo();
    info.timeZone = ctx.clock.timeZone;
    info.currency = ctx.settings.operationCurrency;
    info.businessDate = ctx.businessDate;
    return info;
  }

  @Authorized()
  @Query(() => Kpis, {
    description:
      'The KPIs of a scope and window, from the live engine: equal to a recomputation from the stored facts, and ' +
      'including every write committed before the query.',
  })
  async kpis(
    @Arg('scope', () => KpiScope) scope: KpiScope,
    @Arg('window', () => KpiWindow) window: KpiWindowName,
    @Ctx() ctx: RequestContext,
  ): Promise<Kpis> {
    const ids = await resolveScope(ctx.em, principalOf(ctx), scope);
    await ctx.live.engine.sync();
    return liveKpis(ctx.live.engine, ids, window, ctx.settings.operationCurrency);
  }

  @Authorized()
  @Query(() => [KpiTrendPoint], {
    description: "Today's figures step by step from local midnight to now (each step on its own, not cumulative).",
  })
  async kpiTrend(
    @Arg('scope', () => KpiScope) scope: KpiScope,
    @Arg('stepMinutes', () => Int, { defaultValue: 30 }) stepMinutes: number,
    @Ctx() ctx: RequestContext,
  ): Promise<KpiTrendPoint[]> {
    if (!Number.isInteger(stepMinutes) || stepMinutes < 5 || stepMinutes > 240) {
      throw badInput('stepMinutes', 'must be a whole number of minutes from 5 to 240');
    }
    const ids = await resolveScope(ctx.em, principalOf(ctx), scope);
    await ctx.live.engine.sync();
    return trendPoints(ctx.live.engine, ids, stepMinutes, ctx.settings.operationCurrency);
  }
}
