import type { JobDeps } from '../../core/job-queue/job-deps.ts';
import { JobName } from '../../core/job-queue/job-names.ts';
import type { Job } from '../../core/job-queue/job-queue.ts';
import { systemEm } from '../../core/database/orm.ts';
import { refreshStaleStatistics } from '../../core/database/statistics.ts';
import { vacuumNeglectedTables } from '../../core/database/vacuum.ts';

export type StatisticsRefreshJobData = Record<string, never>;

/** Often enough that a day of writes never leaves the planner far behind; cheap when nothing changed. */
export const STATISTICS_REFRESH_EVERY_MS = 10 * 60_000;

/**
 * ANALYZE what changed enough since it was last analysed (core/database/statistics.ts), and VACUUM what autovacuum,
 * where it does not run, would have vacuumed (core/database/vacuum.ts). Idempotent.
 */
export class StatisticsRefreshJob implements Job<StatisticsRefreshJobData> {
  readonly name = JobName.StatisticsRefresh;

  constructor(private readonly deps: JobDeps) {}

  async handle(): Promise<void> {
    const em = systemEm(this.deps.orm);
    const analysed = await refreshStaleStatistics(em);
    if (analysed.length > 0) this.deps.logger.debug(`statistics refreshed: ${analysed.join(', ')}`);
    const vacuumed = await vacuumNeglectedTables(em);
    if (vacuumed.length > 0) this.deps.logger.debug(`vacuumed: ${vacuumed.join(', ')}`);
  }
}
