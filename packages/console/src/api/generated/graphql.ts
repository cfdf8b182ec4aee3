/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AccountFilter = {
  agencyId?: string | number | null | undefined;
  buckets?: Array<AgingBucket> | null | undefined;
  campaignId?: string | number | null | undefined;
  maxBalance?: string | null | undefined;
  maxDaysPastDue?: number | null | undefined;
  minBalance?: string | null | undefined;
  minDaysPastDue?: number | null | undefined;
  queueId?: string | number | null | undefined;
  /** Matches the debtor's name or document id. */
  search?: string | null | undefined;
  statuses?: Array<AccountStatus> | null | undefined;
};

export type AccountStatus =
  | 'ACTIVE'
  | 'DISPUTED'
  | 'PAID'
  | 'PROMISED'
  | 'WRITTEN_OFF';

export type AgentStatus =
  | 'AVAILABLE'
  | 'LOGGED_OUT'
  | 'ON_CONTACT'
  | 'PAUSED'
  | 'WRAP_UP';

export type AgingBucket =
  | 'CURRENT'
  | 'D1_30'
  | 'D31_60'
  | 'D61_90'
  | 'D91_120'
  | 'D121_PLUS';

/** Business dates in the operation's zone, both ends included; every other field narrows the facts. */
export type AnalyticsFilter = {
  agencyId?: string | number | null | undefined;
  /** The account's aging bucket on the business date of the attempt. */
  buckets?: Array<AgingBucket> | null | undefined;
  campaignId?: string | number | null | undefined;
  channels?: Array<Channel> | null | undefined;
  from: string;
  to: string;
};

export type CampaignStatus =
  | 'DRAFT'
  | 'FINISHED'
  | 'PAUSED'
  | 'RUNNING';

/** A variant of the treatment tried on a share of the accounts. */
export type ChallengerInput = {
  name: string;
  script?: string | null | undefined;
  /** Share of the accounts that get the challenger, between 0 and 1 (exclusive). */
  share: number;
};

export type Channel =
  | 'CALL'
  | 'EMAIL'
  | 'SMS'
  | 'WHATSAPP';

export type CreateCampaignInput = {
  /** A partner agency running the campaign on the accounts placed with it. */
  agencyId?: string | number | null | undefined;
  challenger?: ChallengerInput | null | undefined;
  channel: Channel;
  /** Collections per day the campaign aims at, a decimal in the operation's currency. */
  dailyTarget?: string | null | undefined;
  endsOn?: string | null | undefined;
  filter: AccountFilter;
  name: string;
  queues: Array<QueueInput>;
  /** What the agent says or the message reads. */
  script?: string | null | undefined;
  startsOn?: string | null | undefined;
  /** Latest local time to contact (HH:MM, exclusive). */
  windowEnd?: string | null | undefined;
  /** Earliest local time to contact (HH:MM, debtor's time zone); the country's law always applies too. */
  windowStart?: string | null | undefined;
};

export type Disposition =
  | 'ALREADY_PAID'
  | 'BUSY'
  | 'CALLBACK_REQUESTED'
  | 'DISPUTE'
  | 'MESSAGE_REPLIED'
  | 'MESSAGE_SENT'
  | 'NO_ANSWER'
  | 'PROMISE_TO_PAY'
  | 'REFUSED_TO_PAY'
  | 'THIRD_PARTY'
  | 'VOICEMAIL'
  | 'WRONG_NUMBER';

export type ExtensionRequestStatus =
  | 'APPROVED'
  | 'PENDING'
  | 'REFUSED';

export type KpiScope = {
  agencyId?: string | number | null | undefined;
  agentId?: string | number | null | undefined;
  campaignId?: string | number | null | undefined;
  queueId?: string | number | null | undefined;
};

/** PAY_IN_FULL is always offered; SETTLEMENT and INSTALMENT_PLAN when the offer rules allow them. */
export type OfferKind =
  | 'INSTALMENT_PLAN'
  | 'PAY_IN_FULL'
  | 'SETTLEMENT';

export type PlacementStatus =
  | 'ACTIVE'
  | 'RECALLED'
  | 'RETURNED';

export type PromiseStatus =
  | 'BROKEN'
  | 'CANCELLED'
  | 'KEPT'
  | 'PARTIALLY_KEPT'
  | 'PENDING';

export type QueueInput = {
  filter?: AccountFilter | null | undefined;
  name: string;
  priority?: number | null | undefined;
};

/** Why an agency hands an account back. */
export type ReturnReason =
  | 'BANKRUPT'
  | 'CANNOT_LOCATE'
  | 'DECEASED'
  | 'DISPUTE'
  | 'OTHER'
  | 'PAID_IN_FULL';

export type Role =
  | 'ADMIN'
  | 'AGENCY'
  | 'AGENT'
  | 'MANAGER'
  | 'SUPERVISOR';

export type PlaceFilteredMutationVariables = Exact<{
  filter: AccountFilter;
  agencyId: string | number;
  days?: number | null | undefined;
  rate?: string | null | undefined;
}>;


export type PlaceFilteredMutation = { placeAccounts: number };

export type RecallFilteredMutationVariables = Exact<{
  filter: AccountFilter;
  agencyId: string | number;
}>;


export type RecallFilteredMutation = { recallAccounts: number };

export type AccountsQueryVariables = Exact<{
  filter?: AccountFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type AccountsQuery = { accounts: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, externalRef: string, status: AccountStatus, bucket: AgingBucket, daysPastDue: number, balance: { amount: string, currency: string }, debtor: { name: string, documentId: string }, agency: { name: string } | null } }> } };

export type AccountAgenciesQueryVariables = Exact<{ [key: string]: never; }>;


export type AccountAgenciesQuery = { agencies: Array<{ id: string, name: string, partner: boolean }> };

export type CaseQueryVariables = Exact<{
  id: string | number;
}>;


