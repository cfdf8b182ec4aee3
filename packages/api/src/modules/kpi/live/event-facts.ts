import {
  bucketOf,
  isDomainEventType,
  PROMISE_OUTCOME_EVENTS,
  storedToMinor,
  type DomainEventType,
  type FactAttribution,
  type IsoDate,
  type OutcomeFact,
  type PublishedEvent,
  type TimedFact,
} from '@recupera/shared';

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
  'PaymentReversed',
  'PromiseKept',
  'PromiseOutcomeRetracted',
  'PromiseBroken',
  'PromisePartiallyKept',
  'AgentStatusChanged',
] as const satisfies readonly DomainEventType[];

const noEffect = (): EventEffect => ({
  timed: null,
  outcome: null,
  agentStatus: null,
  portfolioChanged: false,
  queueIds: [],
  campaignIds: [],
  agentIds: [],
});

function present(...ids: (string | null | undefined)[]): string[] {
  return ids.filter((id): id is string => typeof id === 'string' && id !== '');
}

/**
 * Reads a committed event: an exhaustive switch over the event catalogue (`@recupera/shared` events.ts), so a new
 * event type must say what it means here before the API builds. `ledgerDate` and `dayStart` are the business day
 * the ledger counts recovery for: a payment counts in recovery in the bucket its account was in when that day
 * began, if the account existed then. An event type this build does not know (written by a newer instance during
 * a rolling upgrade) changes nothing.
 */
export function effectOf(event: PublishedEvent, ledgerDate: IsoDate, dayStart: Date): EventEffect {
  const effect = noEffect();
  if (!isDomainEventType(event.type)) return effect;
  switch (event.type) {
    case 'InteractionRecorded': {
      const fact = event.payload;
      effect.timed = {
        kind: 'interaction',
        at: Date.parse(fact.startedAt),
        attribution: attributionOf(fact),
        disposition: fact.disposition,
        count: 1,
        durationSeconds: fact.durationSeconds,
      };
      effect.queueIds = present(fact.queueId);
      effect.agentIds = present(fact.agentId);
      return effect;
    }
    case 'PromiseMade': {
      const fact = event.payload;
      effect.timed = {
        kind: 'promiseMade',
        at: Date.parse(fact.madeAt),
        attribution: attributionOf(fact),
        currency: fact.currency,
        amountMinor: storedToMinor(fact.amount, fact.currency),
      };
      effect.queueIds = present(fact.queueId);
      effect.agentIds = present(fact.agentId);
      return effect;
    }
    case 'PaymentRecorded': {
      const fact = event.payload;
      const existedAtDayStart = Date.parse(fact.accountCreatedAt) < dayStart.getTime();
      effect.timed = {
        kind: 'payment',
        at: Date.parse(fact.paidAt),
        attribution: attributionOf(fact),
        currency: fact.currency,
        amountMinor: storedToMinor(fact.amount, fact.currency),
        recoveryBucket: existedAtDayStart ? bucketOf(fact.accountDueDate, ledgerDate) : null,
      };
      effect.queueIds = present(fact.queueId);
      effect.agentIds = present(fact.agentId);
      return effect;
    }
    case 'PaymentReversed': {
      // A negative payment at the moment of the reversal, where the payment counted: amounts collected fall.
      const fact = event.payload;
      const existedAtDayStart = Date.parse(fact.accountCreatedAt) < dayStart.getTime();
      effect.timed = {
        kind: 'payment',
        at: Date.parse(fact.reversedAt),
        attribution: attributionOf(fact),
        currency: fact.currency,
        amountMinor: -storedToMinor(fact.amount, fact.currency),
        recoveryBucket: existedAtDayStart ? bucketOf(fact.accountDueDate, ledgerDate) : null,
      };
      effect.queueIds = present(fact.queueId);
      effect.agentIds = present(fact.agentId);
      return effect;
    }
    case 'PromiseOutcomeRetracted': {
      // The outcome counted by the promise's due date no longer holds: take it back (a new one may follow).
      const { attribution, dueDate, previous } = event.payload;
      effect.outcome = { attribution: attributionOf(attribution), dueDate, outcome: previous, count: -1 };
      effect.agentIds = present(attribution.agentId);
      effect.queueIds = present(attribution.queueId);
      return effect;
    }
    case 'PromiseKept':
    case 'PromiseBroken':
    case 'PromisePartiallyKept': {
      const { attribution, dueDate } = event.payload;
      effect.outcome = {
        attribution: attributionOf(attribution),
        dueDate,
        outcome: PROMISE_OUTCOME_EVENTS[event.type],
        count: 1,
      };
      effect.agentIds = present(attribution.agentId);
      effect.queueIds = present(attribution.queueId);
      return effect;
    }
    case 'AgentStatusChanged':
      effect.agentStatus = { agentId: event.aggregateId, status: event.payload.to, at: Date.parse(event.payload.at) };
      effect.agentIds = [event.aggregateId];
      return effect;
    case 'AgentAssigned':
      effect.agentIds = [event.aggregateId];
      effect.queueIds = present(event.payload.fromQueueId, event.payload.toQueueId);
      return effect;
    case 'AccountOffered':
      effect.agentIds = present(event.payload.agentId);
      effect.queueIds = present(event.payload.queueId);
      return effect;
    case 'QueueUpdated':
      effect.queueIds = [event.aggregateId];
      return effect;
    case 'AccountsMoved':
      // Which accounts a queue holds changed: its recovery denominator too.
      effect.portfolioChanged = true;
      effect.queueIds = present(event.aggregateId, event.payload.fromQueueId, event.payload.toQueueId);
      return effect;
    case 'CampaignStarted':
    case 'CampaignFinished':
      effect.portfolioChanged = true;
      effect.campaignIds = [event.aggregateId];
      return effect;
    case 'CampaignPaused':
      effect.campaignIds = [event.aggregateId];
      return effect;
    case 'AccountsLeftQueue':
      // Which accounts the queue holds changed: its card and its recovery denominator.
      effect.portfolioChanged = true;
      effect.queueIds = [event.aggregateId];
      return effect;
    case 'AccountsPlaced':
    case 'PlacementsEnded':
    case 'DemoSeeded':
      effect.portfolioChanged = true;
      return effect;
    case 'PromisePaymentApplied':
      // The money counts with its PaymentRecorded; the agent's row shows the promise's progress.
      effect.agentIds = present(event.payload.agentId);
      return effect;
    case 'PromiseCancelled':
    case 'AccountStatusChanged':
    case 'ReconciliationRequested':
    case 'PhoneMarkedInvalid':
      // No figure moves; the account's queue card may (a parked or re-opened account).
      effect.queueIds = present(event.payload.queueId);
      return effect;
    case 'AgencyCreated':
    case 'AgentCreated':
    case 'ApiKeyCreated':
    case 'ApiKeyRevoked':
    case 'ApiKeyRotated':
    case 'CampaignCreated':
    case 'AccountsImported':
    case 'ImportStarted':
    case 'AgingRolled':
    case 'MessageSent':
    case 'FailedJobRetried':
    case 'PlacementExtended':
    case 'PlacementExtensionRequested':
    case 'PlacementExtensionDecided':
      return effect;
    default:
      return exhaustive(event);
  }
}

/** Fails the build when an event type of the catalogue is missing from the switch above. */
function exhaustive(event: never): EventEffect {
  void event;
  return noEffect();
}

function attributionOf(fact: FactAttribution): FactAttribution {
  return { campaignId: fact.campaignId, queueId: fact.queueId, agentId: fact.agentId, agencyId: fact.agencyId };
}
