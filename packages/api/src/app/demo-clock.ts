import { addDays, CONTACT_PROFILES, localParts, type DemoHours } from '@recupera/shared';
import { DemoClock } from '../core/demo-clock.ts';
import type { Orm } from '../core/database/orm.ts';
import { JobName } from '../core/job-queue/job-names.ts';
import type { JobQueue } from '../core/job-queue/job-queue.ts';
import type { Logger } from '../core/logger.ts';
import { SqlDemoOffsetStore } from '../modules/demo/demo-offset-store.ts';
import type { LiveServices } from '../modules/kpi/live/live-services.ts';
import { runRecurringJobsOnce } from './jobs.ts';

/** The demo's creditors follow Peru's contact rules (seed/demo-seeder.ts), so the demo keeps to Peru's hours. */
export function demoHours(timeZone: string): DemoHours {
  return { profile: CONTACT_PROFILES.PE, timeZone };
}

/**
 * The demo clock of the embedded demo database, from the offset its earlier runs reached (moved forward now if real
 * time is outside working hours), saved before anything is seeded or served at its time.
 */
export async function openDemoClock(
  orm: Orm,
  timeZone: string,
  logger: Logger,
  /** Real time in epoch ms (tests set their own). */
  realNow?: () => number,
): Promise<DemoClock> {
  const store = new SqlDemoOffsetStore(orm);
  const offsetMs = await store.read();
  const clock = new DemoClock({ hours: demoHours(timeZone), offsetMs, logger, ...(realNow ? { realNow } : {}) });
  await clock.persistTo(store);
  // From here on the API saves it through its own ORM (runDemoClock); this one closes after the seed.
  await clock.persistTo(null);
  return clock;
}

/**
 * What a running API does with a demo clock: saves every new offset, and starts each business day demo time jumps
 * to as a real operation's day would start — the aging roll of every day it passed over (a real one runs at
 * every midnight, weekends included), then one run of each recurring sweep, and the live figures read for the
 * new day at once rather than at the next minute tick. Returns what undoes it, for the API's close.
 */
export async function runDemoClock(deps: {
  clock: DemoClock;
  orm: Orm;
  jobs: JobQueue;
  live: LiveServices;
  logger: Logger;
  recurringJobs: boolean;
}): Promise<() => Promise<void>> {
  const { clock, jobs, logger } = deps;
  await clock.persistTo(new SqlDemoOffsetStore(deps.orm));
  const unsubscribe = clock.onJump((jump) => {
    logger.info(`demo clock: business day ${jump.to} begins (after ${jump.from})`);
    void deps.live.engine.rebuild();
    if (!deps.recurringJobs) return;
    void (async () => {
      for (let date = addDays(jump.from, 1); date < jump.to; date = addDays(date, 1)) {
        await jobs.enqueue(JobName.AgingRoll, { businessDate: date });
      }
      await runRecurringJobsOnce(jobs, clock.timeZone);
    })().catch((error: unknown) => logger.error('demo clock: could not queue the new day’s jobs', error));
  });
  return async () => {
    unsubscribe();
    await clock.persistTo(null);
  };
}

/** The start banner's line: "Mon 2026-12-07 07:00 (America/Lima), 53 h 00 min ahead of real time; …". */
export function describeDemoClock(clock: DemoClock): string {
  const now = clock.now();
  const { date, minuteOfDay } = localParts(now, clock.timeZone);
  const weekday = new Intl.DateTimeFormat('en-GB', { timeZone: clock.timeZone, weekday: 'short' }).format(now);
  const hhmm = (minutes: number) => `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
  const aheadMinutes = Math.floor(clock.offsetMs / 60_000);
  const ahead =
    aheadMinutes === 0 ? 'real time for now' : `${hhmm(aheadMinutes).replace(':', ' h ')} min ahead of real time`;
  return (
    `${weekday} ${date} ${hhmm(minuteOfDay).padStart(5, '0')} (${clock.timeZone}), ${ahead}: the demo keeps to its ` +
    "debtors' calling hours, at 20:00 it moves on to the next working morning (DEMO_CLOCK=off: real time)"
  );
}
