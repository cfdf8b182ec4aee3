import type { EntityManager } from '@mikro-orm/postgresql';
import {
  addDays,
  AGING_BUCKETS,
  rate,
  recoveryRate,
  startOfLocalDay,
  type AgingBucket,
  type IsoDate,
} from '@recupera/shared';
import { agencySqlCondition } from '../../core/database/agency-scope.ts';
import { runSql } from '../../core/database/sql.ts';
import { Money } from '../../core/graphql/money.type.ts';
import { Agency } from '../agencies/agency.entity.ts';
import { checkPeriod, requireVisible, scopeOf } from './analytics-filter.ts';
import { BucketLiquidation, CurrencyBalanceShare, RollRate } from './analytics.types.ts';
import { bucketSql } from './cell-keys.ts';
import { MoneyTally } from './figures.ts';
import { ROLL_ACCOUNT } from './roll-summary.ts';
import { summaryRollSql, type Statement } from './roll-summary-rows.ts';

/** A period of business dates and the operation's zone they are read in. */
export interface RollPeriod {
  from: IsoDate;
  to: IsoDate;
  agencyId: string | null;
  timeZone: string;
}

/** The end state of an account: its bucket, or PAID when the period ended with nothing owed (the cure). */
type EndState = AgingBucket | 'PAID';

interface RollRow {
  from_bucket: AgingBucket;
  end_state: EndState;
  currency: string;
  accounts: number;
  balance_start: string;
  collected: string;
}

/**
 * The accounts of the period's population, by start bucket, end state and currency (docs/analytics.md):
 * - the population is every account that existed when the first day began, was not written off, and owed something
 *   then — its balance at an instant being today's balance plus the part of each payment made (paidAt) since that
 *   instant that went to the balance;
 * - its start bucket is the one the daily aging roll gives it on `from` (`bucketOf(dueDate, from)`, what the roll
 *   records in bucket_transition), its end state PAID when nothing was owed at the end of `to`, otherwise its bucket
 *   on `to`;
 * - collected is what it paid during the period.
 * An agency's population is the accounts placed with it, through the agency-scope rule for accounts.
 */
function directRollSql(em: EntityManager, period: RollPeriod, onlyIrregular: boolean): Statement {
  const start = startOfLocalDay(period.from, period.timeZone);
  const end = startOfLocalDay(addDays(period.to, 1), period.timeZone);
  const scope = agencySqlCondition('Account', 'a', scopeOf(em));
  const agency = period.agencyId ? 'and a.agency_id = ?' : '';
  // Dates are checked ISO dates (the Date scalar), so they can stand in the SQL as literals.
  const fromBucket = bucketSql(`date '${period.from}'`, 'b.due_date');
  const toBucket = bucketSql(`date '${period.to}'`, 'b.due_date');
  const irregularIds = `(select account_id from ${ROLL_ACCOUNT} where irregular)`;
  const irregular = onlyIrregular ? `and a.id in ${irregularIds}` : '';
  return {
    sql: `with pay as (
       select p.account_id,
              sum(p.applied_amount) as applied_since_start,
              coalesce(sum(p.applied_amount) filter (where p.paid_at >= ?), 0) as applied_since_end,
              coalesce(sum(p.amount) filter (where p.paid_at < ?), 0) as collected
         from payment p
        where p.paid_at >= ? ${onlyIrregular ? `and p.account_id in ${irregularIds}` : ''}
        group by p.account_id),
     base as (
       select a.due_date, a.currency,
              a.balance + coalesce(pay.applied_since_start, 0) as balance_start,
              a.balance + coalesce(pay.applied_since_end, 0) as balance_end,
              coalesce(pay.collected, 0) as collected
         from account a
         left join pay on pay.account_id = a.id
        where a.created_at < ? and a.status <> 'WRITTEN_OFF' ${agency} and ${scope.sql} ${irregular})
     select ${fromBucket} as from_bucket,
            case when b.balance_end <= 0 then 'PAID' else ${toBucket} end as end_state,
            b.currency, count(*)::int as accounts, sum(b.balance_start)::text as balance_start,
            sum(b.collected)::text as collected
       from base b
      where b.balance_start > 0
      group by 1, 2, 3`,
    params: [end, end, start, start, ...(period.agencyId ? [period.agencyId] : []), ...scope.params],
  };
}

/**
 * The period's rows: from the roll summary when the analytics tables are built in the period's zone (the regular
 * accounts' sums, plus the few irregular ones computed one by one), otherwise straight from the accounts.
 */
