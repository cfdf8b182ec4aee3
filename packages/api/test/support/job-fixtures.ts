import { randomUUID } from 'node:crypto';
import { accountRow, importAccounts, nextSequence, type ImportRow } from './fixtures.ts';
import { sql, type TestApi } from './test-api.ts';

/**
 * Rows for the job suites, written straight to the database: the jobs read promises, memberships and accounts
 * whatever wrote them, and these tests must not depend on how the interaction and campaign services evolve.
 * Accounts (and their debtors) still come through the public `importAccounts`.
 */

/** `queue_membership.next_attempt_at` of a parked member (see queue-membership.service.ts). */
export const PARKED_SQL = '9999-12-31T00:00:00.000Z';

/** Imports one account per row under a creditor of its own; returns their ids in row order. */
export async function importRows(api: TestApi, rows: ImportRow[]): Promise<string[]> {
  const creditorName = `Acreedor ${nextSequence()}`;
  await importAccounts(api, rows, { creditorName });
  const found = await sql<{ id: string; external_ref: string }>(
    api,
    `select a.id, a.external_ref from account a join creditor c on c.id = a.creditor_id where c.name = ?`,
    [creditorName],
  );
  const byRef = new Map(found.map((row) => [row.external_ref, String(row.id)]));
  return rows.map((row) => byRef.get(row.externalRef)!);
}

export async function importOne(api: TestApi, overrides: Partial<ImportRow> = {}): Promise<string> {
  const [id] = await importRows(api, [accountRow(overrides)]);
  return id!;
}

/** A running campaign with one queue, made in SQL. */
export async function insertQueue(api: TestApi): Promise<{ campaignId: string; queueId: string }> {
  const campaignId = randomUUID();
  const queueId = randomUUID();
  await sql(api, `insert into campaign (id, name, status, channel, filter) values (?, ?, 'RUNNING', 'CALL', '{}')`, [
    campaignId,
    `Campaña ${nextSequence()}`,
  ]);
  await sql(api, `insert into work_queue (id, campaign_id, name, filter) values (?, ?, 'Cola', '{}')`, [
    queueId,
    campaignId,
  ]);
  return { campaignId, queueId };
}

export async function insertMembership(
  api: TestApi,
  queue: { campaignId: string; queueId: string },
  accountId: string,
  nextAttemptAt: string | null,
): Promise<void> {
  await sql(
    api,
    `insert into queue_membership (id, account_id, queue_id, campaign_id, next_attempt_at) values (?, ?, ?, ?, ?::timestamptz)`,
    [randomUUID(), accountId, queue.queueId, queue.campaignId, nextAttemptAt],
  );
}

export interface PromiseSpec {
  accountId: string;
  amount: string;
  paidAmount?: string;
  dueDate: string;
  graceDays?: number;
  createdAt?: string;
  status?: string;
}

/** A promise as the interaction service would leave it; the account is marked PROMISED unless told otherwise. */
export async function insertPromise(
  api: TestApi,
  spec: PromiseSpec,
  accountStatus: string | null = 'PROMISED',
): Promise<string> {
  const id = randomUUID();
  await sql(
    api,
    `insert into promise_to_pay (id, account_id, amount, currency, due_date, grace_days, paid_amount, status, created_at)
     values (?, ?, ?, 'PEN', ?::date, ?, ?, ?, ?::timestamptz)`,
    [
      id,
      spec.accountId,
      spec.amount,
      spec.dueDate,
      spec.graceDays ?? 3,
      spec.paidAmount ?? '0',
      spec.status ?? 'PENDING',
      spec.createdAt ?? '2026-11-10T15:00:00.000Z',
    ],
  );
  if (accountStatus) await sql(api, 'update account set status = ? where id = ?', [accountStatus, spec.accountId]);
  return id;
}

/** A text form of timestamps and numbers that compares equal across drivers. */
export const iso = (column: string, alias = column.replace(/^.*\./, '')) =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as ${alias}`;
