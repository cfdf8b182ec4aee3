import type { EntityManager } from '@mikro-orm/postgresql';
import {
  CONTACT_PROFILES,
  evaluateContact,
  isContactProfileCountry,
  isRightPartyContact,
  localParts,
  nextWindowOpening,
  rollingWindowStartDate,
  startOfLocalDay,
  addDays,
  type ContactBlockReason,
  type ContactHistory,
  type ContactProfile,
  type Disposition,
} from '@recupera/shared';
import { runSql } from '../../core/database/sql.ts';
import { PARKED } from './queue-membership.service.ts';

/** What the contact rules need to know about one account, read in one query for a batch of candidates. */
export interface ContactSubject {
  accountId: string;
  timeZone: string;
  doNotContact: boolean;
  disputed: boolean;
  /** The creditor's country profile (PE, US, ES, EC). */
  country: string;
}

/** A campaign's own hours, narrower than the law's; minutes from local midnight. */
export interface CampaignWindow {
  startMinute: number | null;
  endMinute: number | null;
}

export interface ContactDecision {
  allowed: boolean;
  reasons: ContactBlockReason[];
  /** When to look at the account again if not allowed now. */
  retryAt: Date;
}

/** The country's legal profile, narrowed by the campaign's window when it has one. */
export function effectiveProfile(country: string, window: CampaignWindow): ContactProfile {
  const base = CONTACT_PROFILES[isContactProfileCountry(country) ? country : 'PE'];
  return {
    ...base,
    windowStartMinute: Math.max(base.windowStartMinute, window.startMinute ?? 0),
    windowEndMinute: Math.min(base.windowEndMinute, window.endMinute ?? 24 * 60),
  };
}

/** One earlier contact attempt on an account, as the contact rules count it. */
export interface PastAttempt {
  startedAt: Date;
  disposition: Disposition;
}

/** How far back any country's rules look: the widest rolling cap or quiet period, and a day of margin. */
export const CONTACT_LOOKBACK_DAYS =
  Math.max(
    ...Object.values(CONTACT_PROFILES).flatMap((profile) => [
      profile.maxAttemptsInRollingDays?.days ?? 1,
      profile.quietDaysAfterConversation ?? 1,
    ]),
  ) + 1;

/** The earliest attempt any rule may count at `now`: read attempts from here on. */
export function contactLookbackStart(now: Date): Date {
  return new Date(now.getTime() - (CONTACT_LOOKBACK_DAYS + 1) * 86_400_000);
}

/**
 * Local-day boundaries at one instant, per time zone: time-zone arithmetic is the costly part of counting
 * attempts, and a page of candidates shares a handful of zones.
 */
export class LocalDayBoundaries {
  private readonly byZone = new Map<string, { todayStart: Date; rollingStart: Date }>();

  constructor(private readonly now: Date) {}

  /** The start of the local day and of a rolling window of `rollingDays` local days ending today. */
  in(timeZone: string, rollingDays: number): { todayStart: Date; rollingStart: Date } {
    const key = `${timeZone} ${rollingDays}`;
    let found = this.byZone.get(key);
    if (!found) {
      const today = localParts(this.now, timeZone).date;
      found = {
        todayStart: startOfLocalDay(today, timeZone),
        rollingStart: startOfLocalDay(rollingWindowStartDate(today, rollingDays), timeZone),
      };
      this.byZone.set(key, found);
    }
    return found;
  }
}

/** Attempts today and in the rolling window, and the last conversation, from the account's recent attempts. */
export function contactHistoryOf(
  attempts: readonly PastAttempt[],
  timeZone: string,
  profile: ContactProfile,
  boundaries: LocalDayBoundaries,
): ContactHistory {
  const { todayStart, rollingStart } = boundaries.in(timeZone, profile.maxAttemptsInRollingDays?.days ?? 1);
  // Compared as numbers: a page of candidates counts hundreds of attempts.
  const today = todayStart.getTime();
  const rolling = rollingStart.getTime();
  let attemptsToday = 0;
  let attemptsInRollingWindow = 0;
  let lastConversationAt: Date | null = null;
  for (const attempt of attempts) {
    const at = attempt.startedAt.getTime();
    if (at >= today) attemptsToday += 1;
    if (at >= rolling) attemptsInRollingWindow += 1;
    if (isRightPartyContact(attempt.disposition) && (!lastConversationAt || at > lastConversationAt.getTime())) {
      lastConversationAt = attempt.startedAt;
    }
  }
  return { attemptsToday, attemptsInRollingWindow, lastConversationAt };
}

/**
 * The contact history of one account under `profile`, counted from the interaction table through its
 * (account_id, started_at) index. "Today" is the debtor's local day.
 */
export async function loadContactHistory(
  em: EntityManager,
  subject: ContactSubject,
  profile: ContactProfile,
  now: Date,
): Promise<ContactHistory> {
  const rows = await runSql<{ started_at: Date | string; disposition: Disposition }>(
    em,
    `select started_at, disposition from interaction where account_id = ? and started_at >= ? and started_at <= ?`,
    [subject.accountId, contactLookbackStart(now), now],
  );
  const attempts = rows.map((row) => ({ startedAt: new Date(row.started_at), disposition: row.disposition }));
  return contactHistoryOf(attempts, subject.timeZone, profile, new LocalDayBoundaries(now));
}

/** Whether the account may be contacted now and, if not, the earliest instant worth checking again. */
export function decideContact(
  subject: ContactSubject,
  profile: ContactProfile,
  history: ContactHistory,
  now: Date,
): ContactDecision {
  const { allowed, reasons } = evaluateContact({
    profile,
    instant: now,
    timeZone: subject.timeZone,
    doNotContact: subject.doNotContact,
    disputed: subject.disputed,
    history,
  });
  if (allowed) return { allowed, reasons, retryAt: now };
  if (reasons.includes('DO_NOT_CONTACT') || reasons.includes('DISPUTED')) return { allowed, reasons, retryAt: PARKED };
  // History-based limits lift at the start of a later local day; the window rules then say when that day opens.
  const today = localParts(now, subject.timeZone).date;
  let from = now;
  if (
    reasons.includes('DAILY_CAP') ||
    reasons.includes('ROLLING_CAP') ||
    reasons.includes('QUIET_AFTER_CONVERSATION')
  ) {
    from = startOfLocalDay(addDays(today, 1), subject.timeZone);
  }
  // The quiet period ends on a known day (the conversation's day is its first): no point looking before.
  if (
    reasons.includes('QUIET_AFTER_CONVERSATION') &&
    profile.quietDaysAfterConversation !== null &&
    history.lastConversationAt !== null
  ) {
    const conversationDay = localParts(history.lastConversationAt, subject.timeZone).date;
    const quietEnds = startOfLocalDay(addDays(conversationDay, profile.quietDaysAfterConversation), subject.timeZone);
    if (quietEnds > from) from = quietEnds;
  }
  return { allowed, reasons, retryAt: nextWindowOpening(profile, from, subject.timeZone) };
}
