import type { JobDeps } from '../../core/job-queue/job-deps.ts';
import { JobName } from '../../core/job-queue/job-names.ts';
import type { Job } from '../../core/job-queue/job-queue.ts';
import { enqueuePromiseReminder } from './promise-reminder.job.ts';
import { findReminderCandidates } from './reminder-candidates.ts';

export type PromiseReminderSweepJobData = Record<string, never>;

export const PROMISE_REMINDER_SWEEP_EVERY_MS = 15 * 60 * 1000;

/**
 * Queues a reminder job for every promise owed one (see `findReminderCandidates`). The reminder's job id makes
 * queueing it again a no-op while it waits or runs, and its dedupe key makes a second send a no-op after.
 */
export class PromiseReminderSweepJob implements Job<PromiseReminderSweepJobData> {
  readonly name = JobName.PromiseReminderSweep;
  readonly options = { attempts: 3, backoffMs: 5_000 };

  constructor(private readonly deps: JobDeps) {}

  async handle(): Promise<void> {
    const candidates = await findReminderCandidates(this.deps.orm, this.deps.clock);
    for (const candidate of candidates) await enqueuePromiseReminder(this.deps.jobs, candidate);
  }
}
