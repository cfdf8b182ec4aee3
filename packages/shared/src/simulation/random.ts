/**
 * Seeded randomness for the traffic simulator. Every decision of one simulated agent at one step comes from
 * its own stream, derived from (seed, agent index, step): an agent's choices never depend on how the other
 * agents were scheduled, how fast the API answered, or how many steps the others took.
 */

import { SeededRandom } from '../seeded-random.ts';

/** Murmur3's 32-bit finaliser: spreads every input bit over the whole word, so neighbouring keys diverge. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The seed of the stream for (seed, agent, step). Each key is mixed before the next is folded in, so
 * (agent 1, step 0) and (agent 0, step 1) are unrelated streams.
 */
export function streamSeed(seed: number, agentIndex: number, step: number): number {
  const golden = 0x9e3779b9;
  let h = mix32(seed ^ golden);
  h = mix32((h + Math.imul(agentIndex + 1, golden)) >>> 0);
  h = mix32((h ^ Math.imul(step + 1, 0x7feb352d)) >>> 0);
  return h;
}

/** The seeded generator with the draws the simulation model needs. */
export class SimulationRandom extends SeededRandom {
  /** The stream of one agent's step. */
  static forStep(seed: number, agentIndex: number, step: number): SimulationRandom {
    return new SimulationRandom(streamSeed(seed, agentIndex, step));
  }

  /**
   * A triangular draw on [min, max] peaking at `mode`. Durations in a contact centre are skewed (most calls
   * short, a tail of long ones); the inverse needs only `sqrt`, which IEEE 754 rounds exactly, so the same
   * seed gives the same value on every machine.
   */
  triangular(min: number, mode: number, max: number): number {
    if (!(min <= mode && mode <= max))
      throw new RangeError(`triangular(${min}, ${mode}, ${max}): need min ≤ mode ≤ max`);
    if (min === max) return min;
    const u = this.next();
    const split = (mode - min) / (max - min);
    return u < split
      ? min + Math.sqrt(u * (max - min) * (mode - min))
      : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
  }

  /** A key drawn with the probabilities of `table` (which should sum to 1; the last key absorbs rounding). */
  pick<K extends string>(table: Readonly<Record<K, number>>): K {
    const entries = Object.entries(table) as [K, number][];
    let roll = this.next();
    for (const [key, probability] of entries) {
      roll -= probability;
      if (roll < 0) return key;
    }
    // Rounding can leave a sliver above the last cumulative bound: it belongs to the last possible key.
    return entries.filter(([, probability]) => probability > 0).at(-1)![0];
  }
}
