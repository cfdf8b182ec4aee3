import { bucketOn, cents } from './analytics-oracle.ts';

/**
 * The recomputation of roll and liquidation rates from what a test recorded of each account (its due date, currency,
 * balance at import, creation, write-off, placement and every payment line with what it applied), independent of
 * the API's SQL: the definitions of docs/analytics.md written out over plain numbers.
 */
export const FROM = '2026-10-01';
export const TO = '2026-10-31';
export const START = Date.parse('2026-10-01T05:00:00.000Z'); // midnight in Lima
export const END = Date.parse('2026-11-01T05:00:00.000Z');
/** November, which holds the test's "now" (2026-11-24): where a reversal made now shows. */
export const NOVEMBER = {
  from: '2026-11-01',
  to: '2026-11-30',
  start: END,
  end: Date.parse('2026-12-01T05:00:00.000Z'),
};
export const OCTOBER = { from: FROM, to: TO, start: START, end: END };
export type Window = typeof OCTOBER;
export const BUCKETS = ['CURRENT', 'D1_30', 'D31_60', 'D61_90', 'D91_120', 'D121_PLUS'];

export interface RollAccount {
  id: string;
  ref: string;
  dueDate: string;
  currency: string;
  balanceCents: bigint;
  placed: boolean;
  createdAt: string;
  writtenOff: boolean;
  payments: { at: number; cents: bigint; applied: bigint }[];
}

export const round = (value: number | null) => (value === null ? null : Math.round(value * 1e9) / 1e9);

/** What the test knows of an account over the period. */
export function story(account: RollAccount, { start: START, end: END, from: FROM, to: TO }: Window = OCTOBER) {
  const after = (instant: number) =>
    account.payments.reduce((sum, payment) => sum + (payment.at >= instant ? payment.applied : 0n), 0n);
  const final = account.balanceCents - account.payments.reduce((sum, payment) => sum + payment.applied, 0n);
  const startBalance = final + after(START);
  const endBalance = final + after(END);
  return {
    inPopulation: Date.parse(account.createdAt) < START && !account.writtenOff && startBalance > 0n,
    fromBucket: bucketOn(account.dueDate, FROM),
    toBucket: endBalance <= 0n ? 'CURRENT' : bucketOn(account.dueDate, TO),
    paidOff: endBalance <= 0n,
    startBalance,
    collected: account.payments.reduce(
      (sum, payment) => sum + (payment.at >= START && payment.at < END ? payment.cents : 0n),
      0n,
    ),
  };
}

export function expectedRolls(subset: RollAccount[], window: Window = OCTOBER) {
  const population = subset
    .map((account) => ({ account, ...story(account, window) }))
    .filter((row) => row.inPopulation);
  const rows = [];
  for (const fromBucket of BUCKETS) {
    const from = population.filter((row) => row.fromBucket === fromBucket);
    if (from.length === 0) continue;
    const currencies = [...new Set(from.map((row) => row.account.currency))].sort();
    const total = (rowsOf: typeof from, currency: string) =>
      rowsOf.filter((row) => row.account.currency === currency).reduce((sum, row) => sum + row.startBalance, 0n);
    for (const toBucket of BUCKETS) {
      const cell = from.filter((row) => row.toBucket === toBucket);
      const shares = currencies.map((currency) => ({
        currency,
        share: round(Number(total(cell, currency)) / Number(total(from, currency))),
        balance: { amount: cents(total(cell, currency)), currency },
      }));
      rows.push({
        fromBucket,
        toBucket,
        accounts: cell.length,
        accountShare: round(cell.length / from.length),
        balanceShare: shares.find((share) => share.currency === 'PEN')?.share ?? null,
        paidOffAccounts: cell.filter((row) => row.paidOff).length,
        balanceShares: shares,
      });
    }
  }
  return rows;
}

export function expectedLiquidation(subset: RollAccount[], window: Window = OCTOBER) {
  const population = subset
    .map((account) => ({ account, ...story(account, window) }))
    .filter((row) => row.inPopulation);
  const rows = [];
  for (const bucket of BUCKETS) {
    const from = population.filter((row) => row.fromBucket === bucket);
    for (const currency of [...new Set(from.map((row) => row.account.currency))].sort()) {
      const mine = from.filter((row) => row.account.currency === currency);
      const balance = mine.reduce((sum, row) => sum + row.startBalance, 0n);
      const collected = mine.reduce((sum, row) => sum + row.collected, 0n);
      rows.push({
        bucket,
        accounts: mine.length,
        rate: round(Number(collected) / Number(balance)),
        balanceAtStart: { amount: cents(balance), currency },
        collected: { amount: cents(collected), currency },
      });
    }
  }
  return rows;
}

export const rounded = <T extends Record<string, unknown>>(rows: T[]) =>
  rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([key, value]) => [
        key,
        typeof value === 'number' && !Number.isInteger(value)
          ? round(value)
          : Array.isArray(value)
            ? value.map((item: { share?: number | null }) =>
                'share' in item ? { ...item, share: round(item.share ?? null) } : item,
              )
            : value,
      ]),
    ),
  );
