import type { ApiModule } from '../../core/api-module.ts';
import { JobName } from '../../core/job-queue/job-names.ts';
import { PROMISE_DUE_SWEEP_EVERY_MS, PromiseDueJob } from './promise-due.job.ts';
import { PROMISE_REMINDER_SWEEP_EVERY_MS, PromiseReminderSweepJob } from './promise-reminder-sweep.job.ts';
import { PromiseReminderJob } from './promise-reminder.job.ts';
import { PromiseToPay } from './promise-to-pay.entity.ts';
import { PromiseResolver } from './promise.resolver.ts';

/** Promises to pay: resolved at their deadline, reminded before it and after a broken one. */
export const promisesModule: ApiModule = {
  name: 'promises',
  entities: [PromiseToPay],
  resolvers: [PromiseResolver],
  jobs: (deps) => [new PromiseDueJob(deps), new PromiseReminderSweepJob(deps), new PromiseReminderJob(deps)],
  // In dependency order: a promise broken by the due sweep is reminded by the same start's reminder run or the next.
  recurring: () => [
    { name: JobName.PromiseDueSweep, repeat: { everyMs: PROMISE_DUE_SWEEP_EVERY_MS } },
    { name: JobName.PromiseReminderSweep, repeat: { everyMs: PROMISE_REMINDER_SWEEP_EVERY_MS } },
  ],
};
