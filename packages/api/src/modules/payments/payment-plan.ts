import {
  currencyExponent,
  formatAmount,
  storedToMinor,
  type AccountStatus,
  type DomainEventPayloads,
  type DomainEventType,
  type FactAttribution,
  type FactPlacement,
  type IsoDate,
  type Role,
} from '@recupera/shared';
import { badInput } from '../../core/errors.ts';
import { creditPayment } from '../promises/promise-settlement.ts';
import { expectedRecoveryOf, scoreFacts } from '../queues/account-scoring.ts';
import type { PaymentRequest } from './payment-input.ts';

/**
 * What `recordPayment` decides, as pure data: from the rows read under the account's lock and the checked request,
 * the payment row, the account's new figures, the promises it settles, what happens to the queue place, and the
 * events. The money rules are `applyToBalance` and `statusAfterPayment`; the settlement rule is promise-settlement's.
 */

/** A payment's shape on the account it is posted to, as read under the account's lock. */
export interface PaymentState {
  account: {
    id: string;
    status: AccountStatus;
    balance: string;
    credit: string;
    currency: string;
    dueDate: IsoDate;
    createdAt: Date;
    agencyId: string | null;
    reconciliationPending: boolean;
    lastAttemptAt: Date | null;
    lastRightPartyContactAt: Date | null;
    lastPaymentAt: Date | null;
    paymentCount: number;
    promisesKept: number;
    promisesBroken: number;
    refusals: number;
  };
  /** The phones and e-mails the score looks at; `invalidPhones` are the account holder's findings. */
  debtor: { timeZone: string; phones: string[]; invalidPhones: string[]; emails: string[] };
  membership: { id: string; campaignId: string; queueId: string } | null;
  /** PENDING promises, oldest first. */
  pendingPromises: {
    id: string;
    amount: string;
    paidAmount: string;
    currency: string;
    dueDate: IsoDate;
    graceDays: number;
    createdAt: Date;
    interactionId: string | null;
    attribution: FactAttribution;
  }[];
}

export interface PaymentWrites {
  payment: {
    id: string;
    accountId: string;
    amount: string;
    currency: string;
    paidAt: Date;
    reference: string;
    idempotencyScope: string;
    appliedAmount: string;
    placement: FactPlacement;
    agentId: string | null;
    createdAt: Date;
  };
  account: Pick<
    PaymentState['account'],
    'balance' | 'credit' | 'lastPaymentAt' | 'paymentCount' | 'reconciliationPending' | 'status' | 'promisesKept'
  >;
  promises: { id: string; paidAmount: string; status: 'PENDING' | 'KEPT' }[];
  /** PAID: the account leaves its queue for good. Otherwise re-scored, and due again from `reopenAt` if set. */
  membership:
    | { id: string; leave: true }
    | {
        id: string;
        leave: false;
        reopenAt: Date | null;
        score: string;
        scoreFactors: unknown;
        expectedRecovery: string;
      }
    | null;
  events: { type: DomainEventType; aggregateId: string; payload: DomainEventPayloads[DomainEventType] }[];
}

/** Most a payment may exceed the balance by when posted by a key that is not a manager's, unless configured. */
export const DEFAULT_OVERPAYMENT_TOLERANCE = 0.1;
/** Roles that may post a payment beyond the overpayment tolerance (a manager's decision, e.g. a settlement). */
const UNBOUNDED_ROLES: ReadonlySet<Role> = new Set(['ADMIN', 'MANAGER']);
/** `numeric(19,4)` holds 15 integer digits: the customer's credit must stay below that, whatever is posted. */
const MAX_STORED_MAJOR = 10n ** 15n;

/** How a payment of `amountMinor` splits between the balance and the customer's credit. Pure. */
export function applyToBalance(
  balanceMinor: bigint,
  creditMinor: bigint,
  amountMinor: bigint,
): { balanceMinor: bigint; creditMinor: bigint; appliedMinor: bigint; excessMinor: bigint } {
  const appliedMinor = amountMinor < balanceMinor ? amountMinor : balanceMinor > 0n ? balanceMinor : 0n;
  const excessMinor = amountMinor - appliedMinor;
  return {
    balanceMinor: balanceMinor - appliedMinor,
    creditMinor: creditMinor + excessMinor,
    appliedMinor,
    excessMinor,
  };
}

/**
 * The account's status after a payment:
 * - balance 0 → PAID (whatever it was; a written-off debt paid in full is paid);
 * - PROMISED, a promise kept and none left pending → ACTIVE: the rest of the balance is worked again;
 * - otherwise unchanged (a partial payment keeps a promise pending; a dispute stays on hold).
 */
