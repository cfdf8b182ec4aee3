import type { Orm } from '../database/orm.ts';
import type { Logger } from '../logger.ts';
import { BullMqJobQueue } from './bullmq.adapter.ts';
import { PostgresFailedJobRecorder } from './failed-job.recorder.ts';
import { InProcessJobQueue } from './in-process.adapter.ts';
import type { JobQueue } from './job-queue.ts';

/** Every Redis key of the job queues starts with this (BullMQ's `prefix`). */
export const JOB_QUEUE_PREFIX = 'recupera';

export interface JobQueueSettings {
  /** Set: BullMQ on this Redis, shared by every API instance. Absent: the in-process adapter. */
  redisUrl?: string | undefined;
  prefix?: string;
}

/** The adapter docs/design.md asks for: BullMQ when Redis is configured, timers in the process otherwise. */
export function createJobQueue(settings: JobQueueSettings, orm: Orm, logger: Logger): JobQueue {
  const recorder = new PostgresFailedJobRecorder(orm);
  if (settings.redisUrl) {
    return new BullMqJobQueue({
      redisUrl: settings.redisUrl,
      prefix: settings.prefix ?? JOB_QUEUE_PREFIX,
      recorder,
      logger,
    });
  }
  return new InProcessJobQueue({ recorder, logger });
}
