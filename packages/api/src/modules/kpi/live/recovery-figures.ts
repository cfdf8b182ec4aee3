import { AGING_BUCKETS, type IsoDate } from '@recupera/shared';
import { systemEm, type Orm } from '../../../core/database/orm.ts';
import { storedToMinor } from '../../../core/graphql/money.type.ts';
import { computeOutstandingAtStart, type ScopeIds } from '../kpi-facts.ts';

/** Recovery of one bucket and currency, in minor units. */
export interface RecoveryFigure {
  bucket: (typeof AGING_BUCKETS)[number];
  currency: string;
  collectedMinor: bigint;
  outstandingMinor: bigint;
}

/**
 * The outstanding balances at the start of the business day, per scope: read once per scope and day with SQL, and
 * again only after `clear()` (a change of membership or placement). Payments leave them unchanged.
 */
export class OutstandingBalances {
  private readonly byScope = new Map<string, Promise<RecoveryFigure[]>>();

  constructor(private readonly orm: Orm) {}

  forScope(scope: ScopeIds, key: string, businessDate: IsoDate, timeZone: string): Promise<RecoveryFigure[]> {
    const cacheKey = `${businessDate}#${key}`;
    let rows = this.byScope.get(cacheKey);
    if (!rows) {
      rows = computeOutstandingAtStart(systemEm(this.orm), scope, businessDate, timeZone).then((found) =>
        found.map((row) => ({
          bucket: row.bucket,
          currency: row.currency,
          collectedMinor: 0n,
          outstandingMinor: storedToMinor(row.outstanding, row.currency),
        })),
      );
      const pending = rows;
      pending.catch(() => {
        if (this.byScope.get(cacheKey) === pending) this.byScope.delete(cacheKey);
      });
      this.byScope.set(cacheKey, rows);
    }
    return rows;
  }

  clear(): void {
    this.byScope.clear();
  }
}

/** Recovery rows of a scope: its outstanding balances with what the window collected, by bucket and currency. */
export function recoveryRows(outstanding: RecoveryFigure[], recovered: Map<string, bigint>): RecoveryFigure[] {
  const rows = new Map<string, RecoveryFigure>();
  for (const row of outstanding) rows.set(`${row.bucket}|${row.currency}`, { ...row });
  for (const [name, collected] of recovered) {
    const [bucket, currency] = name.split('|') as [RecoveryFigure['bucket'], string];
    const row = rows.get(name) ?? { bucket, currency, collectedMinor: 0n, outstandingMinor: 0n };
    row.collectedMinor += collected;
    rows.set(name, row);
  }
  return [...rows.values()]
    .filter((row) => row.collectedMinor !== 0n || row.outstandingMinor !== 0n)
    .sort(
      (a, b) =>
        AGING_BUCKETS.indexOf(a.bucket) - AGING_BUCKETS.indexOf(b.bucket) || a.currency.localeCompare(b.currency),
    );
}
