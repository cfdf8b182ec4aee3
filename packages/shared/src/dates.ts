/**
 * Calendar dates and time-zone arithmetic.
 *
 * Two kinds of time live in Recupera and they are never mixed:
 * - an **instant** (`Date`): a point on the UTC timeline (when an interaction happened);
 * - a **calendar date** (`IsoDate`, `YYYY-MM-DD`): a day on somebody's wall calendar (a due date, a
 *   business date, a holiday). It has no time zone of its own.
 *
 * Calendar arithmetic is done on integer day numbers (days since 1970-01-01 in the proleptic Gregorian
 * calendar), so daylight-saving changes can never shift a result by an hour or a day. Converting between
 * the two kinds always names the time zone explicitly and goes through `Intl` (the IANA database shipped
 * with the runtime). Nothing here reads the clock: the caller passes the instant in.
 */

/** A calendar date as an ISO 8601 string `YYYY-MM-DD` (four-digit year), e.g. `"2026-07-28"`. */
export type IsoDate = string;

/** The numeric parts of an {@link IsoDate}; `month` is 1–12. */
export interface DateParts {
  year: number;
  month: number;
  day: number;
}

const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
const MS_PER_SECOND = 1_000;

/** Gregorian leap-year rule: every 4th year, except centuries not divisible by 400. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function matchParts(s: string): DateParts | null {
  const match = ISO_DATE_PATTERN.exec(s);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/**
 * True when `s` is exactly `YYYY-MM-DD` and names a real day of the Gregorian calendar
 * (2024-02-29 is valid, 2023-02-29 and 2026-13-01 are not). Use it to validate user input.
 */
export function isIsoDate(s: string): boolean {
  return matchParts(s) !== null;
}

/** The first day both ISO dates and PostgreSQL's `date` have: there is no year 0 to store. */
export const OLDEST_DATE: IsoDate = '0001-01-01';

/**
 * The last day an input date may name: its next day is still a four-digit year, so a period ending on it has an
 * end (`[from, to + 1 day)`). 9999-12-31 would make {@link addDays} throw.
 */
export const LATEST_DATE: IsoDate = '9999-12-30';

