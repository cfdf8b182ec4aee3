import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays, type IsoDate } from '@recupera/shared';
import { agencySqlCondition } from '../../core/database/agency-scope.ts';
import { scopeOf } from './analytics-filter.ts';
import { bucketSql } from './cell-keys.ts';
import { ROLL_COHORT, ROLL_PAYMENT_DAY, ROLL_PAYMENT_MONTH } from './roll-summary.ts';

/** A range of business dates read from the payment sums: whole months from the month table, the rest by day. */
interface Piece {
  table: string;
  from: IsoDate;
  /** Null: open-ended (up to today). */
  to: IsoDate | null;
}

const monthStart = (date: IsoDate): IsoDate => `${date.slice(0, 8)}01`;
function nextMonthStart(date: IsoDate): IsoDate {
  const [year, month] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
}

/** Splits [from, to] (to null: open) into day pieces at its ragged ends and one piece of whole months between. */
export function rangePieces(from: IsoDate, to: IsoDate | null): Piece[] {
  const firstWhole = from === monthStart(from) ? from : nextMonthStart(from);
  // The first day after the last whole month (null: the whole months run to the open end).
  const afterWhole = to === null ? null : addDays(to, 1) === nextMonthStart(to) ? addDays(to, 1) : monthStart(to);
  if (afterWhole !== null && afterWhole <= firstWhole) return [{ table: ROLL_PAYMENT_DAY, from, to }];
  const pieces: Piece[] = [];
  if (from < firstWhole) pieces.push({ table: ROLL_PAYMENT_DAY, from, to: addDays(firstWhole, -1) });
  pieces.push({
    table: ROLL_PAYMENT_MONTH,
    from: firstWhole,
    to: afterWhole === null ? null : addDays(afterWhole, -1),
  });
  if (afterWhole !== null && to !== null && afterWhole <= to) {
    pieces.push({ table: ROLL_PAYMENT_DAY, from: afterWhole, to });
  }
  return pieces;
}

/** SQL text with its `?` parameters. */
export interface Statement {
  sql: string;
  params: unknown[];
}

/**
 * The SQL of the period's population by start bucket, end state and currency, from the roll summary (roll-summary.ts) of the
 * regular accounts: the cohorts that existed before `from` and still owed something at its start, their balance
 * then (today's plus what was applied from `from` on) and what they paid in the period.
 */
export function summaryRollSql(
  em: EntityManager,
  period: { from: IsoDate; to: IsoDate; agencyId: string | null },
): Statement {
  const cols = 'due_date, currency, agency_id, created_date, zero_date';
  const params: unknown[] = [];
  const payments = [
    ...rangePieces(period.from, period.to).map((piece) => ({ piece, inPeriod: true })),
    ...rangePieces(addDays(period.to, 1), null).map((piece) => ({ piece, inPeriod: false })),
  ].map(({ piece, inPeriod }) => {
    params.push(piece.from, ...(piece.to === null ? [] : [piece.to]));
    return `select ${cols}, 0 as accounts, applied as balance_start, ${inPeriod ? 'amount' : '0'} as collected
              from ${piece.table}
             where paid_date >= ?::date ${piece.to === null ? '' : 'and paid_date <= ?::date'}`;
  });
  const scope = agencySqlCondition('RollSummary', 'r', scopeOf(em));
  // Dates are checked ISO dates (the Date scalar), so they can stand in the SQL as literals.
  const from = `date '${period.from}'`;
  const to = `date '${period.to}'`;
  return {
    sql: `select ${bucketSql(from, 'r.due_date')} as from_bucket,
            case when r.zero_date <= ${to} then 'PAID' else ${bucketSql(to, 'r.due_date')} end as end_state,
            r.currency, sum(r.accounts)::int as accounts, sum(r.balance_start)::text as balance_start,
            sum(r.collected)::text as collected
       from (select ${cols}, accounts, balance as balance_start, 0 as collected from ${ROLL_COHORT}
             union all ${payments.join(' union all ')}) r
      where r.created_date < ${from} and (r.zero_date is null or r.zero_date >= ${from})
        ${period.agencyId ? 'and r.agency_id = ?' : ''} and ${scope.sql}
      group by 1, 2, 3
     having sum(r.accounts) > 0`,
    params: [...params, ...(period.agencyId ? [period.agencyId] : []), ...scope.params],
  };
}
