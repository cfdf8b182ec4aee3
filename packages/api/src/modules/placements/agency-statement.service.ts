import type { EntityManager } from '@mikro-orm/postgresql';
import { commissionMinor, storedRateToTenThousandths, storedToMinor, type IsoDate } from '@recupera/shared';
import { runSql } from '../../core/database/sql.ts';
import { Money } from '../../core/graphql/money.type.ts';
import { getVisibleAgency } from '../agencies/agency.service.ts';
import type { AgencyStatement } from './agency-statement.types.ts';
import { periodBounds } from './statement-period.ts';

/** One payment line of a statement: a payment, or a reversal line (negative) taking one back. */
export interface StatementLine {
  payment_id: string;
  placement_id: string;
  account_id: string;
  external_ref: string;
  paid_at: Date;
  amount: string;
  currency: string;
  rate: string;
  reversal_of: string | null;
}

/**
 * The statement's lines (docs/agencies.md, "Commission"): every payment line whose own instant falls in the period
 * and that was collected during one of the agency's placements — attributed to the agency when posted, and paid while
 * the placement ran (its `paidAt` in [placedAt, endedAt)). A reversal line is dated when the reversal happened and
 * matched to a placement by the payment it takes back, so it lands in the period of the reversal with minus that
 * payment's commission. Hand-written SQL: the caller has already checked the agency is visible to it.
 */
export function statementLines(
  em: EntityManager,
  agencyId: string,
  period: { start: Date; end: Date },
): Promise<StatementLine[]> {
  return runSql<StatementLine>(
    em,
    `select p.id as payment_id, pl.id as placement_id, p.account_id, a.external_ref, p.paid_at,
            p.amount::text as amount, p.currency, pl.commission_rate::text as rate, p.reversal_of
       from payment p
       left join payment o on o.id = p.reversal_of
       join placement pl on pl.account_id = p.account_id and pl.agency_id = p.agency_id
                        and pl.placed_at <= coalesce(o.paid_at, p.paid_at)
                        and (pl.ended_at is null or coalesce(o.paid_at, p.paid_at) < pl.ended_at)
       join account a on a.id = p.account_id
      where p.agency_id = ? and p.paid_at >= ? and p.paid_at < ?
      order by p.paid_at, p.id`,
    [agencyId, period.start, period.end],
  );
}

/** The commission of one line, in minor units of its currency (per payment, half away from zero). */
export function lineCommissionMinor(line: Pick<StatementLine, 'amount' | 'currency' | 'rate'>): bigint {
  return commissionMinor(storedToMinor(line.amount, line.currency), storedRateToTenThousandths(line.rate));
}

/**
 * What an agency collected between two business dates (both included, in the operation's zone) on accounts placed
 * with it, and the commission it earned, per currency, exact to the minor unit. An AGENCY key gets only its own
 * (another agency is NOT_FOUND, as everywhere).
 */
export async function agencyStatement(
  em: EntityManager,
  timeZone: string,
  input: { agencyId: string; from: IsoDate; to: IsoDate },
): Promise<AgencyStatement> {
  const period = periodBounds(input.from, input.to, timeZone);
  const agency = await getVisibleAgency(em, input.agencyId);
  const [placed] = await runSql<{ n: number }>(
    em,
    `select count(distinct account_id)::int as n from placement
      where agency_id = ? and placed_at < ? and (ended_at is null or ended_at > ?)`,
    [agency.id, period.end, period.start],
  );
  const lines = await statementLines(em, agency.id, period);
  const collected = new Map<string, bigint>();
  const commission = new Map<string, bigint>();
  for (const line of lines) {
    collected.set(line.currency, (collected.get(line.currency) ?? 0n) + storedToMinor(line.amount, line.currency));
    commission.set(line.currency, (commission.get(line.currency) ?? 0n) + lineCommissionMinor(line));
  }
  const money = (sums: Map<string, bigint>) =>
    [...sums.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, minor]) => Money.fromMinor(minor, currency));
  return {
    agency,
    from: input.from,
    to: input.to,
    placedAccounts: placed?.n ?? 0,
    collected: money(collected),
    commission: money(commission),
    payments: lines.length,
    reversals: lines.filter((line) => line.reversal_of !== null).length,
  };
}
