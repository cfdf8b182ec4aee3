import type { EntityManager } from '@mikro-orm/postgresql';
import type { PublishedEvent } from '@recupera/shared';
import { runSql } from '../../core/database/sql.ts';

/**
 * The roll summary (docs/analytics.md, "How the figures are kept"): what roll and liquidation rates need of every
 * account, summed by cohort so that both ends of any period are sums over small tables.
 *
 * Per account, with business dates in the operation's zone:
 * - `created_date`: it is in a period's population only if created before the period's first day;
 * - `zero_date`: the last business day whose start found it owing something (null: it owes something now). With
 *   payments only ever lowering the balance, the balance at the start of day d is positive exactly when
 *   d <= zero_date, so "owed something when the period began" is `from <= zero_date` and "paid off when it ended"
 *   is `zero_date <= to`;
 * - `irregular`: a reversal raised the balance again after it had reached zero, so the rule above does not hold
 *   for it; such accounts (few: a reversal after a pay-off) are left out of the sums and computed one by one
 *   by the query, exactly as before the summary.
 * The balance at the start of `from` is today's balance plus what was applied from `from` on, so the payments are
 * summed by paid day (and by month, so a long range reads months instead of days) with the same cohort key.
 * Written-off accounts are never in a population and are not counted.
 */

export const ROLL_ACCOUNT = 'analytics_roll_account';
export const ROLL_ACCOUNT_DAY = 'analytics_roll_account_day';
export const ROLL_COHORT = 'analytics_roll_cohort';
export const ROLL_PAYMENT_DAY = 'analytics_roll_payment_day';
export const ROLL_PAYMENT_MONTH = 'analytics_roll_payment_month';
export const ROLL_TABLES = [ROLL_ACCOUNT, ROLL_ACCOUNT_DAY, ROLL_COHORT, ROLL_PAYMENT_DAY, ROLL_PAYMENT_MONTH];

const COHORT_KEY = ['due_date', 'currency', 'agency_id', 'created_date', 'zero_date'];
const PAYMENT_KEY = ['paid_date', ...COHORT_KEY];

/** Serialises the roll projection across relay instances: two batches must not count one account at once. */
const ROLL_LOCK = 0x726f6c6c; // 'roll'

/**
 * The accounts whose roll figures an event may move: payments and reversals (balance), status changes (a write-off),
 * imports (new accounts) and holder changes (the agency an account is placed with now). Events written before
 * imports and placements carried their account ids change nothing here; a rebuild counts those accounts.
 */
export function rollAccountIds(events: readonly PublishedEvent[]): string[] {
  const ids = new Set<string>();
  for (const event of events) {
    switch (event.type) {
      case 'PaymentRecorded':
      case 'PaymentReversed':
      case 'AccountStatusChanged':
        ids.add(event.payload.accountId);
        break;
      case 'AccountsImported':
      case 'AccountsPlaced':
      case 'PlacementsEnded':
      case 'AccountsLeftQueue':
        for (const id of event.payload.accountIds ?? []) ids.add(id);
        break;
      default:
        break;
    }
  }
  return [...ids];
}

/**
 * Each account's summary row (`counted`) and payment days (`days`), from `account` and `payment`. `accounts` narrows
 * them to an array parameter of ids ('' for every account). It follows a `zone (tz)` CTE.
 * The account table is joined directly, never through a CTE: a CTE's row estimates led the planner into a nested
 * loop of every account with every paying account on a year of history.
 */
/** Each account's payments summed by paid business date (`accounts` as for accountFactsSql). */
function daysCte(accounts: string): string {
  return `days as (
       select p.account_id, (p.paid_at at time zone (select tz from zone))::date as paid_date,
              sum(p.applied_amount) as applied, sum(p.amount) as amount
         from payment p
        where true ${accounts ? `and p.account_id = any(${accounts})` : ''}
        group by 1, 2)`;
}

function accountFactsSql(accounts: string): string {
  return `${daysCte(accounts)},
     -- The balance at the start of each payment day (and of every day since the previous one): today's balance
     -- plus what was applied on that day or later.
     shape as (
       select s.account_id, max(s.paid_date) filter (where s.owed_at_start > 0) as last_owing,
              min(s.paid_date) filter (where s.owed_at_start <= 0) as first_settled
         from (select d.account_id, d.paid_date,
                      a.balance + sum(d.applied) over (partition by d.account_id order by d.paid_date desc
                                                       rows between unbounded preceding and current row) as owed_at_start
                 from days d join account a on a.id = d.account_id) s
        group by s.account_id),
     counted as (
       select a.id, a.due_date, a.currency, a.agency_id,
              (a.created_at at time zone (select tz from zone))::date as created_date, a.balance,
              case when a.balance > 0 then null else sh.last_owing end as zero_date,
              -- Owing again after having owed nothing: a reversal after a pay-off.
              coalesce(sh.first_settled <= case when a.balance > 0 then 'infinity'::date else sh.last_owing end,
                       false) as irregular
         from account a left join shape sh on sh.account_id = a.id
        where a.status <> 'WRITTEN_OFF' ${accounts ? `and a.id = any(${accounts})` : ''}
          -- Never owing anything at a day's start: in no population.
          and (a.balance > 0 or sh.last_owing is not null))`;
}

