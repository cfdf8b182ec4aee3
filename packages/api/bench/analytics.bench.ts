/**
 * Strategy analytics on a year of history: BENCH_ACCOUNTS accounts (1,000,000) with BENCH_ATTEMPTS_PER_ACCOUNT
 * attempts each (30: ≈ 30 million interactions), their promises and payments, generated set-based into a database
 * of its own (`recupera_bench_analytics_<accounts>`, kept between runs). It times the from-scratch build, one
 * projector batch, then each analytics query through the API on random 90-day ranges and filters (p50 / p95 / max),
 * with a baseline measured in the same run: the heat map computed straight from the interaction table.
 * Usage: pnpm --filter @recupera/api bench:analytics
 */
import pg from 'pg';
import type { PublishedEvent } from '@recupera/shared';
import { createApp } from '../src/app/create-app.ts';
import { openOrm } from '../src/app/database.ts';
import { loadConfig } from '../src/core/config.ts';
import { databaseUrl } from '../src/core/database/admin.ts';
import { migrate, systemEm, type Orm } from '../src/core/database/orm.ts';
import { runSql } from '../src/core/database/sql.ts';
import { buildAnalytics } from '../src/modules/analytics/analytics-build.ts';
import { applyEvents } from '../src/modules/analytics/analytics.projector.ts';
import { refreshRollAccounts } from '../src/modules/analytics/roll-summary.ts';
import { ADMIN_KEY, benchClock, percentile, post, serverUrl, writeResults } from './support.ts';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 1_000_000);
const PER_ACCOUNT = Number(process.env.BENCH_ATTEMPTS_PER_ACCOUNT ?? 30);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
/** BENCH_QUERIES=rollRates,liquidationRates measures only those (with BENCH_SKIP_BUILD: re-measure a few quickly). */
const ONLY = process.env.BENCH_QUERIES?.split(',');
const database = `recupera_bench_analytics_${ACCOUNTS}`;
const url = databaseUrl(serverUrl, database);
/** The year of history ends on the bench's business date, 2026-11-24. */
const FIRST_DAY = '2025-11-25';
const DAYS = 365;
const CHUNK = 50_000;

const CAMPAIGNS = [
  // [channel, in-house?, challenger?]
  ['CALL', true, true],
  ['CALL', true, true],
  ['CALL', true, false],
  ['SMS', true, true],
  ['SMS', true, false],
  ['WHATSAPP', true, false],
  ['WHATSAPP', true, true],
  ['EMAIL', true, false],
  ['CALL', true, false],
  ['CALL', false, true],
  ['WHATSAPP', false, false],
  ['CALL', false, false],
] as const;

async function ensureDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_database where datname = $1', [database]);
  if (exists.rowCount === 0) await admin.query(`create database "${database}"`);
  await admin.end();
}

async function timed<T>(label: string, work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  const ms = Math.round(performance.now() - started);
  console.log(`${label}: ${(ms / 1000).toFixed(1)} s`);
  return { value, ms };
}

/** A UUIDv7 from an instant and a seed, so generated ids keep recording order like the API's. */
const UUID_V7 = (instant: string, seed: string) =>
  `(lpad(to_hex((extract(epoch from ${instant}) * 1000)::bigint), 12, '0') || '7' || substr(md5(${seed}), 1, 3)
     || '8' || substr(md5(${seed}), 4, 15))::uuid`;

