import { formatAmount, storedToMinor } from '@recupera/shared';
import { agencySqlCondition } from '../../core/database/agency-scope.ts';

/** What can be exported (docs/agencies.md, "Exports"): the portfolio and the activity on it. */
export const EXPORT_KINDS = ['placements', 'accounts', 'interactions', 'promises', 'payments'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export function isExportKind(value: string): value is ExportKind {
  return (EXPORT_KINDS as readonly string[]).includes(value);
}

/** Who asks and for what: the scope of the key, an agency a manager narrows to, a period for the activity. */
export interface ExportRequest {
  /** The key's agency (AGENCY keys), or null: sees everything. */
  scopeAgencyId: string | null;
  /** Narrows to one agency's (accounts placed with it; activity attributed to it). */
  agencyId: string | null;
  /** Instants bounding the activity (interactions by start, promises by creation, payments by paidAt). */
  from: Date | null;
  to: Date | null;
}

type Row = Record<string, unknown>;

interface KindSpec {
  entity: string;
  alias: string;
  columns: readonly string[];
  select: string;
  /** The column an agency filter and a period apply to. */
  agencyColumn: string;
  periodColumn: string | null;
  /** Turns a row into the CSV values, in `columns` order. */
  values: (row: Row) => unknown[];
}

const money = (amount: unknown, currency: unknown) =>
  amount === null ? '' : formatAmount(storedToMinor(String(amount), String(currency)), String(currency));
const instant = (value: unknown) => (value === null ? '' : new Date(value as string).toISOString());

const SPECS: Record<ExportKind, KindSpec> = {
  placements: {
    entity: 'Placement',
    alias: 'pl',
    columns: [
      'placement_id',
      'account_id',
      'external_ref',
      'agency_code',
      'placed_at',
      'recall_date',
      'commission_rate',
      'status',
      'ended_at',
      'end_reason',
    ],
    select: `select pl.id, pl.account_id, a.external_ref, ag.code, pl.placed_at,
                    to_char(pl.recall_date, 'YYYY-MM-DD') as recall_date, pl.commission_rate::text as rate, pl.status,
                    pl.ended_at, pl.end_reason
               from placement pl join account a on a.id = pl.account_id join agency ag on ag.id = pl.agency_id`,
    agencyColumn: 'pl.agency_id',
    periodColumn: null,
    values: (r) => [
      r.id,
      r.account_id,
      r.external_ref,
      r.code,
      instant(r.placed_at),
      r.recall_date ?? '',
      String(r.rate).replace(/\.?0+$/, '') || '0',
      r.status,
      instant(r.ended_at),
      r.end_reason ?? '',
    ],
  },
  accounts: {
    entity: 'Account',
    alias: 'a',
    columns: [
      'account_id',
      'external_ref',
      'debtor_name',
      'document_id',
      'status',
      'currency',
      'original_amount',
      'balance',
      'due_date',
      'agency_code',
      'placed_at',
      'payment_count',
      'promises_kept',
      'promises_broken',
      'last_payment_at',
    ],
    select: `select a.id, a.external_ref, d.name, d.document_id, a.status, a.currency, a.original_amount::text as original,
                    a.balance::text as balance, to_char(a.due_date, 'YYYY-MM-DD') as due_date, ag.code, a.placed_at,
                    a.payment_count, a.promises_kept, a.promises_broken, a.last_payment_at
               from account a join debtor d on d.id = a.debtor_id left join agency ag on ag.id = a.agency_id`,
    agencyColumn: 'a.agency_id',
    periodColumn: null,
    values: (r) => [
      r.id,
      r.external_ref,
      r.name,
      r.document_id,
      r.status,
      r.currency,
      money(r.original, r.currency),
      money(r.balance, r.currency),
      r.due_date,
      r.code ?? '',
      instant(r.placed_at),
      r.payment_count,
      r.promises_kept,
      r.promises_broken,
      instant(r.last_payment_at),
    ],
  },
  interactions: {
    entity: 'Interaction',
    alias: 'i',
    columns: [
      'interaction_id',
      'account_id',
      'external_ref',
      'agent_id',
      'channel',
      'disposition',
      'started_at',
      'duration_seconds',
      'campaign_id',
      'queue_id',
    ],
    select: `select i.id, i.account_id, a.external_ref, i.agent_id, i.channel, i.disposition, i.started_at,
                    i.duration_seconds, i.campaign_id, i.queue_id
               from interaction i join account a on a.id = i.account_id`,
    agencyColumn: 'i.agency_id',
    periodColumn: 'i.started_at',
    values: (r) => [
      r.id,
      r.account_id,
      r.external_ref,
      r.agent_id ?? '',
      r.channel,
      r.disposition,
      instant(r.started_at),
      r.duration_seconds,
      r.campaign_id ?? '',
      r.queue_id ?? '',
    ],
  },
  promises: {
    entity: 'PromiseToPay',
    alias: 'pr',
    columns: [
      'promise_id',
      'account_id',
      'external_ref',
      'amount',
      'paid_amount',
      'currency',
      'due_date',
      'status',
      'made_at',
      'resolved_at',
      'agent_id',
    ],
    select: `select pr.id, pr.account_id, a.external_ref, pr.amount::text as amount, pr.paid_amount::text as paid,
                    pr.currency, to_char(pr.due_date, 'YYYY-MM-DD') as due_date, pr.status, pr.created_at,
                    pr.resolved_at, pr.agent_id
               from promise_to_pay pr join account a on a.id = pr.account_id`,
    agencyColumn: 'pr.agency_id',
    periodColumn: 'pr.created_at',
    values: (r) => [
      r.id,
      r.account_id,
      r.external_ref,
      money(r.amount, r.currency),
      money(r.paid, r.currency),
      r.currency,
      r.due_date,
      r.status,
      instant(r.created_at),
      instant(r.resolved_at),
      r.agent_id ?? '',
    ],
  },
  payments: {
    entity: 'Payment',
    alias: 'p',
    columns: [
      'payment_id',
      'account_id',
      'external_ref',
      'amount',
      'currency',
      'paid_at',
      'reference',
      'reversal_of',
      'reversed_at',
    ],
    select: `select p.id, p.account_id, a.external_ref, p.amount::text as amount, p.currency, p.paid_at, p.reference,
                    p.reversal_of, p.reversed_at
               from payment p join account a on a.id = p.account_id`,
    agencyColumn: 'p.agency_id',
    periodColumn: 'p.paid_at',
    values: (r) => [
      r.id,
      r.account_id,
      r.external_ref,
      money(r.amount, r.currency),
      r.currency,
      instant(r.paid_at),
      r.reference,
      r.reversal_of ?? '',
      instant(r.reversed_at),
    ],
  },
};

/** The export's query (`$n` placeholders, as pg-query-stream takes them), its CSV header and row mapping. */
export function exportQuery(
  kind: ExportKind,
  request: ExportRequest,
): { sql: string; params: unknown[]; columns: readonly string[]; values: (row: Row) => unknown[] } {
  const spec = SPECS[kind];
  // The one agency rule, in its SQL form: an agency key exports exactly what it may read through the API.
  const scope = agencySqlCondition(spec.entity, spec.alias, { agencyId: request.scopeAgencyId });
  const conditions = [scope.sql];
  const params: unknown[] = [...scope.params];
  if (request.agencyId) {
    conditions.push(`${spec.agencyColumn} = ?`);
    params.push(request.agencyId);
  }
  if (spec.periodColumn && request.from) {
    conditions.push(`${spec.periodColumn} >= ?`);
    params.push(request.from);
  }
  if (spec.periodColumn && request.to) {
    conditions.push(`${spec.periodColumn} < ?`);
    params.push(request.to);
  }
  // Primary-key order: the scan streams off the index, and a re-run exports the rows in the same order.
  const text = `${spec.select} where ${conditions.join(' and ')} order by ${spec.alias}.id`;
  let n = 0;
  return { sql: text.replace(/\?/g, () => `$${++n}`), params, columns: spec.columns, values: spec.values };
}
