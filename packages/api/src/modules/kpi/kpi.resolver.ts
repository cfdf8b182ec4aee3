import { Arg, Authorized, Query, Resolver } from 'type-graphql';
import { notImplemented } from '../../core/errors.ts';
import { KpiWindow, type KpiWindow as KpiWindowName } from '../../core/graphql/enums.ts';
import { Kpis, KpiScope } from './kpi.types.ts';

@Resolver(() => Kpis)
export class KpiResolver {
  @Authorized()
  @Query(() => Kpis)
  kpis(@Arg('scope', () => KpiScope) _scope: KpiScope, @Arg('window', () => KpiWindow) _window: KpiWindowName): Kpis {
    throw notImplemented('kpis');
  }
}
