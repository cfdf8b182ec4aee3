import { DOMAIN_EVENT_AGGREGATES, type AccountStatus, type AgentStatus, type Disposition } from '@recupera/shared';
import { agencySqlPredicate } from '../../core/database/agency-scope.ts';
import { statement } from '../../core/database/fast-sql.ts';
import { IN_HOUSE_TENANT } from '../portfolio/phone-validity.ts';

/**
 * The prepared statements of `nextAccount` (next-account.service.ts). Every read goes through the agency rules of
 * core/database/agency-scope.ts in their SQL form, with the caller's agency id as one parameter.
 */

/** An account and its debtor as JSON rows for `em.map`: decimals as text, so no amount goes through a float. */
const ACCOUNT_AND_DEBTOR_JSON = `
  to_jsonb(a) || jsonb_build_object('original_amount', a.original_amount::text, 'balance', a.balance::text,
                                    'credit', a.credit::text) as account,
  to_jsonb(d) as debtor`;

export interface AccountAndDebtorRows {
  account: Record<string, unknown>;
  debtor: Record<string, unknown>;
}

export interface AgentRow {
  id: string;
  status: AgentStatus;
  agency_id: string;
  tenant: string;
  queue_id: string | null;
  paused: boolean | null;
  campaign_status: string | null;
  window_start_minute: number | null;
  window_end_minute: number | null;
}

/**
 * The agent, locked — one request per agent at a time: the second waits here, then finds what the first reserved —
 * with its queue and campaign. $1 agent, $2 the caller's agency.
 */
export const LOCK_AGENT = statement(
  'next-account-agent',
  `select g.id, g.status, g.agency_id,
          case when ga.partner then ga.id::text else '${IN_HOUSE_TENANT}' end as tenant,
          q.id as queue_id, q.paused, c.status as campaign_status, c.window_start_minute, c.window_end_minute
     from agent g
     join agency ga on ga.id = g.agency_id
     left join work_queue q on q.id = g.queue_id and ${agencySqlPredicate('WorkQueue', 'q', '$2')}
     left join campaign c on c.id = q.campaign_id
    where g.id = $1::uuid and ${agencySqlPredicate('Agent', 'g', '$2')}
      for update of g`,
);

/**
 * The account the agent holds in its queue, if any: asking again before recording an outcome returns the same
 * account (a retried request loses nothing); after a reassignment only an account of the new queue counts. A
 * statement of its own, after the lock (sent in the same round trip): its snapshot sees what a request the lock
 * made us wait for reserved. $1 agent, $2 now, $3 the caller's agency.
 */
export const HELD_ACCOUNT = statement(
  'next-account-held',
  `select ${ACCOUNT_AND_DEBTOR_JSON}
     from agent g
     join queue_membership m on m.reserved_by_id = g.id and m.queue_id = g.queue_id
     join account a on a.id = m.account_id
     join debtor d on d.id = a.debtor_id
    where g.id = $1::uuid and m.reserved_until > $2 and ${agencySqlPredicate('Account', 'a', '$3')}
    limit 1`,
);

/** Who the agent works for: its agency, and its tenant (`IN_HOUSE`, or the partner agency's id as text). */
interface AgentTeam {
  tenant: string;
  agencyId: string;
}

/**
 * The place is due (no next attempt set, or its time has come) and no agent holds it — written as the queue's index
 * carries both instants (queue-membership.entity.ts), so a page's walk down the queue checks them in the index.
 */
const dueAndFree = (now: string) =>
  `coalesce(m.next_attempt_at, '-infinity'::timestamptz) <= ${now}
  and coalesce(m.reserved_until, '-infinity'::timestamptz) <= ${now}`;

/**
 * A queue place the agent may be handed: due, unreserved, still workable, visible to the caller, and held by the
 * agent's team (interaction-plan.ts `agentWorksFor`: a partner agency's agents work what it holds; an in-house
 * account is anyone's but the agents of an agency that held it before). `m` is the place, `a` its account, `holder`
 * its agency; `now`, the caller's agency and the team are SQL expressions.
 */