/** Upserts the summary sums of the mirror rows of `accounts` ('': all) with `sign`. */
function summaryUpserts(sign: 1 | -1, accounts: string): string[] {
  const cohortCols = COHORT_KEY.join(', ');
  const paymentCols = PAYMENT_KEY.join(', ');
  const conflict = (keys: string[]) => `on conflict (${keys.join(', ')})`;
  const ofAccounts = (alias: string) => (accounts ? `and ${alias}.account_id = any(${accounts})` : '');
  const payments = (table: string, day: string) =>
    `insert into ${table} (${paymentCols}, applied, amount)
     select ${day}, ${COHORT_KEY.map((key) => `r.${key}`).join(', ')}, ${sign} * sum(d.applied), ${sign} * sum(d.amount)
       from ${ROLL_ACCOUNT} r join ${ROLL_ACCOUNT_DAY} d on d.account_id = r.account_id
      where not r.irregular ${ofAccounts('r')}
      group by 1, ${COHORT_KEY.map((_, n) => n + 2).join(', ')}
     ${conflict(PAYMENT_KEY)} do update set applied = ${table}.applied + excluded.applied,
                                            amount = ${table}.amount + excluded.amount`;
  return [
    `insert into ${ROLL_COHORT} (${cohortCols}, accounts, balance)
     select ${cohortCols}, ${sign} * count(*), ${sign} * sum(r.balance)
       from ${ROLL_ACCOUNT} r where not r.irregular ${ofAccounts('r')}
      group by ${cohortCols}
     ${conflict(COHORT_KEY)} do update set accounts = ${ROLL_COHORT}.accounts + excluded.accounts,
                                           balance = ${ROLL_COHORT}.balance + excluded.balance`,
    payments(ROLL_PAYMENT_DAY, 'd.paid_date'),
    payments(ROLL_PAYMENT_MONTH, `date_trunc('month', d.paid_date)::date`),
  ];
}

/** Writes the mirror rows of `accounts` (an array parameter, given twice; '': every account) from the stored facts. */
function mirrorInserts(accounts: string): string[] {
  const facts = `with zone as (select ?::text as tz), ${accountFactsSql(accounts)}`;
  return [
    `${facts}
     insert into ${ROLL_ACCOUNT} (account_id, due_date, currency, agency_id, created_date, zero_date, balance, irregular)
     select id, due_date, currency, agency_id, created_date, zero_date, balance, irregular from counted`,
    // The payment days of the regular accounts just written.
    `with zone as (select ?::text as tz), ${daysCte(accounts)}
     insert into ${ROLL_ACCOUNT_DAY} (account_id, paid_date, applied, amount)
     select d.account_id, d.paid_date, d.applied, d.amount
       from days d join ${ROLL_ACCOUNT} r on r.account_id = d.account_id where not r.irregular`,
  ];
}

/** Builds the roll summary of every account from scratch (inside the build's transaction, tables truncated). */
export async function buildRollSummary(tx: EntityManager, timeZone: string): Promise<void> {
  const [mirror, days] = mirrorInserts('');
  await runSql(tx, mirror!, [timeZone]);
  await runSql(tx, days!, [timeZone]);
  for (const statement of summaryUpserts(1, '')) await runSql(tx, statement);
}

/**
 * Counts `accountIds` anew: takes out what they contributed as last counted, and adds what they contribute now, read
 * from the committed rows. Idempotent: an account counted twice (an event the build already saw) ends the same.
 */
export async function refreshRollAccounts(tx: EntityManager, accountIds: string[], timeZone: string): Promise<void> {
  if (accountIds.length === 0) return;
  await runSql(tx, 'select pg_advisory_xact_lock(?)', [ROLL_LOCK]);
  const ids = '?::uuid[]';
  const idArray = `{${accountIds.join(',')}}`;
  for (const statement of summaryUpserts(-1, ids)) await runSql(tx, statement, [idArray]);
  await runSql(tx, `delete from ${ROLL_ACCOUNT_DAY} where account_id = any(?::uuid[])`, [idArray]);
  await runSql(tx, `delete from ${ROLL_ACCOUNT} where account_id = any(?::uuid[])`, [idArray]);
  const [mirror, days] = mirrorInserts(ids);
  await runSql(tx, mirror!, [timeZone, idArray, idArray]);
  await runSql(tx, days!, [timeZone, idArray]);
  for (const statement of summaryUpserts(1, ids)) await runSql(tx, statement, [idArray]);
}
