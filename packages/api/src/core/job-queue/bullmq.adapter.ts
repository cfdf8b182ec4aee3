import { Queue, Worker, type Job as BullJob } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';
import { describeError, type FailedJobRecorder } from './failed-job.recorder.ts';
import {
  assertJobId,
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

export interface BullMqJobQueueOptions {
  redisUrl: string;
  /** Namespaces every Redis key, so deployments (and test runs) can share one Redis. */
  prefix: string;
  recorder: FailedJobRecorder;
  logger: Logger;
  /** A worker's claim on a job; a worker that died without releasing it loses the job after this long. */
  lockDurationMs?: number;
  /** How often workers look for jobs whose claim expired and put them back in the queue. */
  stalledIntervalMs?: number;
  /** Times a job may be recovered from a dead worker before it fails for good (a job that kills its worker). */
  maxStalledCount?: number;
  /** How often the failed sets are compared with `failed_job` (see `recordFailedSets`). */
  failedSweepIntervalMs?: number;
}

const FAILED_SWEEP_BATCH = 200;

/**
 * BullMQ on Redis: one BullMQ queue per job name, a worker per name in every API instance. Jobs survive a
 * restart and a worker that dies mid-job: its lock expires and another worker's stalled check puts the job
 * back (at-least-once). Completed and failed jobs are kept for {@link FINISHED_JOB_RETENTION_MS}, which is
 * what makes an enqueue with a known `jobId` a no-op.
 */
export class BullMqJobQueue implements JobQueue {
  private readonly registrations = new Map<string, Registration>();
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];
  /** `name/id` already written to failed_job by this process, so the periodic sweep skips them cheaply. */
  private readonly recordedFailures = new Set<string>();
  private readonly producer: Redis;
  private failedSweep: NodeJS.Timeout | null = null;
  private started = false;
  private closed = false;

  constructor(private readonly options: BullMqJobQueueOptions) {
    // Producers fail an enqueue after a few tries instead of waiting forever for Redis (a request is waiting);
    // workers get their own connections with BullMQ's required `maxRetriesPerRequest: null`.
    this.producer = new Redis(options.redisUrl, { maxRetriesPerRequest: 3 });
    this.producer.on('error', (error) => options.logger.warn('job queue Redis connection', error.message));
  }

  register<D extends JobData>(name: string, handler: JobHandler<D>, options?: RegisterOptions): void {
    // Workers are created by start(): a handler registered later would never run here.
    if (this.started) throw new Error(`register ${name} before start()`);
    const registered = registration(handler as JobHandler, options);
    this.registrations.set(name, registered);
    if (this.queues.has(name)) return;
    const retentionSeconds = FINISHED_JOB_RETENTION_MS / 1000;
    const queue = new Queue(name, {
      connection: this.producer,
      prefix: this.options.prefix,
      defaultJobOptions: {
        removeOnComplete: { age: retentionSeconds },
        removeOnFail: { age: retentionSeconds },
      },
    });
    queue.on('error', (error) => this.options.logger.warn(`job queue ${name}`, error.message));
    this.queues.set(name, queue);
  }

  async enqueue<D extends JobData>(name: string, data: D, options: EnqueueOptions = {}): Promise<string> {
    if (this.closed) throw new Error('the job queue is closed');
    const { queue, registered } = this.lookup(name);
    if (options.jobId !== undefined) assertJobId(options.jobId);
    // Retry settings travel with the job, so the process that runs it needs no agreement with the producer.
    const job = await queue.add(name, data, {
      ...(options.jobId !== undefined ? { jobId: options.jobId } : {}),
      ...(options.delayMs ? { delay: Math.max(0, Math.round(options.delayMs)) } : {}),
      attempts: registered.attempts,
      backoff: { type: 'exponential', delay: registered.backoffMs },
    });
    return job.id!;
  }

  async schedule<D extends JobData>(name: string, repeat: Repeat, data: D): Promise<void> {
    const { queue, registered } = this.lookup(name);
    // The scheduler id is the job name: upserting it again replaces the repeat (one per name, as documented).
    await queue.upsertJobScheduler(
      name,
      'everyMs' in repeat ? { every: repeat.everyMs } : { pattern: repeat.cron, tz: repeat.timeZone },
      {
        name,
        data,
        opts: { attempts: registered.attempts, backoff: { type: 'exponential', delay: registered.backoffMs } },
      },
    );
  }

  async start(): Promise<void> {
    this.started = true;
    for (const [name, registered] of this.registrations) {
      const worker = new Worker(name, (job: BullJob) => this.process(name, registered, job), {
        connection: { url: this.options.redisUrl, maxRetriesPerRequest: null },
        prefix: this.options.prefix,
        concurrency: registered.concurrency,
        lockDuration: this.options.lockDurationMs ?? 30_000,
        stalledInterval: this.options.stalledIntervalMs ?? 30_000,
        maxStalledCount: this.options.maxStalledCount ?? 2,
      });
      worker.on('failed', (job, error) => {
        if (job) void this.recordIfFailedForGood(name, job, error);
      });
      worker.on('error', (error) => this.options.logger.warn(`job worker ${name}`, error.message));
      this.workers.push(worker);
    }
    await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));
    await this.recordFailedSets();
    const interval = this.options.failedSweepIntervalMs ?? 60_000;
    this.failedSweep = setInterval(() => void this.recordFailedSets(), interval);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.failedSweep) clearInterval(this.failedSweep);
    // Workers first: each waits for its running jobs, which may still enqueue follow-up jobs on the queues.
    await Promise.all(this.workers.map((worker) => worker.close()));
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    await this.producer.quit().catch(() => this.producer.disconnect());
  }

  async depths(): Promise<JobDepth[]> {
    const depths = await Promise.all(
      [...this.queues].map(async ([queue, bull]) => {
        // Prioritized jobs wait too, in a set of their own.
        const counts = await bull.getJobCounts('waiting', 'prioritized', 'active', 'delayed');
        return [
          { queue, state: 'waiting' as const, count: (counts.waiting ?? 0) + (counts.prioritized ?? 0) },
          { queue, state: 'active' as const, count: counts.active ?? 0 },
          { queue, state: 'delayed' as const, count: counts.delayed ?? 0 },
        ];
      }),
    );
    return depths.flat();
  }

  private lookup(name: string): { queue: Queue; registered: Registration } {
    const queue = this.queues.get(name);
    const registered = this.registrations.get(name);
    if (!queue || !registered) throw new UnknownJobError(name);
    return { queue, registered };
  }

  private async process(name: string, registered: Registration, job: BullJob): Promise<void> {
    await registered.handler(job.data as JobData, {
      jobId: job.id!,
      name,
      attempt: job.attemptsMade + 1,
      maxAttempts: job.opts.attempts ?? registered.attempts,
    });
  }

  /** The worker reports every failed run; only one that will not be retried belongs in failed_job. */
  private async recordIfFailedForGood(name: string, job: BullJob, error: Error): Promise<void> {
    try {
      if (!(await job.isFailed())) return;
      await this.record(name, job, describeError(error));
      this.options.logger.error(
        `job ${name}/${job.id} failed for good after ${job.attemptsMade} attempts`,
        error.message,
      );
    } catch (recordError) {
      // The job stays in BullMQ's failed set; the next sweep of the failed sets writes it.
      this.options.logger.error(`could not record failed job ${name}/${job.id}`, describeError(recordError));
    }
  }

  /**
   * Writes failed jobs the `failed` event missed: a process that died between failing a job and recording it,
   * or a job that exhausted its stalled recoveries (it fails inside Redis, where no handler sees it).
   */
  private async recordFailedSets(): Promise<void> {
    for (const [name, queue] of this.queues) {
      try {
        const failed = await queue.getFailed(0, FAILED_SWEEP_BATCH - 1);
        for (const job of failed) {
          if (this.recordedFailures.has(`${name}/${job.id}`)) continue;
          await this.record(name, job, job.failedReason || 'failed without a reason');
        }
      } catch (error) {
        if (!this.closed) this.options.logger.warn(`could not sweep the failed jobs of ${name}`, describeError(error));
      }
    }
  }

  private async record(name: string, job: BullJob, error: string): Promise<void> {
    await this.options.recorder.record({
      queue: name,
      jobId: job.id!,
      data: (job.data ?? {}) as JobData,
      attempts: job.attemptsMade,
      error,
    });
    this.recordedFailures.add(`${name}/${job.id}`);
  }
}
