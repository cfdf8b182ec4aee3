import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { principalOf, type RequestContext } from '../../core/graphql/context.ts';
import { KpiWindow, type KpiWindow as KpiWindowName } from '../../core/graphql/enums.ts';
import { kpisFor } from './kpi.service.ts';
import { Kpis, KpiScope } from './kpi.types.ts';

@Resolver(() => Kpis)
export class KpiResolver {
  @Authorized()
  @Query(() => Kpis, { description: 'The KPIs of a scope and window, computed from the stored facts.' })
  kpis(
    @Arg('scope', () => KpiScope) scope: KpiScope,
    @Arg('window', () => KpiWindow) window: KpiWindowName,
    @Ctx() ctx: RequestContext,
  ): Promise<Kpis> {
    return kpisFor(
      ctx.em,
      principalOf(ctx),
      scope,
      window,
      ctx.clock.now(),
      ctx.clock.timeZone,
      ctx.settings.operationCurrency,
    );
  }
}
