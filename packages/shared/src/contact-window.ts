/**
 * Contact-compliance rules as data (docs/design.md, "Compliance": "These rules are data (a profile per country,
 * chosen per creditor), not code paths"). A {@link ContactProfile} describes what a country's law allows;
 * {@link evaluateContact} applies any profile to one prospective attempt and lists every rule it breaks.
 *
 * Times are always the debtor's local wall time, so the caller passes the debtor's IANA time zone.
 */
import { addDays, diffDays, isoWeekday, localParts, startOfLocalDay, type IsoDate } from './dates.ts';
import { isPublicHoliday } from './holidays.ts';

/** The rules one jurisdiction imposes on collection contact. */
export interface ContactProfile {
  /** ISO 3166-1 alpha-2 country whose law and public holidays apply. */
  country: string;
  /** Display name, e.g. "Peru — Código de Protección y Defensa del Consumidor". */
  name: string;
  /** ISO weekdays on which contact is allowed: 1 = Monday … 7 = Sunday. */
  allowedWeekdays: number[];
  /** First allowed local minute of the day (420 = 07:00), inclusive. */
  windowStartMinute: number;
  /** End of the allowed window in local minutes (1200 = 20:00), exclusive: 19:59 is in, 20:00 is out. */
  windowEndMinute: number;
  /** No contact on the country's public holidays (see holidays.ts). */
  excludePublicHolidays: boolean;
  /** Attempts allowed per local calendar day for one debt, or null for no daily cap. */
  maxAttemptsPerDay: number | null;
  /** At most `attempts` attempts within any `days` consecutive local days (today included), or null. */
  maxAttemptsInRollingDays: { attempts: number; days: number } | null;
  /**
   * After a conversation with the debtor, no attempt during this many local days, the conversation's day
   * counting as day 1 (3 ⇒ conversation Monday, first attempt allowed Thursday); null for no quiet period.
   */
  quietDaysAfterConversation: number | null;
  /** Whether collectors may call third parties (relatives, employers). The debt is never disclosed to them. */
  thirdPartyContactAllowed: boolean;
  /** The legal source of the rules, for audit trails and the console. */
  source: string;
}

// Functions, not shared constants, so that no two profiles share (and could co-mutate) one array.
const mondayToFriday = (): number[] => [1, 2, 3, 4, 5];
const everyDay = (): number[] => [1, 2, 3, 4, 5, 6, 7];

/** Countries with a built-in profile. */
export const CONTACT_PROFILE_COUNTRIES = ['PE', 'US', 'ES', 'EC'] as const;

/** One of {@link CONTACT_PROFILE_COUNTRIES}. */
export type ContactProfileCountry = (typeof CONTACT_PROFILE_COUNTRIES)[number];

/**
 * The built-in profiles, from docs/design.md "Compliance" and the laws it names. Where a law counts something
 * specific (Reg F counts telephone calls), the caller decides which attempts go into {@link ContactHistory}.
 */
