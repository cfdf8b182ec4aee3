/**
 * The time windows of the live KPIs and the bucketed accumulator that keeps them without rescans.
 *
 * A window's bounds are defined here once, so the live engine and any recomputation from stored facts count
 * exactly the same events: sliding windows start on a whole minute (the engine keeps one bucket per minute),
 * and TODAY starts at local midnight of the business date in the operation's time zone.
 */
import { businessDateIn, startOfLocalDay, type IsoDate } from './dates.ts';

export const KPI_WINDOWS = ['LAST_15_MINUTES', 'LAST_HOUR', 'TODAY'] as const;
export type KpiWindowName = (typeof KPI_WINDOWS)[number];

export const KPI_BUCKET_MS = 60_000;

export interface KpiWindowBounds {
  /** Inclusive start. */
  from: Date;
  /** Inclusive end: "now". */
  to: Date;
  /** Business dates the window touches, for promise due dates (first and last, inclusive). */
  fromDate: IsoDate;
  toDate: IsoDate;
}

function floorToBucket(ms: number): number {
  return Math.floor(ms / KPI_BUCKET_MS) * KPI_BUCKET_MS;
}

/**
 * The bounds of `window` at `now`. LAST_15_MINUTES covers the current minute and the 14 before it (so between
 * 14 and 15 minutes of history); LAST_HOUR likewise with 60; TODAY starts at local midnight.
 */
export function kpiWindowBounds(window: KpiWindowName, now: Date, timeZone: string): KpiWindowBounds {
  const today = businessDateIn(now, timeZone);
  let from: Date;
  if (window === 'TODAY') from = startOfLocalDay(today, timeZone);
  else {
    const minutes = window === 'LAST_15_MINUTES' ? 15 : 60;
    from = new Date(floorToBucket(now.getTime()) - (minutes - 1) * KPI_BUCKET_MS);
  }
  return { from, to: now, fromDate: businessDateIn(from, timeZone), toDate: today };
}

/** Additive figures of one minute: counters and per-currency minor-unit sums. */
export interface KpiTally {
  counts: Record<string, number>;
  money: Record<string, bigint>;
}

export function emptyTally(): KpiTally {
  return { counts: {}, money: {} };
}

/** Adds `delta` into `into` (mutates `into`). */
export function addTally(into: KpiTally, delta: Partial<KpiTally>): void {
  for (const [key, value] of Object.entries(delta.counts ?? {})) into.counts[key] = (into.counts[key] ?? 0) + value;
  for (const [key, value] of Object.entries(delta.money ?? {})) into.money[key] = (into.money[key] ?? 0n) + value;
}

const HOUR_MS = 60 * KPI_BUCKET_MS;

function addToBucket(buckets: Map<number, KpiTally>, key: number, delta: Partial<KpiTally>): void {
  let bucket = buckets.get(key);
  if (!bucket) {
    bucket = emptyTally();
    buckets.set(key, bucket);
  }
  addTally(bucket, delta);
}

/**
 * Per-minute tallies of one scope, rolled up per hour too. Adding an event touches one minute and one hour;
 * reading a window sums whole hours from the hourly roll-up and only the ragged edges minute by minute (at most
 * 24 + 2 × 59 buckets for a day); buckets older than `keepFrom` are dropped — nothing ever rescans events.
 */
export class MinuteTallies {
  private readonly minutes = new Map<number, KpiTally>();
  private readonly hours = new Map<number, KpiTally>();
  /** Nothing before this is held any more (an hour straddling it still holds its older minutes). */
  private keptFrom = Number.NEGATIVE_INFINITY;

  add(atMs: number, delta: Partial<KpiTally>): void {
    addToBucket(this.minutes, floorToBucket(atMs), delta);
    addToBucket(this.hours, Math.floor(atMs / HOUR_MS) * HOUR_MS, delta);
  }

  /** The sum of every minute bucket that starts in [from, to]. */
  sum(from: Date, to: Date): KpiTally {
    const total = emptyTally();
    const last = floorToBucket(to.getTime());
    let key = Math.max(floorToBucket(from.getTime()), this.keptFrom);
    while (key <= last) {
      if (key % HOUR_MS === 0 && key + HOUR_MS - KPI_BUCKET_MS <= last) {
        const hour = this.hours.get(key);
        if (hour) addTally(total, hour);
        key += HOUR_MS;
      } else {
        const minute = this.minutes.get(key);
        if (minute) addTally(total, minute);
        key += KPI_BUCKET_MS;
      }
    }
    return total;
  }

  /** Forgets minutes that start before `keepFrom`, and hours that end before it. */
  prune(keepFrom: Date): void {
    const start = floorToBucket(keepFrom.getTime());
    this.keptFrom = Math.max(this.keptFrom, start);
    for (const key of this.minutes.keys()) if (key < start) this.minutes.delete(key);
    for (const key of this.hours.keys()) if (key + HOUR_MS <= start) this.hours.delete(key);
  }

  /** Minute buckets held. */
  get size(): number {
    return this.minutes.size;
  }
}
