import { AGING_BUCKETS, BUCKET_DPD_BOUNDS, CONTACT_DISPOSITIONS } from '@recupera/shared';

/**
 * The definitions behind every analytics figure, as SQL over an interaction `i`, its account `a` and debtor `d`,
 * and the pre-aggregated tables they are summed into. The projector (one batch of events) and the build (every stored
 * fact) both generate their statements from these, so an incremental figure and a recomputed one cannot drift apart.
 * docs/analytics.md.
 */

/** The tail of the intensity curve: attempt numbers from this one on are counted together ("20th and later"). */
export const INTENSITY_CAP = 20;

const quoted = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

/** The attempt reached a person (docs/design.md "contacts"). */
export const IS_CONTACT = `i.disposition in (${quoted(CONTACT_DISPOSITIONS)})`;
/** The attempt reached the debtor: a contact other than a third party. */
export const IS_RPC = `(${IS_CONTACT} and i.disposition <> 'THIRD_PARTY')`;
export const IS_PROMISE = `i.disposition = 'PROMISE_TO_PAY'`;

/** The aging bucket of an account due on `dueDate` on the date expression `date` (shared `bucketOf`). */
export function bucketSql(date: string, dueDate = 'a.due_date'): string {
  const dpd = `(${date} - ${dueDate})`;
  const arms = AGING_BUCKETS.filter((bucket) => BUCKET_DPD_BOUNDS[bucket].max !== null).map(
    (bucket) => `when ${dpd} <= ${BUCKET_DPD_BOUNDS[bucket].max} then '${bucket}'`,
  );
  return `(case ${arms.join(' ')} else 'D121_PLUS' end)`;
}

/** What a fact can be keyed by. */
export type FactKey =
  | 'business_date'
  | 'campaign_id'
  | 'variant'
  | 'agency_id'
  | 'bucket'
  | 'channel'
  | 'weekday'
  | 'hour'
  | 'currency'
  | 'attempt_number';

/** One pre-aggregated table: its key, and whether it keeps accounts reached and money collected. */
export interface Rollup {
  table: string;
  keys: readonly FactKey[];
  accountsReached: boolean;
  collected: boolean;
  /** Built by summing this finer table (the build), instead of from the facts. */
  from?: string;
}

const heatKeys = ['weekday', 'hour', 'currency'] as const;

/** The heat map with a campaign filter. */
export const CONTACT_CELLS: Rollup = {
  table: 'analytics_contact_cell',
  keys: ['business_date', 'campaign_id', 'agency_id', 'bucket', 'channel', ...heatKeys],
  accountsReached: false,
  collected: true,
};
/** The heat map by bucket, without a campaign filter. */
export const HEAT_SEGMENTS: Rollup = {
  table: 'analytics_heat_segment',
  // Bucket first: its unique index then also serves a bucket filter over a date range.
  keys: ['bucket', 'business_date', 'agency_id', 'channel', ...heatKeys],
  accountsReached: false,
  collected: true,
  from: CONTACT_CELLS.table,
};
/** The heat map without a campaign or bucket filter: the smallest. */
export const HEAT_DAYS: Rollup = {
  table: 'analytics_heat_day',
  keys: ['business_date', 'agency_id', 'channel', ...heatKeys],
  accountsReached: false,
  collected: true,
  from: HEAT_SEGMENTS.table,
};
/** Campaigns and their variants by day: champion / challenger and scripts. */
export const ARM_DAYS: Rollup = {
  table: 'analytics_arm_day',
  keys: ['business_date', 'campaign_id', 'variant', 'agency_id', 'bucket', 'channel', 'currency'],
  accountsReached: true,
  collected: true,
};
/** Intensity with a campaign filter. */
export const INTENSITY_CELLS: Rollup = {
  table: 'analytics_intensity_cell',
  keys: ['business_date', 'campaign_id', 'agency_id', 'bucket', 'channel', 'attempt_number'],
  accountsReached: false,
  collected: false,
};
/** Intensity without a campaign filter. */
export const INTENSITY_DAYS: Rollup = {
  table: 'analytics_intensity_day',
  keys: ['business_date', 'agency_id', 'bucket', 'channel', 'attempt_number'],
  accountsReached: false,
  collected: false,
  from: INTENSITY_CELLS.table,
};

/** Every table, finer ones before the ones summed from them. */
export const ROLLUPS: readonly Rollup[] = [
  CONTACT_CELLS,
  HEAT_SEGMENTS,
  HEAT_DAYS,
  ARM_DAYS,
  INTENSITY_CELLS,
  INTENSITY_DAYS,
];

const COUNTS = ['attempts', 'contacts', 'right_party_contacts', 'promises'] as const;

function measuresOf(rollup: Rollup): string[] {
  return [
    ...COUNTS,
    ...(rollup.accountsReached ? ['accounts_reached'] : []),
    ...(rollup.collected ? ['collected'] : []),
  ];
}

