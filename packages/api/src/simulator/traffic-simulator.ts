/**
 * Drives a running API like a contact-centre floor: every agent assigned to a queue of a RUNNING campaign
 * works accounts over the public GraphQL API, and debtors who keep their promises pay later. Deterministic for
 * a seed (each agent's decisions come from (seed, agent index, step)); a speed factor compresses time. Used by
 * `pnpm start` to make the demo move, and by the load benchmark.
 */
import { randomBytes } from 'node:crypto';
import { formatAmount, type StepPlan } from '@recupera/shared';
import { ApiTime } from './api-time.ts';
import { GraphQLClient, SimulatorRequestError } from './graphql-client.ts';
import { FLOOR_AGENTS, RECORD_PAYMENT, type FloorAgent, type OfferedAccount } from './operations.ts';
import { SimulatedAgent, type AgentEnvironment } from './simulated-agent.ts';
import { SimulationStats, type SimulationEvent, type SimulationStatsSnapshot } from './simulation-stats.ts';
import { TimerSet } from './timers.ts';

export interface TrafficSimulatorOptions {
  /** The API's base URL (`http://localhost:4000`) or its `/graphql` endpoint. */
  endpoint: string;
  /** A key that may drive agents and post payments: ADMIN or MANAGER (an AGENCY key, for its own agents). */
  apiKey: string;
  /** Default 42. */
  seed?: number;
  /** 1 = real time; 20 = every wait divided by 20. Default 1. */
  speed?: number;
  /** Only these agents (still only those on a queue of a RUNNING campaign). Default: all of them. */
  agentIds?: string[];
  /** At most this many agents, the first by name. */
  maxAgents?: number;
  /** Each agent logs out after this many accounts (benchmarks, reproducible runs). Default: no limit. */
  maxStepsPerAgent?: number;
  /** The API's promise horizon (`PROMISE_MAX_DAYS`). Default 60. */
  promiseMaxDays?: number;
  /** The floor's clock: the debtor's local hour and today come from it. Default: the API's (`operation.now`). */
  now?: () => Date;
  /** Seconds of floor time an agent waits when no account may be contacted. Default 30. */
  idleSeconds?: number;
  /** Shortest real wait between an empty `nextAccount` and the next ask, in ms. Default 250. */
  minIdleMs?: number;
  /**
   * Seconds of floor time over which the agents log in, one after another in name order, at the start (a floor's
   * shift does not begin in one instant, and a just-started API answers a crowd slowly). Default 0: all at once.
   */
  loginSpreadSeconds?: number;
  /** Per-request timeout in ms. Default 15,000. */
  requestTimeoutMs?: number;
  /** Every offer, interaction, payment, status change and error, as it happens. */
  onEvent?: (event: SimulationEvent) => void;
}

export class TrafficSimulator {
  private readonly client: GraphQLClient;
  private readonly apiTime: ApiTime;
  private readonly payments = new TimerSet();
  private readonly stats = new SimulationStats();
  private readonly controller = new AbortController();
  /** Distinguishes this run's payment references from an earlier run's with the same seed. */
  private readonly runId = randomBytes(4).toString('hex');
  private shifts: Promise<void>[] = [];
  private stopping: Promise<void> | null = null;

  constructor(private readonly options: TrafficSimulatorOptions) {
    const speed = options.speed ?? 1;
    if (!(speed > 0 && Number.isFinite(speed))) throw new RangeError(`speed must be a positive number, got ${speed}`);
    this.client = new GraphQLClient(options.endpoint, options.apiKey, options.requestTimeoutMs ?? 15_000);
    this.apiTime = new ApiTime(this.client);
  }

  /** Requests sent and not yet answered. */
  get inFlight(): number {
    return this.client.inFlight;
  }

  snapshot(): SimulationStatsSnapshot {
    return { ...this.stats.snapshot(), paymentsPending: this.payments.pending };
  }