/** Fills the database with the year of history, set-based; returns what it generated (skipped when present). */
async function generate(): Promise<{ generatedMs: number | null; interactions: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const existing = await client.query<{ n: string }>('select count(*)::text as n from account');
    if (Number(existing.rows[0]!.n) === ACCOUNTS) {
      const interactions = await client.query<{ n: string }>(
        `select reltuples::bigint::text as n from pg_class where relname = 'interaction'`,
      );
      return { generatedMs: null, interactions: Number(interactions.rows[0]!.n) };
    }
    if (Number(existing.rows[0]!.n) > 0) throw new Error(`${database} is partly filled; drop it and run again`);
    const started = performance.now();
    await client.query(`select setseed(0.2026)`);
    await client.query(`insert into creditor (id, name) values ('00000000-0000-7000-8000-000000000001', 'Bench')`);
    await client.query(
      `insert into portfolio (id, creditor_id, name)
       values ('00000000-0000-7000-8000-000000000002', '00000000-0000-7000-8000-000000000001', 'Bench')`,
    );
    await client.query(
      `insert into agency (id, code, name, partner)
       select md5('agency' || g)::uuid, 'AG' || g, 'Agency ' || g, g > 0 from generate_series(0, 3) g`,
    );
    for (const [index, [channel, inHouse, challenger]] of CAMPAIGNS.entries()) {
      await client.query(
        `insert into campaign (id, name, status, channel, filter, agency_id, script, challenger, started_at)
         values (md5('campaign' || $1::int)::uuid, 'Campaign ' || $1::int, 'RUNNING', $2, '{}', md5($3)::uuid,
                 'Script ' || ($1::int % 4),
                 $4::jsonb, '2025-11-25T13:00:00Z')`,
        [
          index,
          channel,
          inHouse ? null : `agency${1 + (index % 3)}`,
          challenger ? JSON.stringify({ name: 'Challenger', share: 0.2, script: `Script B${index % 2}` }) : null,
        ],
      );
    }
    await client.query(
      `insert into debtor (id, creditor_id, name, document_id, phones, emails, time_zone)
       select md5('debtor' || g)::uuid, '00000000-0000-7000-8000-000000000001', 'Debtor ' || g, 'D' || g,
              '{}', '{}', (array['America/Lima','America/Lima','America/Lima','America/Lima','America/Lima',
                                 'America/Lima','America/Lima','Europe/Madrid','America/New_York','America/New_York'])[1 + (g % 10)::int]
         from generate_series(1::bigint, ${ACCOUNTS}) g`,
    );
    // Every fifth account is placed with one of the three partner agencies.
    await client.query(
      `insert into account (id, creditor_id, portfolio_id, debtor_id, external_ref, original_amount, balance, currency,
                            due_date, status, agency_id, created_at)
       select md5('account' || g)::uuid, '00000000-0000-7000-8000-000000000001', '00000000-0000-7000-8000-000000000002',
              md5('debtor' || g)::uuid, 'B' || g, 100 + (g * 37) % 5000, 100 + (g * 31) % 5000,
              (array['PEN','PEN','PEN','PEN','PEN','PEN','PEN','EUR','USD','USD'])[1 + (g % 10)::int],
              date '2026-12-20' - ((g * 7919) % 720)::int, 'ACTIVE',
              case when g % 5 = 0 then md5('agency' || (1 + g % 3))::uuid end, '2025-11-01T12:00:00Z'
         from generate_series(1::bigint, ${ACCOUNTS}) g`,
    );
    // Interactions: loaded without their secondary indexes, which are rebuilt once at the end.
    const indexes = await client.query<{ indexdef: string; indexname: string }>(
      `select indexname, indexdef from pg_indexes where tablename = 'interaction' and indexname <> 'interaction_pkey'`,
    );
    for (const index of indexes.rows) await client.query(`drop index "${index.indexname}"`);
    for (let first = 1; first <= ACCOUNTS; first += CHUNK) {
      const last = Math.min(ACCOUNTS, first + CHUNK - 1);
      await client.query(
        `insert into interaction (id, account_id, channel, disposition, started_at, variant, campaign_id, agency_id, created_at)
         select ${UUID_V7('x.started_at', `x.g || '-' || x.k`)}, x.account_id, x.channel,
                case when x.channel = 'CALL' then
                       case when x.r < 0.45 then 'NO_ANSWER' when x.r < 0.55 then 'BUSY' when x.r < 0.64 then 'VOICEMAIL'
                            when x.r < 0.70 then 'THIRD_PARTY' when x.r < 0.78 then 'REFUSED_TO_PAY'
                            when x.r < 0.80 + x.lift then 'PROMISE_TO_PAY' when x.r < 0.90 then 'CALLBACK_REQUESTED'
                            when x.r < 0.95 then 'ALREADY_PAID' else 'DISPUTE' end
                     else case when x.r < 0.70 then 'MESSAGE_SENT' when x.r < 0.84 then 'MESSAGE_REPLIED'
                               when x.r < 0.88 + x.lift then 'PROMISE_TO_PAY' else 'REFUSED_TO_PAY' end end,
                x.started_at, x.variant, x.campaign_id, x.agency_id, x.started_at
           from (
             select g, k, md5('account' || g)::uuid as account_id, random() as r,
                    timestamptz '${FIRST_DAY}T13:00:00Z' + (floor(random() * ${DAYS}) || ' days')::interval
                      + (floor(random() * 780) || ' minutes')::interval as started_at,
                    c.channel_pick as channel, c.campaign_id, c.variant, c.lift,
                    case when g % 5 = 0 then md5('agency' || (1 + g % 3))::uuid end as agency_id
               from generate_series(${first}::bigint, ${last}) g
               cross join generate_series(1, ${PER_ACCOUNT}) k
               cross join lateral (
                 select md5('campaign' || ci)::uuid as campaign_id,
                        case when random() < 0.85 then (array[${CAMPAIGNS.map(([channel]) => `'${channel}'`).join(',')}])[ci + 1]
                             else (array['CALL','SMS','WHATSAPP','EMAIL'])[1 + floor(random() * 4)::int] end as channel_pick,
                        case when (array[${CAMPAIGNS.map(([, , challenger]) => String(challenger)).join(',')}])[ci + 1]
                                  and g % 10 < 2 then 'CHALLENGER' else 'CHAMPION' end as variant,
                        case when g % 10 < 2 then 0.01 else 0 end as lift
                   from (select (case when g % 5 = 0 then 9 + g % 3 else g % 9 end)::int as ci) as pick) as c) as x`,
      );
      process.stderr.write(`interactions of ${last}/${ACCOUNTS} accounts\n`);
    }
    for (const index of indexes.rows) await client.query(index.indexdef);
    await client.query(
      `insert into promise_to_pay (id, account_id, interaction_id, amount, currency, due_date, status, paid_amount,
                                   created_at, campaign_id, agency_id, resolved_at)
       select md5('promise' || i.id)::uuid, i.account_id, i.id, p.amount, a.currency, (i.started_at + interval '7 days')::date,
              case when p.share = 1 then 'KEPT' when p.share > 0 then 'PARTIALLY_KEPT' else 'BROKEN' end,
              round(p.amount * p.share, 2), i.started_at, i.campaign_id, i.agency_id, i.started_at + interval '10 days'
         from interaction i
         join account a on a.id = i.account_id
         -- Drawn per promise: a volatile select list is evaluated per row (an uncorrelated lateral subquery is
         -- evaluated once, which gave every promise the same amount and outcome).
         join (select id, (20 + floor(random() * 300))::numeric as amount,
                      (array[0, 0, 0.5, 1, 1]::numeric[])[1 + floor(random() * 5)::int] as share
                 from interaction where disposition = 'PROMISE_TO_PAY') p on p.id = i.id
        where i.disposition = 'PROMISE_TO_PAY'`,
    );
    await client.query(
      `insert into payment (id, account_id, amount, currency, paid_at, reference, applied_amount, created_at, campaign_id,
                            agency_id, idempotency_scope)
       select md5('payment' || p.id)::uuid, p.account_id, p.paid_amount, p.currency, p.created_at + interval '3 days',
              'B-' || p.id, p.paid_amount, p.created_at + interval '3 days', p.campaign_id, p.agency_id,
              coalesce(p.agency_id::text, 'in-house') || '|'
         from promise_to_pay p where p.paid_amount > 0`,
    );
    await client.query(`update account a set status = 'PAID', balance = 0 where a.id in (
                          select account_id from payment group by account_id having count(*) >= 3)`);
    await client.query('vacuum analyze');
    const interactions = await client.query<{ n: string }>('select count(*)::text as n from interaction');
    return { generatedMs: Math.round(performance.now() - started), interactions: Number(interactions.rows[0]!.n) };
  } finally {
    await client.end();
  }
}

