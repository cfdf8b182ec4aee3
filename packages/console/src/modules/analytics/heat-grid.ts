import type { Channel, HeatCell } from './analytics-api.ts';

/** What the heat map colours a cell by. */
export const HEAT_METRICS = ['attempts', 'contactRate', 'rpcRate', 'promiseRate'] as const;
export type HeatMetric = (typeof HEAT_METRICS)[number];

/** One weekday × hour of the heat map, its channels added together. */
export interface HeatPoint {
  weekday: number;
  hour: number;
  attempts: number;
  contacts: number;
  rightPartyContacts: number;
  promises: number;
}

const rate = (numerator: number, denominator: number) => (denominator === 0 ? null : numerator / denominator);

/** The rates of a point, as the API defines them (promise rate = promises / RPC); null on a zero denominator. */
export function valueOf(point: HeatPoint, metric: HeatMetric): number | null {
  switch (metric) {
    case 'attempts':
      return point.attempts;
    case 'contactRate':
      return rate(point.contacts, point.attempts);
    case 'rpcRate':
      return rate(point.rightPartyContacts, point.attempts);
    case 'promiseRate':
      return rate(point.promises, point.rightPartyContacts);
  }
}

/**
 * The cells of one channel, or of every channel added together (`null`): rates are recomputed from the summed
 * counts, never averaged.
 */
export function heatPoints(cells: readonly HeatCell[], channel: Channel | null): HeatPoint[] {
  const points = new Map<string, HeatPoint>();
  for (const cell of cells) {
    if (channel !== null && cell.channel !== channel) continue;
    const key = `${cell.weekday}|${cell.hour}`;
    const point = points.get(key) ?? {
      weekday: cell.weekday,
      hour: cell.hour,
      attempts: 0,
      contacts: 0,
      rightPartyContacts: 0,
      promises: 0,
    };
    point.attempts += cell.attempts;
    point.contacts += cell.contacts;
    point.rightPartyContacts += cell.rightPartyContacts;
    point.promises += cell.promises;
    points.set(key, point);
  }
  return [...points.values()].sort((a, b) => a.weekday - b.weekday || a.hour - b.hour);
}

/**
 * ECharts heatmap data: [hour, weekday row, value] with Monday on top (row 6) and Sunday at the bottom (row 0);
 * cells without a value are left out, so they stay blank rather than coloured as zero.
 */
export function heatmapData(points: readonly HeatPoint[], metric: HeatMetric): [number, number, number][] {
  return points.flatMap((point) => {
    const value = valueOf(point, metric);
    return value === null ? [] : [[point.hour, 7 - point.weekday, value] as [number, number, number]];
  });
}

/** The top of the colour scale: the largest value shown (1 for an empty map, so the scale stays valid). */
export function heatmapMax(points: readonly HeatPoint[], metric: HeatMetric): number {
  const values = points.map((point) => valueOf(point, metric) ?? 0);
  return Math.max(metric === 'attempts' ? 1 : 0.01, ...values);
}
