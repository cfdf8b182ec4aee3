import {
  DEFAULT_PROMISE_GRACE_DAYS,
  formatAmount,
  isContact,
  isRightPartyContact,
  nextAttemptAt,
  type AccountStatus,
  type DomainEventPayloads,
  type DomainEventType,
  type FactPlacement,
  type IsoDate,
} from '@recupera/shared';
import { conflict, notFound } from '../../core/errors.ts';
import { IN_HOUSE_TENANT } from '../portfolio/phone-validity.ts';
import { scoreFacts, expectedRecoveryOf } from '../queues/account-scoring.ts';
import { PARKED } from '../queues/queue-membership.service.ts';
import { checkPromiseTerms, wrongNumberPhone, type CheckedInteraction } from './interaction-input.ts';

/**
 * What `recordInteraction` decides, as pure data: from the rows it read under the account's lock and the checked
 * input, every row it writes and every event it records. No I/O here, so the rules of a disposition are read (and
 * tested) apart from how they are stored.
 */

/** The account, its debtor, its queue place, the agent and the pending promises, as read under the account's lock. */
export interface InteractionState {
  account: {
    id: string;
    status: AccountStatus;
    balance: string;
    currency: string;
    dueDate: IsoDate;
    agencyId: string | null;
    reconciliationPending: boolean;
    lastAttemptAt: Date | null;
    lastRightPartyContactAt: Date | null;
    lastPaymentAt: Date | null;
    promisesKept: number;
    promisesBroken: number;
    refusals: number;
  };
  /** `invalidPhones` are the ones the account's holder (its tenant) found wrong: phone validity is per tenant. */
  debtor: {
    id: string;
    timeZone: string;
    phones: string[];
    invalidPhones: string[];
    emails: string[];
    doNotContact: boolean;
  };
  /** Whose work the account is: its partner agency's id, or IN_HOUSE (docs/agencies.md). */
  tenant: string;
  membership: { id: string; campaignId: string; queueId: string; variant: 'CHAMPION' | 'CHALLENGER' } | null;
  /**
   * The agent named by the input (null when none was named): its tenant, and whether its agency held the account
   * once and no longer does (its placement ended).
   */
  agent: { id: string; status: string; tenant: string; agencyHeldItBefore: boolean } | null;
  pendingPromises: { id: string; amount: string; paidAmount: string; currency: string; dueDate: IsoDate }[];
}

/** Everything the write statement does. */
export interface InteractionWrites {
  interaction: {
    id: string;
    accountId: string;
    agentId: string | null;
    channel: CheckedInteraction['channel'];
    disposition: CheckedInteraction['disposition'];
    startedAt: Date;
    durationSeconds: number;
    notes: string | null;
    contactPoint: string | null;
    variant: 'CHAMPION' | 'CHALLENGER' | null;
    callbackAt: Date | null;
    placement: FactPlacement;
    createdAt: Date;
  };
  promise: {
    id: string;
    amount: string;
    currency: string;
    dueDate: IsoDate;
    graceDays: number;
    createdAt: Date;
  } | null;
  cancelledPromiseIds: string[];
  account: Pick<
    InteractionState['account'],
    'status' | 'reconciliationPending' | 'lastAttemptAt' | 'lastRightPartyContactAt' | 'refusals'
  >;
  /** A phone a WRONG_NUMBER marks invalid for the account's tenant (its event only if it was not invalid yet). */
  invalidPhone: { tenant: string; phone: string } | null;
  membership: {
    id: string;
    nextAttemptAt: Date;
    lastWorkedOn: IsoDate;
    score: string;
    scoreFactors: unknown;
    expectedRecovery: string;
  } | null;
  /** The agent's call is over: it wraps up (its open status period closes, a WRAP_UP one opens). */
  agentWrapUp: { agentId: string; periodId: string } | null;
  events: PlannedEvent[];
  /** The PhoneMarkedInvalid event, written only when the phone was not invalid yet. */
  phoneEvent: PlannedEvent | null;
}

export interface PlannedEvent {
  type: DomainEventType;
  aggregateId: string;
  payload: DomainEventPayloads[DomainEventType];
}

/**
 * Whether the agent may work the account as its holder stands (docs/agencies.md): an account placed with a partner
 * is worked by that partner's agents only, and a partner's agents no longer work an account that left it (recalled,
 * returned, placed elsewhere). Agents of any team may still work an account that was never placed.
 */
export function agentWorksFor(agent: NonNullable<InteractionState['agent']>, holder: string): boolean {
  if (holder !== IN_HOUSE_TENANT) return agent.tenant === holder;
  return agent.tenant === IN_HOUSE_TENANT || !agent.agencyHeldItBefore;
}

