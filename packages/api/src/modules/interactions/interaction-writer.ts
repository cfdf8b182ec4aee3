import { DOMAIN_EVENT_AGGREGATES, type AccountStatus, type IsoDate } from '@recupera/shared';
import { v7 as uuidv7 } from 'uuid';
import { agencySqlPredicate } from '../../core/database/agency-scope.ts';
import { statement, type FastSql, type FastTransaction } from '../../core/database/fast-sql.ts';
import { notFound } from '../../core/errors.ts';
import { currentRequestId } from '../../core/observability/request-context.ts';
import { isUuid } from '../../core/ids.ts';
import type { Principal } from '../../core/principal.ts';
import { IN_HOUSE_TENANT, invalidPhonesSql } from '../portfolio/phone-validity.ts';
import { checkInteractionInput } from './interaction-input.ts';
import {
  planInteraction,
  type InteractionState,
  type InteractionWrites,
  type PlannedEvent,
} from './interaction-plan.ts';
import type { RecordInteractionInput } from './record-interaction.input.ts';

/**
 * `recordInteraction` in two prepared statements inside one transaction: the first reads everything the write
 * needs while it takes the account's row lock (and the agent's, whose status changes at the end of the call); the
 * second writes every row and every event at once. Two round trips: BEGIN goes with the first, COMMIT with the
 * second (fast-sql.ts). The rules live in interaction-plan.ts; the agency scope is the one of
 * core/database/agency-scope.ts, in its SQL form.
 */

interface LoadedRow {
  id: string;
  status: AccountStatus;
  balance: string;
  currency: string;
  due_date: IsoDate;
  agency_id: string | null;
  reconciliation_pending: boolean;
  // Instants come back as text on the ORM's pool (MikroORM's type parsers).
  last_attempt_at: string | Date | null;
  last_right_party_contact_at: string | Date | null;
  last_payment_at: string | Date | null;
  promises_kept: number;
  promises_broken: number;
  refusals: number;
  debtor_id: string;
  time_zone: string;
  phones: string[];
  /** The phones the account's holder found wrong. */
  invalid_phones: string[];
  tenant: string;
  emails: string[];
  do_not_contact: boolean;
  membership_id: string | null;
  campaign_id: string | null;
  queue_id: string | null;
  variant: 'CHAMPION' | 'CHALLENGER' | null;
  agent_id: string | null;
  agent_status: string | null;
  agent_tenant: string | null;
  agent_agency_held_it_before: boolean | null;
  pending_promises: InteractionState['pendingPromises'];
}

/**
 * The account (visible to the caller), locked; its debtor, queue place and pending promises; and the named agent
 * (visible to the caller), locked after the account — the order every writer of both takes them in.
 */
const LOAD = statement(
  'interaction-load',
  `select a.id, a.status, a.balance::text, a.currency, a.due_date::text, a.agency_id, a.reconciliation_pending,
          a.last_attempt_at, a.last_right_party_contact_at, a.last_payment_at, a.promises_kept, a.promises_broken,
          a.refusals,
          d.id as debtor_id, d.time_zone, d.phones, d.emails, d.do_not_contact,
          ${invalidPhonesSql('d', 'holder')} as invalid_phones,
          case when holder.partner then holder.id::text else '${IN_HOUSE_TENANT}' end as tenant,
          m.id as membership_id, m.campaign_id, m.queue_id, m.variant,
          g.id as agent_id, g.status as agent_status, g.tenant as agent_tenant,
          g.held_it_before as agent_agency_held_it_before,
          coalesce((select json_agg(json_build_object('id', p.id, 'amount', p.amount::text,
                                                      'paidAmount', p.paid_amount::text, 'currency', p.currency,
                                                      'dueDate', p.due_date) order by p.created_at, p.id)
                      from promise_to_pay p where p.account_id = a.id and p.status = 'PENDING'), '[]') as pending_promises
     from account a
     join debtor d on d.id = a.debtor_id
     left join agency holder on holder.id = a.agency_id
     left join queue_membership m on m.account_id = a.id
     left join lateral (select g.id, g.status,
                               case when ga.partner then ga.id::text else '${IN_HOUSE_TENANT}' end as tenant,
                               exists (select 1 from placement p
                                        where p.account_id = $1::uuid and p.agency_id = g.agency_id
                                          and p.status <> 'ACTIVE') as held_it_before
                          from agent g join agency ga on ga.id = g.agency_id
                         where g.id = $2::uuid and ${agencySqlPredicate('Agent', 'g', '$3')}
                           for update of g) g on true
    where a.id = $1::uuid and ${agencySqlPredicate('Account', 'a', '$3')}
      for update of a`,
);