export const CONTACT_PROFILES: Readonly<Record<ContactProfileCountry, ContactProfile>> = {
  PE: {
    country: 'PE',
    name: 'Peru — consumer protection code',
    allowedWeekdays: mondayToFriday(),
    windowStartMinute: 7 * 60,
    windowEndMinute: 20 * 60,
    excludePublicHolidays: true,
    maxAttemptsPerDay: null,
    maxAttemptsInRollingDays: null,
    quietDaysAfterConversation: null,
    thirdPartyContactAllowed: false,
    source:
      'Ley 29571, Código de Protección y Defensa del Consumidor, art. 62: no collection calls or visits ' +
      'between 20:00 and 07:00, on Saturdays, Sundays or public holidays, nor to third parties.',
  },
  US: {
    country: 'US',
    name: 'United States — Regulation F',
    allowedWeekdays: everyDay(),
    windowStartMinute: 8 * 60,
    windowEndMinute: 21 * 60,
    excludePublicHolidays: false,
    maxAttemptsPerDay: null,
    maxAttemptsInRollingDays: { attempts: 7, days: 7 },
    quietDaysAfterConversation: 7,
    thirdPartyContactAllowed: true,
    source:
      'Regulation F, 12 CFR 1006.6(b)(1)(i): contact before 08:00 or after 21:00 local time is inconvenient; ' +
      '12 CFR 1006.14(b)(2): harassment presumed after more than 7 calls within 7 consecutive days, or a ' +
      'call within 7 days after a telephone conversation, about the debt. Third parties only for location ' +
      'information (12 CFR 1006.10), never disclosing the debt.',
  },
  ES: {
    country: 'ES',
    name: 'Spain — consumer protection law',
    allowedWeekdays: mondayToFriday(),
    windowStartMinute: 9 * 60,
    windowEndMinute: 21 * 60,
    excludePublicHolidays: true,
    maxAttemptsPerDay: null,
    maxAttemptsInRollingDays: null,
    quietDaysAfterConversation: null,
    thirdPartyContactAllowed: false,
    source:
      'Real Decreto Legislativo 1/2007 (TRLGDCU), art. 96.2: no calls before 09:00 or after 21:00, nor on ' +
      'public holidays or weekends. Third parties excluded as a data-protection precaution (RGPD/LOPDGDD).',
  },
  EC: {
    country: 'EC',
    name: 'Ecuador — consumer protection law',
    allowedWeekdays: mondayToFriday(),
    windowStartMinute: 7 * 60,
    windowEndMinute: 20 * 60,
    excludePublicHolidays: true,
    maxAttemptsPerDay: 1,
    maxAttemptsInRollingDays: null,
    quietDaysAfterConversation: null,
    thirdPartyContactAllowed: false,
    source:
      'Ley Orgánica de Defensa del Consumidor, art. 49 (reformed 2022): one collection contact a day, ' +
      '07:00–20:00 Monday to Friday, none on weekends or public holidays, only to the debtor, co-debtor ' +
      'or guarantor.',
  },
};

/** Type guard for a country that has a built-in profile. */
export function isContactProfileCountry(country: string): country is ContactProfileCountry {
  return (CONTACT_PROFILE_COUNTRIES as readonly string[]).includes(country);
}

/** What the caller knows about past attempts on this debt (counted by whatever the law counts). */
export interface ContactHistory {
  /** Attempts already made on the debtor's local calendar day of the prospective attempt. */
  attemptsToday: number;
  /**
   * Attempts already made in the rolling window that ends with the prospective attempt's local day:
   * the `days - 1` previous local days plus today (see {@link rollingWindowStartDate}).
   */
  attemptsInRollingWindow: number;
  /** When the last conversation with the debtor happened (see `isConversation`), or null if never. */
  lastConversationAt: Date | null;
}

/** Every reason a prospective contact can be refused, in the order {@link evaluateContact} reports them. */
export const CONTACT_BLOCK_REASONS = [
  'DO_NOT_CONTACT',
  'DISPUTED',
  'OUTSIDE_HOURS',
  'NOT_A_CONTACT_DAY',
  'PUBLIC_HOLIDAY',
  'DAILY_CAP',
  'ROLLING_CAP',
  'QUIET_AFTER_CONVERSATION',
] as const;

/** One of {@link CONTACT_BLOCK_REASONS}. */
export type ContactBlockReason = (typeof CONTACT_BLOCK_REASONS)[number];

/** Input of {@link evaluateContact}. */
export interface ContactEvaluationInput {
  profile: ContactProfile;
  /** When the attempt would happen (usually "now", passed in by the caller). */
  instant: Date;
  /** The debtor's IANA time zone. */
  timeZone: string;
  /** The account is marked do-not-contact. */
  doNotContact: boolean;
  /** The account is in dispute. */
  disputed: boolean;
  history: ContactHistory;
}

/** Verdict of {@link evaluateContact}: allowed iff there are no reasons. */
export interface ContactEvaluation {
  allowed: boolean;
  reasons: ContactBlockReason[];
}

