import type { ApiModule } from '../../core/api-module.ts';
import { JobName } from '../../core/job-queue/job-names.ts';
import { STATISTICS_REFRESH_EVERY_MS, StatisticsRefreshJob } from './statistics-refresh.job.ts';

/** Housekeeping of the database the product relies on: the planner's statistics. */
export const maintenanceModule: ApiModule = {
  name: 'maintenance',
  jobs: (deps) => [new StatisticsRefreshJob(deps)],
  recurring: () => [{ name: JobName.StatisticsRefresh, repeat: { everyMs: STATISTICS_REFRESH_EVERY_MS } }],
};
