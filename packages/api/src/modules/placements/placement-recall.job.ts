import type { JobDeps } from '../../core/job-queue/job-deps.ts';
import { JobName } from '../../core/job-queue/job-names.ts';
import type { Job } from '../../core/job-queue/job-queue.ts';
import { recallDuePlacements } from './placement-recall.service.ts';

export type PlacementRecallJobData = Record<string, never>;

/** Recall dates turn with the business date; a quarter-hour sweep brings the day's accounts back soon after. */
export const PLACEMENT_RECALL_EVERY_MS = 15 * 60_000;

/** The automatic recall (docs/agencies.md). Idempotent: a placement already ended is never selected again. */
export class PlacementRecallJob implements Job<PlacementRecallJobData> {
  readonly name = JobName.PlacementRecall;
  readonly options = { attempts: 5, backoffMs: 30_000 };

  constructor(private readonly deps: JobDeps) {}

  async handle(): Promise<void> {
    const ended = await recallDuePlacements(this.deps.orm, this.deps.clock);
    if (ended > 0) this.deps.logger.info(`placement recall: ${ended} placements reached their recall date`);
  }
}