  /**
   * Finds the floor's agents and starts their shifts; resolves with how many were started (0 when no agent is
   * on a running campaign's queue). Throws only if the agents cannot be listed at all.
   */
  async start(): Promise<number> {
    if (this.shifts.length > 0 || this.stopping) throw new Error('a simulator runs once; create another');
    if (!this.options.now) await this.apiTime.start();
    const floor = await this.floorAgents();
    const env = this.environment((this.options.loginSpreadSeconds ?? 0) / Math.max(1, floor.length));
    const agents = floor.map(
      ({ agent, index }) => new SimulatedAgent(agent.id, index, agent.queue!.campaign.channel, env),
    );
    this.stats.agents = agents.length;
    this.stats.start();
    this.shifts = agents.map((agent) => agent.run());
    return agents.length;
  }

  /** Resolves when every shift ended (step budgets spent) and every payment planned so far was posted. */
  async finished(): Promise<void> {
    await Promise.all(this.shifts);
    await this.payments.drain(true);
    this.stats.stop();
  }

  /**
   * Ends every shift: waits stop at once, payments not yet due are dropped, agents log out. Resolves when
   * every request in flight has been answered. Safe to call more than once.
   */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.controller.abort();
      this.apiTime.stop();
      this.payments.cancel();
      await Promise.all(this.shifts);
      await this.payments.drain();
      await this.client.idle();
      this.stats.stop();
    })();
    return this.stopping;
  }

  /** Agents on a queue of a RUNNING campaign, in name order; the index is their place among all of them. */
  private async floorAgents(): Promise<{ agent: FloorAgent; index: number }[]> {
    const { agents } = await this.client.request<{ agents: FloorAgent[] }>(FLOOR_AGENTS);
    const wanted = this.options.agentIds ? new Set(this.options.agentIds) : null;
    const onFloor = agents
      .filter((agent) => agent.queue?.campaign.status === 'RUNNING')
      .filter((agent) => !wanted || wanted.has(agent.id))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
      .map((agent, index) => ({ agent, index }));
    return onFloor.slice(0, this.options.maxAgents ?? onFloor.length);
  }

  private environment(loginGapSeconds: number): AgentEnvironment {
    return {
      loginGapSeconds,
      client: this.client,
      seed: this.options.seed ?? 42,
      speed: this.options.speed ?? 1,
      promiseMaxDays: this.options.promiseMaxDays ?? 60,
      idleSeconds: this.options.idleSeconds ?? 30,
      minIdleMs: this.options.minIdleMs ?? 250,
      maxSteps: this.options.maxStepsPerAgent ?? null,
      now: this.options.now ?? this.apiTime.now,
      signal: this.controller.signal,
      emit: (event) => this.emit(event),
      onPromise: (agentIndex, step, account, plan) => this.schedulePayment(agentIndex, step, account, plan),
    };
  }

  private emit(event: SimulationEvent): void {
    this.stats.count(event);
    try {
      this.options.onEvent?.(event);
    } catch {
      // A faulty hook must not stop the floor.
    }
  }

  /** The debtor pays (all or part) some time before the promised date; the delay is compressed like any wait. */
  private schedulePayment(agentIndex: number, step: number, account: OfferedAccount, plan: StepPlan): void {
    const payment = plan.promise?.payment;
    if (!payment || this.controller.signal.aborted) return;
    const currency = account.balance.currency;
    const input = {
      accountId: account.id,
      amount: formatAmount(payment.amountMinor, currency),
      currency,
      reference: `SIM-${this.options.seed ?? 42}-${this.runId}-${agentIndex}-${step}`,
    };
    const delayMs = (payment.afterSeconds * 1000) / (this.options.speed ?? 1);
    this.payments.schedule(delayMs, async () => {
      try {
        await this.client.request(RECORD_PAYMENT, { input });
        this.emit({ type: 'payment', ...input });
      } catch (error) {
        this.emit({
          type: 'error',
          agentId: null,
          operation: 'recordPayment',
          code: error instanceof SimulatorRequestError ? error.code : 'INTERNAL',
          message: error instanceof Error ? error.message : String(error),
        });
      }
    });
  }
}