export function statusAfterPayment(
  account: { status: AccountStatus; balance: string; currency: string },
  settlement: { kept: readonly unknown[]; stillPending: number },
): AccountStatus {
  if (storedToMinor(account.balance, account.currency) === 0n) return 'PAID';
  if (account.status === 'PROMISED' && settlement.kept.length > 0 && settlement.stillPending === 0) return 'ACTIVE';
  return account.status;
}

/**
 * The most `role` may post on a balance of `balanceMinor`: the balance plus the overpayment tolerance (a debtor who
 * pays a fee or rounds up), or anything a stored amount can hold for a manager. An amount beyond is a recording
 * mistake or a decision for a manager: BAD_USER_INPUT naming `amount`, with the most allowed.
 */
export function assertWithinPaymentBounds(
  role: Role,
  amountMinor: bigint,
  account: { balance: string; credit: string; currency: string },
  tolerance: number,
): void {
  const { currency } = account;
  const scale = 10n ** BigInt(currencyExponent(currency));
  const balanceMinor = storedToMinor(account.balance, currency);
  const creditMinor = storedToMinor(account.credit, currency);
  if (!UNBOUNDED_ROLES.has(role)) {
    // The tolerance in basis points keeps the arithmetic exact.
    const allowedMinor = balanceMinor + (balanceMinor * BigInt(Math.round(tolerance * 10_000))) / 10_000n;
    if (amountMinor > allowedMinor) {
      throw badInput(
        'amount',
        `must not exceed the balance plus ${Math.round(tolerance * 100)} % (${formatAmount(allowedMinor, currency)} ${currency}); a manager may post more`,
        { max: formatAmount(allowedMinor, currency) },
      );
    }
  }
  const excess = amountMinor > balanceMinor ? amountMinor - (balanceMinor > 0n ? balanceMinor : 0n) : 0n;
  if ((creditMinor + excess) / scale >= MAX_STORED_MAJOR) {
    throw badInput('amount', 'is too large: the account could not hold the credit it would leave');
  }
}

type PlannedEvent = PaymentWrites['events'][number];

function event<T extends DomainEventType>(type: T, aggregateId: string, payload: DomainEventPayloads[T]): PlannedEvent {
  return { type, aggregateId, payload };
}

/**
 * The writes of one payment: the balance falls (an overpayment leaves it at 0 and the rest in `credit`), payment
 * history figures move, pending promises are settled (promise-settlement.ts), a pending reconciliation is cleared,
 * and the account's status and queue place follow (statusAfterPayment): PAID leaves the queue; a kept promise with a
 * balance left, or a reported payment now found, is due again at once; the place is re-scored.
 */
