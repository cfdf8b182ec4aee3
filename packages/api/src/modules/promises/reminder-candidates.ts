import { addDays, utcDateOf } from '@recupera/shared';
import type { Clock } from '../../core/clock.ts';
import { systemEm, type Orm } from '../../core/database/orm.ts';
import type { PromiseReminderJobData } from './promise-reminder.job.ts';

/** The PROMISE_DUE_SOON reminder goes out this many days before the promised date (debtor's calendar). */
export const DUE_SOON_DAYS = 2;

/** Broken promises resolved this long ago or less still get their reminder if it never went out. */
const BROKEN_REMINDER_HORIZON_MS = 2 * 24 * 60 * 60 * 1000;
/** Bounds the indexed due-date scan of the broken ones; a grace period longer than this escapes the sweep. */
const LONGEST_GRACE_DAYS = 60;

/**
 * Promises owed a reminder that has not gone out: PENDING ones whose date is DUE_SOON_DAYS away or closer in
 * the debtor's calendar (never on the day the promise was made: the debtor just spoke to an agent), and
 * recently broken or partially kept ones. Do-not-contact and disputed accounts are left out here already; the
 * job checks again when it sends.
 */
export async function findReminderCandidates(orm: Orm, clock: Clock): Promise<PromiseReminderJobData[]> {
  const now = clock.now();
  const today = utcDateOf(now);
  const em = systemEm(orm);
  const dueSoon = await em.execute<{ id: string }[]>(
    `select p.id
       from promise_to_pay p
       join account a on a.id = p.account_id
       join debtor d on d.id = a.debtor_id
      where p.status = 'PENDING'
        and p.due_date between ?::date and ?::date
        and (?::timestamptz at time zone d.time_zone)::date between p.due_date - ?::int and p.due_date
        and (p.created_at at time zone d.time_zone)::date < (?::timestamptz at time zone d.time_zone)::date
        and a.status in ('ACTIVE', 'PROMISED')
        and not d.do_not_contact
        and not exists (select 1 from outbound_message m where m.dedupe_key = 'PROMISE_DUE_SOON:' || p.id::text)`,
    [addDays(today, -1), addDays(today, DUE_SOON_DAYS + 1), now.toISOString(), DUE_SOON_DAYS, now.toISOString()],
  );
  const broken = await em.execute<{ id: string }[]>(
    `select p.id
       from promise_to_pay p
       join account a on a.id = p.account_id
       join debtor d on d.id = a.debtor_id
      where p.status in ('BROKEN', 'PARTIALLY_KEPT')
        and p.due_date >= ?::date
        and p.resolved_at >= ?::timestamptz
        and a.status in ('ACTIVE', 'PROMISED')
        and not d.do_not_contact
        and not exists (select 1 from outbound_message m where m.dedupe_key = 'PROMISE_BROKEN:' || p.id::text)`,
    [addDays(today, -LONGEST_GRACE_DAYS), new Date(now.getTime() - BROKEN_REMINDER_HORIZON_MS).toISOString()],
  );
  return [
    ...dueSoon.map((row) => ({ promiseId: row.id, template: 'PROMISE_DUE_SOON' as const })),
    ...broken.map((row) => ({ promiseId: row.id, template: 'PROMISE_BROKEN' as const })),
  ];
}
