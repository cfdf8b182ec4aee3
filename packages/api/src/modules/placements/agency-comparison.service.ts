import type { EntityManager } from '@mikro-orm/postgresql';
import {
  AGING_BUCKETS,
  BALANCE_BANDS,
  CONTACT_DISPOSITIONS,
  rate,
  recoveryRate,
  storedToMinor,
  type AgingBucket,
  type IsoDate,
} from '@recupera/shared';
import { runSql } from '../../core/database/sql.ts';
import { Money } from '../../core/graphql/money.type.ts';
import { Agency } from '../agencies/agency.entity.ts';
import { bucketCase } from '../kpi/live/recovery-figures.ts';
import type { AgencyComparison, AgencyComparisonRow } from './agency-statement.types.ts';
import { periodBounds } from './statement-period.ts';

interface GroupRow {
  team: string | null;
  bucket: string;
  band: string;
  accounts: number;
  balance: string;
  collected: string;
  attempts: number;
  contacts: number;
  kept: number;
  resolved: number;
}

/** The band of `column` (a balance in the operation's currency) as SQL, from the shared bands. */
function bandCase(column: string): string {
  const whens = BALANCE_BANDS.map((band) => {
    const conditions = [
      ...(band.min === null ? [] : [`${column} >= ${band.min}`]),
      ...(band.max === null ? [] : [`${column} < ${band.max}`]),
    ];
    return `when ${conditions.join(' and ')} then '${band.name}'`;
  });
  return `case ${whens.join(' ')} end`;
}

/**
 * Partner agencies side by side with the in-house team on comparable work (docs/agencies.md, "Comparing agencies").
 * Each team's cohort is the accounts it held when the period began (a partner: its placements active then; in-house:
 * every other account), in the operation's currency, with a balance then; accounts are compared within the same
 * bucket (at the period's first day) and balance band (of the balance then). Over the period, and only for what the
 * team itself did (the facts attributed to it): recovery rate = collected / balance at start; contact rate =
 * contacts / attempts; promises kept rate = kept / resolved, of the promises due in the period; collected per account.
 */
