import { describe, expect, it } from 'vitest';
import type { HeatCell } from './analytics-api.ts';
import { heatmapData, heatmapMax, heatPoints, valueOf } from './heat-grid.ts';

const cell = (channel: HeatCell['channel'], weekday: number, hour: number, counts: [number, number, number, number]) =>
  ({
    channel,
    weekday,
    hour,
    attempts: counts[0],
    contacts: counts[1],
    rightPartyContacts: counts[2],
    promises: counts[3],
    contactRate: null,
    rpcRate: null,
    promiseRate: null,
    collected: [],
    collectedPerAttempt: [],
  }) satisfies HeatCell;

const CELLS = [cell('CALL', 1, 9, [10, 4, 3, 1]), cell('SMS', 1, 9, [30, 2, 1, 0]), cell('CALL', 7, 20, [5, 0, 0, 0])];

describe('the heat grid', () => {
  it('adds channels together and recomputes the rates from the sums', () => {
    const [monday] = heatPoints(CELLS, null);
    expect(monday).toEqual({ weekday: 1, hour: 9, attempts: 40, contacts: 6, rightPartyContacts: 4, promises: 1 });
    expect(valueOf(monday!, 'contactRate')).toBe(6 / 40);
    expect(valueOf(monday!, 'promiseRate')).toBe(1 / 4);
  });

  it('keeps one channel apart', () => {
    expect(heatPoints(CELLS, 'SMS')).toEqual([
      { weekday: 1, hour: 9, attempts: 30, contacts: 2, rightPartyContacts: 1, promises: 0 },
    ]);
  });

  it('puts Monday on the top row and leaves undefined rates blank', () => {
    const points = heatPoints(CELLS, 'CALL');
    expect(heatmapData(points, 'attempts')).toEqual([
      [9, 6, 10],
      [20, 0, 5],
    ]);
    // Sunday 20:00 had no right-party contact: no promise rate, no coloured cell.
    expect(heatmapData(points, 'promiseRate')).toEqual([[9, 6, 1 / 3]]);
    expect(heatmapMax(points, 'attempts')).toBe(10);
    expect(heatmapMax([], 'rpcRate')).toBe(0.01);
  });
});
