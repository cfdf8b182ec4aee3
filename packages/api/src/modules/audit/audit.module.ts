import type { ApiModule } from '../../core/api-module.ts';
import { JobName } from '../../core/job-queue/job-names.ts';
import { AuditEntry } from './audit-entry.entity.ts';
import { AuditLogResolver } from './audit-log.resolver.ts';
import { AUDIT_RETENTION_CRON, AuditRetentionJob } from './audit-retention.job.ts';

/**
 * The audit trail: every write and every agency read of account details, who (key prefix, role, agency), what
 * (operation, target), how it ended and when. Its writer is an operation observer the composition hands the server.
 */
export const auditModule: ApiModule = {
  name: 'audit',
  entities: [AuditEntry],
  resolvers: [AuditLogResolver],
  jobs: (deps) => [new AuditRetentionJob(deps, deps.config.AUDIT_RETENTION_DAYS)],
  recurring: (timeZone) => [{ name: JobName.AuditRetention, repeat: { cron: AUDIT_RETENTION_CRON, timeZone } }],
};
