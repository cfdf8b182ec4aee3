/**
 * What a running simulation reports: one event per thing it did (for hooks, tests and the load benchmark)
 * and running counters.
 */
import type { Channel, Disposition } from '@recupera/shared';

export type SimulationEvent =
  | { type: 'offer'; agentId: string; accountId: string; externalRef: string; step: number }
  | {
      type: 'interaction';
      agentId: string;
      accountId: string;
      externalRef: string;
      step: number;
      channel: Channel;
      disposition: Disposition;
      durationSeconds: number;
      /** The promise made, for PROMISE_TO_PAY. */
      promise: { amount: string; currency: string; dueDate: string } | null;
    }
  | { type: 'payment'; accountId: string; amount: string; currency: string; reference: string }
  | { type: 'status'; agentId: string; status: string }
  /** A request the API refused or that never got an answer; the agent moved on. */
  | { type: 'error'; agentId: string | null; operation: string; code: string; message: string };

export interface SimulationStatsSnapshot {
  agents: number;
  interactions: number;
  promises: number;
  payments: number;
  /** Payments planned by payers who keep (or partly keep) their promise and not yet posted. */
  paymentsPending: number;
  errors: number;
  errorsByCode: Record<string, number>;
  /** Interactions and payments written per second of wall time since start. */
  eventsPerSecond: number;
  elapsedSeconds: number;
}

export class SimulationStats {
  agents = 0;
  interactions = 0;
  promises = 0;
  payments = 0;
  paymentsPending = 0;
  errors = 0;
  readonly errorsByCode: Record<string, number> = {};
  private startedAt: number | null = null;
  private stoppedAt: number | null = null;

  start(): void {
    this.startedAt = performance.now();
    this.stoppedAt = null;
  }

  stop(): void {
    this.stoppedAt = performance.now();
  }

  count(event: SimulationEvent): void {
    if (event.type === 'interaction') {
      this.interactions += 1;
      if (event.promise) this.promises += 1;
    } else if (event.type === 'payment') {
      this.payments += 1;
    } else if (event.type === 'error') {
      this.errors += 1;
      this.errorsByCode[event.code] = (this.errorsByCode[event.code] ?? 0) + 1;
    }
  }

  snapshot(): SimulationStatsSnapshot {
    const end = this.stoppedAt ?? performance.now();
    const elapsedSeconds = this.startedAt === null ? 0 : (end - this.startedAt) / 1000;
    return {
      agents: this.agents,
      interactions: this.interactions,
      promises: this.promises,
      payments: this.payments,
      paymentsPending: this.paymentsPending,
      errors: this.errors,
      errorsByCode: { ...this.errorsByCode },
      eventsPerSecond: elapsedSeconds > 0 ? (this.interactions + this.payments) / elapsedSeconds : 0,
      elapsedSeconds,
    };
  }
}
