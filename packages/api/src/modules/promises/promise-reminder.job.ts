import type { JobDeps } from '../../core/job-queue/job-deps.ts';
import { JobName } from '../../core/job-queue/job-names.ts';
import type { Job, JobQueue } from '../../core/job-queue/job-queue.ts';
import { sendPromiseReminder } from './promise-reminder.service.ts';
import type { ReminderTemplate } from './reminder-messages.ts';

export type PromiseReminderJobData = { promiseId: string; template: ReminderTemplate };

/** One job per reminder: queueing the same reminder twice (sweep and fast path, a retry) runs it once. */
export function promiseReminderJobId(data: PromiseReminderJobData): string {
  return `reminder-${data.template}-${data.promiseId}`;
}

export function enqueuePromiseReminder(jobs: JobQueue, data: PromiseReminderJobData): Promise<string> {
  return jobs.enqueue(JobName.PromiseReminder, data, { jobId: promiseReminderJobId(data) });
}

/**
 * Sends one reminder. Idempotent through the message's dedupe key: a rerun finds it sent. Outside the
 * contact window the job queues itself again for the moment the window opens.
 */
export class PromiseReminderJob implements Job<PromiseReminderJobData> {
  readonly name = JobName.PromiseReminder;
  readonly options = { attempts: 5, backoffMs: 10_000, concurrency: 4 };

  constructor(private readonly deps: JobDeps) {}

  async handle(data: PromiseReminderJobData): Promise<void> {
    const { orm, clock, channel, jobs, logger } = this.deps;
    const decision = await sendPromiseReminder(orm, clock, channel, data.promiseId, data.template);
    if (decision.outcome === 'OUTSIDE_CONTACT_WINDOW') {
      const at = decision.opensAt.getTime();
      await jobs.enqueue(this.name, data, {
        jobId: `${promiseReminderJobId(data)}-at-${at}`,
        delayMs: at - clock.now().getTime(),
      });
    } else if (decision.outcome === 'NO_CONTACT_POINT') {
      logger.info(`no phone or e-mail for the ${data.template} reminder of promise ${data.promiseId}`);
    }
  }
}
