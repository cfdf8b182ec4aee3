import { addDays, diffDays, isIsoDate, startOfLocalDay, type IsoDate } from '@recupera/shared';
import { badInput } from '../../core/errors.ts';

/** A statement or comparison covers at most a year and a day. */
export const MAX_PERIOD_DAYS = 366;

/** Business dates `from`–`to` (both included) as instants in the operation's zone: [start, end). */
export function periodBounds(from: IsoDate, to: IsoDate, timeZone: string): { start: Date; end: Date } {
  if (!isIsoDate(from)) throw badInput('from', 'must be a date YYYY-MM-DD');
  if (!isIsoDate(to)) throw badInput('to', 'must be a date YYYY-MM-DD');
  if (to < from) throw badInput('to', 'must not be before from');
  if (diffDays(to, from) >= MAX_PERIOD_DAYS) throw badInput('to', `the period must be at most ${MAX_PERIOD_DAYS} days`);
  return { start: startOfLocalDay(from, timeZone), end: startOfLocalDay(addDays(to, 1), timeZone) };
}