const workable = (now: string, callerAgency: string, team: AgentTeam) => `
      ${dueAndFree(now)}
  and a.status = 'ACTIVE' and not a.reconciliation_pending
  and ${agencySqlPredicate('QueueMembership', 'm', callerAgency)}
  and (case when holder.partner then holder.id::text = ${team.tenant}
            else ${team.tenant} = '${IN_HOUSE_TENANT}'
                 or not exists (select 1 from placement p
                                 where p.account_id = a.id and p.agency_id = ${team.agencyId}::uuid
                                   and p.status <> 'ACTIVE') end)`;

export interface CandidateRow {
  membership_id: string;
  account_id: string;
  recovery: string;
  time_zone: string;
  do_not_contact: boolean;
  status: AccountStatus;
  country: string;
  /**
   * Attempts since the look-back start: [startedAt in epoch milliseconds, disposition]. A number, not the instant's
   * text: a page carries hundreds of them, and parsing dates was the larger part of checking the contact rules.
   */
  attempts: [number, Disposition][];
}

/** Candidates read and examined per page; a round that can take none of them reads the next page. */
export const CANDIDATES_PER_PAGE = 25;

/**
 * One page of workable places of the agent's queue in expected-recovery order, each with its recent attempts (the
 * contact rules' history), attached after the page is cut so only the page's accounts are read. Like HELD_ACCOUNT,
 * a statement of its own after the lock, in the same round trip: the queue and the team are the agent's as it
 * reads them (scalar subqueries, so the page is still read down the queue's index). No rows for a paused queue or
 * a campaign that is not running. $1 agent, $2 now, $3 the caller's agency, $4 the look-back start; the `after`
 * form continues below ($5 recovery, $6 place id) an earlier page.
 *
 * Two texts, the same rules: for a caller bound to an agency, and for one that sees everything (ADMIN, MANAGER, an
 * in-house agent's key), whose agency conditions are written for a null agency — PostgreSQL drops them when it
 * plans — and which answers nothing if given an agency after all. That one has a plan PostgreSQL keeps (the page
 * size is written in, not a parameter, for the same reason): planned anew at each call, as the agency form is, the
 * statement cost PostgreSQL more to plan (~5 ms here) than to run.
 */
function candidates(name: string, { after, scoped }: { after: boolean; scoped: boolean }) {
  const agency = scoped ? '$3' : 'null';
  return statement(
    name,
    `with agent_queue as (
       select g.queue_id, g.agency_id, case when ga.partner then ga.id::text else '${IN_HOUSE_TENANT}' end as tenant
         from agent g
         join agency ga on ga.id = g.agency_id
         join work_queue q on q.id = g.queue_id and ${agencySqlPredicate('WorkQueue', 'q', agency)}
         join campaign c on c.id = q.campaign_id
        where g.id = $1::uuid and ${agencySqlPredicate('Agent', 'g', agency)} and not q.paused and c.status = 'RUNNING'
          ${scoped ? '' : 'and $3::uuid is null'})
     select page.*,
            coalesce((select json_agg(json_build_array(floor(extract(epoch from i.started_at) * 1000), i.disposition))
                        from interaction i
                       where i.account_id = page.account_id and i.started_at >= $4 and i.started_at <= $2), '[]') as attempts
       from (select m.id as membership_id, m.account_id, m.expected_recovery, m.expected_recovery::text as recovery,
                    d.time_zone, d.do_not_contact, a.status, cr.contact_profile as country
               from queue_membership m
               join account a on a.id = m.account_id
               join debtor d on d.id = a.debtor_id
               join creditor cr on cr.id = a.creditor_id
               left join agency holder on holder.id = a.agency_id
              where m.queue_id = (select queue_id from agent_queue)
                and ${workable('$2', agency, { tenant: '(select tenant from agent_queue)', agencyId: '(select agency_id from agent_queue)' })}
                ${after ? 'and m.expected_recovery <= $5::numeric and (m.expected_recovery < $5::numeric or m.id < $6::uuid)' : ''}
              order by m.expected_recovery desc, m.id desc
              limit ${CANDIDATES_PER_PAGE}) page
      order by page.expected_recovery desc, page.membership_id desc`,
  );
}

