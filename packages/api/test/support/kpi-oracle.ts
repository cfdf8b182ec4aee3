import { cents, decimal } from './outcomes.ts';
import { sql, TEST_ADMIN_KEY, type TestApi } from './test-api.ts';

/**
 * The KPIs of docs/design.md ("KPI definitions") recomputed for the KPI suite with plain SQL over the stored facts,
 * written without the API's code: its own window bounds, bucket rule, disposition lists and money arithmetic
 * (bigint cents). Facts carry the campaign, queue, agency and agent they were attributed to when they happened;
 * promises are scoped and timed through the interaction that made them. Recovery by bucket is worked out in
 * TypeScript from the raw account, membership and payment rows (see `recovery`), not with the API's query.
 */

export type KpiWindowName = 'LAST_15_MINUTES' | 'LAST_HOUR' | 'TODAY';
export const WINDOWS: readonly KpiWindowName[] = ['LAST_15_MINUTES', 'LAST_HOUR', 'TODAY'];

export interface Scope {
  campaignId?: string;
  queueId?: string;
  agentId?: string;
  agencyId?: string;
}

export interface MoneyValue {
  amount: string;
  currency: string;
}

export interface BucketRecoveryValue {
  bucket: string;
  collected: MoneyValue;
  outstandingAtStart: MoneyValue;
  rate: number | null;
}

export interface KpisValue {
  attempts: number;
  contacts: number;
  rightPartyContacts: number;
  promises: number;
  promisesKept: number;
  promisesBroken: number;
  promisesPartiallyKept: number;
  contactRate: number | null;
  rpcRate: number | null;
  promiseRate: number | null;
  promisesKeptRate: number | null;
  youngDebtRecoveryRate: number | null;
  amountPromised: MoneyValue[];
  amountCollected: MoneyValue[];
  recoveryByBucket: BucketRecoveryValue[];
  asOf: string;
}

export const KPI_FIELDS = `
  attempts contacts rightPartyContacts promises promisesKept promisesBroken promisesPartiallyKept
  contactRate rpcRate promiseRate promisesKeptRate youngDebtRecoveryRate
  amountPromised { amount currency }
  amountCollected { amount currency }
  recoveryByBucket { bucket rate collected { amount currency } outstandingAtStart { amount currency } }
  asOf`;

export const KPIS_QUERY = `query ($scope: KpiScope!, $window: KpiWindow!) { kpis(scope: $scope, window: $window) { ${KPI_FIELDS} } }`;

// ---------------------------------------------------------------------------------------------------------------
// Calendar of the operation (America/Lima) and of debtors, through Intl rather than the API's date code.

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of `instant` in `timeZone`, as YYYY-MM-DD. */
export function localDate(instant: Date, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  return format.format(instant);
}

export const OPERATION_ZONE = 'America/Lima';

