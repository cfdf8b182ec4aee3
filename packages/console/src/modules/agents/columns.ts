import { parseAmount } from '@recupera/shared';
import { amountIn } from '../../format/format.ts';
import type { SortValue } from '../../lib/sort.ts';
import type { AgentRow } from './agents-api.ts';
import { attentionReasons, secondsInStatus } from './attention.ts';

export const COLUMNS = [
  'name',
  'status',
  'timeInStatus',
  'attempts',
  'contacts',
  'promises',
  'amountPromised',
  'amountCollected',
  'keptRate',
  'handle',
  'occupancy',
] as const;
export type Column = (typeof COLUMNS)[number] | 'attention';

/** The value a column sorts on; money compares as exact minor units of the operation currency. */
export function columnValue(agent: AgentRow, column: Column, now: number, currency: string): SortValue {
  const p = agent.performance;
  switch (column) {
    case 'attention':
      return attentionReasons(agent, now).length;
    case 'name':
      return agent.name;
    case 'status':
      return agent.status;
    case 'timeInStatus':
      return secondsInStatus(agent, now);
    case 'attempts':
      return p.attempts;
    case 'contacts':
      return p.contacts;
    case 'promises':
      return p.promises;
    case 'amountPromised':
      return parseAmount(amountIn(p.amountPromised, currency), currency, { allowNegative: true });
    case 'amountCollected':
      return parseAmount(amountIn(p.amountCollected, currency), currency, { allowNegative: true });
    case 'keptRate':
      return p.promisesKeptRate;
    case 'handle':
      return p.averageHandleSeconds;
    case 'occupancy':
      return p.occupancy;
  }
}

/** Text columns read best A→Z; figures read best highest first. */
export function naturalDirection(column: Column): 'asc' | 'desc' {
  return column === 'name' || column === 'status' ? 'asc' : 'desc';
}