async function rollRows(em: EntityManager, period: RollPeriod): Promise<RollRow[]> {
  const [state] = await runSql<{ time_zone: string }>(em, 'select time_zone from analytics_state where id = 1');
  if (state?.time_zone !== period.timeZone) {
    const direct = directRollSql(em, period, false);
    return runSql<RollRow>(em, direct.sql, direct.params);
  }
  return em.transactional(async (tx) => {
    // The planner's estimate of the union makes it look large enough for JIT, whose compilation costs more than the
    // sums themselves (as in the projector). Local to this transaction.
    await runSql(tx, 'set local jit = off');
    // One statement, so both parts read one snapshot of the summary.
    const summary = summaryRollSql(tx, period);
    const irregular = directRollSql(tx, period, true);
    return runSql<RollRow>(tx, `(${summary.sql}) union all (${irregular.sql})`, [
      ...summary.params,
      ...irregular.params,
    ]);
  });
}

async function checkedPeriod(em: EntityManager, period: RollPeriod): Promise<void> {
  checkPeriod(period.from, period.to, '');
  if (period.agencyId) await requireVisible(em, Agency, 'Agency', period.agencyId, 'agencyId');
}

/**
 * The roll matrix: for each start bucket with accounts, one row per end bucket (all six, zeros included), the
 * paid-off accounts counted in CURRENT (the cure). Account shares count every currency; `balanceShare` is the
 * operation currency's (`operationCurrency`), every currency's is in `balanceShares`.
 */
export async function rollRates(em: EntityManager, period: RollPeriod, operationCurrency: string): Promise<RollRate[]> {
  await checkedPeriod(em, period);
  const rows = await rollRows(em, period);
  const result: RollRate[] = [];
  for (const fromBucket of AGING_BUCKETS) {
    const fromRows = rows.filter((row) => row.from_bucket === fromBucket);
    if (fromRows.length === 0) continue;
    const fromAccounts = fromRows.reduce((sum, row) => sum + Number(row.accounts), 0);
    const fromBalance = new MoneyTally();
    for (const row of fromRows) fromBalance.add(row.currency, row.balance_start);
    for (const toBucket of AGING_BUCKETS) {
      const cell = fromRows.filter(
        (row) => row.end_state === toBucket || (toBucket === 'CURRENT' && row.end_state === 'PAID'),
      );
      const balance = new MoneyTally();
      for (const row of cell) balance.add(row.currency, row.balance_start);
      const roll = new RollRate();
      roll.fromBucket = fromBucket;
      roll.toBucket = toBucket;
      roll.accounts = cell.reduce((sum, row) => sum + Number(row.accounts), 0);
      roll.paidOffAccounts = cell
        .filter((row) => row.end_state === 'PAID')
        .reduce((sum, row) => sum + Number(row.accounts), 0);
      roll.accountShare = rate(roll.accounts, fromAccounts);
      roll.balanceShares = fromBalance.currencies().map((currency) => {
        const share = new CurrencyBalanceShare();
        share.currency = currency;
        share.balance = Money.fromMinor(balance.get(currency), currency);
        share.share = recoveryRate(balance.get(currency), fromBalance.get(currency));
        return share;
      });
      roll.balanceShare = roll.balanceShares.find((share) => share.currency === operationCurrency)?.share ?? null;
      result.push(roll);
    }
  }
  return result;
}

/** The liquidation rate by start bucket and currency: collected in the period over the balance at its start. */
export async function liquidationRates(em: EntityManager, period: RollPeriod): Promise<BucketLiquidation[]> {
  await checkedPeriod(em, period);
  const rows = await rollRows(em, period);
  const result: BucketLiquidation[] = [];
  for (const bucket of AGING_BUCKETS) {
    const bucketRows = rows.filter((row) => row.from_bucket === bucket);
    const balance = new MoneyTally();
    const collected = new MoneyTally();
    const accounts = new Map<string, number>();
    for (const row of bucketRows) {
      balance.add(row.currency, row.balance_start);
      collected.add(row.currency, row.collected);
      accounts.set(row.currency, (accounts.get(row.currency) ?? 0) + Number(row.accounts));
    }
    for (const currency of balance.currencies()) {
      const liquidation = new BucketLiquidation();
      liquidation.bucket = bucket;
      liquidation.accounts = accounts.get(currency) ?? 0;
      liquidation.balanceAtStart = Money.fromMinor(balance.get(currency), currency);
      liquidation.collected = Money.fromMinor(collected.get(currency), currency);
      liquidation.rate = recoveryRate(collected.get(currency), balance.get(currency));
      result.push(liquidation);
    }
  }
  return result;
}
