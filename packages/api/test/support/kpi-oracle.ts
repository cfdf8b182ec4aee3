import { cents, decimal } from './outcomes.ts';
import { sql, TEST_ADMIN_KEY, type TestApi } from './test-api.ts';

/**
 * The KPIs of docs/design.md ("KPI definitions") recomputed for the KPI suite with plain SQL over the stored facts,
 * written without the API's code: its own window bounds, bucket rule, disposition lists and money arithmetic
 * (bigint cents). Facts carry the campaign, queue, agency and agent they were attributed to when they happened;
 * promises are scoped and timed through the interaction that made them.
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

/**
 * The accounts of a scope for recovery: placed with the agency; in the campaign or queue — now, or until a
 * payment posted today took them out (a payoff leaves the queue, but the account was in the campaign at the
 * start of the day, and the payment was attributed to it).
 */
function accountScope(scope: Scope, dayStart: Date): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const membership = (column: 'campaign_id' | 'queue_id', id: string) => {
    parts.push(
      `and (exists (select 1 from queue_membership m where m.account_id = a.id and m.${column} = ?)
            or exists (select 1 from payment p where p.account_id = a.id and p.${column} = ? and p.created_at >= ?))`,
    );
    params.push(id, id, dayStart);
  };
  if (scope.campaignId !== undefined) membership('campaign_id', scope.campaignId);
  if (scope.queueId !== undefined) membership('queue_id', scope.queueId);
  if (scope.agencyId !== undefined) {
    parts.push('and a.agency_id = ?');
    params.push(scope.agencyId);
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

/**
 * Recovery by bucket: for accounts created before the business day began, in their bucket at its start — the
 * balance at the start of the day (balance now plus what payments posted today applied to it) of the scope's
 * accounts, and the payments of the window attributed to the scope (as amount collected counts them). Buckets
 * with nothing outstanding and nothing collected are left out.
 */
async function recovery(api: TestApi, scope: Scope, bounds: Bounds, now: Date): Promise<BucketRecoveryValue[]> {
  const businessDate = localDate(now, OPERATION_ZONE);
  const dayStart = limaMidnight(businessDate);
  const where = accountScope(scope, dayStart);
  const accounts = await sql<{ currency: string; due: string; balance: string; posted: string }>(
    api,
    `select a.currency, to_char(a.due_date, 'YYYY-MM-DD') as due, a.balance::text as balance,
            coalesce((select sum(p.applied_amount) from payment p
                       where p.account_id = a.id and p.created_at >= ?), 0)::text as posted
       from account a
      where a.created_at < ? and a.status <> 'WRITTEN_OFF' ${where.sql}`,
    [dayStart, dayStart, ...where.params],
  );
  const onPayment = factScope(scope, 'pay');
  const payments = await sql<{ currency: string; due: string; amount: string }>(
    api,
    `select pay.currency, to_char(a.due_date, 'YYYY-MM-DD') as due, pay.amount::text as amount
       from payment pay join account a on a.id = pay.account_id
      where pay.paid_at >= ? and pay.paid_at <= ? and a.created_at < ? ${onPayment.sql}`,
    [bounds.from, bounds.to, dayStart, ...onPayment.params],
  );
  const groups = new Map<string, { bucket: string; currency: string; outstanding: bigint; collected: bigint }>();
  const group = (due: string, currency: string) => {
    const bucket = bucketOf(due, businessDate);
    const key = `${BUCKETS.indexOf(bucket as (typeof BUCKETS)[number])}:${currency}`;
    const found = groups.get(key) ?? { bucket, currency, outstanding: 0n, collected: 0n };
    groups.set(key, found);
    return found;
  };
  for (const account of accounts) {
    group(account.due, account.currency).outstanding += cents(account.balance) + cents(account.posted);
  }
  for (const payment of payments) group(payment.due, payment.currency).collected += cents(payment.amount);
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
