import { rate, storedToMinor } from '@recupera/shared';
import { Money } from '../../core/graphql/money.type.ts';

/** The counters every analytics figure is made of, as summed SQL returns them. */
export interface CountRow {
  attempts: number;
  contacts: number;
  right_party_contacts: number;
  promises: number;
}

/** The select list summing the counters of an aggregate table under `alias`. */
export const SUM_COUNTS = (alias: string) =>
  `sum(${alias}.attempts)::int as attempts, sum(${alias}.contacts)::int as contacts,
   sum(${alias}.right_party_contacts)::int as right_party_contacts, sum(${alias}.promises)::int as promises`;

export interface Counts {
  attempts: number;
  contacts: number;
  rightPartyContacts: number;
  promises: number;
}

export const zeroCounts = (): Counts => ({ attempts: 0, contacts: 0, rightPartyContacts: 0, promises: 0 });

export function addCounts(total: Counts, row: CountRow): void {
  total.attempts += Number(row.attempts);
  total.contacts += Number(row.contacts);
  total.rightPartyContacts += Number(row.right_party_contacts);
  total.promises += Number(row.promises);
}

/** The rates of docs/design.md (promise rate = promises / RPC); null on a zero denominator. */
export function ratesOf(counts: Counts): {
  contactRate: number | null;
  rpcRate: number | null;
  promiseRate: number | null;
} {
  return {
    contactRate: rate(counts.contacts, counts.attempts),
    rpcRate: rate(counts.rightPartyContacts, counts.attempts),
    promiseRate: rate(counts.promises, counts.rightPartyContacts),
  };
}

/** Money per currency, accumulated exactly in minor units. */
export class MoneyTally {
  private readonly minor = new Map<string, bigint>();

  add(currency: string, stored: string | null | undefined): void {
    if (stored === null || stored === undefined) return;
    this.minor.set(currency, (this.minor.get(currency) ?? 0n) + storedToMinor(stored, currency));
  }

  get(currency: string): bigint {
    return this.minor.get(currency) ?? 0n;
  }

  currencies(): string[] {
    return [...this.minor.keys()].sort();
  }

  /** Every currency with a non-zero amount, in currency order. */
  toMoney(): Money[] {
    return this.currencies()
      .filter((currency) => this.get(currency) !== 0n)
      .map((currency) => Money.fromMinor(this.get(currency), currency));
  }
}

/** `minor / count` rounded half up (both non-negative), in minor units. */
export function perAttemptMinor(minor: bigint, count: number): bigint {
  const divisor = BigInt(count);
  return (2n * minor + divisor) / (2n * divisor);
}