export type CaseQuery = { account: { id: string, externalRef: string, status: AccountStatus, bucket: AgingBucket, daysPastDue: number, dueDate: string, balance: { amount: string, currency: string }, originalAmount: { amount: string, currency: string }, agency: { name: string } | null, debtor: { name: string, documentId: string, phones: Array<string>, emails: Array<string>, timeZone: string, doNotContact: boolean }, propensity: { score: number, factors: Array<{ factor: string, effect: number, detail: string, params: { bucket: AgingBucket | null, days: number | null, count: number | null } | null }> }, queuePlace: { score: number, variant: string, nextAttemptAt: string | null, skippedBecause: Array<string>, queue: { name: string, campaign: { name: string } }, expectedRecovery: { amount: string, currency: string }, reservedBy: { name: string } | null } | null, contactCheck: { allowed: boolean, reasons: Array<string>, nextOpportunity: string | null }, interactions: Array<{ id: string, startedAt: string, channel: Channel, disposition: Disposition, durationSeconds: number, agent: { name: string } | null, promise: { id: string, dueDate: string, status: PromiseStatus, amount: { amount: string, currency: string } } | null }>, promises: Array<{ id: string, dueDate: string, status: PromiseStatus, amount: { amount: string, currency: string } }>, payments: Array<{ id: string, paidAt: string, reference: string, amount: { amount: string, currency: string } }>, offers: Array<{ kind: OfferKind, instalments: number, discountRate: number | null, validUntil: string, description: string, amount: { amount: string, currency: string }, instalmentAmount: { amount: string, currency: string } | null, balance: { amount: string, currency: string }, discount: { amount: string, currency: string } | null, firstInstalment: { amount: string, currency: string } | null }> } | null };

export type PartnerAgenciesQueryVariables = Exact<{ [key: string]: never; }>;


export type PartnerAgenciesQuery = { agencies: Array<{ id: string, code: string, name: string, partner: boolean }> };

export type AgencyRowQueryVariables = Exact<{
  agencyId: string | number;
  from: string;
  to: string;
}>;


export type AgencyRowQuery = { placementSummary: { active: number, recallsDueIn7Days: number, pendingExtensionRequests: number }, agencyStatement: { placedAccounts: number, collected: Array<{ amount: string, currency: string }>, commission: Array<{ amount: string, currency: string }> } };

export type ExtensionRequestsQueryVariables = Exact<{ [key: string]: never; }>;


export type ExtensionRequestsQuery = { placementExtensionRequests: Array<{ id: string, days: number, reason: string, requestedAt: string, placement: { id: string, recallDate: string | null, agency: { name: string }, account: { externalRef: string } } }> };

export type DecidePlacementExtensionMutationVariables = Exact<{
  requestId: string | number;
  approve: boolean;
}>;


export type DecidePlacementExtensionMutation = { decidePlacementExtension: { id: string, status: ExtensionRequestStatus } };

export type AgencyComparisonQueryVariables = Exact<{
  from: string;
  to: string;
}>;


export type AgencyComparisonQuery = { agencyComparison: { currency: string, rows: Array<{ inHouse: boolean, bucket: AgingBucket | null, balanceBand: string | null, accounts: number, recoveryRate: number | null, contactRate: number | null, promisesKeptRate: number | null, agency: { id: string, name: string } | null, collectedPerAccount: { amount: string, currency: string } }>, totals: Array<{ inHouse: boolean, accounts: number, recoveryRate: number | null, contactRate: number | null, promisesKeptRate: number | null, agency: { id: string, name: string } | null, collectedPerAccount: { amount: string, currency: string } }> } };

export type AgencyPlacementsQueryVariables = Exact<{
  agencyId?: string | number | null | undefined;
  status?: PlacementStatus | null | undefined;
  recallBy?: string | null | undefined;
  buckets?: Array<AgingBucket> | AgingBucket | null | undefined;
}>;


export type AgencyPlacementsQuery = { placements: { totalCount: number, edges: Array<{ node: { id: string, status: PlacementStatus, placedAt: string, recallDate: string | null, commissionRate: string, endReason: string | null, account: { id: string, externalRef: string, bucket: AgingBucket, balance: { amount: string, currency: string }, debtor: { name: string } } } }> } };

export type PlacementSummaryQueryVariables = Exact<{
  agencyId?: string | number | null | undefined;
}>;


export type PlacementSummaryQuery = { placementSummary: { active: number, recallsDueIn7Days: number, pendingExtensionRequests: number } };

export type AgencyStatementQueryVariables = Exact<{
  agencyId: string | number;
  from: string;
  to: string;
}>;


export type AgencyStatementQuery = { agencyStatement: { from: string, to: string, placedAccounts: number, payments: number, reversals: number, collected: Array<{ amount: string, currency: string }>, commission: Array<{ amount: string, currency: string }> } };

export type RequestPlacementExtensionMutationVariables = Exact<{
  placementId: string | number;
  days: number;
  reason: string;
}>;


export type RequestPlacementExtensionMutation = { requestPlacementExtension: { id: string, status: ExtensionRequestStatus } };

export type ReturnAccountMutationVariables = Exact<{
  accountId: string | number;
  reason: ReturnReason;
  note?: string | null | undefined;
}>;


export type ReturnAccountMutation = { returnAccount: { id: string, status: PlacementStatus } };

export type AgentRowFragment = { id: string, name: string, status: AgentStatus, statusSince: string, agency: { code: string, name: string }, queue: { id: string, name: string, campaign: { id: string, name: string } } | null, performance: { attempts: number, contacts: number, rightPartyContacts: number, promises: number, promisesKeptRate: number | null, attemptsPerLoggedInHour: number | null, averageHandleSeconds: number | null, occupancy: number | null, loggedInSeconds: number, contactsLastHour: number, amountPromised: Array<{ amount: string, currency: string }>, amountCollected: Array<{ amount: string, currency: string }> } };

export type AgentsQueryVariables = Exact<{ [key: string]: never; }>;


export type AgentsQuery = { agents: Array<{ id: string, name: string, status: AgentStatus, statusSince: string, agency: { code: string, name: string }, queue: { id: string, name: string, campaign: { id: string, name: string } } | null, performance: { attempts: number, contacts: number, rightPartyContacts: number, promises: number, promisesKeptRate: number | null, attemptsPerLoggedInHour: number | null, averageHandleSeconds: number | null, occupancy: number | null, loggedInSeconds: number, contactsLastHour: number, amountPromised: Array<{ amount: string, currency: string }>, amountCollected: Array<{ amount: string, currency: string }> } }>, campaigns: Array<{ id: string }> };

export type AgentsLiveSubscriptionVariables = Exact<{
  campaignId: string | number;
}>;


