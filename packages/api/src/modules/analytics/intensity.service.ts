import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql } from '../../core/database/sql.ts';
import { checkFilter, filterSql, scopeOf } from './analytics-filter.ts';
import { IntensityPoint, type AnalyticsFilter } from './analytics.types.ts';
import { INTENSITY_CAP, INTENSITY_CELLS, INTENSITY_DAYS } from './cell-keys.ts';
import { addCounts, ratesOf, SUM_COUNTS, zeroCounts, type CountRow } from './figures.ts';

/** Outcomes by the account's attempt number, 1 to INTENSITY_CAP (the last point counts that attempt and later). */
export async function attemptIntensity(em: EntityManager, input: AnalyticsFilter): Promise<IntensityPoint[]> {
  const filter = await checkFilter(em, input);
  const [table, entity] = filter.campaignId
    ? [INTENSITY_CELLS.table, 'IntensityCell']
    : [INTENSITY_DAYS.table, 'IntensityDay'];
  const where = filterSql(filter, entity, 'c', scopeOf(em));
  const rows = await runSql<CountRow & { attempt_number: number }>(
    em,
    `select c.attempt_number, ${SUM_COUNTS('c')}
       from ${table} c
      where ${where.sql}
      group by c.attempt_number
     having sum(c.attempts) > 0
      order by c.attempt_number`,
    where.params,
  );
  return rows.map((row) => {
    const counts = zeroCounts();
    addCounts(counts, row);
    const rates = ratesOf(counts);
    const point = new IntensityPoint();
    Object.assign(point, counts, {
      attemptNumber: Number(row.attempt_number),
      contactRate: rates.contactRate,
      rpcRate: rates.rpcRate,
      promiseRate: rates.promiseRate,
      orMore: Number(row.attempt_number) === INTENSITY_CAP,
    });
    return point;
  });
}
