/**
 * The job runtime's one contract. Two adapters implement it and pass the same contract tests
 * (job-queue.contract.test.ts): BullMQ on Redis when `REDIS_URL` is set, timers in the process otherwise.
 *
 * Delivery is at least once: a handler may run again after a crash, a lost lock or a retry, so every handler
 * must be idempotent — its effect keyed by something stable (a promise id, a dedupe key, a unique row, the job
 * id) so a second run finds the work done and changes nothing.
 */

/** What a handler learns about the run it is in. */
export interface JobContext {
  /** Stable across retries and redeliveries of one job: a good idempotency key. */
  jobId: string;
  name: string;
  /** 1 on the first run; retries count up to `maxAttempts`. A redelivery after a crash keeps its number. */
  attempt: number;
  maxAttempts: number;
}

/** Job data crosses Redis as JSON: plain objects of strings, numbers, booleans, arrays and nulls only. */
export type JobData = Record<string, unknown>;

export type JobHandler<D extends JobData = JobData> = (data: D, context: JobContext) => Promise<void>;

export interface RegisterOptions {
  /** Runs in total, the first included, before the job fails for good and lands in `failed_job`. */
  attempts?: number;
  /** Delay before the first retry; each later retry waits twice as long as the one before. */
  backoffMs?: number;
  /** Jobs of this name one process runs at the same time. */
  concurrency?: number;
}

export interface EnqueueOptions {
  /** Wait this long before the job becomes runnable. */
  delayMs?: number;
  /**
   * Enqueueing a job id that is already queued, running or finished (within {@link FINISHED_JOB_RETENTION_MS})
   * is a no-op, so a producer that retries its own enqueue cannot run the job twice. No ":" and not a bare integer.
   */
  jobId?: string;
}

/** Jobs of one name in one state, for the metrics (recupera_job_queue_depth). */
export interface JobDepth {
  queue: string;
  state: 'waiting' | 'active' | 'delayed';
  count: number;
}

/** A repeat: a fixed interval, or a cron pattern (5 fields, or 6 with seconds) read in `timeZone`. */
export type Repeat = { everyMs: number } | { cron: string; timeZone: string };

export interface JobQueue {
  /** Before `start`, in every process that produces or consumes the job (its retry settings travel with it). */
  register<D extends JobData>(name: string, handler: JobHandler<D>, options?: RegisterOptions): void;
  /** Returns the job id (the given one, or a generated one). */
  enqueue<D extends JobData>(name: string, data: D, options?: EnqueueOptions): Promise<string>;
  /** One repeat per name: scheduling the name again replaces its repeat (upsert), never adds a second one. */
  schedule<D extends JobData>(name: string, repeat: Repeat, data: D): Promise<void>;
  /** Starts running registered handlers; jobs enqueued before `start` wait for it. */
  start(): Promise<void>;
  /** Stops taking jobs, lets running ones finish, and releases timers and connections. */
  close(): Promise<void>;
  /** Jobs waiting, running and delayed, by name (with BullMQ: the shared queues, whichever instance runs them). */
  depths(): Promise<JobDepth[]>;
}

/** One job: a class per file exporting its data type (docs/conventions.md), registered by register-jobs.ts. */
export interface Job<D extends JobData> {
  readonly name: string;
  readonly options?: RegisterOptions;
  handle(data: D, context: JobContext): Promise<void>;
}

export const DEFAULT_ATTEMPTS = 5;
export const DEFAULT_BACKOFF_MS = 2_000;
/** Finished jobs are remembered this long, which is how long `jobId` dedupe holds after a job ran. */
export const FINISHED_JOB_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/** The wait before run `attempt + 1` after run `attempt` failed: base, 2×base, 4×base… (BullMQ's formula). */
export function backoffDelayMs(failedAttempt: number, baseMs: number): number {
  return Math.round(2 ** (failedAttempt - 1) * baseMs);
}

/** BullMQ's rules for custom ids, enforced by both adapters so code never works on one and breaks on the other. */
export function assertJobId(jobId: string): void {
  if (jobId.length === 0 || jobId.length > 200) throw new Error(`job id must have 1 to 200 characters: ${jobId}`);
  if (jobId.includes(':')) throw new Error(`job id must not contain ":": ${jobId}`);
  if (String(Number.parseInt(jobId, 10)) === jobId) throw new Error(`job id must not be an integer: ${jobId}`);
}

export class UnknownJobError extends Error {
  constructor(name: string) {
    super(`no job named ${name} is registered`);
    this.name = 'UnknownJobError';
  }
}

/** The normalised registration both adapters keep. */
export interface Registration {
  handler: JobHandler;
  attempts: number;
  backoffMs: number;
  concurrency: number;
}

export function registration(handler: JobHandler, options: RegisterOptions = {}): Registration {
  const attempts = options.attempts ?? DEFAULT_ATTEMPTS;
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(attempts) || attempts < 1) throw new Error(`attempts must be a positive integer: ${attempts}`);
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error(`concurrency must be a positive integer: ${concurrency}`);
  }
  return { handler, attempts, backoffMs: options.backoffMs ?? DEFAULT_BACKOFF_MS, concurrency };
}
