import type { Page } from 'playwright-core';
import { byTestId } from './browser.ts';
import { graphqlData } from './graphql.ts';

export const RATE_TILES = ['contactRate', 'rpcRate', 'promiseRate', 'promisesKeptRate', 'youngDebtRecoveryRate'];
export const MONEY_TILES = ['amountPromised', 'amountCollected'];
/** Every tile the floor shows, per docs/design.md's headline KPIs. */
export const TILE_IDS = [...RATE_TILES, 'attempts', ...MONEY_TILES];

interface Money {
  amount: string;
  currency: string;
}

export interface ApiKpis {
  asOf: string;
  attempts: number;
  contacts: number;
  amountPromised: Money[];
  amountCollected: Money[];
  [rate: string]: unknown;
}

const KPIS = `query ($scope: KpiScope!) {
  kpis(scope: $scope, window: TODAY) {
    asOf attempts contacts contactRate rpcRate promiseRate promisesKeptRate youngDebtRecoveryRate
    amountPromised { amount currency } amountCollected { amount currency }
  }
}`;

export async function fetchKpis(baseUrl: string, apiKey: string, scope: Record<string, string> = {}): Promise<ApiKpis> {
  return (await graphqlData<{ kpis: ApiKpis }>(baseUrl, apiKey, KPIS, { scope })).kpis;
}

export async function operationCurrency(baseUrl: string, apiKey: string): Promise<string> {
  return (await graphqlData<{ operation: { currency: string } }>(baseUrl, apiKey, '{ operation { currency } }'))
    .operation.currency;
}

// A missing amount and "0.00" mean the same to a tile; only the scale of a zero may differ.
function zeroAsWord(amount: string): string {
  return /^0(\.0+)?$/.test(amount) ? 'zero' : amount;
}

/**
 * What each tile's `data-value` must carry for an API answer, derived here from the contract rather than the
 * console's own helpers: a rate as JSON gave it ("" for null), attempts as an integer, money as the decimal
 * of the operation's currency. A money list without that currency reads as zero.
 */
export function expectedTileValues(kpis: ApiKpis, currency: string): Record<string, string> {
  const values: Record<string, string> = { attempts: String(kpis.attempts) };
  for (const id of RATE_TILES) values[id] = kpis[id] === null ? '' : String(kpis[id]);
  for (const id of MONEY_TILES) {
    const list = kpis[id] as Money[];
    values[id] = zeroAsWord(list.find((m) => m.currency === currency)?.amount ?? '0');
  }
  return values;
}

/** The tiles' `data-value`s as the page shows them now; a zero amount is normalised to "zero". */
export async function tileValues(page: Page): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const id of TILE_IDS) {
    const raw = (await byTestId(page, `kpi-tile-${id}`).getAttribute('data-value')) ?? '<missing>';
    values[id] = MONEY_TILES.includes(id) ? zeroAsWord(raw) : raw;
  }
  return values;
}

/** Waits for the floor to show every tile with the API's data (not the loading state). */
export async function waitForFloor(page: Page): Promise<void> {
  for (const id of TILE_IDS) await byTestId(page, `kpi-tile-${id}`).waitFor();
}