export async function compareAgencies(
  em: EntityManager,
  settings: { timeZone: string; currency: string },
  input: { from: IsoDate; to: IsoDate },
): Promise<AgencyComparison> {
  const { start, end } = periodBounds(input.from, input.to, settings.timeZone);
  const bucket = bucketCase(input.from, 'c.due_date');
  const contacts = CONTACT_DISPOSITIONS.map((name) => `'${name}'`).join(', ');
  const rows = await runSql<GroupRow>(
    em,
    `with start_holder as (
       select pl.account_id, pl.agency_id
         from placement pl join agency ag on ag.id = pl.agency_id and ag.partner
        where pl.placed_at <= ? and (pl.ended_at is null or pl.ended_at > ?)
     ),
     cohort as (
       select a.id, sh.agency_id as team, a.due_date,
              a.balance + coalesce((select sum(p.applied_amount) from payment p
                                     where p.account_id = a.id and p.created_at >= ?), 0) as balance_at_start
         from account a left join start_holder sh on sh.account_id = a.id
        where a.created_at < ? and a.currency = ? and a.status <> 'WRITTEN_OFF'
     ),
     held as (select * from cohort where balance_at_start > 0),
     tenant as (select id, case when partner then id end as team from agency),
     attempts as (
       select i.account_id, count(*)::int as attempts,
              (count(*) filter (where i.disposition in (${contacts})))::int as contacts
         from interaction i join held c on c.id = i.account_id left join tenant t on t.id = i.agency_id
        where i.started_at >= ? and i.started_at < ? and t.team is not distinct from c.team
        group by i.account_id
     ),
     collected as (
       select p.account_id, sum(p.amount) as total
         from payment p join held c on c.id = p.account_id left join tenant t on t.id = p.agency_id
        where p.paid_at >= ? and p.paid_at < ? and t.team is not distinct from c.team
        group by p.account_id
     ),
     outcomes as (
       select pr.account_id, (count(*) filter (where pr.status = 'KEPT'))::int as kept, count(*)::int as resolved
         from promise_to_pay pr join held c on c.id = pr.account_id left join tenant t on t.id = pr.agency_id
        where pr.due_date >= ?::date and pr.due_date <= ?::date
          and pr.status in ('KEPT', 'BROKEN', 'PARTIALLY_KEPT') and t.team is not distinct from c.team
        group by pr.account_id
     )
     select c.team, ${bucket.sql} as bucket, ${bandCase('c.balance_at_start')} as band, count(*)::int as accounts,
            sum(c.balance_at_start)::text as balance, coalesce(sum(col.total), 0)::text as collected,
            coalesce(sum(att.attempts), 0)::int as attempts, coalesce(sum(att.contacts), 0)::int as contacts,
            coalesce(sum(o.kept), 0)::int as kept, coalesce(sum(o.resolved), 0)::int as resolved
       from held c
       left join attempts att on att.account_id = c.id
       left join collected col on col.account_id = c.id
       left join outcomes o on o.account_id = c.id
      group by 1, 2, 3
      order by 1 nulls first, 2, 3`,
    [start, start, start, start, settings.currency, start, end, start, end, input.from, input.to, ...bucket.params],
  );
  const teamIds = [...new Set(rows.map((row) => row.team).filter((team): team is string => team !== null))];
  const agencies = new Map(
    (teamIds.length ? await em.find(Agency, { id: { $in: teamIds } }) : []).map((agency) => [agency.id, agency]),
  );
  interface Sums {
    accounts: number;
    balanceMinor: bigint;
    collectedMinor: bigint;
    attempts: number;
    contacts: number;
    kept: number;
    resolved: number;
  }
  const sumsOf = (row: GroupRow): Sums => ({
    accounts: row.accounts,
    balanceMinor: storedToMinor(row.balance, settings.currency),
    collectedMinor: storedToMinor(row.collected, settings.currency),
    attempts: row.attempts,
    contacts: row.contacts,
    kept: row.kept,
    resolved: row.resolved,
  });
  const figures = (team: string | null, sums: Sums, bucketName: string | null, band: string | null) => {
    const result: AgencyComparisonRow = {
      agency: team === null ? null : (agencies.get(team) ?? null),
      inHouse: team === null,
      bucket: bucketName,
      balanceBand: band,
      accounts: sums.accounts,
      balanceAtStart: Money.fromMinor(sums.balanceMinor, settings.currency),
      collected: Money.fromMinor(sums.collectedMinor, settings.currency),
      // Truncated to the minor unit: a per-account average, not money anyone is owed.
      collectedPerAccount: Money.fromMinor(
        sums.accounts > 0 ? sums.collectedMinor / BigInt(sums.accounts) : 0n,
        settings.currency,
      ),
      recoveryRate: recoveryRate(sums.collectedMinor, sums.balanceMinor),
      attempts: sums.attempts,
      contactRate: rate(sums.contacts, sums.attempts),
      promisesKeptRate: rate(sums.kept, sums.resolved),
    };
    return result;
  };
  // A team whose agency the caller cannot see (never for a manager) is left out rather than shown unnamed. Side by
  // side: bucket by bucket, band by band, the in-house team first and the partners by name within each.
  const rank = (row: GroupRow) => [
    AGING_BUCKETS.indexOf(row.bucket as AgingBucket),
    BALANCE_BANDS.findIndex((band) => band.name === row.band),
  ];
  const visible = rows
    .filter((row) => row.team === null || agencies.has(row.team))
    .sort((a, b) => {
      const [bucketA, bandA] = rank(a);
      const [bucketB, bandB] = rank(b);
      const name = (row: GroupRow) => (row.team === null ? '' : agencies.get(row.team)!.name);
      return bucketA! - bucketB! || bandA! - bandB! || name(a).localeCompare(name(b));
    });
  const totals = new Map<string | null, Sums>();
  for (const row of visible) {
    const add = sumsOf(row);
    const sum = totals.get(row.team);
    totals.set(
      row.team,
      sum
        ? {
            accounts: sum.accounts + add.accounts,
            balanceMinor: sum.balanceMinor + add.balanceMinor,
            collectedMinor: sum.collectedMinor + add.collectedMinor,
            attempts: sum.attempts + add.attempts,
            contacts: sum.contacts + add.contacts,
            kept: sum.kept + add.kept,
            resolved: sum.resolved + add.resolved,
          }
        : add,
    );
  }
  return {
    from: input.from,
    to: input.to,
    currency: settings.currency,
    rows: visible.map((row) => figures(row.team, sumsOf(row), row.bucket, row.band)),
    totals: [...totals.entries()].map(([team, sum]) => figures(team, sum, null, null)),
  };
}
