import type { JobDeps } from '../../core/job-queue/job-deps.ts';
import { JobName } from '../../core/job-queue/job-names.ts';
import type { Job, JobQueue } from '../../core/job-queue/job-queue.ts';
import { makeCallbackDue } from './callback-due.service.ts';

/** `at` is the requested callback instant as an ISO string (job data crosses Redis as JSON). */
export type CallbackDueJobData = { accountId: string; at: string };

/**
 * Queues the callback a debtor asked for. Asking twice for the same account and instant queues one job.
 * The delay is measured on the wall clock, not the injected Clock: it is how long the job queue's own timers
 * (or BullMQ's delayed set) wait, in real time. Returns the job id.
 */
export function scheduleCallback(jobs: JobQueue, callback: { accountId: string; at: Date }): Promise<string> {
  const at = callback.at.toISOString();
  return jobs.enqueue<CallbackDueJobData>(
    JobName.CallbackDue,
    { accountId: callback.accountId, at },
    { jobId: `callback-${callback.accountId}-${callback.at.getTime()}`, delayMs: callback.at.getTime() - Date.now() },
  );
}

/** Makes the account due in its work queue when the callback time comes (see `makeCallbackDue`). */
export class CallbackDueJob implements Job<CallbackDueJobData> {
  readonly name = JobName.CallbackDue;
  readonly options = { attempts: 5, backoffMs: 2_000, concurrency: 4 };

  constructor(private readonly deps: JobDeps) {}

  async handle(data: CallbackDueJobData): Promise<void> {
    await makeCallbackDue(this.deps.orm, this.deps.clock, data.accountId, data.at);
  }
}
