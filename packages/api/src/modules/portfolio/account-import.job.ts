import type { JobDeps } from '../../core/job-queue/job-deps.ts';
import { JobName } from '../../core/job-queue/job-names.ts';
import type { Job, JobContext } from '../../core/job-queue/job-queue.ts';
import { runImportJob, type AccountImportJobData } from './import-job.service.ts';

export type { AccountImportJobData };

/** Runs an import staged by `startImport` (see `runImportJob` for how it stays all or nothing). */
export class AccountImportJob implements Job<AccountImportJobData> {
  readonly name = JobName.AccountImport;
  readonly options = { attempts: 3, backoffMs: 30_000 };

  constructor(private readonly deps: JobDeps) {}

  async handle(data: AccountImportJobData, context: JobContext): Promise<void> {
    await runImportJob(this.deps.orm, this.deps.clock, data.importJobId, {
      lastAttempt: context.attempt >= context.maxAttempts,
    });
  }
}