/** Local midnight of `date` in Lima: Lima keeps UTC−5 all year (no DST since 1994); checked against Intl. */
export function limaMidnight(date: string): Date {
  const midnight = new Date(`${date}T00:00:00.000-05:00`);
  if (
    localDate(midnight, OPERATION_ZONE) !== date ||
    localDate(new Date(midnight.getTime() - 1), OPERATION_ZONE) === date
  ) {
    throw new Error(`Lima midnight of ${date} is not at UTC−5`);
  }
  return midnight;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export interface Bounds {
  from: Date;
  to: Date;
  /** First and last business date the window touches (promise due dates). */
  fromDate: string;
  toDate: string;
}

/**
 * The windows as the brief of the KPI engine fixes them: LAST_15_MINUTES and LAST_HOUR start on the whole minute
 * 14 (resp. 59) minutes before the current minute; TODAY at Lima midnight of the business date; all end at now,
 * inclusive on both ends.
 */
export function windowBounds(window: KpiWindowName, now: Date): Bounds {
  const today = localDate(now, OPERATION_ZONE);
  const minute = Math.floor(now.getTime() / 60_000) * 60_000;
  const from =
    window === 'TODAY' ? limaMidnight(today) : new Date(minute - (window === 'LAST_15_MINUTES' ? 14 : 59) * 60_000);
  return { from, to: now, fromDate: localDate(from, OPERATION_ZONE), toDate: today };
}

export const BUCKETS = ['CURRENT', 'D1_30', 'D31_60', 'D61_90', 'D91_120', 'D121_PLUS'] as const;

/** docs/design.md: DPD = business date − due date (0 if not yet due), then the aging bucket. */
export function bucketOf(dueDate: string, businessDate: string): string {
  const dpd = Math.max(0, daysBetween(dueDate, businessDate));
  if (dpd === 0) return 'CURRENT';
  if (dpd <= 30) return 'D1_30';
  if (dpd <= 60) return 'D31_60';
  if (dpd <= 90) return 'D61_90';
  if (dpd <= 120) return 'D91_120';
  return 'D121_PLUS';
}

// ---------------------------------------------------------------------------------------------------------------
// The definitions.

/** docs/design.md: attempts that reached a person. */
const CONTACTS = new Set([
  'THIRD_PARTY',
  'REFUSED_TO_PAY',
  'PROMISE_TO_PAY',
  'ALREADY_PAID',
  'DISPUTE',
  'CALLBACK_REQUESTED',
  'MESSAGE_REPLIED',
]);

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** `and alias.column = ?` for every scope field, on a fact's own attribution columns. */
function factScope(scope: Scope, alias: string): { sql: string; params: string[] } {
  const parts: string[] = [];
  const params: string[] = [];
  const columns: [keyof Scope, string][] = [
    ['campaignId', 'campaign_id'],
    ['queueId', 'queue_id'],
    ['agentId', 'agent_id'],
    ['agencyId', 'agency_id'],
  ];
  for (const [field, column] of columns) {
    const value = scope[field];
    if (value === undefined) continue;
    parts.push(`and ${alias}.${column} = ?`);
    params.push(value);
  }
  return { sql: parts.join(' '), params };
}

function moneyList(rows: { currency: string; total: string }[]): MoneyValue[] {
  return rows
    .map((row) => ({ amount: decimal(cents(row.total)), currency: row.currency }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
}

/** The Kpis of `scope` and `window` at `now`, from the tables. */
export async function expectedKpis(
  api: TestApi,
  scope: Scope,
  window: KpiWindowName,
  now: Date,
  operationCurrency = 'PEN',
): Promise<KpisValue> {
  const bounds = windowBounds(window, now);
  const onInteraction = factScope(scope, 'i');

  const byDisposition = await sql<{ disposition: string; n: number }>(
    api,
    `select i.disposition, count(*)::int as n from interaction i
      where i.started_at >= ? and i.started_at <= ? ${onInteraction.sql} group by i.disposition`,
    [bounds.from, bounds.to, ...onInteraction.params],
  );
  let attempts = 0;
  let contacts = 0;
  let rightPartyContacts = 0;
  let promises = 0;
  for (const row of byDisposition) {
    attempts += row.n;
    if (CONTACTS.has(row.disposition)) contacts += row.n;
    if (CONTACTS.has(row.disposition) && row.disposition !== 'THIRD_PARTY') rightPartyContacts += row.n;
    if (row.disposition === 'PROMISE_TO_PAY') promises += row.n;
  }

  // A promise is made by its PROMISE_TO_PAY interaction: made when the call started, in that call's scope.
  const promised = await sql<{ currency: string; total: string }>(
    api,
    `select p.currency, sum(p.amount)::text as total
       from promise_to_pay p join interaction i on i.id = p.interaction_id
      where i.started_at >= ? and i.started_at <= ? ${onInteraction.sql} group by p.currency`,
    [bounds.from, bounds.to, ...onInteraction.params],
  );
  const outcomes = await sql<{ status: string; n: number }>(
    api,
    `select p.status, count(*)::int as n
       from promise_to_pay p join interaction i on i.id = p.interaction_id
      where p.due_date between ?::date and ?::date ${onInteraction.sql} group by p.status`,
    [bounds.fromDate, bounds.toDate, ...onInteraction.params],
  );
  const outcome = (status: string) => outcomes.find((row) => row.status === status)?.n ?? 0;
  const promisesKept = outcome('KEPT');
  const promisesBroken = outcome('BROKEN');
  const promisesPartiallyKept = outcome('PARTIALLY_KEPT');

  const onPayment = factScope(scope, 'pay');
  const collected = await sql<{ currency: string; total: string }>(
    api,
    `select pay.currency, sum(pay.amount)::text as total from payment pay
      where pay.paid_at >= ? and pay.paid_at <= ? ${onPayment.sql} group by pay.currency`,
    [bounds.from, bounds.to, ...onPayment.params],
  );

  const recoveryByBucket = scope.agentId === undefined ? await recovery(api, scope, bounds, now) : [];
  const young = recoveryByBucket.find((row) => row.bucket === 'D1_30' && row.collected.currency === operationCurrency);

  return {
    attempts,
    contacts,
    rightPartyContacts,
    promises,
    promisesKept,
    promisesBroken,
    promisesPartiallyKept,
    contactRate: ratio(contacts, attempts),
    rpcRate: ratio(rightPartyContacts, attempts),
    promiseRate: ratio(promises, rightPartyContacts),
    // docs/design.md: kept / resolved, a partially kept promise counting as not kept.
    promisesKeptRate: ratio(promisesKept, promisesKept + promisesBroken + promisesPartiallyKept),
    youngDebtRecoveryRate: young?.rate ?? null,
    amountPromised: moneyList(promised),
    amountCollected: moneyList(collected),
    recoveryByBucket,
    asOf: now.toISOString(),
  };
}

type AccountRow = {
  id: string;
  currency: string;
  due: string;
  balance: string;
  status: string;
  agency_id: string | null;
};

type MembershipRow = {
  account_id: string;
  campaign_id: string;
  queue_id: string;
};

type PaymentRow = {
  id: string;
  account_id: string;
  amount: string;
  applied: string;
  currency: string;
  paid_at: Date;
  created_at: Date;
  campaign_id: string | null;
  queue_id: string | null;
  agency_id: string | null;
  agent_id: string | null;
};

/** Whether a stored fact's attribution is inside `scope` (every field the scope names must match). */
function attributedTo(fact: PaymentRow, scope: Scope): boolean {
  return (
    (scope.campaignId === undefined || fact.campaign_id === scope.campaignId) &&
    (scope.queueId === undefined || fact.queue_id === scope.queueId) &&
    (scope.agencyId === undefined || fact.agency_id === scope.agencyId) &&
    (scope.agentId === undefined || fact.agent_id === scope.agentId)
  );
}

/**
 * Recovery by bucket, from the raw rows of `account`, `queue_membership` and `payment`, worked out here from the
 * definition (docs/design.md, "Recovery by bucket", and the decision on the denominator) rather than from the
 * API's query:
 *
 * - the accounts counted are those created before the business day began (local midnight in the operation's
 *   zone) and not written off, each in the bucket it was in at the start of the day (its due date against the
 *   business date);
 * - an account's balance at the start of the day is its balance now plus what the payments posted since the day
 *   began (their `created_at`) applied to it;
 * - a campaign or queue scope holds an account while it is a member; and one that is no longer a member if the
 *   payment that paid it off (the last of the day's payments that applied anything, leaving the balance at 0)
 *   was attributed to that campaign or queue; an agency scope holds the accounts placed with it;
 * - collected: the payments paid in the window and attributed to the scope (as amount collected counts them), on
 *   accounts created before the day began, in their account's bucket.
 *
 * Buckets with nothing outstanding and nothing collected are left out.
 */
async function recovery(api: TestApi, scope: Scope, bounds: Bounds, now: Date): Promise<BucketRecoveryValue[]> {
  const businessDate = localDate(now, OPERATION_ZONE);
  const dayStart = limaMidnight(businessDate).getTime();
  // Plain reads of the rows the definition talks about (time ranges only); everything else is decided below.
  const [accounts, memberships, payments] = await Promise.all([
    sql<AccountRow>(
      api,
      `select id, currency, to_char(due_date, 'YYYY-MM-DD') as due, balance::text as balance, status,
              agency_id
         from account where created_at < ?`,
      [new Date(dayStart)],
    ),
    sql<MembershipRow>(api, 'select account_id, campaign_id, queue_id from queue_membership'),
    sql<PaymentRow>(
      api,
      `select id, account_id, amount::text as amount, applied_amount::text as applied, currency, paid_at, created_at,
              campaign_id, queue_id, agency_id, agent_id
         from payment where created_at >= ? or paid_at between ? and ?`,
      [new Date(dayStart), bounds.from, bounds.to],
    ),
  ]);

  const membershipOf = new Map(memberships.map((row) => [row.account_id, row]));
  const postedToday = new Map<string, PaymentRow[]>();
  for (const payment of payments) {
    if (new Date(payment.created_at).getTime() < dayStart) continue;
    const list = postedToday.get(payment.account_id) ?? [];
    list.push(payment);
    postedToday.set(payment.account_id, list);
  }
  const byPosting = (a: PaymentRow, b: PaymentRow) =>
    new Date(a.created_at).getTime() - new Date(b.created_at).getTime() || a.id.localeCompare(b.id);

  /** The payment of the day that brought the account's balance to 0, if one did. */
  const payoffOf = (account: AccountRow, today: PaymentRow[]): PaymentRow | null => {
    if (cents(account.balance) !== 0n) return null;
    const applied = today.filter((payment) => cents(payment.applied) > 0n).sort(byPosting);
    return applied.at(-1) ?? null;
  };

  /** Whether a campaign or queue scope holds the account: a member, or paid off today by a payment of that scope. */
  const heldBy = (
    account: AccountRow,
    today: PaymentRow[],
    field: 'campaign_id' | 'queue_id',
    id: string | undefined,
  ): boolean => {
    if (id === undefined) return true;
    if (membershipOf.get(account.id)?.[field] === id) return true;
    return payoffOf(account, today)?.[field] === id;
  };

  const existedAtStart = new Map(accounts.map((account) => [account.id, account]));

  const groups = new Map<string, { bucket: string; currency: string; outstanding: bigint; collected: bigint }>();
  const group = (due: string, currency: string) => {
    const bucket = bucketOf(due, businessDate);
    const key = `${BUCKETS.indexOf(bucket as (typeof BUCKETS)[number])}:${currency}`;
    const found = groups.get(key) ?? { bucket, currency, outstanding: 0n, collected: 0n };
    groups.set(key, found);
    return found;
  };

  for (const account of existedAtStart.values()) {
    if (account.status === 'WRITTEN_OFF') continue;
    const today = postedToday.get(account.id) ?? [];
    if (scope.agencyId !== undefined && account.agency_id !== scope.agencyId) continue;
    if (!heldBy(account, today, 'campaign_id', scope.campaignId)) continue;
    if (!heldBy(account, today, 'queue_id', scope.queueId)) continue;
    const appliedToday = today.reduce((sum, payment) => sum + cents(payment.applied), 0n);
    group(account.due, account.currency).outstanding += cents(account.balance) + appliedToday;
  }

  for (const payment of payments) {
    const paidAt = new Date(payment.paid_at).getTime();
    if (paidAt < bounds.from.getTime() || paidAt > bounds.to.getTime()) continue;
    if (!attributedTo(payment, scope)) continue;
    const account = existedAtStart.get(payment.account_id);
    if (account) group(account.due, payment.currency).collected += cents(payment.amount);
  }

  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, value]) => value)
    .filter((value) => value.outstanding !== 0n || value.collected !== 0n)
    .map((value) => ({
      bucket: value.bucket,
      collected: { amount: decimal(value.collected), currency: value.currency },
      outstandingAtStart: { amount: decimal(value.outstanding), currency: value.currency },
      rate: value.outstanding > 0n ? Number(value.collected) / Number(value.outstanding) : null,
    }));
}

