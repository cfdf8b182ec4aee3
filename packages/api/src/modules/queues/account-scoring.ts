import {
  bucketOf,
  diffDays,
  expectedRecoveryMinor,
  formatAmount,
  propensityScore,
  businessDateIn,
  type IsoDate,
  type Propensity,
} from '@recupera/shared';
import { storedToMinor } from '../../core/graphql/money.type.ts';
import type { Account } from '../portfolio/account.entity.ts';
import type { Debtor } from '../portfolio/debtor.entity.ts';

function daysSince(instant: Date | null, businessDate: IsoDate, timeZone: string): number | null {
  return instant === null ? null : Math.max(0, diffDays(businessDate, businessDateIn(instant, timeZone)));
}

/** The account's propensity to pay today, from the running figures kept on it (no history scan). */
export function scoreAccount(account: Account, debtor: Debtor, businessDate: IsoDate, timeZone: string): Propensity {
  const validPhones = debtor.phones.filter((phone) => !debtor.invalidPhones.includes(phone));
  return propensityScore({
    bucket: bucketOf(account.dueDate, businessDate),
    daysSinceLastAttempt: daysSince(account.lastAttemptAt, businessDate, timeZone),
    daysSinceLastRightPartyContact: daysSince(account.lastRightPartyContactAt, businessDate, timeZone),
    daysSinceLastPayment: daysSince(account.lastPaymentAt, businessDate, timeZone),
    promisesKept: account.promisesKept,
    promisesBroken: account.promisesBroken,
    refusals: account.refusals,
    hasValidContactPoint: validPhones.length > 0 || debtor.emails.length > 0,
  });
}

/** Balance × score as the stored decimal string. */
export function expectedRecovery(account: Account, score: number): string {
  return formatAmount(expectedRecoveryMinor(storedToMinor(account.balance, account.currency), score), account.currency);
}
