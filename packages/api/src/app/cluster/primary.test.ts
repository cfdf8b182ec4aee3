import { describe, expect, it } from 'vitest';
import { restartDelay } from './primary.ts';

describe('restartDelay', () => {
  it('replaces a worker that ran a while after 250 ms, and a crash loop ever more slowly, up to 30 s', () => {
    let quickDeaths = 0;
    const delays: number[] = [];
    // A first death after a minute of service, then deaths 2 s after each start.
    for (const lived of [60_000, 2_000, 2_000, 2_000, 2_000, 2_000, 2_000, 2_000, 2_000, 2_000]) {
      const next = restartDelay(lived, quickDeaths);
      quickDeaths = next.quickDeaths;
      delays.push(next.delay);
    }
    expect(delays).toEqual([250, 500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('starts from the first step again once a worker lived 30 s', () => {
    expect(restartDelay(30_000, 7)).toEqual({ quickDeaths: 1, delay: 250 });
    expect(restartDelay(29_999, 7)).toEqual({ quickDeaths: 8, delay: 30_000 });
  });
});
