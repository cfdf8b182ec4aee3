import { formatAmount, parseAmount, type Money } from '@recupera/shared';
import { amountIn } from '../../format/format.ts';
import type { Kpis, KpiTrendPoint } from './floor-api.ts';

export const RATE_TILES = [
  'contactRate',
  'rpcRate',
  'promiseRate',
  'promisesKeptRate',
  'youngDebtRecoveryRate',
] as const;
export const MONEY_TILES = ['amountPromised', 'amountCollected'] as const;
export type RateTile = (typeof RATE_TILES)[number];
export type MoneyTile = (typeof MONEY_TILES)[number];
export type TileId = RateTile | MoneyTile | 'attempts';
export const TILES: readonly TileId[] = [...RATE_TILES, 'attempts', ...MONEY_TILES];

export function isRateTile(id: TileId): id is RateTile {
  return (RATE_TILES as readonly string[]).includes(id);
}

/**
 * The raw value a tile carries in `data-value`: the rate exactly as the API sent it ("" for null),
 * attempts as an integer, money as the operation-currency decimal string.
 */
export function tileRawValue(kpis: Kpis, id: TileId, currency: string): string {
  if (id === 'attempts') return String(kpis.attempts);
  if (isRateTile(id)) {
    const rate = kpis[id];
    return rate === null || rate === undefined ? '' : String(rate);
  }
  return amountIn(kpis[id], currency);
}

/** Per-step values for a tile's sparkline: rates per step, attempts per step, money cumulated over the day. */
export function tileSeries(points: readonly KpiTrendPoint[], id: TileId, currency: string): (number | null)[] {
  if (id === 'attempts') return points.map((p) => p.attempts);
  if (isRateTile(id)) return points.map((p) => p[id] ?? null);
  let running = 0n;
  return points.map((p) => {
    running += parseAmount(amountIn(p[id], currency), currency, { allowNegative: true });
    // A chart needs numbers; the tile's own figure stays the exact string.
    return Number(formatAmount(running, currency));
  });
}

/**
 * Share of the day's target reached, in basis points, computed on minor units so that no float touches
 * the money; null without a target in the operation's currency.
 */
export function targetProgressBasisPoints(collected: readonly Money[], target: Money | null): number | null {
  if (!target) return null;
  const goal = parseAmount(target.amount, target.currency, { allowNegative: true });
  if (goal <= 0n) return null;
  const got = parseAmount(amountIn(collected, target.currency), target.currency, { allowNegative: true });
  return Number((got * 10_000n) / goal);
}

/** Sum of the running campaigns' targets in the operation currency (targets in other currencies are left out). */
export function combinedTarget(targets: readonly (Money | null)[], currency: string): Money | null {
  let total = 0n;
  let any = false;
  for (const target of targets) {
    if (!target || target.currency !== currency) continue;
    total += parseAmount(target.amount, currency, { allowNegative: true });
    any = true;
  }
  return any ? { amount: formatAmount(total, currency), currency } : null;
}
