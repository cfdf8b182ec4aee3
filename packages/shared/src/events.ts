/**
 * The catalogue of domain events: every event the API writes to its outbox (`domain_event`), its aggregate and
 * the exact shape of its payload. The audit trail, the live KPI engine and every other consumer read events
 * through these types, so a renamed or retyped field fails the build instead of turning into `NaN` at run time.
 *
 * Payloads cross PostgreSQL (`json`) and Redis as JSON: strings, numbers, booleans, null, arrays and objects only.
 * Instants are ISO-8601 strings in UTC, calendar dates `YYYY-MM-DD`, money exact decimal strings of the currency's
 * precision (e.g. "1234.50"), ids strings.
 *
 * Versioning (docs/events.md): events are stored forever and read by other instances that may run an older or newer
 * build, so a payload only grows. A field may be added (readers must cope with its absence in older rows: declare
 * it optional); a field is never renamed, retyped or given a new meaning. A change that cannot be additive is a new
 * event type (`PaymentRecordedV2`) written from then on, and readers handle both.
 */
import type { AgingBucket } from './buckets.ts';
import type { IsoDate } from './dates.ts';
import type { Channel, Disposition } from './dispositions.ts';
import type { PlacementEndReason } from './placements.ts';
import type { PromiseOutcome } from './promises.ts';

/** An ISO-8601 instant in UTC, e.g. "2026-11-24T15:04:05.000Z". */
export type IsoInstant = string;
/** An exact decimal string in the currency's precision, e.g. "1234.50". */
export type DecimalAmount = string;

/** Where a fact counts: the campaign, queue and agency it was recorded in (null: none). */
export interface FactPlacement {
  campaignId: string | null;
  queueId: string | null;
  agencyId: string | null;
}

/** A fact's full attribution: its placement and the agent credited with it. */
export interface FactAttribution extends FactPlacement {
  agentId: string | null;
}

/** Fields every event about one account carries. */
interface AboutAccount {
  accountId: string;
  /** The agency the account was placed with when the event happened (null: in-house). */
  agencyId: string | null;
}

/** What a promise's outcome events carry, alike whether a payment or the due sweep resolved it. */
interface PromiseOutcomePayload extends AboutAccount {
  /** The agent who took the promise. */
  agentId: string | null;
  /** Where the promise was made: the KPI scopes its outcome counts in. */
  attribution: FactAttribution;
  interactionId: string | null;
  amount: DecimalAmount;
  paidAmount: DecimalAmount;
  currency: string;
  dueDate: IsoDate;
}

/** Every domain event: type → payload. */
export interface DomainEventPayloads {
  AgencyCreated: { code: string; name: string; partner: boolean };
  AgentCreated: { name: string; agencyId: string };
  AgentStatusChanged: { from: string; to: string; at: IsoInstant };
  AgentAssigned: { fromQueueId: string | null; toQueueId: string };
  ApiKeyCreated: { role: string; agencyId: string | null; agentId?: string | null; prefix: string };
  ApiKeyRevoked: { prefix: string };
  ApiKeyRotated: { prefix: string; replacementId: string; oldKeyExpiresAt: IsoInstant };

  CampaignCreated: { name: string; channel: Channel; queues: string[] };
  CampaignStarted: CampaignTransition;
  CampaignPaused: CampaignTransition;
  CampaignFinished: CampaignTransition;
  QueueUpdated: {
    before: { priority: number; paused: boolean };
    after: { priority: number; paused: boolean };
  };
  AccountsMoved: { fromQueueId: string; toQueueId: string; requested: number; moved: number };
  AccountOffered: { agentId: string; queueId: string | null; reservedUntil: IsoInstant };