/** Settled debts take no new attempts: there is nothing left to collect. */
const CLOSED_STATUSES: ReadonlySet<AccountStatus> = new Set(['PAID', 'WRITTEN_OFF']);

function event<T extends DomainEventType>(type: T, aggregateId: string, payload: DomainEventPayloads[T]): PlannedEvent {
  return { type, aggregateId, payload };
}

/**
 * The writes of one interaction. Every attempt moves `lastAttemptAt` (and `lastRightPartyContactAt` for a
 * right-party contact); PROMISE_TO_PAY makes the promise (a pending one it replaces is CANCELLED) and the account
 * PROMISED; DISPUTE puts the account on hold as DISPUTED (its pending promises are CANCELLED); ALREADY_PAID flags it
 * for reconciliation; REFUSED_TO_PAY counts a refusal; WRONG_NUMBER marks the number invalid. Then the queue place
 * is released (parked while it waits on a promise, a dispute or a reconciliation; a requested callback re-opens
 * it at the asked time unless the account is disputed or the debtor do-not-contact) and re-scored, and an agent
 * on a call wraps up.
 */
export function planInteraction(
  state: InteractionState,
  checked: CheckedInteraction,
  context: {
    now: Date;
    businessDate: IsoDate;
    operationTimeZone: string;
    promiseMaxDays: number;
    /** New ids, drawn by the caller (UUIDv7: time-ordered). */
    newId: () => string;
  },
): InteractionWrites {
  const { account, debtor, membership } = state;
  const { now } = context;
  if (CLOSED_STATUSES.has(account.status)) {
    throw conflict('accountId', `the account is ${account.status} and takes no new interactions`);
  }
  if (checked.agentId && !state.agent) throw notFound('Agent', checked.agentId, 'agentId');
  if (state.agent && !agentWorksFor(state.agent, state.tenant)) {
    // docs/agencies.md: once an account changes holder, the previous holder's agents no longer work it (an agent
    // holding a reservation from before would otherwise record in the new holder's figures).
    throw conflict('agentId', "the agent's team does not hold this account");
  }
  const terms = checked.promise
    ? checkPromiseTerms(checked.promise, account, debtor, now, context.promiseMaxDays)
    : null;
  const wrongPhone = checked.disposition === 'WRONG_NUMBER' ? wrongNumberPhone(checked.contactPoint, debtor) : null;

  // Where every fact of this attempt counts: the account's agency, the campaign and queue of its queue place.
  const placement: FactPlacement = {
    campaignId: membership?.campaignId ?? null,
    queueId: membership?.queueId ?? null,
    agencyId: account.agencyId,
  };
  const interaction: InteractionWrites['interaction'] = {
    id: context.newId(),
    accountId: account.id,
    agentId: state.agent?.id ?? null,
    channel: checked.channel,
    disposition: checked.disposition,
    startedAt: checked.startedAt,
    durationSeconds: checked.durationSeconds,
    notes: checked.notes,
    contactPoint: checked.contactPoint ?? wrongPhone,
    variant: membership?.variant ?? null,
    callbackAt: checked.callbackAt,
    placement,
    createdAt: now,
  };
  const events: PlannedEvent[] = [
    event('InteractionRecorded', interaction.id, {
      accountId: account.id,
      ...placement,
      agentId: interaction.agentId,
      variant: interaction.variant,
      channel: interaction.channel,
      disposition: interaction.disposition,
      contact: isContact(interaction.disposition),
      rightPartyContact: isRightPartyContact(interaction.disposition),
      startedAt: interaction.startedAt.toISOString(),
      durationSeconds: interaction.durationSeconds,
      callbackAt: interaction.callbackAt?.toISOString() ?? null,
    }),
  ];
  const about = { accountId: account.id, ...placement };
  const after = {
    status: account.status,
    reconciliationPending: account.reconciliationPending,
    lastAttemptAt: account.lastAttemptAt,
    lastRightPartyContactAt: account.lastRightPartyContactAt,
    refusals: account.refusals,
  };
  const setStatus = (to: AccountStatus) => {
    if (after.status === to) return;
    events.push(
      event('AccountStatusChanged', account.id, {
        ...about,
        from: after.status,
        to,
        reason: checked.disposition,
        interactionId: interaction.id,
      }),
    );
    after.status = to;
  };
  const cancelledPromiseIds: string[] = [];
  const cancelPending = (reason: 'SUPERSEDED' | 'DISPUTED') => {
    for (const pending of state.pendingPromises) {
      cancelledPromiseIds.push(pending.id);
      events.push(
        event('PromiseCancelled', pending.id, {
          ...about,
          reason,
          interactionId: interaction.id,
          amount: pending.amount,
          paidAmount: pending.paidAmount,
          currency: pending.currency,
          dueDate: pending.dueDate,
        }),
      );
    }
  };

  let promise: InteractionWrites['promise'] = null;
  let phoneEvent: PlannedEvent | null = null;
  switch (checked.disposition) {
    case 'PROMISE_TO_PAY': {
      // One live promise per account: a renegotiated one replaces the pending one rather than stacking on it, so
      // a payment is never counted towards two promises for the same money.
      cancelPending('SUPERSEDED');
      const made = terms!;
      // The promise exists from the moment it was made on the call: payments from then on count towards it.
      promise = {
        id: context.newId(),
        amount: formatAmount(made.amountMinor, made.currency),
        currency: made.currency,
        dueDate: made.dueDate,
        graceDays: DEFAULT_PROMISE_GRACE_DAYS,
        createdAt: interaction.startedAt,
      };
      events.push(
        event('PromiseMade', promise.id, {
          ...about,
          interactionId: interaction.id,
          agentId: interaction.agentId,
          madeAt: promise.createdAt.toISOString(),
          amount: promise.amount,
          currency: promise.currency,
          dueDate: promise.dueDate,
          graceDays: promise.graceDays,
        }),
      );
      setStatus('PROMISED');
      break;
    }
    case 'DISPUTE':
      // Nobody is held to a promise on a debt they contest; the account is on hold until the dispute is resolved.
      cancelPending('DISPUTED');
      setStatus('DISPUTED');
      break;
    case 'ALREADY_PAID':
      if (!after.reconciliationPending) {
        after.reconciliationPending = true;
        events.push(event('ReconciliationRequested', account.id, { ...about, interactionId: interaction.id }));
      }
      break;
    case 'REFUSED_TO_PAY':
      after.refusals += 1;
      break;
    case 'WRONG_NUMBER':
      phoneEvent = event('PhoneMarkedInvalid', debtor.id, {
        ...about,
        phone: wrongPhone!,
        interactionId: interaction.id,
      });
      break;
    default:
      break;
  }

  // The running contact figures, kept monotonic when an attempt is recorded late.
  const at = checked.startedAt;
  if (!after.lastAttemptAt || after.lastAttemptAt < at) after.lastAttemptAt = at;
  if (isRightPartyContact(checked.disposition)) {
    if (!after.lastRightPartyContactAt || after.lastRightPartyContactAt < at) after.lastRightPartyContactAt = at;
  }

  let membershipWrites: InteractionWrites['membership'] = null;
  if (membership) {
    const next = nextAttemptAt(checked.disposition, checked.startedAt);
    const waiting = after.status === 'PROMISED' || after.status === 'DISPUTED' || after.reconciliationPending;
    // A parked account keeps its place but is never due; a broken promise or a resolved dispute re-opens it.
    let nextAt = next === null || waiting ? PARKED : next;
    const contactable = after.status !== 'DISPUTED' && !debtor.doNotContact;
    if (checked.callbackAt && contactable) nextAt = checked.callbackAt;
    const invalidPhones =
      wrongPhone && !debtor.invalidPhones.includes(wrongPhone)
        ? [...debtor.invalidPhones, wrongPhone]
        : debtor.invalidPhones;
    const propensity = scoreFacts(
      { ...account, ...after, phones: debtor.phones, invalidPhones, emails: debtor.emails },
      context.businessDate,
      context.operationTimeZone,
    );
    membershipWrites = {
      id: membership.id,
      nextAttemptAt: nextAt,
      lastWorkedOn: context.businessDate,
      score: propensity.score.toFixed(4),
      scoreFactors: propensity.factors,
      expectedRecovery: expectedRecoveryOf(account.balance, account.currency, propensity.score),
    };
  }

  // The call is over: the agent wraps up (notes, follow-ups) until it asks for the next account.
  let agentWrapUp: InteractionWrites['agentWrapUp'] = null;
  if (state.agent?.status === 'ON_CONTACT') {
    agentWrapUp = { agentId: state.agent.id, periodId: context.newId() };
    events.push(
      event('AgentStatusChanged', state.agent.id, { from: 'ON_CONTACT', to: 'WRAP_UP', at: now.toISOString() }),
    );
  }

  return {
    interaction,
    promise,
    cancelledPromiseIds,
    account: after,
    invalidPhone: wrongPhone ? { tenant: state.tenant, phone: wrongPhone } : null,
    membership: membershipWrites,
    agentWrapUp,
    events,
    phoneEvent,
  };
}
