import { accountRow, importAccounts, type ImportRow } from './fixtures.ts';
import { sql, TEST_ADMIN_KEY, type GraphQLResponse, type TestApi } from './test-api.ts';

/**
 * Helpers of the outcome suites (interactions, payments, promises). Expectations are computed here without the
 * API's own code: money as bigint cents parsed from the database's text, states read with SQL.
 */

export const RECORD_INTERACTION = `mutation ($input: RecordInteractionInput!) {
  recordInteraction(input: $input) {
    id channel disposition startedAt durationSeconds
    agent { id }
    account { id status balance { amount currency } }
    promise { id status dueDate amount { amount currency } }
  }
}`;

export const RECORD_PAYMENT = `mutation ($input: RecordPaymentInput!) {
  recordPayment(input: $input) { id reference paidAt amount { amount currency } }
}`;

export interface RecordedInteraction {
  id: string;
  channel: string;
  disposition: string;
  startedAt: string;
  durationSeconds: number;
  agent: { id: string } | null;
  account: { id: string; status: string; balance: { amount: string; currency: string } };
  promise: { id: string; status: string; dueDate: string; amount: { amount: string; currency: string } } | null;
}

export interface RecordedPayment {
  id: string;
  reference: string;
  paidAt: string;
  amount: { amount: string; currency: string };
}

export function tryRecordInteraction(
  api: TestApi,
  input: Record<string, unknown>,
  key: string = TEST_ADMIN_KEY,
): Promise<GraphQLResponse<{ recordInteraction: RecordedInteraction }>> {
  return api.gql(RECORD_INTERACTION, { input }, key);
}

export async function recordInteraction(
  api: TestApi,
  input: Record<string, unknown>,
  key: string = TEST_ADMIN_KEY,
): Promise<RecordedInteraction> {
  return (await api.ok<{ recordInteraction: RecordedInteraction }>(RECORD_INTERACTION, { input }, key))
    .recordInteraction;
}

export function tryRecordPayment(
  api: TestApi,
  input: Record<string, unknown>,
  key: string = TEST_ADMIN_KEY,
): Promise<GraphQLResponse<{ recordPayment: RecordedPayment }>> {
  return api.gql(RECORD_PAYMENT, { input }, key);
}

export async function recordPayment(
  api: TestApi,
  input: Record<string, unknown>,
  key: string = TEST_ADMIN_KEY,
): Promise<RecordedPayment> {
  return (await api.ok<{ recordPayment: RecordedPayment }>(RECORD_PAYMENT, { input }, key)).recordPayment;
}

/** SQL for a `timestamptz` column as the ISO text the API writes (`2026-11-24T15:00:00.000Z`), named after it. */
export function isoColumn(column: string, alias = column.replace(/^.*\./, '')): string {
  return `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as ${alias}`;
}

/** Imports one account (the fixture row with `overrides`) and returns its id and its debtor's. */
export async function newAccount(
  api: TestApi,
  overrides: Partial<ImportRow> = {},
): Promise<{ id: string; debtorId: string; row: ImportRow }> {
  const row = accountRow(overrides);
  await importAccounts(api, [row]);
  const [found] = await sql<{ id: string; debtor_id: string }>(
    api,
    'select id, debtor_id from account where external_ref = ?',
    [row.externalRef],
  );
  return { id: found!.id, debtorId: found!.debtor_id, row };
}

/**
 * Puts the account in a running campaign's queue, reserved by `agentId` when given — the state `nextAccount`
 * leaves it in. Written with SQL so these suites do not depend on the campaign workflow.
 */
export async function enqueue(
  api: TestApi,
  accountId: string,
  options: { agentId?: string; variant?: 'CHAMPION' | 'CHALLENGER' } = {},
): Promise<{ campaignId: string; queueId: string }> {
  const [campaign] = await sql<{ id: string }>(
    api,
    `insert into campaign (id, name, status, channel, filter) values (gen_random_uuid(), ?, 'RUNNING', 'CALL', '{}')
     returning id`,
    [`Campaña ${accountId}`],
  );
  const [queue] = await sql<{ id: string }>(
    api,
    `insert into work_queue (id, campaign_id, name, filter) values (gen_random_uuid(), ?, 'Cola', '{}') returning id`,
    [campaign!.id],
  );
  await sql(
    api,
    `insert into queue_membership (id, account_id, queue_id, campaign_id, variant, reserved_by_id, reserved_until)
     values (gen_random_uuid(), ?, ?, ?, ?, ?, ?)`,
    [
      accountId,
      queue!.id,
      campaign!.id,
      options.variant ?? 'CHAMPION',
      options.agentId ?? null,
      options.agentId ? new Date('2030-01-01T00:00:00Z') : null,
    ],
  );
  return { campaignId: campaign!.id, queueId: queue!.id };
}

