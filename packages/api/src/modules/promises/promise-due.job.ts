import type { JobDeps } from '../../core/job-queue/job-deps.ts';
import { JobName } from '../../core/job-queue/job-names.ts';
import type { Job } from '../../core/job-queue/job-queue.ts';
import { enqueuePromiseReminder } from './promise-reminder.job.ts';
import { resolveDuePromises } from './promise-resolution.ts';

/** A sweep needs no input: it works on whatever is due when it runs. */
export type PromiseDueJobData = Record<string, never>;

/** How often PENDING promises are checked against their deadline. */
export const PROMISE_DUE_SWEEP_EVERY_MS = 15 * 60 * 1000;

/**
 * Resolves the promises whose deadline passed (see `resolveDuePromises`) and queues the PROMISE_BROKEN
 * reminder of each broken or partially kept one. Idempotent: a resolved promise is never selected again, and
 * the reminder's job id and dedupe key make a repeated queueing a no-op. A crash between a batch's commit and
 * its reminders is covered by the reminder sweep, which looks for broken promises without their message.
 */
export class PromiseDueJob implements Job<PromiseDueJobData> {
  readonly name = JobName.PromiseDueSweep;
  readonly options = { attempts: 5, backoffMs: 5_000 };

  constructor(private readonly deps: JobDeps) {}

  async handle(): Promise<void> {
    const { orm, clock, jobs, logger } = this.deps;
    const resolved = await resolveDuePromises(orm, clock, {
      afterBatch: async (batch) => {
        for (const resolution of batch) {
          if (resolution.outcome === 'KEPT') continue;
          await enqueuePromiseReminder(jobs, { promiseId: resolution.promiseId, template: 'PROMISE_BROKEN' });
        }
      },
    });
    if (resolved.length > 0) logger.info(`promise due sweep resolved ${resolved.length} promises`);
  }
}
