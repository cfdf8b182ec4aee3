import { AccountImportJob } from '../../modules/portfolio/account-import.job.ts';
import { AGING_ROLL_CRON, AgingRollJob } from '../../modules/portfolio/aging-roll.job.ts';
import { PROMISE_DUE_SWEEP_EVERY_MS, PromiseDueJob } from '../../modules/promises/promise-due.job.ts';
import {
  PROMISE_REMINDER_SWEEP_EVERY_MS,
  PromiseReminderSweepJob,
} from '../../modules/promises/promise-reminder-sweep.job.ts';
import { PromiseReminderJob } from '../../modules/promises/promise-reminder.job.ts';
import { CallbackDueJob } from '../../modules/queues/callback-due.job.ts';
import type { JobDeps } from './job-deps.ts';
import { JobName } from './job-names.ts';
import type { Job, JobData, JobQueue } from './job-queue.ts';

/** Every job of the API, built with its dependencies. */
export function allJobs(deps: JobDeps): Job<JobData>[] {
  return [
    new PromiseDueJob(deps),
    new PromiseReminderSweepJob(deps),
    new PromiseReminderJob(deps),
    new AgingRollJob(deps),
    new CallbackDueJob(deps),
    new AccountImportJob(deps),
  ];
}

/**
 * Registers every job's handler on `deps.jobs`. Every process that produces or runs jobs calls this (the API
 * server, the test harness): producing needs the registration too, because a job's retry settings travel with it.
 */
export function registerJobs(deps: JobDeps): void {
  for (const job of allJobs(deps)) {
    deps.jobs.register(job.name, (data, context) => job.handle(data, context), job.options);
  }
}

/**
 * The repeatable sweeps, upserted (so every instance may call this at start without doubling them), and one
 * run of each now: a process that was down when a run was due catches up at once. Their handlers are
 * idempotent, so several instances starting together only repeat work that finds nothing left to do.
 */
export async function scheduleRecurringJobs(jobs: JobQueue, operationTimeZone: string): Promise<void> {
  await jobs.schedule(JobName.AgingRoll, { cron: AGING_ROLL_CRON, timeZone: operationTimeZone }, {});
  await jobs.schedule(JobName.PromiseDueSweep, { everyMs: PROMISE_DUE_SWEEP_EVERY_MS }, {});
  await jobs.schedule(JobName.PromiseReminderSweep, { everyMs: PROMISE_REMINDER_SWEEP_EVERY_MS }, {});
  // In dependency order: a promise broken by the due sweep is reminded by the same start's reminder run or the next.
  for (const name of [JobName.AgingRoll, JobName.PromiseDueSweep, JobName.PromiseReminderSweep]) {
    await jobs.enqueue(name, {});
  }
}
