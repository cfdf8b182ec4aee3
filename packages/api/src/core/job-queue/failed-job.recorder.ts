import { v7 as uuidv7 } from 'uuid';
import { systemEm, type Orm } from '../database/orm.ts';
import type { JobData } from './job-queue.ts';

export interface FailedJobEntry {
  queue: string;
  jobId: string;
  data: JobData;
  attempts: number;
  error: string;
}

/** Where a job that failed for good is written, so it is never silently dropped. */
export interface FailedJobRecorder {
  record(entry: FailedJobEntry): Promise<void>;
}

const MAX_ERROR_LENGTH = 8_000;

/** The text stored for a failure: the stack when there is one (it names the line), capped. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}

/**
 * Writes to the `failed_job` table, at most one row per (queue, job id): BullMQ may report one failure both
 * from the worker's `failed` event and from the failed-set sweep, and a crash between the two repeats it.
 * The advisory lock makes "insert unless present" atomic without a unique index.
 */
export class PostgresFailedJobRecorder implements FailedJobRecorder {
  constructor(private readonly orm: Orm) {}

  async record(entry: FailedJobEntry): Promise<void> {
    await systemEm(this.orm).transactional(async (tx) => {
      await tx.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [
        `failed_job/${entry.queue}/${entry.jobId}`,
      ]);
      await tx.execute(
        `insert into failed_job (id, queue, job_id, data, attempts, error, failed_at)
         select ?, ?, ?, ?::jsonb, ?, ?, now()
          where not exists (select 1 from failed_job where queue = ? and job_id = ?)`,
        [
          uuidv7(),
          entry.queue,
          entry.jobId,
          JSON.stringify(entry.data),
          entry.attempts,
          entry.error,
          entry.queue,
          entry.jobId,
        ],
      );
    });
  }
}