/** Every write of the interaction in one statement (see InteractionWrites). */
const WRITE = statement(
  'interaction-write',
  `with
   new_interaction as (
     insert into interaction (id, account_id, agent_id, channel, disposition, started_at, duration_seconds, notes,
                              contact_point, variant, callback_at, campaign_id, queue_id, agency_id, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)),
   cancelled as (
     update promise_to_pay set status = 'CANCELLED', resolved_at = $15 where id = any($16::uuid[])),
   new_promise as (
     insert into promise_to_pay (id, account_id, interaction_id, amount, currency, due_date, grace_days, agent_id,
                                 campaign_id, queue_id, agency_id, created_at, status, paid_amount)
     select $17, $2, $1, $18::numeric, $19, $20::date, $21, $3, $12, $13, $14, $22, 'PENDING', 0
      where $17::uuid is not null),
   account_after as (
     update account set status = $23, reconciliation_pending = $24, last_attempt_at = $25,
                        last_right_party_contact_at = $26, refusals = $27, updated_at = $15
      where id = $2),
   invalid_phone as (
     update debtor
        set invalid_phones_by_tenant = jsonb_set(invalid_phones_by_tenant, array[$44::text],
                                                 coalesce(invalid_phones_by_tenant -> $44::text, '[]') || to_jsonb($28::text))
      where id = $29 and $28::text is not null
        and not coalesce(invalid_phones_by_tenant -> $44::text, '[]') ? $28::text
      returning id),
   phone_event as (
     insert into domain_event (type, aggregate_type, aggregate_id, actor, payload, occurred_at, request_id)
     select 'PhoneMarkedInvalid', 'Debtor', id::text, $30, $31::jsonb, $15, $45 from invalid_phone),
   queue_place as (
     update queue_membership set reserved_by_id = null, reserved_until = null, skipped_because = null,
                                 last_worked_on = $33::date, next_attempt_at = $34, score = $35::numeric,
                                 score_factors = $36::jsonb, expected_recovery = $37::numeric
      where id = $32::uuid),
   period_closed as (
     update agent_status_period set ended_at = $15 where agent_id = $38::uuid and ended_at is null),
   period_opened as (
     insert into agent_status_period (id, agent_id, status, started_at)
     select $39, $38, 'WRAP_UP', $15 where $38::uuid is not null),
   agent_after as (
     update agent set status = 'WRAP_UP', status_since = $15 where id = $38::uuid),
   events as (
     insert into domain_event (type, aggregate_type, aggregate_id, actor, payload, occurred_at, request_id)
     select e.type, e.aggregate_type, e.aggregate_id, $30, e.payload, $15, $45
       from unnest($40::text[], $41::text[], $42::text[], $43::jsonb[]) with ordinality
            as e(type, aggregate_type, aggregate_id, payload, position)
      order by e.position)
   select 1`,
);

const eventColumns = (events: PlannedEvent[]) => [
  events.map((e) => e.type),
  events.map((e) => DOMAIN_EVENT_AGGREGATES[e.type]),
  events.map((e) => e.aggregateId),
  events.map((e) => JSON.stringify(e.payload)),
];