export type AgentsLiveSubscription = { agentUpdated: { id: string, name: string, status: AgentStatus, statusSince: string, agency: { code: string, name: string }, queue: { id: string, name: string, campaign: { id: string, name: string } } | null, performance: { attempts: number, contacts: number, rightPartyContacts: number, promises: number, promisesKeptRate: number | null, attemptsPerLoggedInHour: number | null, averageHandleSeconds: number | null, occupancy: number | null, loggedInSeconds: number, contactsLastHour: number, amountPromised: Array<{ amount: string, currency: string }>, amountCollected: Array<{ amount: string, currency: string }> } } };

export type AnalyticsOptionsQueryVariables = Exact<{ [key: string]: never; }>;


export type AnalyticsOptionsQuery = { campaigns: Array<{ id: string, name: string }>, agencies: Array<{ id: string, name: string }> };

export type AnalyticsQueryVariables = Exact<{
  filter: AnalyticsFilter;
  from: string;
  to: string;
  agencyId?: string | number | null | undefined;
  minAttempts: number;
}>;


export type AnalyticsQuery = { contactHeatmap: Array<{ channel: Channel, weekday: number, hour: number, attempts: number, contacts: number, rightPartyContacts: number, promises: number, contactRate: number | null, rpcRate: number | null, promiseRate: number | null, collected: Array<{ amount: string, currency: string }>, collectedPerAttempt: Array<{ amount: string, currency: string }> }>, bestHours: Array<{ channel: Channel, weekday: number, hour: number, attempts: number, rpcRate: number | null, promiseRate: number | null }>, attemptIntensity: Array<{ attemptNumber: number, attempts: number, contacts: number, rightPartyContacts: number, promises: number, contactRate: number | null, rpcRate: number | null, promiseRate: number | null, orMore: boolean }>, scriptEffectiveness: Array<{ script: string | null, campaignNames: Array<string>, accounts: number, attempts: number, rightPartyContacts: number, promises: number, rpcRate: number | null, promiseRate: number | null, amountCollected: Array<{ amount: string, currency: string }> }>, rollRates: Array<{ fromBucket: AgingBucket, toBucket: AgingBucket, accounts: number, accountShare: number | null, balanceShare: number | null, paidOffAccounts: number }>, liquidationRates: Array<{ bucket: AgingBucket, accounts: number, rate: number | null, balanceAtStart: { amount: string, currency: string }, collected: { amount: string, currency: string } }> };

export type ChampionChallengerQueryVariables = Exact<{
  campaignId: string | number;
}>;


export type ChampionChallengerQuery = { championChallenger: { difference: number | null, confidenceLow: number | null, confidenceHigh: number | null, significant: boolean, statement: string, campaign: { id: string, name: string }, champion: { variant: string, script: string | null, accounts: number, attempts: number, contacts: number, rightPartyContacts: number, promises: number, contactRate: number | null, rpcRate: number | null, promiseRate: number | null, amountCollected: Array<{ amount: string, currency: string }> }, challenger: { variant: string, script: string | null, accounts: number, attempts: number, contacts: number, rightPartyContacts: number, promises: number, contactRate: number | null, rpcRate: number | null, promiseRate: number | null, amountCollected: Array<{ amount: string, currency: string }> } | null } };

export type VariantFiguresFragment = { variant: string, script: string | null, accounts: number, attempts: number, contacts: number, rightPartyContacts: number, promises: number, contactRate: number | null, rpcRate: number | null, promiseRate: number | null, amountCollected: Array<{ amount: string, currency: string }> };

export type CampaignRowFragment = { id: string, name: string, status: CampaignStatus, channel: Channel, dailyTarget: { amount: string, currency: string } | null, queues: Array<{ id: string, size: number, remaining: number }>, kpis: { asOf: string, attempts: number, contactRate: number | null, promiseRate: number | null, promisesKeptRate: number | null, amountCollected: Array<{ amount: string, currency: string }> } };

export type CampaignsQueryVariables = Exact<{ [key: string]: never; }>;


export type CampaignsQuery = { campaigns: Array<{ id: string, name: string, status: CampaignStatus, channel: Channel, dailyTarget: { amount: string, currency: string } | null, queues: Array<{ id: string, size: number, remaining: number }>, kpis: { asOf: string, attempts: number, contactRate: number | null, promiseRate: number | null, promisesKeptRate: number | null, amountCollected: Array<{ amount: string, currency: string }> } }> };

export type CampaignAgenciesQueryVariables = Exact<{ [key: string]: never; }>;


export type CampaignAgenciesQuery = { agencies: Array<{ id: string, code: string, name: string, partner: boolean }> };

export type SegmentCountQueryVariables = Exact<{
  filter: AccountFilter;
}>;


export type SegmentCountQuery = { accounts: { totalCount: number } };

export type StartCampaignMutationVariables = Exact<{
  id: string | number;
}>;


export type StartCampaignMutation = { startCampaign: { id: string, name: string, status: CampaignStatus, channel: Channel, dailyTarget: { amount: string, currency: string } | null, queues: Array<{ id: string, size: number, remaining: number }>, kpis: { asOf: string, attempts: number, contactRate: number | null, promiseRate: number | null, promisesKeptRate: number | null, amountCollected: Array<{ amount: string, currency: string }> } } };

export type PauseCampaignMutationVariables = Exact<{
  id: string | number;
}>;


export type PauseCampaignMutation = { pauseCampaign: { id: string, name: string, status: CampaignStatus, channel: Channel, dailyTarget: { amount: string, currency: string } | null, queues: Array<{ id: string, size: number, remaining: number }>, kpis: { asOf: string, attempts: number, contactRate: number | null, promiseRate: number | null, promisesKeptRate: number | null, amountCollected: Array<{ amount: string, currency: string }> } } };

export type CreateCampaignMutationVariables = Exact<{
  input: CreateCampaignInput;
}>;


export type CreateCampaignMutation = { createCampaign: { id: string, name: string, status: CampaignStatus, channel: Channel, dailyTarget: { amount: string, currency: string } | null, queues: Array<{ id: string, size: number, remaining: number }>, kpis: { asOf: string, attempts: number, contactRate: number | null, promiseRate: number | null, promisesKeptRate: number | null, amountCollected: Array<{ amount: string, currency: string }> } } };

export type KpisFragment = { asOf: string, attempts: number, contacts: number, rightPartyContacts: number, promises: number, promisesKept: number, promisesBroken: number, promisesPartiallyKept: number, contactRate: number | null, rpcRate: number | null, promiseRate: number | null, promisesKeptRate: number | null, youngDebtRecoveryRate: number | null, amountPromised: Array<{ amount: string, currency: string }>, amountCollected: Array<{ amount: string, currency: string }>, recoveryByBucket: Array<{ bucket: AgingBucket, rate: number | null, collected: { amount: string, currency: string }, outstandingAtStart: { amount: string, currency: string } }> };

