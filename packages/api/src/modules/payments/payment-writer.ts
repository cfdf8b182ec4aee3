import { DOMAIN_EVENT_AGGREGATES, storedToMinor, type AccountStatus, type IsoDate } from '@recupera/shared';
import { v7 as uuidv7 } from 'uuid';
import { agencySqlPredicate } from '../../core/database/agency-scope.ts';
import { currentRequestId } from '../../core/observability/request-context.ts';
import { statement, type FastSql } from '../../core/database/fast-sql.ts';
import { DomainError, notFound } from '../../core/errors.ts';
import { isUuid } from '../../core/ids.ts';
import type { Principal } from '../../core/principal.ts';
import { invalidPhonesSql } from '../portfolio/phone-validity.ts';
import { checkPaymentInput, idempotencyScope } from './payment-input.ts';
import { planPayment, type PaymentState, type PaymentWrites } from './payment-plan.ts';
import type { RecordPaymentInput } from './payment.input.ts';

/**
 * `recordPayment` in two prepared statements inside one transaction: the first reads, under the account's row lock,
 * everything the payment needs — and whether its reference was already used in the poster's scope; the second
 * writes the payment, the account, the promises it settles, the queue place and the events at once. Two round
 * trips: BEGIN goes with the first, COMMIT with the second (fast-sql.ts). The rules live in payment-plan.ts; the
 * agency scope is core/database/agency-scope.ts's, in its SQL form.
 */

/** A payment as stored: what a replay answers with. */
export interface StoredPayment {
  id: string;
  accountId: string;
  amount: string;
  currency: string;
  paidAt: Date;
  reference: string;
  createdAt: Date;
}

interface LoadedRow {
  id: string;
  status: AccountStatus;
  balance: string;
  credit: string;
  currency: string;
  due_date: IsoDate;
  created_at: string | Date;
  agency_id: string | null;
  reconciliation_pending: boolean;
  last_attempt_at: string | Date | null;
  last_right_party_contact_at: string | Date | null;
  last_payment_at: string | Date | null;
  payment_count: number;
  promises_kept: number;
  promises_broken: number;
  refusals: number;
  time_zone: string;
  phones: string[];
  emails: string[];
  invalid_phones: string[];
  membership_id: string | null;
  campaign_id: string | null;
  queue_id: string | null;
  pending_promises: {
    id: string;
    amount: string;
    paidAmount: string;
    currency: string;
    dueDate: IsoDate;
    graceDays: number;
    createdAt: string;
    interactionId: string | null;
    campaignId: string | null;
    queueId: string | null;
    agencyId: string | null;
    agentId: string | null;
  }[];
  replay: RawStored | null;
}

interface RawStored {
  id: string;
  accountId: string;
  amount: string;
  currency: string;
  paidAt: string;
  reference: string;
  createdAt: string;
}

const STORED_JSON = `json_build_object('id', x.id, 'accountId', x.account_id, 'amount', x.amount::text,
  'currency', x.currency, 'paidAt', x.paid_at, 'reference', x.reference, 'createdAt', x.created_at)`;

/** The account (visible to the caller), locked; what the payment needs of it; and a payment with the same key. */
const LOAD = statement(
  'payment-load',
  `select a.id, a.status, a.balance::text, a.credit::text, a.currency, a.due_date::text, a.created_at, a.agency_id,
          a.reconciliation_pending, a.last_attempt_at, a.last_right_party_contact_at, a.last_payment_at,
          a.payment_count, a.promises_kept, a.promises_broken, a.refusals,
          d.time_zone, d.phones, d.emails, ${invalidPhonesSql('d', 'holder')} as invalid_phones,
          m.id as membership_id, m.campaign_id, m.queue_id,
          coalesce((select json_agg(json_build_object('id', p.id, 'amount', p.amount::text,
                                                      'paidAmount', p.paid_amount::text, 'currency', p.currency,
                                                      'dueDate', p.due_date, 'graceDays', p.grace_days,
                                                      'createdAt', p.created_at, 'interactionId', p.interaction_id,
                                                      'campaignId', p.campaign_id, 'queueId', p.queue_id,
                                                      'agencyId', p.agency_id, 'agentId', p.agent_id)
                                    order by p.created_at, p.id)
                      from promise_to_pay p where p.account_id = a.id and p.status = 'PENDING'), '[]') as pending_promises,
          (select ${STORED_JSON} from payment x where x.idempotency_scope = $3 and x.reference = $4) as replay
     from account a
     join debtor d on d.id = a.debtor_id
     left join agency holder on holder.id = a.agency_id
     left join queue_membership m on m.account_id = a.id
    where a.id = $1::uuid and ${agencySqlPredicate('Account', 'a', '$2')}
      for update of a`,
);

