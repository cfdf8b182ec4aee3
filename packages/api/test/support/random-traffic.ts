import { SeededRandom } from '@recupera/shared';

/**
 * The draws of the random-traffic suites (kpis, live KPIs): one seed reproduces a failing run. The generator is
 * the kernel's mulberry32 (`SeededRandom`); it only makes up the traffic, it checks nothing, so the oracles stay
 * independent of the code under test. The methods are bound so a suite may take them apart (`const { int } = dice`).
 */
export class Dice {
  private readonly source: SeededRandom;

  constructor(seed: number) {
    this.source = new SeededRandom(seed);
  }

  next = (): number => this.source.next();
  int = (min: number, max: number): number => this.source.int(min, max);
  chance = (p: number): boolean => this.source.chance(p);
  pick = <T>(items: readonly T[]): T => items[this.int(0, items.length - 1)]!;
  between = (min: bigint, max: bigint): bigint => min + BigInt(Math.floor(this.next() * Number(max - min + 1n)));
}

/** Every disposition an agent can record: the tests' own list (docs/design.md), not the kernel's table. */
export const DISPOSITIONS = [
  'NO_ANSWER',
  'BUSY',
  'VOICEMAIL',
  'WRONG_NUMBER',
  'THIRD_PARTY',
  'REFUSED_TO_PAY',
  'PROMISE_TO_PAY',
  'ALREADY_PAID',
  'DISPUTE',
  'CALLBACK_REQUESTED',
  'MESSAGE_SENT',
  'MESSAGE_REPLIED',
] as const;
export type Disposition = (typeof DISPOSITIONS)[number];
