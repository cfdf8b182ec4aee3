import type { JobDeps } from '../../core/job-queue/job-deps.ts';
import { JobName } from '../../core/job-queue/job-names.ts';
import type { Job } from '../../core/job-queue/job-queue.ts';
import { analyticsBuiltIn, buildAnalytics } from './analytics-build.ts';

/** `force` rebuilds even when the tables are built (an admin's retry); the scheduled run builds only when needed. */
export type AnalyticsBuildJobData = { force?: boolean };

/** Daily at 03:00 in the operation's zone, and once at every start. */
export const ANALYTICS_BUILD_CRON = '0 3 * * *';

/**
 * Builds the analytics tables from the stored facts when they were never built (a new database, or one that had
 * history before this module existed) or were built in another operation time zone; otherwise the projector keeps
 * them and there is nothing to do. Idempotent: a build replaces the tables whole.
 */
export class AnalyticsBuildJob implements Job<AnalyticsBuildJobData> {
  readonly name = JobName.AnalyticsBuild;
  readonly options = { attempts: 3, backoffMs: 60_000 };

  constructor(private readonly deps: JobDeps) {}

  async handle(data: AnalyticsBuildJobData): Promise<void> {
    const timeZone = this.deps.clock.timeZone;
    if (!data.force && (await analyticsBuiltIn(this.deps.orm)) === timeZone) return;
    const summary = await buildAnalytics(this.deps.orm, timeZone);
    this.deps.logger.info(
      `analytics built in ${summary.ms} ms: ${summary.attempts} attempts in ${summary.contactCells} cells`,
    );
  }
}