  AccountsImported: {
    creditor: string;
    portfolio: string;
    count: number;
    /** The accounts created (at most one import call's rows). Absent in events written before it was added. */
    accountIds?: string[];
  };
  ImportStarted: { creditor: string; portfolio: string; rows: number };
  AccountsPlaced: {
    filter: Record<string, unknown>;
    count: number;
    /** Absent in events written before placements had terms. */
    recallDate?: IsoDate | null;
    commissionRate?: string;
    /** Placements with other agencies the placement ended first (reason REPLACED). */
    replaced?: number;
    /** The accounts placed. Absent in events written before it was added. */
    accountIds?: string[];
  };
  /** Placements of one agency ended together: recalled (by a manager, a replacement, the recall date) or returned. */
  PlacementsEnded: {
    agencyId: string;
    status: 'RECALLED' | 'RETURNED';
    reason: PlacementEndReason;
    placementIds: string[];
    accountIds: string[];
    /** The agency's words with a return. */
    note?: string | null;
  };
  /** Accounts taken out of one work queue because they changed holder (docs/agencies.md). */
  AccountsLeftQueue: {
    campaignId: string;
    /** Why: the account was placed with another holder, recalled, returned or reached its recall date. */
    reason: 'PLACED' | 'RECALLED' | 'RETURNED' | 'RECALL_DATE_REACHED';
    /** The new holder (null: in-house). */
    toAgencyId: string | null;
    accountIds: string[];
    /** Reservations of agents on those accounts that ended with their place. */
    reservationsReleased: number;
  };
  PlacementExtended: {
    agencyId: string;
    accountId: string;
    from: IsoDate | null;
    to: IsoDate;
    /** The agency's request it grants, if any. */
    requestId: string | null;
  };
  PlacementExtensionRequested: {
    placementId: string;
    agencyId: string;
    accountId: string;
    days: number;
    reason: string;
  };
  PlacementExtensionDecided: {
    placementId: string;
    agencyId: string;
    accountId: string;
    approved: boolean;
    note: string | null;
    /** The recall date after the decision. */
    recallDate: IsoDate | null;
  };
  AgingRolled: { transitions: { from: AgingBucket; to: AgingBucket; accounts: number }[] };
  AccountStatusChanged: AboutAccount &
    Partial<FactPlacement> & {
      from: string;
      to: string;
      /** A disposition (the interaction's), PAID_IN_FULL, PROMISE_KEPT, HOLDER_CHANGED or PAYMENT_REVERSED. */
      reason: string;
      interactionId?: string;
      paymentId?: string;
    };
  ReconciliationRequested: AboutAccount & FactPlacement & { interactionId: string };
  PhoneMarkedInvalid: AboutAccount & FactPlacement & { phone: string; interactionId: string };

  InteractionRecorded: AboutAccount &
    FactAttribution & {
      variant: 'CHAMPION' | 'CHALLENGER' | null;
      channel: Channel;
      disposition: Disposition;
      contact: boolean;
      rightPartyContact: boolean;
      startedAt: IsoInstant;
      durationSeconds: number;
      callbackAt: IsoInstant | null;
    };
  PromiseMade: AboutAccount &
    FactPlacement & {
      interactionId: string;
      /** The agent who took it. */
      agentId: string | null;
      madeAt: IsoInstant;
      amount: DecimalAmount;
      currency: string;
      dueDate: IsoDate;
      graceDays: number;
    };
  PromiseCancelled: AboutAccount &
    FactPlacement & {
      /** HOLDER_CHANGED: the account changed holder (placed, recalled, returned); each holder's promises end with it. */
      reason: 'SUPERSEDED' | 'DISPUTED' | 'HOLDER_CHANGED';
      interactionId: string;
      amount: DecimalAmount;
      paidAmount: DecimalAmount;
      currency: string;
      dueDate: IsoDate;
    };
  /** A payment counted towards a promise that is still short of its amount. */
  PromisePaymentApplied: PromiseOutcomePayload & {
    paymentId: string;
    paymentAmount: DecimalAmount;
    status: 'PENDING';
  };
  /** Kept by a payment (with its payment fields) or at its deadline by the due sweep (with `deadline`). */
  PromiseKept: PromiseOutcomePayload & {
    status: 'KEPT';
    paymentId?: string;
    paymentAmount?: DecimalAmount;
    deadline?: IsoDate;
  };
  PromisePartiallyKept: PromiseOutcomePayload & { status: 'PARTIALLY_KEPT'; deadline: IsoDate };
  /**
   * A reversed payment took back what made a resolved promise's outcome: the outcome no longer counts. The promise is
   * PENDING again until its deadline, or resolved anew at once (a PromiseBroken / PromisePartiallyKept follows).
   */
  PromiseOutcomeRetracted: PromiseOutcomePayload & {
    previous: PromiseOutcome;
    status: 'PENDING' | PromiseOutcome;
    paymentId: string;
  };
  PromiseBroken: PromiseOutcomePayload & { status: 'BROKEN'; deadline: IsoDate };