/**
 * The first local date of the rolling window that ends on `date`: `date − (days − 1)`. Count attempts on
 * local dates from this one through `date` inclusive.
 */
export function rollingWindowStartDate(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`Window days must be a positive integer, got ${days}`);
  return addDays(date, -(days - 1));
}

/**
 * Whether an attempt at `instant` is allowed, and every rule it would break (not only the first), so the
 * console can explain a refusal completely. docs/design.md: never contact do-not-contact or disputed accounts;
 * contact only inside the profile's window in the debtor's local time, on allowed weekdays, not on public
 * holidays when the profile says so; respect daily and rolling caps and the quiet period after a
 * conversation. Throws `RangeError` for an unknown time zone (validate it with `isValidTimeZone` on input).
 */
export function evaluateContact(input: ContactEvaluationInput): ContactEvaluation {
  const { profile, instant, timeZone, history } = input;
  const local = localParts(instant, timeZone);
  const reasons: ContactBlockReason[] = [];

  if (input.doNotContact) reasons.push('DO_NOT_CONTACT');
  if (input.disputed) reasons.push('DISPUTED');
  if (local.minuteOfDay < profile.windowStartMinute || local.minuteOfDay >= profile.windowEndMinute) {
    reasons.push('OUTSIDE_HOURS');
  }
  if (!profile.allowedWeekdays.includes(local.weekday)) reasons.push('NOT_A_CONTACT_DAY');
  if (profile.excludePublicHolidays && isPublicHoliday(profile.country, local.date)) reasons.push('PUBLIC_HOLIDAY');
  if (profile.maxAttemptsPerDay !== null && history.attemptsToday >= profile.maxAttemptsPerDay) {
    reasons.push('DAILY_CAP');
  }
  const rolling = profile.maxAttemptsInRollingDays;
  if (rolling !== null && history.attemptsInRollingWindow >= rolling.attempts) reasons.push('ROLLING_CAP');
  if (profile.quietDaysAfterConversation !== null && history.lastConversationAt !== null) {
    const conversationDate = localParts(history.lastConversationAt, timeZone).date;
    // Day of the conversation is day 1 of the quiet period (12 CFR 1006.14(b)(2)(i)(B)).
    if (diffDays(local.date, conversationDate) < profile.quietDaysAfterConversation) {
      reasons.push('QUIET_AFTER_CONVERSATION');
    }
  }
  return { allowed: reasons.length === 0, reasons };
}

/**
 * The earliest instant at or after `instant` that falls inside the profile's hours, on an allowed weekday
 * that is not a public holiday (when the profile excludes them), in `timeZone`. Caps and quiet periods
 * are not considered: they depend on history the caller re-checks when the time comes. Used to set when a
 * work-queue account becomes worth looking at again, so a closed window is not re-examined on every request.
 * On a daylight-saving change day the result may be up to an hour early; the caller re-evaluates anyway.
 */
export function nextWindowOpening(profile: ContactProfile, instant: Date, timeZone: string): Date {
  const here = localParts(instant, timeZone);
  const dayIsOpen = (date: IsoDate) =>
    profile.allowedWeekdays.includes(isoWeekday(date)) &&
    !(profile.excludePublicHolidays && isPublicHoliday(profile.country, date));
  if (
    dayIsOpen(here.date) &&
    here.minuteOfDay >= profile.windowStartMinute &&
    here.minuteOfDay < profile.windowEndMinute
  ) {
    return instant;
  }
  // Today before the window opens, or any of the next 31 days (long enough for any holiday season).
  for (let offset = 0; offset <= 31; offset += 1) {
    const date = addDays(here.date, offset);
    if (!dayIsOpen(date)) continue;
    if (offset === 0 && here.minuteOfDay >= profile.windowStartMinute) continue;
    return new Date(startOfLocalDay(date, timeZone).getTime() + profile.windowStartMinute * 60_000);
  }
  throw new RangeError(`${profile.country}: no contact window in the 31 days after ${instant.toISOString()}`);
}
