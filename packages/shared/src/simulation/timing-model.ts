/**
 * How long the parts of an agent's work take, in seconds of real operation (the runner divides by its speed
 * factor). A conversation lasts minutes, an unanswered ring seconds; writing up a promise takes longer than
 * closing a no-answer.
 */
import type { Channel, Disposition } from '../dispositions.ts';
import type { SimulationRandom } from './random.ts';

/** [min, mode, max] seconds of a triangular draw. */
type Span = readonly [number, number, number];

const CALL_TALK: Readonly<Record<Disposition, Span>> = {
  NO_ANSWER: [20, 30, 45],
  BUSY: [3, 5, 12],
  VOICEMAIL: [25, 35, 60],
  WRONG_NUMBER: [15, 30, 75],
  THIRD_PARTY: [40, 70, 180],
  REFUSED_TO_PAY: [60, 150, 480],
  PROMISE_TO_PAY: [150, 360, 900],
  ALREADY_PAID: [60, 120, 300],
  DISPUTE: [120, 300, 720],
  CALLBACK_REQUESTED: [30, 60, 180],
  // Not produced by calls; kept so the table is total.
  MESSAGE_SENT: [10, 20, 40],
  MESSAGE_REPLIED: [60, 120, 300],
};

/** Writing or reading a message: quick to send, a reply takes a little exchange. */
const MESSAGE_TALK: Readonly<Record<Disposition, Span>> = {
  ...CALL_TALK,
  WRONG_NUMBER: [5, 10, 20],
  MESSAGE_SENT: [10, 20, 45],
  MESSAGE_REPLIED: [60, 150, 420],
  PROMISE_TO_PAY: [180, 360, 720],
};

const NON_CONTACT_WRAP_UP: Span = [2, 5, 12];
const CONTACT_WRAP_UP: Span = [15, 35, 90];
const PROMISE_WRAP_UP: Span = [40, 75, 180];

/** Chance that an agent takes a break after an account, and how long a break lasts. */
export const BREAK_CHANCE = 0.03;
const BREAK_SECONDS: Span = [300, 600, 1200];

/** A requested callback: from an hour to two days later, most within the afternoon. */
const CALLBACK_AFTER_SECONDS: Span = [3_600, 4 * 3_600, 48 * 3_600];

function draw(random: SimulationRandom, [min, mode, max]: Span): number {
  return Math.round(random.triangular(min, mode, max));
}

/** Seconds the attempt itself lasts (the interaction's `durationSeconds`). */
export function talkSeconds(random: SimulationRandom, disposition: Disposition, channel: Channel): number {
  return draw(random, (channel === 'CALL' ? CALL_TALK : MESSAGE_TALK)[disposition]);
}

/** Seconds of wrap-up after the attempt, before asking for the next account. */
export function wrapUpSeconds(random: SimulationRandom, disposition: Disposition): number {
  if (disposition === 'PROMISE_TO_PAY') return draw(random, PROMISE_WRAP_UP);
  const quick =
    disposition === 'NO_ANSWER' ||
    disposition === 'BUSY' ||
    disposition === 'VOICEMAIL' ||
    disposition === 'WRONG_NUMBER' ||
    disposition === 'MESSAGE_SENT';
  return draw(random, quick ? NON_CONTACT_WRAP_UP : CONTACT_WRAP_UP);
}

/** The length of a break taken after this account, or null for none. */
export function breakSeconds(random: SimulationRandom): number | null {
  return random.chance(BREAK_CHANCE) ? draw(random, BREAK_SECONDS) : null;
}

/** When a debtor who asked to be called back wants the call, in seconds from now. */
export function callbackAfterSeconds(random: SimulationRandom): number {
  return draw(random, CALLBACK_AFTER_SECONDS);
}