  PaymentRecorded: AboutAccount &
    FactAttribution & {
      reference: string;
      amount: DecimalAmount;
      currency: string;
      paidAt: IsoInstant;
      appliedToBalance: DecimalAmount;
      toCredit: DecimalAmount;
      balanceAfter: DecimalAmount;
      reconciliationCleared: boolean;
      /** What recovery by bucket needs to place the payment: the account's age and whether it existed at day start. */
      accountDueDate: IsoDate;
      accountCreatedAt: IsoInstant;
      accountStatus: string;
    };
  /**
   * A payment taken back (a chargeback, a bounced transfer): a negative payment line of the same amount at
   * `reversedAt`, attributed like the payment it reverses, so amounts collected fall where the payment counted.
   */
  PaymentReversed: AboutAccount &
    FactAttribution & {
      paymentId: string;
      reversalId: string;
      reference: string;
      /** The amount reversed (positive): the reversal line is minus this. */
      amount: DecimalAmount;
      currency: string;
      paidAt: IsoInstant;
      reversedAt: IsoInstant;
      reason: string;
      restoredToBalance: DecimalAmount;
      takenFromCredit: DecimalAmount;
      balanceAfter: DecimalAmount;
      accountDueDate: IsoDate;
      accountCreatedAt: IsoInstant;
      accountStatus: string;
    };
  MessageSent: { messageId: string; channel: Channel; template: string };
  FailedJobRetried: { queue: string; jobId: string; retryJobId: string };
  DemoSeeded: { accounts: number; businessDate: IsoDate };
}

interface CampaignTransition {
  from: string;
  to: string;
  /** Accounts the start put in the campaign's queues. */
  queued?: number;
}

export type DomainEventType = keyof DomainEventPayloads;

/** The aggregate each event is about: its `aggregateId` is an id of this kind. */
export const DOMAIN_EVENT_AGGREGATES = {
  AgencyCreated: 'Agency',
  AgentCreated: 'Agent',
  AgentStatusChanged: 'Agent',
  AgentAssigned: 'Agent',
  ApiKeyCreated: 'ApiKey',
  ApiKeyRevoked: 'ApiKey',
  ApiKeyRotated: 'ApiKey',
  CampaignCreated: 'Campaign',
  CampaignStarted: 'Campaign',
  CampaignPaused: 'Campaign',
  CampaignFinished: 'Campaign',
  QueueUpdated: 'WorkQueue',
  AccountsMoved: 'WorkQueue',
  AccountOffered: 'Account',
  AccountsImported: 'Portfolio',
  ImportStarted: 'ImportJob',
  AccountsPlaced: 'Agency',
  PlacementsEnded: 'Agency',
  AccountsLeftQueue: 'WorkQueue',
  PlacementExtended: 'Placement',
  PlacementExtensionRequested: 'PlacementExtensionRequest',
  PlacementExtensionDecided: 'PlacementExtensionRequest',
  AgingRolled: 'BusinessDay',
  AccountStatusChanged: 'Account',
  ReconciliationRequested: 'Account',
  PhoneMarkedInvalid: 'Debtor',
  InteractionRecorded: 'Interaction',
  PromiseMade: 'PromiseToPay',
  PromiseCancelled: 'PromiseToPay',
  PromisePaymentApplied: 'PromiseToPay',
  PromiseKept: 'PromiseToPay',
  PromisePartiallyKept: 'PromiseToPay',
  PromiseBroken: 'PromiseToPay',
  PromiseOutcomeRetracted: 'PromiseToPay',
  PaymentRecorded: 'Payment',
  PaymentReversed: 'Payment',
  MessageSent: 'Account',
  FailedJobRetried: 'FailedJob',
  DemoSeeded: 'System',
} as const satisfies Record<DomainEventType, string>;

export const DOMAIN_EVENT_TYPES = Object.keys(DOMAIN_EVENT_AGGREGATES) as DomainEventType[];

export function isDomainEventType(type: string): type is DomainEventType {
  return Object.hasOwn(DOMAIN_EVENT_AGGREGATES, type);
}

/** A committed event as the outbox relay publishes it. */
export type PublishedEventOf<T extends DomainEventType> = {
  /** The outbox row id: increasing in commit-ish order; consumers deduplicate on it (delivery is at-least-once). */
  id: string;
  type: T;
  aggregateType: (typeof DOMAIN_EVENT_AGGREGATES)[T];
  aggregateId: string;
  payload: DomainEventPayloads[T];
  occurredAt: IsoInstant;
};

/** Any committed event, discriminated by `type`: a `switch (event.type)` narrows its payload. */
export type PublishedEvent = { [T in DomainEventType]: PublishedEventOf<T> }[DomainEventType];

/** The outcome a promise-resolution event reports. */
export const PROMISE_OUTCOME_EVENTS = {
  PromiseKept: 'KEPT',
  PromisePartiallyKept: 'PARTIALLY_KEPT',
  PromiseBroken: 'BROKEN',
} as const satisfies Record<string, PromiseOutcome>;