/** The page statements, by whether the caller is bound to an agency and whether an earlier page is continued. */
export const CANDIDATES = {
  everything: {
    first: candidates('next-account-candidates', { after: false, scoped: false }),
    after: candidates('next-account-candidates-after', { after: true, scoped: false }),
  },
  agency: {
    first: candidates('next-account-candidates-agency', { after: false, scoped: true }),
    after: candidates('next-account-candidates-agency-after', { after: true, scoped: true }),
  },
} as const;

/**
 * In one statement: notes when each refused candidate is worth looking at again and why (rows a concurrent request
 * holds are left alone: never wait on — or deadlock with — another request for a note); locks the best allowed
 * candidate that is still workable and that no concurrent request holds (`FOR UPDATE SKIP LOCKED`, one row: agents
 * asking at the same moment never get the same account, and never come back empty-handed while another request
 * merely looks at the accounts they could have had); reserves it; moves the agent ON_CONTACT (its status periods
 * too); records AgentStatusChanged and AccountOffered; and returns the account and its debtor. No row when every
 * allowed candidate was taken meanwhile.
 *
 * $1 allowed place ids (best first is not needed: the statement orders), $2 now, $3 caller's agency, $4 agent's
 * tenant, $5 agent's agency, $6 queue, $7 agent, $8 reserved until, $9–$11 refused ids / retry instants / reasons,
 * $12 whether the status changes, $13 the new status period's id, $14 actor, $15 / $16 the two events' payloads,
 * $17 the request id (core/observability).
 */
export const CLAIM_AND_OFFER = statement(
  'next-account-claim',
  `with
   deferred as (
     update queue_membership as m set next_attempt_at = v.retry_at, skipped_because = v.reasons
       from unnest($9::uuid[], $10::timestamptz[], $11::jsonb[]) as v(id, retry_at, reasons)
      where m.id = v.id
        and m.id in (select id from queue_membership where id = any($9::uuid[]) for update skip locked)),
   claimed as (
     select m.id, m.account_id
       from queue_membership m
       join account a on a.id = m.account_id
       left join agency holder on holder.id = a.agency_id
      where m.id = any($1::uuid[]) and m.queue_id = $6::uuid and ${workable('$2', '$3', { tenant: '$4', agencyId: '$5' })}
      order by m.expected_recovery desc, m.id desc
      limit 1
        for update of m skip locked),
   reserved as (
     update queue_membership as m set reserved_by_id = $7, reserved_until = $8, skipped_because = null
       from claimed where m.id = claimed.id
     returning m.account_id),
   period_closed as (
     update agent_status_period set ended_at = $2
      where agent_id = $7::uuid and ended_at is null and $12::boolean and exists (select 1 from reserved)),
   period_opened as (
     insert into agent_status_period (id, agent_id, status, started_at)
     select $13, $7, 'ON_CONTACT', $2 from reserved where $12::boolean),
   agent_after as (
     update agent set status = 'ON_CONTACT', status_since = $2
      where id = $7::uuid and $12::boolean and exists (select 1 from reserved)),
   events as (
     insert into domain_event (type, aggregate_type, aggregate_id, actor, payload, occurred_at, request_id)
     select e.type, e.aggregate_type, e.aggregate_id, $14, e.payload, $2, $17
       from reserved r
       cross join lateral (values
         (1, 'AgentStatusChanged', '${DOMAIN_EVENT_AGGREGATES.AgentStatusChanged}', $7::text, $15::jsonb),
         (2, 'AccountOffered', '${DOMAIN_EVENT_AGGREGATES.AccountOffered}', r.account_id::text, $16::jsonb))
         as e(position, type, aggregate_type, aggregate_id, payload)
      where e.position = 2 or $12::boolean
      order by e.position)
   select ${ACCOUNT_AND_DEBTOR_JSON}
     from reserved r
     join account a on a.id = r.account_id
     join debtor d on d.id = a.debtor_id`,
);