export type AccountState = {
  status: string;
  balance: string;
  credit: string;
  reconciliation_pending: boolean;
  last_attempt_at: string | null;
  last_right_party_contact_at: string | null;
  last_payment_at: string | null;
  payment_count: number;
  promises_kept: number;
  promises_broken: number;
  refusals: number;
};

/** The account's columns the outcomes change, straight from the table (money as numeric text). */
export async function accountState(api: TestApi, id: string): Promise<AccountState> {
  const [row] = await sql<AccountState>(
    api,
    `select status, balance::text as balance, credit::text as credit, reconciliation_pending,
            ${isoColumn('last_attempt_at')}, ${isoColumn('last_right_party_contact_at')}, ${isoColumn('last_payment_at')},
            payment_count, promises_kept, promises_broken, refusals
       from account where id = ?`,
    [id],
  );
  return row!;
}

export type MembershipState = {
  next_attempt_at: string | null;
  last_worked_on: string | null;
  reserved_by_id: string | null;
  reserved_until: string | null;
  variant: string;
  score: string;
};

/** The account's queue membership, or null when it has none. */
export async function membershipOf(api: TestApi, accountId: string): Promise<MembershipState | null> {
  const [row] = await sql<MembershipState>(
    api,
    `select ${isoColumn('next_attempt_at')}, to_char(last_worked_on, 'YYYY-MM-DD') as last_worked_on, reserved_by_id,
            ${isoColumn('reserved_until')}, variant, score::text as score
       from queue_membership where account_id = ?`,
    [accountId],
  );
  return row ?? null;
}

export type PromiseRow = {
  id: string;
  status: string;
  amount: string;
  paid_amount: string;
  due_date: string;
  grace_days: number;
  created_at: string;
  resolved_at: string | null;
  interaction_id: string | null;
};

export async function promisesOf(api: TestApi, accountId: string): Promise<PromiseRow[]> {
  return sql<PromiseRow>(
    api,
    `select id, status, amount::text as amount, paid_amount::text as paid_amount,
            to_char(due_date, 'YYYY-MM-DD') as due_date, grace_days, ${isoColumn('created_at')},
            ${isoColumn('resolved_at')}, interaction_id
       from promise_to_pay where account_id = ? order by created_at, id`,
    [accountId],
  );
}

export type EventRow = {
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  actor: string;
  payload: Record<string, unknown>;
};

/** Events whose payload names the account (every outcome event does), oldest first. */
export async function eventsOfAccount(api: TestApi, accountId: string): Promise<EventRow[]> {
  return sql<EventRow>(
    api,
    `select type, aggregate_type, aggregate_id, actor, payload from domain_event
      where payload->>'accountId' = ? order by id`,
    [accountId],
  );
}

/** `"1200.5000"` → 120050n: exact cents of a two-decimal amount, refusing anything finer. */
export function cents(decimal: string): bigint {
  const negative = decimal.startsWith('-');
  const [whole, fraction = ''] = (negative ? decimal.slice(1) : decimal).split('.');
  if (/[1-9]/.test(fraction.slice(2))) throw new Error(`${decimal} has more than two decimals`);
  const value = BigInt(whole! + fraction.slice(0, 2).padEnd(2, '0'));
  return negative ? -value : value;
}

/** 120050n → `"1200.50"`. */
export function decimal(centsValue: bigint): string {
  const sign = centsValue < 0n ? '-' : '';
  const digits = (centsValue < 0n ? -centsValue : centsValue).toString().padStart(3, '0');
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** An instant `ms` milliseconds after `instant`. */
export function after(instant: Date, ms: number): Date {
  return new Date(instant.getTime() + ms);
}

/** The ISO text of `ms` milliseconds after `instant`, as the helpers above read instants. */
export function isoAfter(instant: Date, ms: number): string {
  return after(instant, ms).toISOString();
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
