import { describe, expect, it } from 'vitest';
import { SimulationRandom, streamSeed } from './random.ts';

describe('SimulationRandom', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const draws = (seed: number) => {
      const random = new SimulationRandom(seed);
      return Array.from({ length: 20 }, () => random.next());
    };
    expect(draws(42)).toEqual(draws(42));
    expect(draws(42)).not.toEqual(draws(43));
  });

  it('gives every (seed, agent, step) its own stream', () => {
    const first = (seed: number, agent: number, step: number) => SimulationRandom.forStep(seed, agent, step).next();
    const seen = new Set<number>();
    for (let agent = 0; agent < 30; agent += 1) {
      for (let step = 0; step < 200; step += 1) seen.add(streamSeed(42, agent, step));
    }
    // 6,000 keys into 2^32 seeds: a collision would be a one-in-a-thousand accident, not a mixing flaw.
    expect(seen.size).toBe(6_000);
    expect(first(42, 1, 0)).not.toBe(first(42, 0, 1));
    expect(first(42, 3, 7)).toBe(first(42, 3, 7));
    expect(first(7, 3, 7)).not.toBe(first(42, 3, 7));
  });

  it('draws uniformly in [0, 1)', () => {
    const random = new SimulationRandom(1);
    const bins = new Array<number>(10).fill(0);
    const n = 100_000;
    let low = 1;
    let high = 0;
    for (let i = 0; i < n; i += 1) {
      const value = random.next();
      low = Math.min(low, value);
      high = Math.max(high, value);
      bins[Math.floor(value * 10)]! += 1;
    }
    expect(low).toBeGreaterThanOrEqual(0);
    expect(high).toBeLessThan(1);
    // Each bin expects 10,000 with a standard deviation of about 95: 500 is over five sigmas.
    for (const count of bins) expect(Math.abs(count - n / 10)).toBeLessThan(500);
  });

  it('keeps integers and triangular draws within their bounds, peaking at the mode', () => {
    const random = new SimulationRandom(9);
    let belowMode = 0;
    const ints = new Set<number>();
    const n = 20_000;
    let [low, high] = [Infinity, -Infinity];
    for (let i = 0; i < n; i += 1) {
      ints.add(random.int(3, 7));
      const t = random.triangular(10, 20, 110);
      [low, high] = [Math.min(low, t), Math.max(high, t)];
      if (t < 20) belowMode += 1;
    }
    expect([...ints].sort()).toEqual([3, 4, 5, 6, 7]);
    expect(low).toBeGreaterThanOrEqual(10);
    expect(high).toBeLessThanOrEqual(110);
    // P(X < mode) = (mode − min) / (max − min) = 0.1 for a triangular distribution.
    expect(belowMode / n).toBeCloseTo(0.1, 1);
    expect(() => random.triangular(5, 1, 10)).toThrow(RangeError);
  });

  it('picks keys with the frequencies of the table', () => {
    const random = new SimulationRandom(5);
    const table = { A: 0.5, B: 0.3, C: 0.2, D: 0 };
    const counts = { A: 0, B: 0, C: 0, D: 0 };
    const n = 50_000;
    for (let i = 0; i < n; i += 1) counts[random.pick(table)] += 1;
    expect(counts.D).toBe(0);
    for (const key of ['A', 'B', 'C'] as const) expect(Math.abs(counts[key] / n - table[key])).toBeLessThan(0.01);
  });
});
