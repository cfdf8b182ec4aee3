import type { KpiWindowName } from '@recupera/shared';
import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import { badInput } from '../../core/errors.ts';
import type { RequestContext } from '../../core/graphql/context.ts';
import { KpiWindow } from '../../core/graphql/enums.ts';
import { KPI_READER } from './kpi-reader.ts';
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
    const reader = ctx.services.get(KPI_READER);
    const readable = await reader.scopeFor(ctx.principal, scope, { em: ctx.em });
    await reader.catchUp();
    return reader.kpis(readable, window);
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
    const reader = ctx.services.get(KPI_READER);
    const readable = await reader.scopeFor(ctx.principal, scope, { em: ctx.em });
    await reader.catchUp();
    return reader.trend(readable, stepMinutes);
  }
}
