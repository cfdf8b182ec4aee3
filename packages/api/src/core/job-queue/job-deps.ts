import type { ChannelAdapter } from '../messaging/channel-adapter.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Orm } from '../database/orm.ts';
import type { Logger } from '../logger.ts';
import type { JobQueue } from './job-queue.ts';

/** What every job is built with. `clock` is the only source of "now" for business decisions, so tests drive it. */
export interface JobDeps {
  orm: Orm;
  clock: Clock;
  logger: Logger;
  /** For jobs that queue follow-up jobs (a broken promise queues its reminder). */
  jobs: JobQueue;
  channel: ChannelAdapter;
  /** The validated environment (retention periods and the like). */
  config: Config;
}
