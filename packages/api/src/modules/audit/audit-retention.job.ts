import type { JobDeps } from '../../core/job-queue/job-deps.ts';
import { JobName } from '../../core/job-queue/job-names.ts';
import type { Job } from '../../core/job-queue/job-queue.ts';
import { systemEm } from '../../core/database/orm.ts';
import { runSql } from '../../core/database/sql.ts';

export type AuditRetentionJobData = Record<string, never>;

/** Once a day, after the business day turns: the trail keeps `retentionDays` days. */
export const AUDIT_RETENTION_CRON = '30 0 * * *';

/** Deletes audit entries older than the retention period (AUDIT_RETENTION_DAYS). Idempotent. */
export class AuditRetentionJob implements Job<AuditRetentionJobData> {
  readonly name = JobName.AuditRetention;

  constructor(
    private readonly deps: JobDeps,
    private readonly retentionDays: number,
  ) {}

  async handle(): Promise<void> {
    const before = new Date(this.deps.clock.now().getTime() - this.retentionDays * 86_400_000);
    const deleted = await runSql<{ n: number }>(
      systemEm(this.deps.orm),
      'with gone as (delete from audit_entry where at < ? returning 1) select count(*)::int as n from gone',
      [before],
    );
    if (deleted[0]?.n)
      this.deps.logger.info(`audit trail: ${deleted[0].n} entries older than ${before.toISOString()} removed`);
  }
}
