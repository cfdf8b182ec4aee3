import type { EntityManager } from '@mikro-orm/postgresql';
import type { Channel } from '@recupera/shared';
import { badInput } from '../../core/errors.ts';
import { Money } from '../../core/graphql/money.type.ts';
import { runSql } from '../../core/database/sql.ts';
import { checkFilter, filterSql, scopeOf } from './analytics-filter.ts';
import { CONTACT_CELLS, HEAT_DAYS, HEAT_SEGMENTS } from './cell-keys.ts';
import { ContactHeatCell } from './analytics.types.ts';
import type { AnalyticsFilter } from './analytics.types.ts';
import { addCounts, MoneyTally, perAttemptMinor, ratesOf, SUM_COUNTS, zeroCounts, type CountRow } from './figures.ts';

interface HeatRow extends CountRow {
  channel: Channel;
  weekday: number;
  hour: number;
  currency: string;
  collected: string;
}

/**
 * The contact heat map: attempts by channel × the debtor's local weekday × local hour, for the filter, from the
 * pre-aggregated cells. Cells without attempts are left out; ordered by channel, weekday, hour.
 */
export async function contactHeatmap(em: EntityManager, input: AnalyticsFilter): Promise<ContactHeatCell[]> {
  const filter = await checkFilter(em, input);
  // The smallest table that holds what the filter names.
  const [table, entity] = filter.campaignId
    ? [CONTACT_CELLS.table, 'ContactCell']
    : filter.buckets
      ? [HEAT_SEGMENTS.table, 'HeatSegment']
      : [HEAT_DAYS.table, 'HeatDay'];
  const where = filterSql(filter, entity, 'c', scopeOf(em));
  const rows = await runSql<HeatRow>(
    em,
    `select c.channel, c.weekday, c.hour, c.currency, ${SUM_COUNTS('c')}, sum(c.collected)::text as collected
       from ${table} c
      where ${where.sql}
      group by c.channel, c.weekday, c.hour, c.currency
     having sum(c.attempts) > 0
      order by c.channel, c.weekday, c.hour, c.currency`,
    where.params,
  );
  const cells = new Map<
    string,
    {
      cell: ContactHeatCell;
      counts: ReturnType<typeof zeroCounts>;
      money: MoneyTally;
      perCurrencyAttempts: Map<string, number>;
    }
  >();
  for (const row of rows) {
    const key = `${row.channel}|${row.weekday}|${row.hour}`;
    let entry = cells.get(key);
    if (!entry) {
      const cell = new ContactHeatCell();
      cell.channel = row.channel;
      cell.weekday = Number(row.weekday);
      cell.hour = Number(row.hour);
      entry = { cell, counts: zeroCounts(), money: new MoneyTally(), perCurrencyAttempts: new Map() };
      cells.set(key, entry);
    }
    addCounts(entry.counts, row);
    entry.money.add(row.currency, row.collected);
    entry.perCurrencyAttempts.set(
      row.currency,
      (entry.perCurrencyAttempts.get(row.currency) ?? 0) + Number(row.attempts),
    );
  }
  return [...cells.values()].map(({ cell, counts, money, perCurrencyAttempts }) => {
    Object.assign(cell, counts, ratesOf(counts));
    cell.collected = money.toMoney();
    cell.collectedPerAttempt = cell.collected.map((collected) =>
      Money.fromMinor(
        perAttemptMinor(money.get(collected.currency), perCurrencyAttempts.get(collected.currency)!),
        collected.currency,
      ),
    );
    return cell;
  });
}

/** Cells need at least this many attempts to be ranked among the best hours unless the caller says otherwise. */
export const DEFAULT_BEST_HOURS_MIN_ATTEMPTS = 100;

/**
 * The best hours of a segment: the heat-map cells with at least `minAttempts` attempts, by right-party contact rate
 * (highest first; more attempts first on a tie), the first `limit` of them.
 */
export async function bestHours(
  em: EntityManager,
  input: AnalyticsFilter,
  minAttempts: number,
  limit: number,
): Promise<ContactHeatCell[]> {
  if (!Number.isInteger(minAttempts) || minAttempts < 1) throw badInput('minAttempts', 'must be a whole number ≥ 1');
  if (!Number.isInteger(limit) || limit < 1 || limit > 168) throw badInput('limit', 'must be from 1 to 168');
  const cells = await contactHeatmap(em, input);
  return cells
    .filter((cell) => cell.attempts >= minAttempts)
    .sort(
      (a, b) =>
        b.rpcRate! - a.rpcRate! ||
        b.attempts - a.attempts ||
        a.channel.localeCompare(b.channel) ||
        a.weekday - b.weekday ||
        a.hour - b.hour,
    )
    .slice(0, limit);
}