/** One projector batch of `size` recorded attempts, applied and rolled back. */
async function projectorBatch(orm: Orm, size: number): Promise<number> {
  const em = systemEm(orm);
  const ids = await runSql<{ id: string }>(em, `select id from interaction tablesample system (0.01) limit ?`, [size]);
  const events = ids.map(
    (row, n) => ({ id: String(n), type: 'InteractionRecorded', aggregateId: row.id, payload: {} }) as PublishedEvent,
  );
  const started = performance.now();
  await em
    .transactional(async (tx) => {
      await applyEvents(tx, events, 1, 'America/Lima');
      throw new Error('rollback');
    })
    .catch((error: unknown) => {
      if (!(error instanceof Error) || error.message !== 'rollback') throw error;
    });
  return Math.round(performance.now() - started);
}

/** The roll summary's share of a projector batch: `size` accounts with payments counted anew, rolled back. */
async function rollProjectorBatch(orm: Orm, size: number): Promise<number> {
  const em = systemEm(orm);
  const ids = await runSql<{ id: string }>(
    em,
    `select distinct account_id as id from payment tablesample system (0.5) limit ?`,
    [size],
  );
  const started = performance.now();
  await em
    .transactional(async (tx) => {
      await refreshRollAccounts(
        tx,
        ids.map((row) => row.id),
        'America/Lima',
      );
      throw new Error('rollback');
    })
    .catch((error: unknown) => {
      if (!(error instanceof Error) || error.message !== 'rollback') throw error;
    });
  return Math.round(performance.now() - started);
}