function writeValues(writes: InteractionWrites, actor: string): unknown[] {
  const { interaction, promise, account, membership, agentWrapUp } = writes;
  return [
    interaction.id,
    interaction.accountId,
    interaction.agentId,
    interaction.channel,
    interaction.disposition,
    interaction.startedAt,
    interaction.durationSeconds,
    interaction.notes,
    interaction.contactPoint,
    interaction.variant,
    interaction.callbackAt,
    interaction.placement.campaignId,
    interaction.placement.queueId,
    interaction.placement.agencyId,
    interaction.createdAt,
    writes.cancelledPromiseIds,
    promise?.id ?? null,
    promise?.amount ?? null,
    promise?.currency ?? null,
    promise?.dueDate ?? null,
    promise?.graceDays ?? null,
    promise?.createdAt ?? null,
    account.status,
    account.reconciliationPending,
    account.lastAttemptAt,
    account.lastRightPartyContactAt,
    account.refusals,
    writes.invalidPhone?.phone ?? null,
    writes.phoneEvent?.aggregateId ?? null,
    actor,
    writes.phoneEvent ? JSON.stringify(writes.phoneEvent.payload) : null,
    membership?.id ?? null,
    membership?.lastWorkedOn ?? null,
    membership?.nextAttemptAt ?? null,
    membership?.score ?? null,
    membership ? JSON.stringify(membership.scoreFactors) : null,
    membership?.expectedRecovery ?? null,
    agentWrapUp?.agentId ?? null,
    agentWrapUp?.periodId ?? null,
    ...eventColumns(writes.events),
    writes.invalidPhone?.tenant ?? null,
    currentRequestId(),
  ];
}

const instant = (value: string | Date | null): Date | null => (value === null ? null : new Date(value));

function stateOf(row: LoadedRow): InteractionState {
  return {
    account: {
      id: row.id,
      status: row.status,
      balance: row.balance,
      currency: row.currency,
      dueDate: row.due_date,
      agencyId: row.agency_id,
      reconciliationPending: row.reconciliation_pending,
      lastAttemptAt: instant(row.last_attempt_at),
      lastRightPartyContactAt: instant(row.last_right_party_contact_at),
      lastPaymentAt: instant(row.last_payment_at),
      promisesKept: row.promises_kept,
      promisesBroken: row.promises_broken,
      refusals: row.refusals,
    },
    debtor: {
      id: row.debtor_id,
      timeZone: row.time_zone,
      phones: row.phones,
      invalidPhones: row.invalid_phones,
      emails: row.emails,
      doNotContact: row.do_not_contact,
    },
    tenant: row.tenant,
    membership: row.membership_id
      ? { id: row.membership_id, campaignId: row.campaign_id!, queueId: row.queue_id!, variant: row.variant! }
      : null,
    agent: row.agent_id
      ? {
          id: row.agent_id,
          status: row.agent_status!,
          tenant: row.agent_tenant!,
          agencyHeldItBefore: row.agent_agency_held_it_before!,
        }
      : null,
    pendingPromises: row.pending_promises,
  };
}

/** Settings of the operation that bound what an interaction may record. */
export interface InteractionRules {
  /** Furthest a promise may be due, in days after the debtor's local today (`PROMISE_MAX_DAYS`). */
  promiseMaxDays: number;
}

/** Records one contact attempt and everything its disposition means (interaction-plan.ts), in one transaction. */
export async function writeInteraction(
  sql: FastSql,
  actor: Principal,
  time: { now: Date; businessDate: IsoDate; timeZone: string },
  rules: InteractionRules,
  input: RecordInteractionInput,
): Promise<InteractionWrites> {
  const checked = checkInteractionInput(input, time.now);
  if (!isUuid(checked.accountId)) throw notFound('Account', checked.accountId, 'accountId');
  if (checked.agentId !== null && !isUuid(checked.agentId)) throw notFound('Agent', checked.agentId, 'agentId');
  return sql.transaction(async (tx: FastTransaction) => {
    const row = await tx.one<LoadedRow>(LOAD, [checked.accountId, checked.agentId, actor.agencyId]);
    if (!row) throw notFound('Account', checked.accountId, 'accountId');
    const writes = planInteraction(stateOf(row), checked, {
      now: time.now,
      businessDate: time.businessDate,
      operationTimeZone: time.timeZone,
      promiseMaxDays: rules.promiseMaxDays,
      newId: uuidv7,
    });
    await tx.rowsThenCommit(WRITE, writeValues(writes, actor.actor));
    return writes;
  });
}
