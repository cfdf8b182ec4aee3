/**
 * One simulated agent's work on one account, decided in full from (seed, agent index, step) and what the
 * agent sees of the account. The runner only carries the plan out against the API, so the same seed gives
 * the same decisions however the API answers in time.
 */
import type { AgingBucket } from '../buckets.ts';
import type { IsoDate } from '../dates.ts';
import type { Channel, Disposition } from '../dispositions.ts';
import { dispositionTable } from './disposition-model.ts';
import { planPromise, type PromisePlan } from './promise-model.ts';
import { SimulationRandom } from './random.ts';
import { breakSeconds, callbackAfterSeconds, talkSeconds, wrapUpSeconds } from './timing-model.ts';

/** What the agent knows when the account is on screen. */
export interface StepContext {
  bucket: AgingBucket;
  channel: Channel;
  /** The debtor's local hour, 0–23. */
  localHour: number;
  /** The debtor's local date today. */
  today: IsoDate;
  balanceMinor: bigint;
  currency: string;
  promiseMaxDays: number;
}

export interface StepPlan {
  disposition: Disposition;
  /** Seconds the attempt lasts. */
  talkSeconds: number;
  /** Seconds of wrap-up afterwards. */
  wrapUpSeconds: number;
  /** Set for PROMISE_TO_PAY. */
  promise: PromisePlan | null;
  /** Set for CALLBACK_REQUESTED: seconds from now the debtor wants the call. */
  callbackAfterSeconds: number | null;
  /** A break the agent takes after this account, or null. */
  breakSeconds: number | null;
}

/**
 * The plan for `agentIndex`'s `step`-th account. Draws happen in a fixed order from the step's own stream,
 * so adding a draw to one part never shifts another agent's or another step's decisions.
 */
export function planStep(seed: number, agentIndex: number, step: number, context: StepContext): StepPlan {
  const random = SimulationRandom.forStep(seed, agentIndex, step);
  const disposition = random.pick(dispositionTable(context));
  const talk = talkSeconds(random, disposition, context.channel);
  const wrapUp = wrapUpSeconds(random, disposition);
  const pause = breakSeconds(random);
  const callback = disposition === 'CALLBACK_REQUESTED' ? callbackAfterSeconds(random) : null;
  // A promise needs something owed; with nothing left the debtor can only say it is paid.
  const canPromise = context.balanceMinor > 0n;
  const promise = disposition === 'PROMISE_TO_PAY' && canPromise ? planPromise(random, context) : null;
  return {
    disposition: disposition === 'PROMISE_TO_PAY' && !canPromise ? nothingOwed(context.channel) : disposition,
    talkSeconds: talk,
    wrapUpSeconds: wrapUp,
    promise,
    callbackAfterSeconds: callback,
    breakSeconds: pause,
  };
}

/** What a promise turns into when nothing is owed: the debtor says so on the phone, or just replies. */
function nothingOwed(channel: Channel): Disposition {
  return channel === 'CALL' ? 'ALREADY_PAID' : 'MESSAGE_REPLIED';
}
