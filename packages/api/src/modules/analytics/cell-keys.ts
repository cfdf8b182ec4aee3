import { AGING_BUCKETS, BUCKET_DPD_BOUNDS, CONTACT_DISPOSITIONS } from '@recupera/shared';

/**
 * The definitions behind every analytics figure, as SQL over an interaction `i`, its account `a` and debtor `d`.
 * The projector (one batch of events) and the rebuild (every stored fact) both build their statements from these
 * fragments, so an incremental figure and a recomputed one cannot drift apart. docs/analytics.md.
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

/** The operation's business date of the attempt: `?` is the operation's time zone. */
export const BUSINESS_DATE = `(i.started_at at time zone ?)::date`;
/** The debtor's local ISO weekday and hour at the attempt's start (PostgreSQL's time-zone rules: DST included). */
export const LOCAL_WEEKDAY = `extract(isodow from i.started_at at time zone d.time_zone)::smallint`;
export const LOCAL_HOUR = `extract(hour from i.started_at at time zone d.time_zone)::smallint`;

/** The key columns of a contact cell, in table order. */
export const CONTACT_KEY_COLUMNS = [
  'business_date',
  'campaign_id',
  'variant',
  'agency_id',
  'bucket',
  'channel',
  'weekday',
  'hour',
  'currency',
] as const;

export const INTENSITY_KEY_COLUMNS = [
  'business_date',
  'campaign_id',
  'agency_id',
  'bucket',
  'channel',
  'attempt_number',
] as const;

/**
 * The select list that turns joined `i`, `a`, `d` rows into keyed facts (one `?`: the operation's time zone). The
 * attempt number and "first attempt in its campaign and variant" are passed in, since the projector counts
 * earlier rows while the rebuild numbers them with window functions.
 */
export function factColumns(attemptNumber: string, firstInArm: string): string {
  return `${BUSINESS_DATE} as business_date,
          i.campaign_id, i.variant, i.agency_id, i.channel, a.currency,
          ${LOCAL_WEEKDAY} as weekday, ${LOCAL_HOUR} as hour,
          a.due_date,
          least(${attemptNumber}, ${INTENSITY_CAP})::smallint as attempt_number,
          (${firstInArm})::int as first_in_arm,
          (${IS_CONTACT})::int as contact, (${IS_RPC})::int as rpc, (${IS_PROMISE})::int as promise`;
}

/** Both keyed-fact tables' upserts over a `facts` CTE of {@link factColumns} rows, each count times `sign`. */
export function upsertFactsSql(sign: 1 | -1): { contact: string; intensity: string } {
  const bucket = bucketSql('f.business_date', 'f.due_date');
  const contact = `
    insert into analytics_contact_cell
      (${CONTACT_KEY_COLUMNS.join(', ')}, attempts, contacts, right_party_contacts, promises, accounts_reached)
    select f.business_date, f.campaign_id, f.variant, f.agency_id, ${bucket}, f.channel, f.weekday, f.hour, f.currency,
           ${sign} * count(*), ${sign} * sum(f.contact), ${sign} * sum(f.rpc), ${sign} * sum(f.promise),
           ${sign} * sum(f.first_in_arm)
      from facts f
     group by 1, 2, 3, 4, 5, 6, 7, 8, 9
    on conflict (${CONTACT_KEY_COLUMNS.join(', ')}) do update set
      attempts = analytics_contact_cell.attempts + excluded.attempts,
      contacts = analytics_contact_cell.contacts + excluded.contacts,
      right_party_contacts = analytics_contact_cell.right_party_contacts + excluded.right_party_contacts,
      promises = analytics_contact_cell.promises + excluded.promises,
      accounts_reached = analytics_contact_cell.accounts_reached + excluded.accounts_reached`;
  const intensity = `
    insert into analytics_intensity_cell
      (${INTENSITY_KEY_COLUMNS.join(', ')}, attempts, contacts, right_party_contacts, promises)
    select f.business_date, f.campaign_id, f.agency_id, ${bucket}, f.channel, f.attempt_number,
           ${sign} * count(*), ${sign} * sum(f.contact), ${sign} * sum(f.rpc), ${sign} * sum(f.promise)
      from facts f
     group by 1, 2, 3, 4, 5, 6
    on conflict (${INTENSITY_KEY_COLUMNS.join(', ')}) do update set
      attempts = analytics_intensity_cell.attempts + excluded.attempts,
      contacts = analytics_intensity_cell.contacts + excluded.contacts,
      right_party_contacts = analytics_intensity_cell.right_party_contacts + excluded.right_party_contacts,
      promises = analytics_intensity_cell.promises + excluded.promises`;
  return { contact, intensity };
}

/**
 * The key columns of the attempt that obtained a promise, for money collected on it: over `money` (interaction_id,
 * amount) rows joined to `i`, `a`, `d` (one `?`: the operation's time zone).
 */
export const MONEY_KEY_COLUMNS = `${BUSINESS_DATE} as business_date, i.campaign_id, i.variant, i.agency_id, a.due_date,
          i.channel, ${LOCAL_WEEKDAY} as weekday, ${LOCAL_HOUR} as hour, a.currency, m.amount`;

/** Adds the money of a `keyed_money` CTE ({@link MONEY_KEY_COLUMNS} rows) to its cells, times `sign`. */
export function upsertCollectedSql(sign: 1 | -1): string {
  return `
    insert into analytics_contact_cell (${CONTACT_KEY_COLUMNS.join(', ')}, collected)
    select k.business_date, k.campaign_id, k.variant, k.agency_id, ${bucketSql('k.business_date', 'k.due_date')},
           k.channel, k.weekday, k.hour, k.currency, ${sign} * sum(k.amount)
      from keyed_money k
     group by 1, 2, 3, 4, 5, 6, 7, 8, 9
    on conflict (${CONTACT_KEY_COLUMNS.join(', ')}) do update set
      collected = analytics_contact_cell.collected + excluded.collected`;
}
