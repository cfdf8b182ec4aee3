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

/**
 * Attempts today and in the rolling window, and the last conversation, for each account — counted from the
 * interaction table through its (account_id, started_at) index. "Today" is each debtor's local day.
 */
export async function loadContactHistories(
  em: EntityManager,
  subjects: ContactSubject[],
  now: Date,
  rollingDays: number,
): Promise<Map<string, ContactHistory>> {
  const histories = new Map<string, ContactHistory>();
  if (subjects.length === 0) return histories;
  // The widest window any rule looks back over: the rolling cap, the US quiet period, or today.
  const lookBackDays = Math.max(rollingDays, 8);
  const since = new Date(now.getTime() - (lookBackDays + 1) * 86_400_000);
  const rows = await runSql<{ account_id: string; started_at: Date; disposition: Disposition }>(
    em,
    `select account_id, started_at, disposition from interaction
      where account_id in (${subjects.map(() => '?').join(', ')}) and started_at >= ? and started_at <= ?`,
    [...subjects.map((subject) => subject.accountId), since, now],
  );
  // Local-day boundaries depend only on the zone, and time-zone arithmetic is the costly part: once per zone.
  const boundaries = new Map<string, { todayStart: Date; rollingStart: Date }>();
  const boundariesIn = (timeZone: string) => {
    let found = boundaries.get(timeZone);
    if (!found) {
      const today = localParts(now, timeZone).date;
      found = {
        todayStart: startOfLocalDay(today, timeZone),
        rollingStart: startOfLocalDay(rollingWindowStartDate(today, rollingDays), timeZone),
      };
      boundaries.set(timeZone, found);
    }
    return found;
  };
  for (const subject of subjects) {
    const { todayStart, rollingStart } = boundariesIn(subject.timeZone);
    const mine = rows.filter((row) => row.account_id === subject.accountId);
    const conversations = mine
      .filter((row) => isRightPartyContact(row.disposition))
      .map((row) => new Date(row.started_at));
    histories.set(subject.accountId, {
      attemptsToday: mine.filter((row) => new Date(row.started_at) >= todayStart).length,
      attemptsInRollingWindow: mine.filter((row) => new Date(row.started_at) >= rollingStart).length,
      lastConversationAt: conversations.length ? new Date(Math.max(...conversations.map((d) => d.getTime()))) : null,
    });
  }
  return histories;
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