/** A payment stored under the key, for a replay whose account the caller can no longer see. */
const FIND_BY_KEY = statement(
  'payment-by-key',
  `select ${STORED_JSON} as replay from payment x where x.idempotency_scope = $1 and x.reference = $2`,
);

/** Every write of the payment in one statement (see PaymentWrites). */
const WRITE = statement(
  'payment-write',
  `with
   new_payment as (
     insert into payment (id, account_id, amount, currency, paid_at, reference, idempotency_scope, applied_amount,
                          campaign_id, queue_id, agency_id, agent_id, created_at)
     values ($1, $2, $3::numeric, $4, $5, $6, $7, $8::numeric, $9, $10, $11, $12, $13)),
   account_after as (
     update account set balance = $14::numeric, credit = $15::numeric, last_payment_at = $16, payment_count = $17,
                        reconciliation_pending = $18, status = $19, promises_kept = $20, updated_at = $13
      where id = $2),
   promises_after as (
     update promise_to_pay p
        set paid_amount = v.paid_amount::numeric, status = v.status,
            resolved_at = case when v.status = 'KEPT' then $13 else p.resolved_at end
       from unnest($21::uuid[], $22::text[], $23::text[]) as v(id, paid_amount, status)
      where p.id = v.id),
   place_left as (
     delete from queue_membership where id = $24::uuid and $25::boolean),
   place_after as (
     update queue_membership set next_attempt_at = coalesce($26, next_attempt_at), score = $27::numeric,
                                 score_factors = $28::jsonb, expected_recovery = $29::numeric
      where id = $24::uuid and not $25::boolean),
   events as (
     insert into domain_event (type, aggregate_type, aggregate_id, actor, payload, occurred_at, request_id)
     select e.type, e.aggregate_type, e.aggregate_id, $30, e.payload, $13, $35
       from unnest($31::text[], $32::text[], $33::text[], $34::jsonb[]) with ordinality
            as e(type, aggregate_type, aggregate_id, payload, position)
      order by e.position)
   select 1`,
);

const instant = (value: string | Date | null): Date | null => (value === null ? null : new Date(value));

function stateOf(row: LoadedRow): PaymentState {
  return {
    account: {
      id: row.id,
      status: row.status,
      balance: row.balance,
      credit: row.credit,
      currency: row.currency,
      dueDate: row.due_date,
      createdAt: new Date(row.created_at),
      agencyId: row.agency_id,
      reconciliationPending: row.reconciliation_pending,
      lastAttemptAt: instant(row.last_attempt_at),
      lastRightPartyContactAt: instant(row.last_right_party_contact_at),
      lastPaymentAt: instant(row.last_payment_at),
      paymentCount: row.payment_count,
      promisesKept: row.promises_kept,
      promisesBroken: row.promises_broken,
      refusals: row.refusals,
    },
    debtor: { timeZone: row.time_zone, phones: row.phones, invalidPhones: row.invalid_phones, emails: row.emails },
    membership: row.membership_id
      ? { id: row.membership_id, campaignId: row.campaign_id!, queueId: row.queue_id! }
      : null,
    pendingPromises: row.pending_promises.map((promise) => ({
      id: promise.id,
      amount: promise.amount,
      paidAmount: promise.paidAmount,
      currency: promise.currency,
      dueDate: promise.dueDate,
      graceDays: promise.graceDays,
      createdAt: new Date(promise.createdAt),
      interactionId: promise.interactionId,
      attribution: {
        campaignId: promise.campaignId,
        queueId: promise.queueId,
        agencyId: promise.agencyId,
        agentId: promise.agentId,
      },
    })),
  };
}

