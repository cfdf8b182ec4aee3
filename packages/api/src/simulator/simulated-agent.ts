/**
 * One simulated agent's shift: AVAILABLE, then account after account — `nextAccount`, talk, record the
 * outcome, wrap up, now and then a break — until the simulation stops or the agent's step budget is spent,
 * then LOGGED_OUT. What happens with each account comes from the shared model's `planStep`; this file only
 * carries the plan out over the API and keeps going whatever the API answers.
 */
import {
  formatAmount,
  localParts,
  moneyToMinor,
  planStep,
  type Channel,
  type StepContext,
  type StepPlan,
} from '@recupera/shared';
import type { GraphQLClient } from './graphql-client.ts';
import { SimulatorRequestError } from './graphql-client.ts';
import {
  NEXT_ACCOUNT,
  RECORD_INTERACTION,
  SET_AGENT_STATUS,
  type InteractionInput,
  type OfferedAccount,
} from './operations.ts';
import type { SimulationEvent } from './simulation-stats.ts';
import { sleep } from './timers.ts';

/** What every agent of one simulation shares. */
export interface AgentEnvironment {
  client: GraphQLClient;
  seed: number;
  /** Real seconds are divided by this. */
  speed: number;
  /** Floor seconds between two agents' logins at the start: the agent of index i logs in after i of them. */
  loginGapSeconds: number;
  promiseMaxDays: number;
  /** Seconds of floor time to wait before asking again when no account may be contacted. */
  idleSeconds: number;
  /** Floor on any wait between requests, in ms, so a huge speed factor does not spin on the API. */
  minIdleMs: number;
  maxSteps: number | null;
  now: () => Date;
  signal: AbortSignal;
  emit: (event: SimulationEvent) => void;
  /** Called after a promise whose payer pays: the runner posts the payment later. */
  onPromise: (agentIndex: number, step: number, account: OfferedAccount, plan: StepPlan) => void;
}

export class SimulatedAgent {
  private step = 0;

  constructor(
    readonly id: string,
    /** The agent's place in the simulation: with the seed, it picks the agent's random streams. */
    readonly index: number,
    readonly channel: Channel,
    private readonly env: AgentEnvironment,
  ) {}

  /** The shift; resolves when the agent has logged out. Never rejects. */
  async run(): Promise<void> {
    await this.wait(this.index * this.env.loginGapSeconds);
    if (this.stopped()) return;
    try {
      await this.setStatus('AVAILABLE');
      while (!this.stopped() && (this.env.maxSteps === null || this.step < this.env.maxSteps)) {
        await this.workOneAccount();
      }
    } catch (error) {
      // Only a bug gets here (requests report their own failures); the shift ends, the process lives on.
      this.reportError('shift', error);
    } finally {
      await this.setStatus('LOGGED_OUT');
    }
  }

  private stopped(): boolean {
    return this.env.signal.aborted;
  }

  private async wait(seconds: number, floorMs = 0): Promise<void> {
    await sleep(Math.max(floorMs, (seconds * 1000) / this.env.speed), this.env.signal);
  }

  private async workOneAccount(): Promise<void> {
    const account = await this.call<{ nextAccount: OfferedAccount | null }>('nextAccount', NEXT_ACCOUNT, {
      agentId: this.id,
    });
    if (!account?.nextAccount) {
      await this.wait(this.env.idleSeconds, this.env.minIdleMs);
      return;
    }
    const offered = account.nextAccount;
    const step = this.step;
    this.step += 1;
    this.env.emit({ type: 'offer', agentId: this.id, accountId: offered.id, externalRef: offered.externalRef, step });
    const plan = planStep(this.env.seed, this.index, step, this.contextOf(offered));

    await this.wait(plan.talkSeconds);
    // Stopped mid-call: logging out hands the account back untouched.
    if (this.stopped()) return;
    const input = this.interactionInput(offered, plan);
    const recorded = await this.call('recordInteraction', RECORD_INTERACTION, { input });
    if (!recorded) {
      // The API refused the outcome (a contact rule, a changed balance): log out and in again, which hands the
      // account back, instead of being offered the same reserved account forever.
      await this.setStatus('LOGGED_OUT');
      await this.setStatus('AVAILABLE');
      return;
    }
    this.env.emit({
      type: 'interaction',
      agentId: this.id,
      accountId: offered.id,
      externalRef: offered.externalRef,
      step,
      channel: this.channel,
      disposition: plan.disposition,
      durationSeconds: plan.talkSeconds,
      promise: input.promise ? { ...input.promise, currency: offered.balance.currency } : null,
    });
    if (plan.promise?.payment) this.env.onPromise(this.index, step, offered, plan);

    await this.wait(plan.wrapUpSeconds);
    if (this.stopped()) return;
    if (plan.breakSeconds !== null) {
      await this.setStatus('PAUSED');
      await this.wait(plan.breakSeconds);
      if (this.stopped()) return;
    }
    await this.setStatus('AVAILABLE');
  }

  private contextOf(account: OfferedAccount): StepContext {
    const local = localParts(this.env.now(), account.debtor.timeZone);
    return {
      bucket: account.bucket,
      channel: this.channel,
      localHour: Math.floor(local.minuteOfDay / 60),
      today: local.date,
      balanceMinor: moneyToMinor(account.balance),
      currency: account.balance.currency,
      promiseMaxDays: this.env.promiseMaxDays,
    };
  }

  private interactionInput(account: OfferedAccount, plan: StepPlan): InteractionInput {
    const input: InteractionInput = {
      accountId: account.id,
      agentId: this.id,
      channel: this.channel,
      disposition: plan.disposition,
      durationSeconds: plan.talkSeconds,
    };
    const contactPoint = this.channel === 'EMAIL' ? account.debtor.emails[0] : account.debtor.phones[0];
    if (contactPoint) input.contactPoint = contactPoint;
    if (plan.promise) {
      input.promise = {
        amount: formatAmount(plan.promise.amountMinor, account.balance.currency),
        dueDate: plan.promise.dueDate,
      };
    }
    if (plan.callbackAfterSeconds !== null) {
      input.callbackAt = new Date(this.env.now().getTime() + plan.callbackAfterSeconds * 1000).toISOString();
    }
    return input;
  }

  private async setStatus(status: string): Promise<void> {
    const changed = await this.call('setAgentStatus', SET_AGENT_STATUS, { agentId: this.id, status });
    if (changed) this.env.emit({ type: 'status', agentId: this.id, status });
  }

  /** The operation's data, or null after reporting the failure (and pausing briefly on a transport error). */
  private async call<T>(operation: string, query: string, variables: Record<string, unknown>): Promise<T | null> {
    try {
      return await this.env.client.request<T>(query, variables);
    } catch (error) {
      this.reportError(operation, error);
      // An API that does not answer at all is not hammered in a tight loop.
      if (error instanceof SimulatorRequestError && error.code === 'NETWORK') {
        await this.wait(this.env.idleSeconds, this.env.minIdleMs);
      }
      return null;
    }
  }

  private reportError(operation: string, error: unknown): void {
    this.env.emit({
      type: 'error',
      agentId: this.id,
      operation,
      code: error instanceof SimulatorRequestError ? error.code : 'INTERNAL',
      message: error instanceof Error ? error.message : String(error),
    });
  }
}
