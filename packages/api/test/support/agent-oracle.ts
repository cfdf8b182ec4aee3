import { windowBounds, type KpiWindowName, type MoneyValue } from './kpi-oracle.ts';
import { cents, decimal } from './outcomes.ts';
import { sql, type TestApi } from './test-api.ts';

/**
 * `Agent.performance(window)` (docs/design.md, agent figures) recomputed with plain SQL over the stored facts, without
 * the API's code: the agent's attributed interactions, promises and payments in the window, its promise outcomes
 * by due date, and its `agent_status_period` rows clipped to the window (logged in: every status but LOGGED_OUT;
 * occupancy: ON_CONTACT over logged in).
 */

export interface PerformanceValue {
  attempts: number;
  contacts: number;
  rightPartyContacts: number;
  promises: number;
  amountPromised: MoneyValue[];
  amountCollected: MoneyValue[];
  promisesKeptRate: number | null;
  attemptsPerLoggedInHour: number | null;
  averageHandleSeconds: number | null;
  occupancy: number | null;
  loggedInSeconds: number;
  contactsLastHour: number;
}

export const PERFORMANCE_FIELDS = `attempts contacts rightPartyContacts promises
  amountPromised { amount currency } amountCollected { amount currency }
  promisesKeptRate attemptsPerLoggedInHour averageHandleSeconds occupancy loggedInSeconds contactsLastHour`;

const CONTACT_LIST = `('THIRD_PARTY', 'REFUSED_TO_PAY', 'PROMISE_TO_PAY', 'ALREADY_PAID', 'DISPUTE',
  'CALLBACK_REQUESTED', 'MESSAGE_REPLIED')`;

const moneyOf = (rows: { currency: string; total: string }[]): MoneyValue[] =>
  rows
    .map((row) => ({ amount: decimal(cents(row.total)), currency: row.currency }))
    .sort((a, b) => a.currency.localeCompare(b.currency));

export async function expectedPerformance(
  api: TestApi,
  agentId: string,
  window: KpiWindowName,
  now: Date,
): Promise<PerformanceValue> {
  const bounds = windowBounds(window, now);
  const lastHour = windowBounds('LAST_HOUR', now);
  const [counts] = await sql<{
    attempts: number;
    contacts: number;
    rpc: number;
    promises: number;
    handle: number;
    contacts_last_hour: number;
  }>(
    api,
    `select count(*) filter (where started_at >= ?)::int as attempts,
            count(*) filter (where started_at >= ? and disposition in ${CONTACT_LIST})::int as contacts,
            count(*) filter (where started_at >= ? and disposition in ${CONTACT_LIST}
                               and disposition <> 'THIRD_PARTY')::int as rpc,
            count(*) filter (where started_at >= ? and disposition = 'PROMISE_TO_PAY')::int as promises,
            coalesce(sum(duration_seconds) filter (where started_at >= ?), 0)::int as handle,
            count(*) filter (where started_at >= ? and disposition in ${CONTACT_LIST})::int as contacts_last_hour
       from interaction where agent_id = ? and started_at <= ? and started_at >= least(?::timestamptz, ?::timestamptz)`,
    [
      bounds.from,
      bounds.from,
      bounds.from,
      bounds.from,
      bounds.from,
      lastHour.from,
      agentId,
      now,
      bounds.from,
      lastHour.from,
    ],
  );
  const promised = await sql<{ currency: string; total: string }>(
    api,
    `select p.currency, sum(p.amount)::text as total from promise_to_pay p join interaction i on i.id = p.interaction_id
      where i.agent_id = ? and i.started_at between ? and ? group by p.currency`,
    [agentId, bounds.from, now],
  );
  const collected = await sql<{ currency: string; total: string }>(
    api,
    `select currency, sum(amount)::text as total from payment
      where agent_id = ? and paid_at between ? and ? group by currency`,
    [agentId, bounds.from, now],
  );
  const [outcomes] = await sql<{ kept: number; resolved: number }>(
    api,
    `select count(*) filter (where p.status = 'KEPT')::int as kept,
            count(*) filter (where p.status in ('KEPT', 'BROKEN', 'PARTIALLY_KEPT'))::int as resolved
       from promise_to_pay p join interaction i on i.id = p.interaction_id
      where i.agent_id = ? and p.due_date between ?::date and ?::date`,
    [agentId, bounds.fromDate, bounds.toDate],
  );
  // Milliseconds of each period inside [from, now]; an open period runs until now.
  const [time] = await sql<{ logged_in: string; on_contact: string }>(
    api,
    `with clipped as (
       select status,
              greatest(0, extract(epoch from (least(coalesce(ended_at, ?::timestamptz), ?::timestamptz)
                                              - greatest(started_at, ?::timestamptz))) * 1000) as ms
         from agent_status_period where agent_id = ?)
     select coalesce(sum(ms) filter (where status <> 'LOGGED_OUT'), 0)::bigint::text as logged_in,
            coalesce(sum(ms) filter (where status = 'ON_CONTACT'), 0)::bigint::text as on_contact
       from clipped`,
    [now, now, bounds.from, agentId],
  );
  const loggedIn = Number(time!.logged_in) / 1000;
  const onContact = Number(time!.on_contact) / 1000;
  const c = counts!;
  return {
    attempts: c.attempts,
    contacts: c.contacts,
    rightPartyContacts: c.rpc,
    promises: c.promises,
    amountPromised: moneyOf(promised),
    amountCollected: moneyOf(collected),
    promisesKeptRate: outcomes!.resolved === 0 ? null : outcomes!.kept / outcomes!.resolved,
    attemptsPerLoggedInHour: loggedIn > 0 ? c.attempts / (loggedIn / 3600) : null,
    averageHandleSeconds: c.attempts > 0 ? c.handle / c.attempts : null,
    occupancy: loggedIn > 0 ? onContact / loggedIn : null,
    loggedInSeconds: Math.round(loggedIn),
    contactsLastHour: c.contacts_last_hour,
  };
}