export type FloorCampaignsQueryVariables = Exact<{ [key: string]: never; }>;


export type FloorCampaignsQuery = { campaigns: Array<{ id: string, name: string, status: CampaignStatus, dailyTarget: { amount: string, currency: string } | null }> };

export type FloorKpisQueryVariables = Exact<{
  scope: KpiScope;
}>;


export type FloorKpisQuery = { kpis: { asOf: string, attempts: number, contacts: number, rightPartyContacts: number, promises: number, promisesKept: number, promisesBroken: number, promisesPartiallyKept: number, contactRate: number | null, rpcRate: number | null, promiseRate: number | null, promisesKeptRate: number | null, youngDebtRecoveryRate: number | null, amountPromised: Array<{ amount: string, currency: string }>, amountCollected: Array<{ amount: string, currency: string }>, recoveryByBucket: Array<{ bucket: AgingBucket, rate: number | null, collected: { amount: string, currency: string }, outstandingAtStart: { amount: string, currency: string } }> } };

export type FloorTrendQueryVariables = Exact<{
  scope: KpiScope;
  step?: number | null | undefined;
}>;


export type FloorTrendQuery = { kpiTrend: Array<{ from: string, attempts: number, contacts: number, rightPartyContacts: number, promises: number, contactRate: number | null, rpcRate: number | null, promiseRate: number | null, promisesKeptRate: number | null, youngDebtRecoveryRate: number | null, amountPromised: Array<{ amount: string, currency: string }>, amountCollected: Array<{ amount: string, currency: string }> }> };

export type FloorLiveSubscriptionVariables = Exact<{
  scope: KpiScope;
}>;


export type FloorLiveSubscription = { kpiUpdated: { asOf: string, attempts: number, contacts: number, rightPartyContacts: number, promises: number, promisesKept: number, promisesBroken: number, promisesPartiallyKept: number, contactRate: number | null, rpcRate: number | null, promiseRate: number | null, promisesKeptRate: number | null, youngDebtRecoveryRate: number | null, amountPromised: Array<{ amount: string, currency: string }>, amountCollected: Array<{ amount: string, currency: string }>, recoveryByBucket: Array<{ bucket: AgingBucket, rate: number | null, collected: { amount: string, currency: string }, outstandingAtStart: { amount: string, currency: string } }> } };

export type BoardQueueFragment = { id: string, name: string, paused: boolean, priority: number, size: number, remaining: number, minutesToExhaust: number | null, campaign: { id: string, name: string }, agents: Array<{ id: string, name: string, status: AgentStatus }>, lastHour: { attempts: number, asOf: string }, today: { contactRate: number | null, asOf: string } };

export type RunningCampaignsQueryVariables = Exact<{ [key: string]: never; }>;


export type RunningCampaignsQuery = { campaigns: Array<{ id: string, name: string }> };

export type BoardQueryVariables = Exact<{
  campaignId: string | number;
}>;


export type BoardQuery = { workQueues: Array<{ id: string, name: string, paused: boolean, priority: number, size: number, remaining: number, minutesToExhaust: number | null, campaign: { id: string, name: string }, agents: Array<{ id: string, name: string, status: AgentStatus }>, lastHour: { attempts: number, asOf: string }, today: { contactRate: number | null, asOf: string } }> };

export type BoardLiveSubscriptionVariables = Exact<{
  campaignId: string | number;
}>;


export type BoardLiveSubscription = { queueUpdated: { id: string, name: string, paused: boolean, priority: number, size: number, remaining: number, minutesToExhaust: number | null, campaign: { id: string, name: string }, agents: Array<{ id: string, name: string, status: AgentStatus }>, lastHour: { attempts: number, asOf: string }, today: { contactRate: number | null, asOf: string } } };

export type AssignAgentsMutationVariables = Exact<{
  agentIds: Array<string | number> | string | number;
  queueId: string | number;
}>;


export type AssignAgentsMutation = { assignAgents: { id: string, name: string, paused: boolean, priority: number, size: number, remaining: number, minutesToExhaust: number | null, campaign: { id: string, name: string }, agents: Array<{ id: string, name: string, status: AgentStatus }>, lastHour: { attempts: number, asOf: string }, today: { contactRate: number | null, asOf: string } } };

export type MoveAccountsMutationVariables = Exact<{
  from: string | number;
  to: string | number;
  count: number;
}>;


export type MoveAccountsMutation = { moveAccounts: number };

export type PauseQueueMutationVariables = Exact<{
  queueId: string | number;
}>;


export type PauseQueueMutation = { pauseQueue: { id: string, name: string, paused: boolean, priority: number, size: number, remaining: number, minutesToExhaust: number | null, campaign: { id: string, name: string }, agents: Array<{ id: string, name: string, status: AgentStatus }>, lastHour: { attempts: number, asOf: string }, today: { contactRate: number | null, asOf: string } } };

export type ResumeQueueMutationVariables = Exact<{
  queueId: string | number;
}>;


export type ResumeQueueMutation = { resumeQueue: { id: string, name: string, paused: boolean, priority: number, size: number, remaining: number, minutesToExhaust: number | null, campaign: { id: string, name: string }, agents: Array<{ id: string, name: string, status: AgentStatus }>, lastHour: { attempts: number, asOf: string }, today: { contactRate: number | null, asOf: string } } };

export type SetQueuePriorityMutationVariables = Exact<{
  queueId: string | number;
  priority: number;
}>;


export type SetQueuePriorityMutation = { setQueuePriority: { id: string, name: string, paused: boolean, priority: number, size: number, remaining: number, minutesToExhaust: number | null, campaign: { id: string, name: string }, agents: Array<{ id: string, name: string, status: AgentStatus }>, lastHour: { attempts: number, asOf: string }, today: { contactRate: number | null, asOf: string } } };

export type DemoTimeQueryVariables = Exact<{ [key: string]: never; }>;