function onConflict(rollup: Rollup, measures: readonly string[]): string {
  return `on conflict (${rollup.keys.join(', ')}) do update set ${measures
    .map((measure) => `${measure} = ${rollup.table}.${measure} + excluded.${measure}`)
    .join(', ')}`;
}

/**
 * The `raw_facts` and `facts` CTEs: one row per interaction of `source` (a FROM clause over `i`, `a`, `d`) that
 * passes `where`, with its keys. One `?`: the operation's time zone. The attempt number and "first attempt in its campaign and variant" are
 * passed in, since the projector counts earlier rows while the build numbers them with window functions.
 */
export function factsCte(
  source: string,
  where: string,
  attemptNumber: string,
  firstInArm: string,
  collected = '0',
): string {
  return `raw_facts as materialized (
      select (i.started_at at time zone ?)::date as business_date,
             i.campaign_id, i.variant, i.agency_id, i.channel, a.currency, a.due_date,
             extract(isodow from l.local_time)::smallint as weekday, extract(hour from l.local_time)::smallint as hour,
             least(${attemptNumber}, ${INTENSITY_CAP})::smallint as attempt_number,
             (${firstInArm})::int as first_in_arm,
             (${IS_CONTACT})::int as contact, (${IS_RPC})::int as rpc, (${IS_PROMISE})::int as promise,
             (${collected})::numeric as collected
        ${source}
        -- The debtor's local time, DST included (PostgreSQL's time-zone rules), computed once per row.
        cross join lateral (select i.started_at at time zone d.time_zone as local_time) l
       ${where}),
    facts as (select r.*, ${bucketSql('r.business_date', 'r.due_date')} as bucket from raw_facts r)`;
}

const SUMS: Record<string, string> = {
  attempts: 'count(*)',
  contacts: 'sum(f.contact)',
  right_party_contacts: 'sum(f.rpc)',
  promises: 'sum(f.promise)',
  accounts_reached: 'sum(f.first_in_arm)',
  collected: 'sum(f.collected)',
};

/**
 * The upsert of `rollup` from the `facts` CTE, each measure times `sign`; with `into: 'empty'` (the build) a plain
 * insert, several times faster than resolving conflicts that cannot happen.
 */
export function factsUpsert(rollup: Rollup, sign: 1 | -1, into: 'existing' | 'empty' = 'existing'): string {
  const measures =
    into === 'empty' ? measuresOf(rollup) : [...COUNTS, ...(rollup.accountsReached ? ['accounts_reached'] : [])];
  return `insert into ${rollup.table} (${rollup.keys.join(', ')}, ${measures.join(', ')})
    select ${rollup.keys.map((key) => `f.${key}`).join(', ')}, ${measures.map((measure) => `${sign} * ${SUMS[measure]}`).join(', ')}
      from facts f group by ${rollup.keys.map((_, n) => n + 1).join(', ')}
    ${into === 'empty' ? '' : onConflict(rollup, measures)}`;
}

/**
 * The `keyed_money` CTE: money counted towards promises, keyed by the attempt that obtained each promise, from a
 * `money` CTE of (interaction_id, amount) rows. One `?`: the operation's time zone.
 */
export const KEYED_MONEY = `keyed_money as (
    select k.*, ${bucketSql('k.business_date', 'k.due_date')} as bucket
      from (select (i.started_at at time zone ?)::date as business_date, i.campaign_id, i.variant, i.agency_id,
                   a.due_date, i.channel, a.currency, m.amount,
                   extract(isodow from i.started_at at time zone d.time_zone)::smallint as weekday,
                   extract(hour from i.started_at at time zone d.time_zone)::smallint as hour
              from money m
              join interaction i on i.id = m.interaction_id
              join account a on a.id = i.account_id
              join debtor d on d.id = a.debtor_id) k)`;

/** The upsert of the money of `keyed_money` into `rollup`, times `sign`. */
export function moneyUpsert(rollup: Rollup, sign: 1 | -1): string {
  return `insert into ${rollup.table} (${rollup.keys.join(', ')}, collected)
    select ${rollup.keys.map((key) => `k.${key}`).join(', ')}, ${sign} * sum(k.amount)
      from keyed_money k group by ${rollup.keys.map((_, n) => n + 1).join(', ')}
    ${onConflict(rollup, ['collected'])}`;
}

/** The build of a coarser table by summing the finer one it is declared `from`. */
export function rollupFromFiner(rollup: Rollup): string {
  const measures = measuresOf(rollup);
  return `insert into ${rollup.table} (${rollup.keys.join(', ')}, ${measures.join(', ')})
    select ${rollup.keys.join(', ')}, ${measures.map((measure) => `sum(${measure})`).join(', ')}
      from ${rollup.from} group by ${rollup.keys.map((_, n) => n + 1).join(', ')}`;
}

/** Several data-modifying statements as one: CTEs named step_n, the last one plain. */
export function chained(ctes: readonly string[], statements: readonly string[]): string {
  const steps = statements.slice(0, -1).map((statement, n) => `step_${n} as (${statement})`);
  return `with ${[...ctes, ...steps].join(',\n')}\n${statements.at(-1)}`;
}
