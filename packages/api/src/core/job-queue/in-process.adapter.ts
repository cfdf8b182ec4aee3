import { randomUUID } from 'node:crypto';
import { CronExpressionParser } from 'cron-parser';
import type { Logger } from '../logger.ts';
import { describeError, type FailedJobRecorder } from './failed-job.recorder.ts';
import {
  assertJobId,
  backoffDelayMs,
  FINISHED_JOB_RETENTION_MS,
  registration,
  UnknownJobError,
  type EnqueueOptions,
  type JobData,
  type JobDepth,
  type JobHandler,
  type JobQueue,
  type RegisterOptions,
  type Registration,
  type Repeat,
} from './job-queue.ts';
import { runAfter } from './timers.ts';

interface QueuedJob {
  name: string;
  id: string;
  data: JobData;
  /** Runs made so far. */
  attemptsMade: number;
}

export interface InProcessJobQueueOptions {
  recorder: FailedJobRecorder;
  logger: Logger;
}

/**
 * The zero-setup adapter: jobs wait in memory and run on timers in this process. Same contract as BullMQ
 * (retries with exponential backoff, jobId dedupe, failures written to `failed_job`) for one process; what
 * it cannot give is survival across a restart — queued jobs die with the process. The repeatable sweeps
 * (promise checks, reminders, aging roll) rebuild their work from the database on the next start, which is
 * why they run once at start as well as on their schedule.
 */
export class InProcessJobQueue implements JobQueue {
  private readonly registrations = new Map<string, Registration>();
  private readonly ready = new Map<string, QueuedJob[]>();
  private readonly running = new Map<string, number>();
  /** Jobs waiting for their delay or their next retry, by name. */
  private readonly delayed = new Map<string, number>();
  /** `name/id` of every job enqueued and not yet forgotten → when it finished (null while unfinished). */
  private readonly known = new Map<string, number | null>();
  private readonly waits = new Set<{ cancel(): void }>();
  private readonly repeats = new Map<string, { cancel(): void }>();
  private readonly inFlight = new Set<Promise<void>>();
  private enqueuesSinceSweep = 0;
  private started = false;
  private closed = false;

  constructor(private readonly options: InProcessJobQueueOptions) {}

  register<D extends JobData>(name: string, handler: JobHandler<D>, options?: RegisterOptions): void {
    // The BullMQ adapter cannot take a registration after start; neither does this one, so code is portable.
    if (this.started) throw new Error(`register ${name} before start()`);
    this.registrations.set(name, registration(handler as JobHandler, options));
  }

  async enqueue<D extends JobData>(name: string, data: D, options: EnqueueOptions = {}): Promise<string> {
    if (this.closed) throw new Error('the job queue is closed');
    if (!this.registrations.has(name)) throw new UnknownJobError(name);
    const id = options.jobId ?? randomUUID();
    assertJobId(id);
    this.forgetOldJobs();
    const key = `${name}/${id}`;
    if (this.known.has(key)) return id;
    this.known.set(key, null);
    // Through JSON like BullMQ's Redis copy, so a handler never sees a Date or class instance here and a string there.
    const job: QueuedJob = { name, id, data: JSON.parse(JSON.stringify(data)) as JobData, attemptsMade: 0 };
    this.later(job, options.delayMs ?? 0);
    return id;
  }

  async schedule<D extends JobData>(name: string, repeat: Repeat, data: D): Promise<void> {
    if (!this.registrations.has(name)) throw new UnknownJobError(name);
    this.repeats.get(name)?.cancel();
    const next = nextRepeat(repeat);
    next(Date.now()); // validates a cron pattern now rather than at the first tick
    const arm = () => {
      const at = next(Date.now());
      this.repeats.set(
        name,
        runAfter(at - Date.now(), () => {
          if (this.closed) return;
          // The tick's instant in the id: a tick is enqueued once even if the timer fires twice.
          this.enqueue(name, data, { jobId: `repeat-${name}-${at}` }).catch((error: unknown) =>
            this.options.logger.error(`could not enqueue repeat of ${name}`, error),
          );
          arm();
        }),
      );
    };
    arm();
  }

  async start(): Promise<void> {
    this.started = true;
    for (const name of this.ready.keys()) this.pump(name);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const repeat of this.repeats.values()) repeat.cancel();
    for (const wait of this.waits) wait.cancel();
    this.repeats.clear();
    this.waits.clear();
    this.ready.clear();
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  async depths(): Promise<JobDepth[]> {
    return [...this.registrations.keys()].flatMap((queue) => [
      { queue, state: 'waiting' as const, count: this.ready.get(queue)?.length ?? 0 },
      { queue, state: 'active' as const, count: this.running.get(queue) ?? 0 },
      { queue, state: 'delayed' as const, count: this.delayed.get(queue) ?? 0 },
    ]);
  }