export type DemoTimeQuery = { operation: { now: string, demoClock: { active: boolean, offsetMs: number } } };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { me: { role: Role, agency: { id: string, code: string, name: string } | null }, operation: { timeZone: string, currency: string, businessDate: string, now: string, demoClock: { active: boolean, offsetMs: number } } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const AgentRowFragmentDoc = new TypedDocumentString(`
    fragment AgentRow on Agent {
  id
  name
  status
  statusSince
  agency {
    code
    name
  }
  queue {
    id
    name
    campaign {
      id
      name
    }
  }
  performance(window: TODAY) {
    attempts
    contacts
    rightPartyContacts
    promises
    amountPromised {
      amount
      currency
    }
    amountCollected {
      amount
      currency
    }
    promisesKeptRate
    attemptsPerLoggedInHour
    averageHandleSeconds
    occupancy
    loggedInSeconds
    contactsLastHour
  }
}
    `, {"fragmentName":"AgentRow"}) as unknown as TypedDocumentString<AgentRowFragment, unknown>;
export const VariantFiguresFragmentDoc = new TypedDocumentString(`
    fragment VariantFigures on VariantResult {
  variant
  script
  accounts
  attempts
  contacts
  rightPartyContacts
  promises
  contactRate
  rpcRate
  promiseRate
  amountCollected {
    amount
    currency
  }
}
    `, {"fragmentName":"VariantFigures"}) as unknown as TypedDocumentString<VariantFiguresFragment, unknown>;
export const CampaignRowFragmentDoc = new TypedDocumentString(`
    fragment CampaignRow on Campaign {
  id
  name
  status
  channel
  dailyTarget {
    amount
    currency
  }
  queues {
    id
    size
    remaining
  }
  kpis(window: TODAY) {
    asOf
    attempts
    contactRate
    promiseRate
    promisesKeptRate
    amountCollected {
      amount
      currency
    }
  }
}
    `, {"fragmentName":"CampaignRow"}) as unknown as TypedDocumentString<CampaignRowFragment, unknown>;
export const KpisFragmentDoc = new TypedDocumentString(`
    fragment Kpis on Kpis {
  asOf
  attempts
  contacts
  rightPartyContacts
  promises
  promisesKept
  promisesBroken
  promisesPartiallyKept
  contactRate
  rpcRate
  promiseRate
  promisesKeptRate
  youngDebtRecoveryRate
  amountPromised {
    amount
    currency
  }
  amountCollected {
    amount
    currency
  }
  recoveryByBucket {
    bucket
    rate
    collected {
      amount
      currency
    }
    outstandingAtStart {
      amount
      currency
    }
  }
}
    `, {"fragmentName":"Kpis"}) as unknown as TypedDocumentString<KpisFragment, unknown>;
export const BoardQueueFragmentDoc = new TypedDocumentString(`
    fragment BoardQueue on WorkQueue {
  id
  name
  paused
  priority
  size
  remaining
  minutesToExhaust
  campaign {
    id
    name
  }
  agents {
    id
    name
    status
  }
  lastHour: kpis(window: LAST_HOUR) {
    attempts
    asOf
  }
  today: kpis(window: TODAY) {
    contactRate
    asOf
  }
}
    `, {"fragmentName":"BoardQueue"}) as unknown as TypedDocumentString<BoardQueueFragment, unknown>;
export const PlaceFilteredDocument = new TypedDocumentString(`
    mutation PlaceFiltered($filter: AccountFilter!, $agencyId: ID!, $days: Int, $rate: String) {
  placeAccounts(
    filter: $filter
    agencyId: $agencyId
    recallAfterDays: $days
    commissionRate: $rate
  )
}
    `) as unknown as TypedDocumentString<PlaceFilteredMutation, PlaceFilteredMutationVariables>;
export const RecallFilteredDocument = new TypedDocumentString(`
    mutation RecallFiltered($filter: AccountFilter!, $agencyId: ID!) {
  recallAccounts(filter: $filter, agencyId: $agencyId)
}
    `) as unknown as TypedDocumentString<RecallFilteredMutation, RecallFilteredMutationVariables>;
export const AccountsDocument = new TypedDocumentString(`
    query Accounts($filter: AccountFilter, $first: Int, $after: String) {
  accounts(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      cursor
      node {
        id
        externalRef
        status
        bucket
        daysPastDue
        balance {
          amount
          currency
        }
        debtor {
          name
          documentId
        }
        agency {
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AccountsQuery, AccountsQueryVariables>;
export const AccountAgenciesDocument = new TypedDocumentString(`
    query AccountAgencies {
  agencies {
    id
    name
    partner
  }
}
    `) as unknown as TypedDocumentString<AccountAgenciesQuery, AccountAgenciesQueryVariables>;
export const CaseDocument = new TypedDocumentString(`
    query Case($id: ID!) {
  account(id: $id) {
    id
    externalRef
    status
    bucket
    daysPastDue
    dueDate
    balance {
      amount
      currency
    }
    originalAmount {
      amount
      currency
    }
    agency {
      name
    }
    debtor {
      name
      documentId
      phones
      emails
      timeZone
      doNotContact
    }
    propensity {
      score
      factors {
        factor
        effect
        detail
        params {
          bucket
          days
          count
        }
      }
    }
    queuePlace {
      queue {
        name
        campaign {
          name
        }
      }
      score
      expectedRecovery {
        amount
        currency
      }
      variant
      nextAttemptAt
      skippedBecause
      reservedBy {
        name
      }
    }
    contactCheck {
      allowed
      reasons
      nextOpportunity
    }
    interactions {
      id
      startedAt
      channel
      disposition
      durationSeconds
      agent {
        name
      }
      promise {
        id
        amount {
          amount
          currency
        }
        dueDate
        status
      }
    }
    promises {
      id
      amount {
        amount
        currency
      }
      dueDate
      status
    }
    payments {
      id
      amount {
        amount
        currency
      }
      paidAt
      reference
    }
    offers {
      kind
      amount {
        amount
        currency
      }
      instalments
      instalmentAmount {
        amount
        currency
      }
      discountRate
      validUntil
      description
      balance {
        amount
        currency
      }
      discount {
        amount
        currency
      }
      firstInstalment {
        amount
        currency
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CaseQuery, CaseQueryVariables>;
export const PartnerAgenciesDocument = new TypedDocumentString(`
    query PartnerAgencies {
  agencies {
    id
    code
    name
    partner
  }
}
    `) as unknown as TypedDocumentString<PartnerAgenciesQuery, PartnerAgenciesQueryVariables>;
export const AgencyRowDocument = new TypedDocumentString(`
    query AgencyRow($agencyId: ID!, $from: Date!, $to: Date!) {
  placementSummary(agencyId: $agencyId) {
    active
    recallsDueIn7Days
    pendingExtensionRequests
  }
  agencyStatement(agencyId: $agencyId, from: $from, to: $to) {
    placedAccounts
    collected {
      amount
      currency
    }
    commission {
      amount
      currency
    }
  }
}
    `) as unknown as TypedDocumentString<AgencyRowQuery, AgencyRowQueryVariables>;
export const ExtensionRequestsDocument = new TypedDocumentString(`
    query ExtensionRequests {
  placementExtensionRequests(status: PENDING) {
    id
    days
    reason
    requestedAt
    placement {
      id
      recallDate
      agency {
        name
      }
      account {
        externalRef
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ExtensionRequestsQuery, ExtensionRequestsQueryVariables>;
export const DecidePlacementExtensionDocument = new TypedDocumentString(`
    mutation DecidePlacementExtension($requestId: ID!, $approve: Boolean!) {
  decidePlacementExtension(requestId: $requestId, approve: $approve) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<DecidePlacementExtensionMutation, DecidePlacementExtensionMutationVariables>;
export const AgencyComparisonDocument = new TypedDocumentString(`
    query AgencyComparison($from: Date!, $to: Date!) {
  agencyComparison(from: $from, to: $to) {
    currency
    rows {
      agency {
        id
        name
      }
      inHouse
      bucket
      balanceBand
      accounts
      recoveryRate
      contactRate
      promisesKeptRate
      collectedPerAccount {
        amount
        currency
      }
    }
    totals {
      agency {
        id
        name
      }
      inHouse
      accounts
      recoveryRate
      contactRate
      promisesKeptRate
      collectedPerAccount {
        amount
        currency
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AgencyComparisonQuery, AgencyComparisonQueryVariables>;
export const AgencyPlacementsDocument = new TypedDocumentString(`
    query AgencyPlacements($agencyId: ID, $status: PlacementStatus, $recallBy: Date, $buckets: [AgingBucket!]) {
  placements(
    agencyId: $agencyId
    status: $status
    recallBy: $recallBy
    buckets: $buckets
    first: 200
  ) {
    totalCount
    edges {
      node {
        id
        status
        placedAt
        recallDate
        commissionRate
        endReason
        account {
          id
          externalRef
          bucket
          balance {
            amount
            currency
          }
          debtor {
            name
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AgencyPlacementsQuery, AgencyPlacementsQueryVariables>;
export const PlacementSummaryDocument = new TypedDocumentString(`
    query PlacementSummary($agencyId: ID) {
  placementSummary(agencyId: $agencyId) {
    active
    recallsDueIn7Days
    pendingExtensionRequests
  }
}
    `) as unknown as TypedDocumentString<PlacementSummaryQuery, PlacementSummaryQueryVariables>;
export const AgencyStatementDocument = new TypedDocumentString(`
    query AgencyStatement($agencyId: ID!, $from: Date!, $to: Date!) {
  agencyStatement(agencyId: $agencyId, from: $from, to: $to) {
    from
    to
    placedAccounts
    payments
    reversals
    collected {
      amount
      currency
    }
    commission {
      amount
      currency
    }
  }
}
    `) as unknown as TypedDocumentString<AgencyStatementQuery, AgencyStatementQueryVariables>;
export const RequestPlacementExtensionDocument = new TypedDocumentString(`
    mutation RequestPlacementExtension($placementId: ID!, $days: Int!, $reason: String!) {
  requestPlacementExtension(
    placementId: $placementId
    days: $days
    reason: $reason
  ) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<RequestPlacementExtensionMutation, RequestPlacementExtensionMutationVariables>;
export const ReturnAccountDocument = new TypedDocumentString(`
    mutation ReturnAccount($accountId: ID!, $reason: ReturnReason!, $note: String) {
  returnAccount(accountId: $accountId, reason: $reason, note: $note) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<ReturnAccountMutation, ReturnAccountMutationVariables>;
export const AgentsDocument = new TypedDocumentString(`
    query Agents {
  agents {
    ...AgentRow
  }
  campaigns(status: RUNNING) {
    id
  }
}
    fragment AgentRow on Agent {
  id
  name
  status
  statusSince
  agency {
    code
    name
  }
  queue {
    id
    name
    campaign {
      id
      name
    }
  }
  performance(window: TODAY) {
    attempts
    contacts
    rightPartyContacts
    promises
    amountPromised {
      amount
      currency
    }
    amountCollected {
      amount
      currency
    }
    promisesKeptRate
    attemptsPerLoggedInHour
    averageHandleSeconds
    occupancy
    loggedInSeconds
    contactsLastHour
  }
}`) as unknown as TypedDocumentString<AgentsQuery, AgentsQueryVariables>;
export const AgentsLiveDocument = new TypedDocumentString(`
    subscription AgentsLive($campaignId: ID!) {
  agentUpdated(campaignId: $campaignId) {
    ...AgentRow
  }
}
    fragment AgentRow on Agent {
  id
  name
  status
  statusSince
  agency {
    code
    name
  }
  queue {
    id
    name
    campaign {
      id
      name
    }
  }
  performance(window: TODAY) {
    attempts
    contacts
    rightPartyContacts
    promises
    amountPromised {
      amount
      currency
    }
    amountCollected {
      amount
      currency
    }
    promisesKeptRate
    attemptsPerLoggedInHour
    averageHandleSeconds
    occupancy
    loggedInSeconds
    contactsLastHour
  }
}`) as unknown as TypedDocumentString<AgentsLiveSubscription, AgentsLiveSubscriptionVariables>;
export const AnalyticsOptionsDocument = new TypedDocumentString(`
    query AnalyticsOptions {
  campaigns {
    id
    name
  }
  agencies {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<AnalyticsOptionsQuery, AnalyticsOptionsQueryVariables>;
export const AnalyticsDocument = new TypedDocumentString(`
    query Analytics($filter: AnalyticsFilter!, $from: Date!, $to: Date!, $agencyId: ID, $minAttempts: Int!) {
  contactHeatmap(filter: $filter) {
    channel
    weekday
    hour
    attempts
    contacts
    rightPartyContacts
    promises
    contactRate
    rpcRate
    promiseRate
    collected {
      amount
      currency
    }
    collectedPerAttempt {
      amount
      currency
    }
  }
  bestHours(filter: $filter, minAttempts: $minAttempts, limit: 5) {
    channel
    weekday
    hour
    attempts
    rpcRate
    promiseRate
  }
  attemptIntensity(filter: $filter) {
    attemptNumber
    attempts
    contacts
    rightPartyContacts
    promises
    contactRate
    rpcRate
    promiseRate
    orMore
  }
  scriptEffectiveness(filter: $filter) {
    script
    campaignNames
    accounts
    attempts
    rightPartyContacts
    promises
    rpcRate
    promiseRate
    amountCollected {
      amount
      currency
    }
  }
  rollRates(from: $from, to: $to, agencyId: $agencyId) {
    fromBucket
    toBucket
    accounts
    accountShare
    balanceShare
    paidOffAccounts
  }
  liquidationRates(from: $from, to: $to, agencyId: $agencyId) {
    bucket
    accounts
    rate
    balanceAtStart {
      amount
      currency
    }
    collected {
      amount
      currency
    }
  }
}
    `) as unknown as TypedDocumentString<AnalyticsQuery, AnalyticsQueryVariables>;
export const ChampionChallengerDocument = new TypedDocumentString(`
    query ChampionChallenger($campaignId: ID!) {
  championChallenger(campaignId: $campaignId) {
    campaign {
      id
      name
    }
    champion {
      ...VariantFigures
    }
    challenger {
      ...VariantFigures
    }
    difference
    confidenceLow
    confidenceHigh
    significant
    statement
  }
}
    fragment VariantFigures on VariantResult {
  variant
  script
  accounts
  attempts
  contacts
  rightPartyContacts
  promises
  contactRate
  rpcRate
  promiseRate
  amountCollected {
    amount
    currency
  }
}`) as unknown as TypedDocumentString<ChampionChallengerQuery, ChampionChallengerQueryVariables>;
export const CampaignsDocument = new TypedDocumentString(`
    query Campaigns {
  campaigns {
    ...CampaignRow
  }
}
    fragment CampaignRow on Campaign {
  id
  name
  status
  channel
  dailyTarget {
    amount
    currency
  }
  queues {
    id
    size
    remaining
  }
  kpis(window: TODAY) {
    asOf
    attempts
    contactRate
    promiseRate
    promisesKeptRate
    amountCollected {
      amount
      currency
    }
  }
}`) as unknown as TypedDocumentString<CampaignsQuery, CampaignsQueryVariables>;
export const CampaignAgenciesDocument = new TypedDocumentString(`
    query CampaignAgencies {
  agencies {
    id
    code
    name
    partner
  }
}
    `) as unknown as TypedDocumentString<CampaignAgenciesQuery, CampaignAgenciesQueryVariables>;
export const SegmentCountDocument = new TypedDocumentString(`
    query SegmentCount($filter: AccountFilter!) {
  accounts(filter: $filter, first: 1) {
    totalCount
  }
}
    `) as unknown as TypedDocumentString<SegmentCountQuery, SegmentCountQueryVariables>;
export const StartCampaignDocument = new TypedDocumentString(`
    mutation StartCampaign($id: ID!) {
  startCampaign(id: $id) {
    ...CampaignRow
  }
}
    fragment CampaignRow on Campaign {
  id
  name
  status
  channel
  dailyTarget {
    amount
    currency
  }
  queues {
    id
    size
    remaining
  }
  kpis(window: TODAY) {
    asOf
    attempts
    contactRate
    promiseRate
    promisesKeptRate
    amountCollected {
      amount
      currency
    }
  }
}`) as unknown as TypedDocumentString<StartCampaignMutation, StartCampaignMutationVariables>;
export const PauseCampaignDocument = new TypedDocumentString(`
    mutation PauseCampaign($id: ID!) {
  pauseCampaign(id: $id) {
    ...CampaignRow
  }
}
    fragment CampaignRow on Campaign {
  id
  name
  status
  channel
  dailyTarget {
    amount
    currency
  }
  queues {
    id
    size
    remaining
  }
  kpis(window: TODAY) {
    asOf
    attempts
    contactRate
    promiseRate
    promisesKeptRate
    amountCollected {
      amount
      currency
    }
  }
}`) as unknown as TypedDocumentString<PauseCampaignMutation, PauseCampaignMutationVariables>;
export const CreateCampaignDocument = new TypedDocumentString(`
    mutation CreateCampaign($input: CreateCampaignInput!) {
  createCampaign(input: $input) {
    ...CampaignRow
  }
}
    fragment CampaignRow on Campaign {
  id
  name
  status
  channel
  dailyTarget {
    amount
    currency
  }
  queues {
    id
    size
    remaining
  }
  kpis(window: TODAY) {
    asOf
    attempts
    contactRate
    promiseRate
    promisesKeptRate
    amountCollected {
      amount
      currency
    }
  }
}`) as unknown as TypedDocumentString<CreateCampaignMutation, CreateCampaignMutationVariables>;
export const FloorCampaignsDocument = new TypedDocumentString(`
    query FloorCampaigns {
  campaigns {
    id
    name
    status
    dailyTarget {
      amount
      currency
    }
  }
}
    `) as unknown as TypedDocumentString<FloorCampaignsQuery, FloorCampaignsQueryVariables>;
export const FloorKpisDocument = new TypedDocumentString(`
    query FloorKpis($scope: KpiScope!) {
  kpis(scope: $scope, window: TODAY) {
    ...Kpis
  }
}
    fragment Kpis on Kpis {
  asOf
  attempts
  contacts
  rightPartyContacts
  promises
  promisesKept
  promisesBroken
  promisesPartiallyKept
  contactRate
  rpcRate
  promiseRate
  promisesKeptRate
  youngDebtRecoveryRate
  amountPromised {
    amount
    currency
  }
  amountCollected {
    amount
    currency
  }
  recoveryByBucket {
    bucket
    rate
    collected {
      amount
      currency
    }
    outstandingAtStart {
      amount
      currency
    }
  }
}`) as unknown as TypedDocumentString<FloorKpisQuery, FloorKpisQueryVariables>;
export const FloorTrendDocument = new TypedDocumentString(`
    query FloorTrend($scope: KpiScope!, $step: Int) {
  kpiTrend(scope: $scope, stepMinutes: $step) {
    from
    attempts
    contacts
    rightPartyContacts
    promises
    contactRate
    rpcRate
    promiseRate
    promisesKeptRate
    youngDebtRecoveryRate
    amountPromised {
      amount
      currency
    }
    amountCollected {
      amount
      currency
    }
  }
}
    `) as unknown as TypedDocumentString<FloorTrendQuery, FloorTrendQueryVariables>;
export const FloorLiveDocument = new TypedDocumentString(`
    subscription FloorLive($scope: KpiScope!) {
  kpiUpdated(scope: $scope, window: TODAY) {
    ...Kpis
  }
}
    fragment Kpis on Kpis {
  asOf
  attempts
  contacts
  rightPartyContacts
  promises
  promisesKept
  promisesBroken
  promisesPartiallyKept
  contactRate
  rpcRate
  promiseRate
  promisesKeptRate
  youngDebtRecoveryRate
  amountPromised {
    amount
    currency
  }
  amountCollected {
    amount
    currency
  }
  recoveryByBucket {
    bucket
    rate
    collected {
      amount
      currency
    }
    outstandingAtStart {
      amount
      currency
    }
  }
}`) as unknown as TypedDocumentString<FloorLiveSubscription, FloorLiveSubscriptionVariables>;
export const RunningCampaignsDocument = new TypedDocumentString(`
    query RunningCampaigns {
  campaigns(status: RUNNING) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<RunningCampaignsQuery, RunningCampaignsQueryVariables>;
export const BoardDocument = new TypedDocumentString(`
    query Board($campaignId: ID!) {
  workQueues(campaignId: $campaignId) {
    ...BoardQueue
  }
}
    fragment BoardQueue on WorkQueue {
  id
  name
  paused
  priority
  size
  remaining
  minutesToExhaust
  campaign {
    id
    name
  }
  agents {
    id
    name
    status
  }
  lastHour: kpis(window: LAST_HOUR) {
    attempts
    asOf
  }
  today: kpis(window: TODAY) {
    contactRate
    asOf
  }
}`) as unknown as TypedDocumentString<BoardQuery, BoardQueryVariables>;
export const BoardLiveDocument = new TypedDocumentString(`
    subscription BoardLive($campaignId: ID!) {
  queueUpdated(campaignId: $campaignId) {
    ...BoardQueue
  }
}
    fragment BoardQueue on WorkQueue {
  id
  name
  paused
  priority
  size
  remaining
  minutesToExhaust
  campaign {
    id
    name
  }
  agents {
    id
    name
    status
  }
  lastHour: kpis(window: LAST_HOUR) {
    attempts
    asOf
  }
  today: kpis(window: TODAY) {
    contactRate
    asOf
  }
}`) as unknown as TypedDocumentString<BoardLiveSubscription, BoardLiveSubscriptionVariables>;
export const AssignAgentsDocument = new TypedDocumentString(`
    mutation AssignAgents($agentIds: [ID!]!, $queueId: ID!) {
  assignAgents(agentIds: $agentIds, queueId: $queueId) {
    ...BoardQueue
  }
}
    fragment BoardQueue on WorkQueue {
  id
  name
  paused
  priority
  size
  remaining
  minutesToExhaust
  campaign {
    id
    name
  }
  agents {
    id
    name
    status
  }
  lastHour: kpis(window: LAST_HOUR) {
    attempts
    asOf
  }
  today: kpis(window: TODAY) {
    contactRate
    asOf
  }
}`) as unknown as TypedDocumentString<AssignAgentsMutation, AssignAgentsMutationVariables>;
export const MoveAccountsDocument = new TypedDocumentString(`
    mutation MoveAccounts($from: ID!, $to: ID!, $count: Int!) {
  moveAccounts(fromQueueId: $from, toQueueId: $to, count: $count)
}
    `) as unknown as TypedDocumentString<MoveAccountsMutation, MoveAccountsMutationVariables>;
export const PauseQueueDocument = new TypedDocumentString(`
    mutation PauseQueue($queueId: ID!) {
  pauseQueue(queueId: $queueId) {
    ...BoardQueue
  }
}
    fragment BoardQueue on WorkQueue {
  id
  name
  paused
  priority
  size
  remaining
  minutesToExhaust
  campaign {
    id
    name
  }
  agents {
    id
    name
    status
  }
  lastHour: kpis(window: LAST_HOUR) {
    attempts
    asOf
  }
  today: kpis(window: TODAY) {
    contactRate
    asOf
  }
}`) as unknown as TypedDocumentString<PauseQueueMutation, PauseQueueMutationVariables>;
export const ResumeQueueDocument = new TypedDocumentString(`
    mutation ResumeQueue($queueId: ID!) {
  resumeQueue(queueId: $queueId) {
    ...BoardQueue
  }
}
    fragment BoardQueue on WorkQueue {
  id
  name
  paused
  priority
  size
  remaining
  minutesToExhaust
  campaign {
    id
    name
  }
  agents {
    id
    name
    status
  }
  lastHour: kpis(window: LAST_HOUR) {
    attempts
    asOf
  }
  today: kpis(window: TODAY) {
    contactRate
    asOf
  }
}`) as unknown as TypedDocumentString<ResumeQueueMutation, ResumeQueueMutationVariables>;
export const SetQueuePriorityDocument = new TypedDocumentString(`
    mutation SetQueuePriority($queueId: ID!, $priority: Int!) {
  setQueuePriority(queueId: $queueId, priority: $priority) {
    ...BoardQueue
  }
}
    fragment BoardQueue on WorkQueue {
  id
  name
  paused
  priority
  size
  remaining
  minutesToExhaust
  campaign {
    id
    name
  }
  agents {
    id
    name
    status
  }
  lastHour: kpis(window: LAST_HOUR) {
    attempts
    asOf
  }
  today: kpis(window: TODAY) {
    contactRate
    asOf
  }
}`) as unknown as TypedDocumentString<SetQueuePriorityMutation, SetQueuePriorityMutationVariables>;
export const DemoTimeDocument = new TypedDocumentString(`
    query DemoTime {
  operation {
    now
    demoClock {
      active
      offsetMs
    }
  }
}
    `) as unknown as TypedDocumentString<DemoTimeQuery, DemoTimeQueryVariables>;
export const ViewerDocument = new TypedDocumentString(`
    query Viewer {
  me {
    role
    agency {
      id
      code
      name
    }
  }
  operation {
    timeZone
    currency
    businessDate
    now
    demoClock {
      active
      offsetMs
    }
  }
}
    `) as unknown as TypedDocumentString<ViewerQuery, ViewerQueryVariables>;