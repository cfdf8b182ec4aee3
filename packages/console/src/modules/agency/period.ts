import { addDays, type IsoDate } from '@recupera/shared';

/** The default statement period: the current month to date, in business dates. */
export function monthToDate(businessDate: IsoDate): { from: IsoDate; to: IsoDate } {
  return { from: `${businessDate.slice(0, 8)}01`, to: businessDate };
}

/** "Returning within 7 days" as a `recallBy` date: today and the six days after it. */
export function recallSoonBy(businessDate: IsoDate): IsoDate {
  return addDays(businessDate, 6);
}
