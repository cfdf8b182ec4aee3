/**
 * The analytics figures recomputed for the tests without the API's code: local weekdays and hours through the
 * JavaScript engine's own time-zone data (Intl), buckets and attempt numbers by plain arithmetic, money in bigint
 * cents, the Newcombe interval and the sample size from their published formulas.
 */

/** One attempt as the test knows it: the raw interaction row plus what the test recorded about it. */
export interface AttemptFact {
  id: string;
  accountId: string;
  startedAt: Date;
  timeZone: string;
  currency: string;
  dueDate: string;
  channel: string;
  disposition: string;
  campaignId: string | null;
  variant: string | null;
  agencyId: string | null;
  /** Cents collected on the promise this attempt obtained (0 for any other attempt). */
  collectedCents: bigint;
}

const CONTACTS = new Set([
  'THIRD_PARTY',
  'REFUSED_TO_PAY',
  'PROMISE_TO_PAY',
  'ALREADY_PAID',
  'DISPUTE',
  'CALLBACK_REQUESTED',
  'MESSAGE_REPLIED',
]);
export const isContact = (disposition: string) => CONTACTS.has(disposition);
export const isRpc = (disposition: string) => isContact(disposition) && disposition !== 'THIRD_PARTY';

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The local ISO weekday, hour and date of `instant` in `timeZone`, read through Intl. */
export function localOf(instant: Date, timeZone: string): { weekday: number; hour: number; date: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return {
    weekday: WEEKDAYS[parts.weekday!]!,
    hour: Number(parts.hour),
    date: `${parts.year}-${parts.month}-${parts.day}`,
  };
}

const DAY_MS = 86_400_000;
/** Whole days from `earlier` to `later` (ISO dates). */
export function daysBetween(later: string, earlier: string): number {
  return Math.round((Date.parse(`${later}T00:00:00Z`) - Date.parse(`${earlier}T00:00:00Z`)) / DAY_MS);
}

/** The aging bucket on `date` of an account due on `dueDate`. */
export function bucketOn(dueDate: string, date: string): string {
  const dpd = daysBetween(date, dueDate);
  if (dpd <= 0) return 'CURRENT';
  if (dpd <= 30) return 'D1_30';
  if (dpd <= 60) return 'D31_60';
  if (dpd <= 90) return 'D61_90';
  if (dpd <= 120) return 'D91_120';
  return 'D121_PLUS';
}

export const ratio = (numerator: number, denominator: number) => (denominator === 0 ? null : numerator / denominator);

export interface Tally {
  attempts: number;
  contacts: number;
  rightPartyContacts: number;
  promises: number;
  accounts: Set<string>;
  collected: Map<string, bigint>;
  attemptsByCurrency: Map<string, number>;
}

export function tallyOf(facts: readonly AttemptFact[]): Tally {
  const tally: Tally = {
    attempts: 0,
    contacts: 0,
    rightPartyContacts: 0,
    promises: 0,
    accounts: new Set(),
    collected: new Map(),
    attemptsByCurrency: new Map(),
  };
  for (const fact of facts) {
    tally.attempts += 1;
    if (isContact(fact.disposition)) tally.contacts += 1;
    if (isRpc(fact.disposition)) tally.rightPartyContacts += 1;
    if (fact.disposition === 'PROMISE_TO_PAY') tally.promises += 1;
    tally.accounts.add(fact.accountId);
    tally.attemptsByCurrency.set(fact.currency, (tally.attemptsByCurrency.get(fact.currency) ?? 0) + 1);
    if (fact.collectedCents !== 0n) {
      tally.collected.set(fact.currency, (tally.collected.get(fact.currency) ?? 0n) + fact.collectedCents);
    }
  }
  return tally;
}

/** Cents as a two-decimal string (every currency of these tests has two decimals). */
export function cents(value: bigint): string {
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

export function moneyList(amounts: Map<string, bigint>): { amount: string; currency: string }[] {
  return [...amounts.entries()]
    .filter(([, amount]) => amount !== 0n)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amount]) => ({ amount: cents(amount), currency }));
}

/** The figures a heat-map cell should show for `facts`. */
export function expectedCell(facts: readonly AttemptFact[]) {
  const tally = tallyOf(facts);
  return {
    attempts: tally.attempts,
    contacts: tally.contacts,
    rightPartyContacts: tally.rightPartyContacts,
    promises: tally.promises,
    contactRate: ratio(tally.contacts, tally.attempts),
    rpcRate: ratio(tally.rightPartyContacts, tally.attempts),
    promiseRate: ratio(tally.promises, tally.rightPartyContacts),
    collected: moneyList(tally.collected),
    collectedPerAttempt: moneyList(
      new Map(
        [...tally.collected.entries()].map(([currency, amount]) => {
          const attempts = BigInt(tally.attemptsByCurrency.get(currency)!);
          return [currency, (2n * amount + attempts) / (2n * attempts)];
        }),
      ),
    ),
  };
}

/** Groups `facts` by a key. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const id = key(item);
    const group = groups.get(id) ?? [];
    group.push(item);
    groups.set(id, group);
  }
  return groups;
}

const Z95 = 1.959963984540054;
const Z80 = 0.8416212335729143;

function wilson(x: number, n: number): [number, number] {
  const centre = (x + (Z95 * Z95) / 2) / (n + Z95 * Z95);
  const half = (Z95 * Math.sqrt((x * (n - x)) / n + (Z95 * Z95) / 4)) / (n + Z95 * Z95);
  return [centre - half, centre + half];
}

/** Newcombe (1998) method 10 for p1 − p2. */
export function newcombe(x1: number, n1: number, x2: number, n2: number): { d: number; low: number; high: number } {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const [l1, u1] = wilson(x1, n1);
  const [l2, u2] = wilson(x2, n2);
  const d = p1 - p2;
  return { d, low: d - Math.hypot(p1 - l1, u2 - p2), high: d + Math.hypot(u1 - p1, p2 - l2) };
}

/** Per-group sample size, two-sided 5 %, 80 % power, no continuity correction. */
export function sampleSize(p1: number, p2: number): number {
  const mean = (p1 + p2) / 2;
  const root = Z95 * Math.sqrt(2 * mean * (1 - mean)) + Z80 * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return Math.ceil((root * root) / (p1 - p2) ** 2 - 1e-9);
}

const ANALYTICS_TABLES = [
  'analytics_contact_cell',
  'analytics_heat_segment',
  'analytics_heat_day',
  'analytics_arm_day',
  'analytics_intensity_cell',
  'analytics_intensity_day',
];

/** Every row of every analytics table without its id, in a stable order (optionally only rows that count something). */
export async function allAnalyticsRows(
  api: { orm: import('../../src/core/database/orm.ts').Orm },
  options: { nonZero?: boolean } = {},
): Promise<Record<string, unknown[]>> {
  const { systemEm } = await import('../../src/core/database/orm.ts');
  const rows: Record<string, unknown[]> = {};
  for (const table of ANALYTICS_TABLES) {
    const where = options.nonZero
      ? `where attempts <> 0 ${table.includes('intensity') ? '' : 'or collected <> 0'}`
      : '';
    const result = await systemEm(api.orm)
      .getConnection()
      .execute<{ row: string }[]>(`select (to_jsonb(t) - 'id')::text as row from ${table} t ${where} order by 1`);
    rows[table] = result.map((entry) => entry.row);
  }
  return rows;
}
