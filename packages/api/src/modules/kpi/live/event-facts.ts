import {
  bucketOf,
  isDisposition,
  type Attribution,
  type IsoDate,
  type OutcomeFact,
  type PromiseOutcome,
  type TimedFact,
} from '@recupera/shared';
import type { PublishedEvent } from '../../../core/events/event-bus.ts';
import { storedToMinor } from '../../../core/graphql/money.type.ts';

/** What one committed event means to the live figures and to the live views of queues and agents. */
export interface EventEffect {
  timed: TimedFact | null;
  outcome: OutcomeFact | null;
  agentStatus: { agentId: string; status: string; at: number } | null;
  /** Membership or placement changed: the outstanding balances behind recovery must be read again. */
  portfolioChanged: boolean;
  queueIds: string[];
  /** Campaigns changed as a whole (started, paused, finished): every queue and agent of theirs. */
  campaignIds: string[];
  agentIds: string[];
}

/** The events whose facts the ledger counts; a rebuild marks the recent ones as already counted. */
export const LEDGER_EVENT_TYPES = [
  'InteractionRecorded',
  'PromiseMade',
  'PaymentRecorded',
  'PromiseKept',
  'PromiseBroken',
  'PromisePartiallyKept',
  'AgentStatusChanged',
] as const;

const OUTCOMES: Record<string, PromiseOutcome> = {
  PromiseKept: 'KEPT',
  PromiseBroken: 'BROKEN',
  PromisePartiallyKept: 'PARTIALLY_KEPT',
};

/** Events that change which accounts a scope holds, or where they are placed. */
const PORTFOLIO_EVENTS = new Set([
  'AccountsMoved',
  'AccountsPlaced',
  'CampaignStarted',
  'CampaignFinished',
  'DemoSeeded',
]);

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

function attributionIn(payload: Record<string, unknown>): Attribution {
  return {
    campaignId: text(payload.campaignId),
    queueId: text(payload.queueId),
    agentId: text(payload.agentId),
    agencyId: text(payload.agencyId),
  };
}

function present(...ids: unknown[]): string[] {
  return ids.map(text).filter((id): id is string => id !== null);
}

/**
 * Reads an event. `ledgerDate` and `dayStart` are the business day the ledger counts recovery for: a payment
 * counts in recovery in the bucket its account was in when that day began, if the account existed then.
 */
export function effectOf(event: PublishedEvent, ledgerDate: IsoDate, dayStart: Date): EventEffect {
  const payload = event.payload;
  const effect: EventEffect = {
    timed: null,
    outcome: null,
    agentStatus: null,
    portfolioChanged: PORTFOLIO_EVENTS.has(event.type),
    queueIds: present(payload.queueId, payload.fromQueueId, payload.toQueueId),
    campaignIds: [],
    agentIds: present(payload.agentId),
  };
  switch (event.type) {
    case 'InteractionRecorded': {
      const disposition = String(payload.disposition);
      if (!isDisposition(disposition)) break;
      effect.timed = {
        kind: 'interaction',
        at: Date.parse(String(payload.startedAt)),
        attribution: attributionIn(payload),
        disposition,
        count: 1,
        durationSeconds: Number(payload.durationSeconds ?? 0),
      };
      break;
    }
    case 'PromiseMade': {
      const currency = String(payload.currency);
      effect.timed = {
        kind: 'promiseMade',
        at: Date.parse(String(payload.madeAt)),
        attribution: attributionIn(payload),
        currency,
        amountMinor: storedToMinor(String(payload.amount), currency),
      };
      break;
    }
    case 'PaymentRecorded': {
      const currency = String(payload.currency);
      const existedAtDayStart = Date.parse(String(payload.accountCreatedAt)) < dayStart.getTime();
      effect.timed = {
        kind: 'payment',
        at: Date.parse(String(payload.paidAt)),
        attribution: attributionIn(payload),
        currency,
        amountMinor: storedToMinor(String(payload.amount), currency),
        recoveryBucket: existedAtDayStart ? bucketOf(String(payload.accountDueDate), ledgerDate) : null,
      };
      break;
    }
    case 'PromiseKept':
    case 'PromiseBroken':
    case 'PromisePartiallyKept': {
      const attribution = payload.attribution as Record<string, unknown> | undefined;
      if (!attribution) break;
      effect.outcome = {
        attribution: attributionIn(attribution),
        dueDate: String(payload.dueDate),
        outcome: OUTCOMES[event.type]!,
        count: 1,
      };
      effect.agentIds = present(attribution.agentId);
      effect.queueIds = present(attribution.queueId);
      break;
    }
    case 'AgentStatusChanged':
      effect.agentStatus = {
        agentId: event.aggregateId,
        status: String(payload.to),
        at: Date.parse(String(payload.at)),
      };
      effect.agentIds = [event.aggregateId];
      break;
    case 'AgentAssigned':
      effect.agentIds = [event.aggregateId];
      break;
    case 'QueueUpdated':
    case 'AccountsMoved':
      effect.queueIds.push(event.aggregateId);
      break;
    case 'CampaignStarted':
    case 'CampaignPaused':
    case 'CampaignFinished':
      effect.campaignIds.push(event.aggregateId);
      break;
  }
  return effect;
}
