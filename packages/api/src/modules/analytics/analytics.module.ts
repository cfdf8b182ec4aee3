import type { ApiModule } from '../../core/api-module.ts';
import { JobName } from '../../core/job-queue/job-names.ts';
import { ANALYTICS_BUILD_CRON, AnalyticsBuildJob } from './analytics-build.job.ts';
import { AnalyticsState } from './analytics-state.entity.ts';
import { analyticsProjector } from './analytics.projector.ts';
import { AnalyticsResolver } from './analytics.resolver.ts';
import { ANALYTICS_CELL_ENTITIES } from './analytics-cells.entity.ts';

/**
 * Strategy analytics (docs/analytics.md): the contact heat map, attempt intensity, champion / challenger, scripts,
 * roll and liquidation rates. Pre-aggregated tables kept from the outbox by the projector, built from the stored
 * facts by the build job (and `pnpm --filter @recupera/api analytics:rebuild`).
 */
export const analyticsModule: ApiModule = {
  name: 'analytics',
  entities: [...ANALYTICS_CELL_ENTITIES, AnalyticsState],
  resolvers: [AnalyticsResolver],
  jobs: (deps) => [new AnalyticsBuildJob(deps)],
  projectors: [analyticsProjector],
  recurring: (timeZone) => [{ name: JobName.AnalyticsBuild, repeat: { cron: ANALYTICS_BUILD_CRON, timeZone } }],
};