/** Recovery rows in the oracle's order (bucket, then currency), for comparing answers whose order is free. */
export function sortRecovery(rows: BucketRecoveryValue[]): BucketRecoveryValue[] {
  const rank = (row: BucketRecoveryValue) => BUCKETS.indexOf(row.bucket as (typeof BUCKETS)[number]);
  return [...rows].sort((a, b) => rank(a) - rank(b) || a.collected.currency.localeCompare(b.collected.currency));
}

/**
 * The API rounds recovery rates to 9 decimals (exact ratios of integer cents); anything closer than half a unit
 * of the 9th decimal (plus float noise) is the same rate. Other rates are plain count ratios and must be equal.
 */
export function sameRecoveryRate(actual: number | null, expected: number | null): boolean {
  if (actual === null || expected === null) return actual === expected;
  return Math.abs(actual - expected) <= 5e-10 + 1e-15;
}

/**
 * `actual` normalised for a deep comparison with `expected`: recovery rows in the oracle's order, and each
 * recovery rate replaced by the expected one when within rounding (so a real difference still shows in a diff).
 */
export function comparable(actual: KpisValue, expected: KpisValue): KpisValue {
  const rows = sortRecovery(actual.recoveryByBucket).map((row, index) => {
    const twin = expected.recoveryByBucket[index];
    const same =
      twin &&
      twin.bucket === row.bucket &&
      twin.collected.currency === row.collected.currency &&
      sameRecoveryRate(row.rate, twin.rate);
    return same ? { ...row, rate: twin.rate } : row;
  });
  const young = sameRecoveryRate(actual.youngDebtRecoveryRate, expected.youngDebtRecoveryRate)
    ? expected.youngDebtRecoveryRate
    : actual.youngDebtRecoveryRate;
  return { ...actual, recoveryByBucket: rows, youngDebtRecoveryRate: young };
}

/** One KPI comparison: what a key asks for, and the scope its figures must be of. */
export interface Check {
  label: string;
  key: string;
  asked: Scope;
  /** The scope the figures must be of (an agency key is held to its agency). */
  expected: Scope;
}

/** A check asked with the admin key: the figures are of the scope asked. */
export function adminCheck(label: string, scope: Scope): Check {
  return { label, key: TEST_ADMIN_KEY, asked: scope, expected: scope };
}

/** A check asked with an agency's key: whatever it asks, the figures are of its own agency. */
export function agencyCheck(label: string, key: string, asked: Scope, agencyId: string): Check {
  return { label, key, asked, expected: { ...asked, agencyId } };
}
