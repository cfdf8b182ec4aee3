import type { JobDeps } from '../core/job-queue/job-deps.ts';
import { jobFailures } from '../core/observability/metrics.ts';
import type { Job, JobData, JobQueue } from '../core/job-queue/job-queue.ts';
import { MODULES } from './modules.ts';

/** Every job of the API, built with its dependencies. */
export function allJobs(deps: JobDeps): Job<JobData>[] {
  return MODULES.flatMap((module) => module.jobs?.(deps) ?? []);
}

/**
 * Registers every job's handler on `deps.jobs`. Every process that produces or runs jobs calls this (the API
 * server, the test harness): producing needs the registration too, because a job's retry settings travel with it.
 */
export function registerJobs(deps: JobDeps): void {
  for (const job of allJobs(deps)) {
    deps.jobs.register(
      job.name,
      async (data, context) => {
        try {
          await job.handle(data, context);
        } catch (error) {
          jobFailures.labels(job.name, String(context.attempt >= context.maxAttempts)).inc();
          throw error;
        }
      },
      job.options,
    );
  }
}

/**
 * The repeatable sweeps, upserted (so every instance may call this at start without doubling them), and one
 * run of each now: a process that was down when a run was due catches up at once. Their handlers are
 * idempotent, so several instances starting together only repeat work that finds nothing left to do.
 */
export async function scheduleRecurringJobs(jobs: JobQueue, operationTimeZone: string): Promise<void> {
  const recurring = MODULES.flatMap((module) => module.recurring?.(operationTimeZone) ?? []);
  for (const { name, repeat } of recurring) await jobs.schedule(name, repeat, {});
  await runRecurringJobsOnce(jobs, operationTimeZone);
}

/** One run of each repeatable sweep now (at a start, and when the demo clock moves to a new business day). */
export async function runRecurringJobsOnce(jobs: JobQueue, operationTimeZone: string): Promise<void> {
  const recurring = MODULES.flatMap((module) => module.recurring?.(operationTimeZone) ?? []);
  // In module order: a promise broken by the due sweep is reminded by the same start's reminder run or the next.
  for (const { name } of recurring) await jobs.enqueue(name, {});
}
