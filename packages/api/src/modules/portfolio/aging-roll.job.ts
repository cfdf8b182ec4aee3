import { isIsoDate } from '@recupera/shared';
import type { JobDeps } from '../../core/job-queue/job-deps.ts';
import { JobName } from '../../core/job-queue/job-names.ts';
import type { Job } from '../../core/job-queue/job-queue.ts';
import { rollAging } from './aging-roll.service.ts';

/** `businessDate` re-rolls a given day (an admin retry); the scheduled run rolls the clock's business date. */
export type AgingRollJobData = { businessDate?: string };

/** Midnight, read in the operation's time zone: the moment the business date turns. */
export const AGING_ROLL_CRON = '0 0 * * *';

/**
 * The daily aging roll. Scheduled at the business-day change and run once at start, so a server that was down
 * at midnight still records the day. Idempotent per business day (see `rollAging`).
 */
export class AgingRollJob implements Job<AgingRollJobData> {
  readonly name = JobName.AgingRoll;
  readonly options = { attempts: 5, backoffMs: 30_000 };

  constructor(private readonly deps: JobDeps) {}

  async handle(data: AgingRollJobData): Promise<void> {
    const businessDate = data.businessDate ?? this.deps.clock.businessDate();
    if (!isIsoDate(businessDate)) throw new Error(`aging roll: not a date: ${businessDate}`);
    const summary = await rollAging(this.deps.orm, businessDate);
    const moved = summary.transitions.reduce((sum, transition) => sum + transition.accounts, 0);
    this.deps.logger.info(`aging roll of ${businessDate}: ${moved} accounts changed bucket`);
  }
}