function writeValues(writes: PaymentWrites, actor: string): unknown[] {
  const { payment, account, membership } = writes;
  const kept = membership && !membership.leave ? membership : null;
  return [
    payment.id,
    payment.accountId,
    payment.amount,
    payment.currency,
    payment.paidAt,
    payment.reference,
    payment.idempotencyScope,
    payment.appliedAmount,
    payment.placement.campaignId,
    payment.placement.queueId,
    payment.placement.agencyId,
    payment.agentId,
    payment.createdAt,
    account.balance,
    account.credit,
    account.lastPaymentAt,
    account.paymentCount,
    account.reconciliationPending,
    account.status,
    account.promisesKept,
    writes.promises.map((promise) => promise.id),
    writes.promises.map((promise) => promise.paidAmount),
    writes.promises.map((promise) => promise.status),
    membership?.id ?? null,
    membership?.leave ?? false,
    kept?.reopenAt ?? null,
    kept?.score ?? null,
    kept ? JSON.stringify(kept.scoreFactors) : null,
    kept?.expectedRecovery ?? null,
    actor,
    writes.events.map((e) => e.type),
    writes.events.map((e) => DOMAIN_EVENT_AGGREGATES[e.type]),
    writes.events.map((e) => e.aggregateId),
    writes.events.map((e) => JSON.stringify(e.payload)),
    currentRequestId(),
  ];
}

function stored(raw: RawStored): StoredPayment {
  return { ...raw, paidAt: new Date(raw.paidAt), createdAt: new Date(raw.createdAt) };
}

/**
 * The stored payment under the key, if it is this one: posting a reference again returns the first payment and
 * changes nothing. The same key for a different payment (another account, amount or currency) is an error of its
 * own, IDEMPOTENCY_KEY_REUSED naming `reference` — a feed that reuses a key has a bug worth seeing. `paidAt` is not
 * compared, since a feed retrying without one gets "now" each time.
 */
function replayOf(
  raw: RawStored,
  request: { accountId: string; currency: string; amountMinor: bigint },
): StoredPayment {
  const same =
    raw.accountId === request.accountId &&
    raw.currency === request.currency &&
    storedToMinor(raw.amount, raw.currency) === request.amountMinor;
  if (!same) {
    throw new DomainError(
      'IDEMPOTENCY_KEY_REUSED',
      'reference: was already used by this poster for a different payment (account, amount or currency)',
      'reference',
      { paymentId: raw.id },
    );
  }
  return stored(raw);
}

const UNIQUE_VIOLATION = '23505';

/**
 * Posts a payment against an account (payment feeds: ADMIN, MANAGER, AGENCY keys), idempotent by `reference` within
 * the poster's scope (its tenant and `source`): also when retries race, the unique index decides and the losers
 * answer with the stored row.
 */
export async function writePayment(
  sql: FastSql,
  actor: Principal,
  time: { now: Date; businessDate: IsoDate; timeZone: string },
  settings: { overpaymentTolerance: number },
  input: RecordPaymentInput,
): Promise<{ payment: StoredPayment; replayed: boolean }> {
  const request = checkPaymentInput(input, time.now);
  const scope = idempotencyScope(actor, request.source);
  if (!isUuid(request.accountId)) throw notFound('Account', request.accountId, 'accountId');
  try {
    return await sql.transaction(async (tx) => {
      const row = await tx.one<LoadedRow>(LOAD, [request.accountId, actor.agencyId, scope, request.reference]);
      if (!row) {
        // A retry for an account the caller no longer sees (recalled, say) still answers with what it posted.
        const found = await tx.one<{ replay: RawStored | null }>(FIND_BY_KEY, [scope, request.reference]);
        if (found?.replay) return { payment: replayOf(found.replay, request), replayed: true };
        throw notFound('Account', request.accountId, 'accountId');
      }
      if (row.replay) return { payment: replayOf(row.replay, request), replayed: true };
      const writes = planPayment(
        stateOf(row),
        { ...request, idempotencyScope: scope },
        {
          actorRole: actor.role,
          now: time.now,
          businessDate: time.businessDate,
          operationTimeZone: time.timeZone,
          overpaymentTolerance: settings.overpaymentTolerance,
          newId: uuidv7,
        },
      );
      await tx.rowsThenCommit(WRITE, writeValues(writes, actor.actor));
      const { payment } = writes;
      return {
        payment: { ...payment, amount: payment.amount, paidAt: payment.paidAt, createdAt: payment.createdAt },
        replayed: false,
      };
    });
  } catch (error) {
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    // A concurrent post of the same key committed first: answer with it.
    return sql.transaction(async (tx) => {
      const found = await tx.one<{ replay: RawStored | null }>(FIND_BY_KEY, [scope, request.reference]);
      if (!found?.replay) throw error;
      return { payment: replayOf(found.replay, request), replayed: true };
    });
  }
}