export function planPayment(
  state: PaymentState,
  request: PaymentRequest & { idempotencyScope: string },
  context: {
    actorRole: Role;
    now: Date;
    businessDate: IsoDate;
    operationTimeZone: string;
    overpaymentTolerance: number;
    newId: () => string;
  },
): PaymentWrites {
  const { account, debtor, membership } = state;
  const { now } = context;
  if (account.currency !== request.currency) {
    throw badInput('currency', `must be the account's currency, ${account.currency}`);
  }
  const currency = account.currency;
  assertWithinPaymentBounds(context.actorRole, request.amountMinor, account, context.overpaymentTolerance);

  // The agent credited is the one whose pending promise this payment pays ("collected on promises taken").
  const creditedPromise = [...state.pendingPromises]
    .filter((promise) => promise.createdAt.getTime() <= request.paidAt.getTime())
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  const placement: FactPlacement = {
    campaignId: membership?.campaignId ?? null,
    queueId: membership?.queueId ?? null,
    agencyId: account.agencyId,
  };
  const split = applyToBalance(
    storedToMinor(account.balance, currency),
    storedToMinor(account.credit, currency),
    request.amountMinor,
  );
  const payment: PaymentWrites['payment'] = {
    id: context.newId(),
    accountId: account.id,
    amount: formatAmount(request.amountMinor, currency),
    currency,
    paidAt: request.paidAt,
    reference: request.reference,
    idempotencyScope: request.idempotencyScope,
    appliedAmount: formatAmount(split.appliedMinor, currency),
    placement,
    agentId: creditedPromise?.attribution.agentId ?? null,
    createdAt: now,
  };
  const after: PaymentWrites['account'] = {
    balance: formatAmount(split.balanceMinor, currency),
    credit: formatAmount(split.creditMinor, currency),
    lastPaymentAt:
      !account.lastPaymentAt || account.lastPaymentAt < request.paidAt ? request.paidAt : account.lastPaymentAt,
    paymentCount: account.paymentCount + 1,
    reconciliationPending: false,
    status: account.status,
    promisesKept: account.promisesKept,
  };
  const reconciled = account.reconciliationPending;
  const events: PlannedEvent[] = [
    event('PaymentRecorded', payment.id, {
      accountId: account.id,
      ...placement,
      agentId: payment.agentId,
      reference: payment.reference,
      amount: payment.amount,
      currency,
      paidAt: payment.paidAt.toISOString(),
      appliedToBalance: payment.appliedAmount,
      toCredit: formatAmount(split.excessMinor, currency),
      balanceAfter: after.balance,
      reconciliationCleared: reconciled,
      // What recovery-by-bucket needs to place the payment: the account's age and whether it is in recovery.
      accountDueDate: account.dueDate,
      accountCreatedAt: account.createdAt.toISOString(),
      accountStatus: account.status,
    }),
  ];

  // Settlement: each pending promise whose window holds the payment counts it, in full.
  const credits = creditPayment(
    state.pendingPromises.map((promise) => ({
      id: promise.id,
      promisedMinor: storedToMinor(promise.amount, promise.currency),
      paidMinor: storedToMinor(promise.paidAmount, promise.currency),
      madeAt: promise.createdAt,
      dueDate: promise.dueDate,
      graceDays: promise.graceDays,
    })),
    {
      amountMinor: request.amountMinor,
      paidAt: request.paidAt,
      clearsDebt: split.balanceMinor === 0n && split.appliedMinor > 0n,
    },
    debtor.timeZone,
  );
  const promises: PaymentWrites['promises'] = [];
  let kept = 0;
  for (const credit of credits) {
    const promise = state.pendingPromises.find((pending) => pending.id === credit.promiseId)!;
    const paidAmount = formatAmount(credit.paidMinor, currency);
    promises.push({ id: promise.id, paidAmount, status: credit.kept ? 'KEPT' : 'PENDING' });
    const figures = {
      accountId: account.id,
      agencyId: account.agencyId,
      // The agent who took the promise: "amount collected on promises the agent took".
      agentId: promise.attribution.agentId,
      // Where the promise was made: the KPI scopes its outcome counts in.
      attribution: promise.attribution,
      interactionId: promise.interactionId,
      paymentId: payment.id,
      paymentAmount: payment.amount,
      amount: formatAmount(storedToMinor(promise.amount, currency), currency),
      paidAmount,
      currency,
      dueDate: promise.dueDate,
    };
    if (credit.kept) {
      kept += 1;
      events.push(event('PromiseKept', promise.id, { ...figures, status: 'KEPT' }));
    } else {
      events.push(event('PromisePaymentApplied', promise.id, { ...figures, status: 'PENDING' }));
    }
  }
  after.promisesKept += kept;

  const to = statusAfterPayment(
    { status: account.status, balance: after.balance, currency },
    {
      kept: promises.filter((promise) => promise.status === 'KEPT'),
      stillPending: state.pendingPromises.length - kept,
    },
  );
  if (to !== account.status) {
    after.status = to;
    events.push(
      event('AccountStatusChanged', account.id, {
        accountId: account.id,
        agencyId: account.agencyId,
        from: account.status,
        to,
        reason: to === 'PAID' ? 'PAID_IN_FULL' : 'PROMISE_KEPT',
        paymentId: payment.id,
      }),
    );
  }

  let membershipWrites: PaymentWrites['membership'] = null;
  if (membership && to === 'PAID') membershipWrites = { id: membership.id, leave: true };
  else if (membership) {
    // Back to work now: a kept promise with a balance left, or a reported payment that has now been found.
    const keptAndActive = account.status === 'PROMISED' && to === 'ACTIVE';
    const reconciledAndActive = reconciled && to === 'ACTIVE';
    const propensity = scoreFacts(
      { ...account, ...after, phones: debtor.phones, invalidPhones: debtor.invalidPhones, emails: debtor.emails },
      context.businessDate,
      context.operationTimeZone,
    );
    membershipWrites = {
      id: membership.id,
      leave: false,
      reopenAt: keptAndActive || reconciledAndActive ? now : null,
      score: propensity.score.toFixed(4),
      scoreFactors: propensity.factors,
      expectedRecovery: expectedRecoveryOf(after.balance, currency, propensity.score),
    };
  }
  return { payment, account: after, promises, membership: membershipWrites, events };
}
