import {
  bucketOf,
  businessDateIn,
  diffDays,
  expectedRecoveryMinor,
  formatAmount,
  propensityScore,
  type IsoDate,
  type Propensity,
  storedToMinor,
} from '@recupera/shared';
import type { Account } from '../portfolio/account.entity.ts';
import type { Debtor } from '../portfolio/debtor.entity.ts';

/** The facts the score is computed from: the running figures kept on the account and its debtor's contacts. */
export interface ScoringFacts {
  dueDate: IsoDate;
  lastAttemptAt: Date | null;
  lastRightPartyContactAt: Date | null;
  lastPaymentAt: Date | null;
  promisesKept: number;
  promisesBroken: number;
  refusals: number;
  phones: string[];
  invalidPhones: string[];
  emails: string[];
}

function daysSince(instant: Date | null, businessDate: IsoDate, timeZone: string): number | null {
  return instant === null ? null : Math.max(0, diffDays(businessDate, businessDateIn(instant, timeZone)));
}

/** Propensity to pay on `businessDate` (no history scan: only the running figures). */
export function scoreFacts(facts: ScoringFacts, businessDate: IsoDate, timeZone: string): Propensity {
  const validPhones = facts.phones.filter((phone) => !facts.invalidPhones.includes(phone));
  return propensityScore({
    bucket: bucketOf(facts.dueDate, businessDate),
    daysSinceLastAttempt: daysSince(facts.lastAttemptAt, businessDate, timeZone),
    daysSinceLastRightPartyContact: daysSince(facts.lastRightPartyContactAt, businessDate, timeZone),
    daysSinceLastPayment: daysSince(facts.lastPaymentAt, businessDate, timeZone),
    promisesKept: facts.promisesKept,
    promisesBroken: facts.promisesBroken,
    refusals: facts.refusals,
    hasValidContactPoint: validPhones.length > 0 || facts.emails.length > 0,
  });
}

/** The account's propensity to pay today, for its holder (`invalidPhones`: the phones that tenant found wrong). */
export function scoreAccount(
  account: Account,
  debtor: Debtor,
  invalidPhones: string[],
  businessDate: IsoDate,
  timeZone: string,
): Propensity {
  return scoreFacts(
    { ...account, phones: debtor.phones, invalidPhones, emails: debtor.emails },
    businessDate,
    timeZone,
  );
}

/** Balance × score as a decimal string in the account's currency. */
export function expectedRecoveryOf(balance: string, currency: string, score: number): string {
  return formatAmount(expectedRecoveryMinor(storedToMinor(balance, currency), score), currency);
}

export function expectedRecovery(account: Account, score: number): string {
  return expectedRecoveryOf(account.balance, account.currency, score);
}