  /** Makes the job ready after `delayMs`, counted as delayed meanwhile. */
  private later(job: QueuedJob, delayMs: number): void {
    if (delayMs <= 0) return this.makeReady(job);
    this.delayed.set(job.name, (this.delayed.get(job.name) ?? 0) + 1);
    this.after(delayMs, () => {
      this.delayed.set(job.name, (this.delayed.get(job.name) ?? 1) - 1);
      this.makeReady(job);
    });
  }

  private after(delayMs: number, callback: () => void): void {
    if (delayMs <= 0) {
      callback();
      return;
    }
    const wait = runAfter(delayMs, () => {
      this.waits.delete(wait);
      callback();
    });
    this.waits.add(wait);
  }

  private makeReady(job: QueuedJob): void {
    if (this.closed) return;
    const queue = this.ready.get(job.name) ?? [];
    queue.push(job);
    this.ready.set(job.name, queue);
    this.pump(job.name);
  }

  private pump(name: string): void {
    if (!this.started || this.closed) return;
    const registered = this.registrations.get(name)!;
    const queue = this.ready.get(name) ?? [];
    while (queue.length > 0 && (this.running.get(name) ?? 0) < registered.concurrency) {
      const job = queue.shift()!;
      this.running.set(name, (this.running.get(name) ?? 0) + 1);
      const run = this.run(job, registered).finally(() => {
        this.inFlight.delete(run);
        this.running.set(name, (this.running.get(name) ?? 1) - 1);
        this.pump(name);
      });
      this.inFlight.add(run);
    }
  }

  private async run(job: QueuedJob, registered: Registration): Promise<void> {
    const attempt = job.attemptsMade + 1;
    try {
      await registered.handler(job.data, {
        jobId: job.id,
        name: job.name,
        attempt,
        maxAttempts: registered.attempts,
      });
      this.known.set(`${job.name}/${job.id}`, Date.now());
    } catch (error) {
      job.attemptsMade = attempt;
      if (attempt < registered.attempts && !this.closed) {
        this.options.logger.warn(
          `job ${job.name}/${job.id} failed on attempt ${attempt}; retrying`,
          describeError(error),
        );
        this.later(job, backoffDelayMs(attempt, registered.backoffMs));
        return;
      }
      this.known.set(`${job.name}/${job.id}`, Date.now());
      await this.recordFailure(job, error);
    }
  }

  private async recordFailure(job: QueuedJob, error: unknown): Promise<void> {
    const entry = {
      queue: job.name,
      jobId: job.id,
      data: job.data,
      attempts: job.attemptsMade,
      error: describeError(error),
    };
    this.options.logger.error(
      `job ${job.name}/${job.id} failed for good after ${job.attemptsMade} attempts`,
      entry.error,
    );
    // The table is the only trace this adapter keeps, so a failing write is retried before giving up loudly.
    for (let tries = 1; ; tries += 1) {
      try {
        await this.options.recorder.record(entry);
        return;
      } catch (recordError) {
        if (tries >= 3) {
          this.options.logger.error('could not write the failed job to failed_job', {
            entry,
            recordError: describeError(recordError),
          });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 500 * tries));
      }
    }
  }

  private forgetOldJobs(): void {
    // Amortised: the map is swept once per thousand enqueues, not on every one.
    this.enqueuesSinceSweep += 1;
    if (this.enqueuesSinceSweep < 1_000) return;
    this.enqueuesSinceSweep = 0;
    const horizon = Date.now() - FINISHED_JOB_RETENTION_MS;
    for (const [key, finishedAt] of this.known) {
      if (finishedAt !== null && finishedAt < horizon) this.known.delete(key);
    }
  }
}

/** From a repeat to "the next run strictly after `from`", in epoch milliseconds. */
function nextRepeat(repeat: Repeat): (from: number) => number {
  if ('everyMs' in repeat) {
    if (!(repeat.everyMs > 0)) throw new Error(`everyMs must be positive: ${repeat.everyMs}`);
    return (from) => from + repeat.everyMs;
  }
  return (from) =>
    CronExpressionParser.parse(repeat.cron, { currentDate: new Date(from), tz: repeat.timeZone })
      .next()
      .getTime();
}