/** Splits a valid {@link IsoDate}; throws `RangeError` for anything {@link isIsoDate} rejects. */
export function parseIsoDate(date: IsoDate): DateParts {
  const parts = matchParts(date);
  if (!parts) throw new RangeError(`Not an ISO calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return parts;
}

/** Builds an {@link IsoDate} from its parts; throws `RangeError` if they do not name a real day. */
export function formatIsoDate(parts: DateParts): IsoDate {
  const { year, month, day } = parts;
  if (!Number.isInteger(year) || year < 0 || year > 9999) {
    throw new RangeError(`Year out of the four-digit range: ${year}`);
  }
  const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  if (!isIsoDate(text)) throw new RangeError(`Not a calendar date: ${text}`);
  return text;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * Days since 1970-01-01 (negative before). Pure integer arithmetic (H. Hinnant's `days_from_civil`),
 * so it is independent of time zones and of `Date`'s two-digit-year quirks.
 */
export function toEpochDay(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const shiftedMonth = month > 2 ? month - 3 : month + 9; // March = 0, so the leap day is last
  const dayOfYear = Math.floor((153 * shiftedMonth + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Inverse of {@link toEpochDay} (H. Hinnant's `civil_from_days`). */
export function fromEpochDay(epochDay: number): IsoDate {
  if (!Number.isInteger(epochDay)) throw new RangeError(`Epoch day must be an integer: ${epochDay}`);
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return formatIsoDate({ year, month, day });
}

/** The calendar date `days` days after `date` (before it when negative). `days` must be an integer. */
export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`Days must be an integer: ${days}`);
  return fromEpochDay(toEpochDay(date) + days);
}

/** Whole days from `earlier` to `later` (negative when `later` is actually earlier). */
export function diffDays(later: IsoDate, earlier: IsoDate): number {
  return toEpochDay(later) - toEpochDay(earlier);
}

/** Orders two dates: -1, 0 or 1. (Valid ISO dates also sort correctly as plain strings.) */
export function compareIsoDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  return Math.sign(toEpochDay(a) - toEpochDay(b)) as -1 | 0 | 1;
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(date: IsoDate): number {
  const mondayBased = (((toEpochDay(date) + 3) % 7) + 7) % 7; // epoch day 0 (Thursday) -> 3
  return mondayBased + 1;
}

/** The UTC calendar date of an instant (for UTC-scoped facts only; debtors are local, see {@link businessDateIn}). */
export function utcDateOf(instant: Date): IsoDate {
  return fromEpochDay(Math.floor(validTime(instant) / MS_PER_DAY));
}

// ---------------------------------------------------------------------------------------------------------
// Time zones
// ---------------------------------------------------------------------------------------------------------

const formatterCache = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: building them is slow and the zone set is small. Throws RangeError for bad zones. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatterCache.get(timeZone);
  if (!formatter) {
    // Pin calendar and digits so a runtime default locale can never change the parts we parse.
    formatter = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatterCache.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * True when `tz` is a time zone the runtime's IANA database knows (e.g. `America/Lima`, `UTC`).
 * `Intl` is case-insensitive and accepts legacy aliases (`EST`); store {@link canonicalTimeZone} instead.
 * Fixed UTC offsets (`+05:00`, which newer runtimes accept) are refused: they know nothing of DST, so a
 * contact window evaluated with one would be an hour off for half the year.
 */
export function isValidTimeZone(tz: string): boolean {
  return canonicalTimeZone(tz) !== null;
}

/** The runtime's canonical spelling of a zone (`america/lima` → `America/Lima`), or null if unknown. */
export function canonicalTimeZone(tz: string): string | null {
  if (tz.trim() === '' || /^[+-]/.test(tz)) return null;
  try {
    return formatterFor(tz).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

function validTime(instant: Date): number {
  const time = instant.getTime();
  if (Number.isNaN(time)) throw new RangeError('Invalid Date');
  return time;
}

interface WallClock {
  readonly date: IsoDate;
  readonly secondOfDay: number;
}

/**
 * Answers already worked out, per time zone. `Intl` is the costly part of time-zone arithmetic, and callers ask
 * the same few questions again and again: a request's "now" in a handful of zones, today's and tomorrow's start.
 * Both questions remembered here are pure functions of their arguments (the runtime's zone rules do not change
 * while it runs), so a remembered answer is the answer. Bounded: a zone's answers are dropped wholesale once it
 * holds too many, and every zone's once there are too many zones. Nothing is remembered for a call that throws.
 */
class ZoneMemo<K, V> {
  private static readonly PER_ZONE = 2048;
  private static readonly ZONES = 512;
  private readonly byZone = new Map<string, Map<K, V>>();

  get(timeZone: string, key: K, compute: () => V): V {
    const remembered = this.byZone.get(timeZone)?.get(key);
    if (remembered !== undefined) return remembered;
    const value = compute();
    let answers = this.byZone.get(timeZone);
    if (!answers) {
      if (this.byZone.size >= ZoneMemo.ZONES) this.byZone.clear();
      this.byZone.set(timeZone, (answers = new Map()));
    } else if (answers.size >= ZoneMemo.PER_ZONE) {
      answers.clear();
    }
    answers.set(key, value);
    return value;
  }
}

const wallClocks = new ZoneMemo<number, WallClock>();
const dayStarts = new ZoneMemo<IsoDate, number>();

function wallClock(instant: Date, timeZone: string): WallClock {
  const time = validTime(instant);
  return wallClocks.get(timeZone, time, () => readWallClock(time, timeZone));
}

function readWallClock(time: number, timeZone: string): WallClock {
  const values: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(time)) values[part.type] = part.value;
  const yearOfEra = Number(values.year);
  const year = values.era === 'BC' ? 1 - yearOfEra : yearOfEra;
  const date = formatIsoDate({ year, month: Number(values.month), day: Number(values.day) });
  const secondOfDay = Number(values.hour) * 3600 + Number(values.minute) * 60 + Number(values.second);
  return { date, secondOfDay };
}

/** UTC offset of `timeZone` at `time`, in milliseconds (local wall time − UTC). */
function offsetAt(time: number, timeZone: string): number {
  const wall = wallClock(new Date(time), timeZone);
  const wallAsUtc = toEpochDay(wall.date) * MS_PER_DAY + wall.secondOfDay * MS_PER_SECOND;
  return wallAsUtc - Math.floor(time / MS_PER_SECOND) * MS_PER_SECOND;
}

/**
 * The calendar date on the wall in `timeZone` at `instant`: the debtor's or the campaign's "business
 * date". DPD and aging are always computed from this, never from the server's own date.
 */
export function businessDateIn(instant: Date, timeZone: string): IsoDate {
  return wallClock(instant, timeZone).date;
}

/** Local calendar facts of an instant, as the contact-window rules need them. */
export interface LocalParts {
  /** The local calendar date. */
  date: IsoDate;
  /** ISO weekday of `date`: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Minutes since local midnight, 0–1439 (seconds are dropped, so 19:59:59 is minute 1199). */
  minuteOfDay: number;
}

/** Local date, weekday and minute of day of `instant` in `timeZone` (throws RangeError for a bad zone). */
export function localParts(instant: Date, timeZone: string): LocalParts {
  const wall = wallClock(instant, timeZone);
  return { date: wall.date, weekday: isoWeekday(wall.date), minuteOfDay: Math.floor(wall.secondOfDay / 60) };
}

/**
 * The first instant at which the local calendar shows `date` in `timeZone`.
 *
 * Usually that is local 00:00, but zones that spring forward at midnight (America/Santiago,
 * America/Asuncion, historically America/Sao_Paulo) skip it: their day then starts at the end of the gap
 * (01:00). Used to turn "interactions on business date D" into a half-open UTC range
 * `[startOfLocalDay(D), startOfLocalDay(D + 1))`, which is 23 or 25 hours long on DST days.
 */
export function startOfLocalDay(date: IsoDate, timeZone: string): Date {
  return new Date(dayStarts.get(timeZone, date, () => findStartOfLocalDay(date, timeZone).getTime()));
}

function findStartOfLocalDay(date: IsoDate, timeZone: string): Date {
  const midnightAsUtc = toEpochDay(date) * MS_PER_DAY;
  // UTC offsets lie within −12h … +14h, so 15h before/after UTC midnight is safely on the neighbouring days.
  const lowerBound = midnightAsUtc - 15 * 3_600_000;
  const upperBound = midnightAsUtc + 15 * 3_600_000;

  // Local midnight exists iff one of the offsets in force around it maps back onto it exactly.
  const candidates = [offsetAt(lowerBound, timeZone), offsetAt(midnightAsUtc, timeZone), offsetAt(upperBound, timeZone)]
    .map((offset) => midnightAsUtc - offset)
    .filter((time) => {
      const wall = wallClock(new Date(time), timeZone);
      return wall.date === date && wall.secondOfDay === 0;
    });
  if (candidates.length > 0) return new Date(Math.min(...candidates));

  // Midnight fell into a DST gap: find the first second whose local date is `date` (monotonic here).
  let before = Math.floor(lowerBound / MS_PER_SECOND); // local date < date
  let after = Math.ceil(upperBound / MS_PER_SECOND); // local date >= date
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (businessDateIn(new Date(middle * MS_PER_SECOND), timeZone) < date) before = middle;
    else after = middle;
  }
  return new Date(after * MS_PER_SECOND);
}