/** Rows of the roll summary's tables, and the accounts computed one by one (irregular). */
async function rollSummarySize(orm: Orm): Promise<Record<string, number>> {
  const [row] = await runSql<Record<string, string>>(
    systemEm(orm),
    `select (select count(*) from analytics_roll_cohort)::text as cohorts,
            (select count(*) from analytics_roll_payment_day)::text as payment_days,
            (select count(*) from analytics_roll_payment_month)::text as payment_months,
            (select count(*) from analytics_roll_account where irregular)::text as irregular_accounts`,
  );
  return Object.fromEntries(Object.entries(row!).map(([key, value]) => [key, Number(value)]));
}

const random = (() => {
  let state = 20261124;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
})();
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

function ninetyDays(): { from: string; to: string } {
  const start = Date.parse(`${FIRST_DAY}T00:00:00Z`) + Math.floor(random() * (DAYS - 90)) * 86_400_000;
  return {
    from: new Date(start).toISOString().slice(0, 10),
    to: new Date(start + 89 * 86_400_000).toISOString().slice(0, 10),
  };
}

async function main(): Promise<void> {
  await ensureDatabase();
  const orm = await openOrm({ url, poolMax: 4 });
  await migrate(orm);
  const generated = await generate();
  console.log(`history: ${ACCOUNTS} accounts, ${generated.interactions} interactions`);
  if (process.env.BENCH_GENERATE_ONLY) {
    await orm.close(true);
    return;
  }
  // BENCH_SKIP_BUILD=1 measures the queries on the tables a previous run built (the build alone takes minutes).
  const build = process.env.BENCH_SKIP_BUILD
    ? { value: null, ms: null }
    : await timed('analytics build from the stored facts', () => buildAnalytics(orm, 'America/Lima'));
  await runSql(systemEm(orm), 'vacuum analyze analytics_contact_cell, analytics_intensity_cell');
  const batch = [];
  for (let n = 0; n < 5; n += 1) batch.push(await projectorBatch(orm, 500));
  const rollBatch = [];
  for (let n = 0; n < 5; n += 1) rollBatch.push(await rollProjectorBatch(orm, 500));
  console.log(
    `projector batch of 500 attempts: ${batch.join(', ')} ms; roll summary of 500 accounts: ${rollBatch.join(', ')} ms`,
  );
  const rollSize = await rollSummarySize(orm);
  console.log(`roll summary: ${JSON.stringify(rollSize)}`);
  const ids = await runSql<{ id: string }>(systemEm(orm), `select id from campaign order by name`);
  const agencies = await runSql<{ id: string }>(systemEm(orm), `select id from agency where partner order by code`);
  await orm.close(true);

  const clock = benchClock();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    ADMIN_API_KEY: ADMIN_KEY,
    DB_POOL_MAX: '4',
    LOG_LEVEL: 'warn',
  });
  const app = await createApp({ config, databaseUrl: url, clock, recurringJobs: false });
  const server = app.server;
  try {
    const created = await post<{ createApiKey: { key: string } }>(
      server,
      'mutation ($agencyId: ID) { createApiKey(role: AGENCY, agencyId: $agencyId) { key } }',
      { agencyId: agencies[0]!.id },
      ADMIN_KEY,
    );
    const agencyKey = created.createApiKey.key;
    const filters = () => {
      const period = ninetyDays();
      return pick([
        period,
        { ...period, campaignId: pick(ids).id },
        { ...period, agencyId: pick(agencies).id },
        { ...period, channels: ['CALL'], buckets: ['D1_30', 'D31_60'] },
      ]);
    };
    const HEAT = `query ($filter: AnalyticsFilter!) { contactHeatmap(filter: $filter) {
      channel weekday hour attempts rpcRate collected { amount currency } collectedPerAttempt { amount currency } } }`;
    const queries: Record<string, () => { query: string; variables: Record<string, unknown>; key?: string }> = {
      contactHeatmap: () => ({ query: HEAT, variables: { filter: filters() } }),
      'contactHeatmap (agency key)': () => ({ query: HEAT, variables: { filter: ninetyDays() }, key: agencyKey }),
      bestHours: () => ({
        query: `query ($filter: AnalyticsFilter!) { bestHours(filter: $filter) { channel weekday hour rpcRate } }`,
        variables: { filter: filters() },
      }),
      attemptIntensity: () => ({
        query: `query ($filter: AnalyticsFilter!) { attemptIntensity(filter: $filter) { attemptNumber attempts promiseRate } }`,
        variables: { filter: filters() },
      }),
      championChallenger: () => ({
        query: `query ($id: ID!) { championChallenger(campaignId: $id) {
          champion { attempts promiseRate } challenger { attempts promiseRate } difference statement } }`,
        variables: { id: pick(ids).id },
      }),
      scriptEffectiveness: () => ({
        query: `query ($filter: AnalyticsFilter!) { scriptEffectiveness(filter: $filter) { script attempts promiseRate } }`,
        variables: { filter: filters() },
      }),
      rollRates: () => ({
        query: `query ($from: Date!, $to: Date!, $agencyId: ID) { rollRates(from: $from, to: $to, agencyId: $agencyId) {
          fromBucket toBucket accounts accountShare balanceShare } }`,
        variables: { ...ninetyDays(), agencyId: random() < 0.25 ? pick(agencies).id : null },
      }),
      liquidationRates: () => ({
        query: `query ($from: Date!, $to: Date!) { liquidationRates(from: $from, to: $to) {
          bucket rate collected { amount currency } } }`,
        variables: ninetyDays(),
      }),
    };
    const results: Record<string, { p50: number; p95: number; max: number; runs: number }> = {};
    for (const [name, make] of Object.entries(queries)) {
      if (ONLY && !ONLY.includes(name)) continue;
      const times: number[] = [];
      for (let run = -2; run < RUNS; run += 1) {
        const { query, variables, key } = make();
        const started = performance.now();
        await post(server, query, variables, key ?? ADMIN_KEY);
        if (run >= 0) times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      results[name] = {
        p50: Math.round(percentile(times, 50)),
        p95: Math.round(percentile(times, 95)),
        max: Math.round(times.at(-1)!),
        runs: RUNS,
      };
      console.log(
        `${name.padEnd(28)} p50 ${results[name].p50} ms  p95 ${results[name].p95} ms  max ${results[name].max} ms`,
      );
    }

    // Baseline: the same heat map straight from the interaction table, without the pre-aggregated cells.
    const baselineTimes: number[] = [];
    const baselineOrm = await openOrm({ url, poolMax: 1 });
    for (let run = 0; run < (ONLY && !ONLY.includes('contactHeatmap') ? 0 : 3); run += 1) {
      const period = ninetyDays();
      const started = performance.now();
      await runSql(
        systemEm(baselineOrm),
        `select i.channel, extract(isodow from i.started_at at time zone d.time_zone) as weekday,
                extract(hour from i.started_at at time zone d.time_zone) as hour, count(*)
           from interaction i join account a on a.id = i.account_id join debtor d on d.id = a.debtor_id
          where i.started_at >= ?::date and i.started_at < ?::date + 1
          group by 1, 2, 3`,
        [period.from, period.to],
      );
      baselineTimes.push(performance.now() - started);
    }
    // Baseline of roll rates: the same question answered from the accounts and payments, as before the summary (the
    // service does so when the tables were built in another zone).
    await runSql(systemEm(baselineOrm), `update analytics_state set time_zone = 'UTC' where id = 1`);
    const rollBaselineTimes: number[] = [];
    try {
      for (let run = 0; run < 3; run += 1) {
        const started = performance.now();
        await post(server, queries.rollRates!().query, { ...ninetyDays(), agencyId: null }, ADMIN_KEY);
        rollBaselineTimes.push(performance.now() - started);
      }
    } finally {
      await runSql(systemEm(baselineOrm), `update analytics_state set time_zone = 'America/Lima' where id = 1`);
    }
    await baselineOrm.close(true);
    const baseline =
      baselineTimes.length === 0 ? null : Math.round(baselineTimes.reduce((a, b) => a + b, 0) / baselineTimes.length);
    console.log(`baseline: heat map from the interaction table, mean of 3: ${baseline} ms`);
    const rollBaseline = Math.round(rollBaselineTimes.reduce((a, b) => a + b, 0) / rollBaselineTimes.length);
    console.log(
      `baseline: roll rates from the accounts and payments, mean of 3: ${rollBaseline} ms ` +
        `(${(rollBaseline / results.rollRates!.p50).toFixed(0)}× the summary's p50)`,
    );
    const worst = Math.max(...Object.values(results).map((result) => result.p95));
    console.log(`worst p95: ${worst} ms (target ≤ 300 ms)`);
    const path = await writeResults('analytics', {
      accounts: ACCOUNTS,
      interactions: generated.interactions,
      generatedMs: generated.generatedMs,
      build: build.value ? { ...build.value, wallMs: build.ms } : 'skipped (BENCH_SKIP_BUILD)',
      projectorBatchOf500Ms: batch,
      rollSummaryOf500AccountsMs: rollBatch,
      rollSummary: rollSize,
      baselineRollRatesFromAccountsMs: rollBaseline,
      range: '90 days',
      queries: results,
      baselineHeatmapFromInteractionsMs: baseline,
      worstP95Ms: worst,
      targetP95Ms: 300,
    });
    console.log(`results: ${path}`);
  } finally {
    await app.close();
  }
}

await main();
