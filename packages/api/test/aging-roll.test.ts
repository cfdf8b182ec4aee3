import { addDays } from '@recupera/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgingRollJob } from '../src/modules/portfolio/aging-roll.job.ts';
import { bucketCrossings } from '../src/modules/portfolio/aging-roll.service.ts';
import { accountRow } from './support/fixtures.ts';
import { importRows } from './support/job-fixtures.ts';
import { sql, startTestApi, TEST_NOW, type TestApi } from './support/test-api.ts';

/**
 * The daily aging roll, checked against the transitions a plain SQL query computes on its own (DPD arithmetic
 * in the database, bucket bounds written out by hand), on a portfolio with accounts on, next to and far from
 * every boundary.
 */

interface TransitionRow extends Record<string, unknown> {
  account_id: string;
  from_bucket: string;
  to_bucket: string;
  balance: string;
  currency: string;
}

/** Independent of the API's code: DPD as date subtraction, the buckets of docs/design.md spelled out. */
const EXPECTED_TRANSITIONS = `
  with aged as (
    select id, balance, currency, (?::date - due_date) as dpd_today
      from account where status in ('ACTIVE', 'PROMISED', 'DISPUTED'))
  select id as account_id,
         case when dpd_today - 1 <= 0 then 'CURRENT' when dpd_today - 1 <= 30 then 'D1_30'
              when dpd_today - 1 <= 60 then 'D31_60' when dpd_today - 1 <= 90 then 'D61_90'
              when dpd_today - 1 <= 120 then 'D91_120' else 'D121_PLUS' end as from_bucket,
         case when dpd_today <= 0 then 'CURRENT' when dpd_today <= 30 then 'D1_30'
              when dpd_today <= 60 then 'D31_60' when dpd_today <= 90 then 'D61_90'
              when dpd_today <= 120 then 'D91_120' else 'D121_PLUS' end as to_bucket,
         balance::text as balance, currency
    from aged
   order by account_id`;

const ACTUAL_TRANSITIONS = `
  select account_id, from_bucket, to_bucket, balance::text as balance, currency
    from bucket_transition where business_date = ?::date order by account_id`;

describe('daily aging roll', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    const today = '2026-11-24';
    // Every DPD from -3 to 125 plus some far away: each boundary, the days around it, and the buckets' insides.
    const dpds = [...Array.from({ length: 129 }, (_, index) => index - 3), 200, 400, 1000];
    const rows = dpds.map((dpd, index) =>
      accountRow({ dueDate: addDays(today, -dpd), balance: `${100 + index}.25`, currency: index % 3 ? 'PEN' : 'USD' }),
    );
    // Closed accounts at a boundary do not roll: paid (balance 0) and written off.
    rows.push(accountRow({ dueDate: addDays(today, -31), balance: '0' }));
    rows.push(accountRow({ dueDate: addDays(today, -61) }));
    const ids = await importRows(api, rows);
    await sql(api, `update account set status = 'WRITTEN_OFF' where id = ?`, [ids.at(-1)]);
    // Promised and disputed accounts keep ageing.
    await sql(api, `update account set status = 'PROMISED' where id = ?`, [ids[3 + 91]]);
    await sql(api, `update account set status = 'DISPUTED' where id = ?`, [ids[3 + 121]]);
  });

  afterAll(() => api.close());

  it('labels the five crossing due dates with the shared buckets', () => {
    expect(bucketCrossings('2026-11-24')).toEqual([
      { dueDate: '2026-11-23', from: 'CURRENT', to: 'D1_30' },
      { dueDate: '2026-10-24', from: 'D1_30', to: 'D31_60' },
      { dueDate: '2026-09-24', from: 'D31_60', to: 'D61_90' },
      { dueDate: '2026-08-25', from: 'D61_90', to: 'D91_120' },
      { dueDate: '2026-07-26', from: 'D91_120', to: 'D121_PLUS' },
    ]);
  });

  it('writes exactly the transitions an independent query computes, once however often it runs', async () => {
    const expected = (await sql<TransitionRow>(api, EXPECTED_TRANSITIONS, ['2026-11-24'])).filter(
      (row) => row.from_bucket !== row.to_bucket,
    );
    expect(expected).toHaveLength(5);

    await new AgingRollJob(api.jobDeps).handle({});
    expect(await sql<TransitionRow>(api, ACTUAL_TRANSITIONS, ['2026-11-24'])).toEqual(expected);

    await Promise.all([new AgingRollJob(api.jobDeps).handle({}), new AgingRollJob(api.jobDeps).handle({})]);
    expect(await sql<TransitionRow>(api, ACTUAL_TRANSITIONS, ['2026-11-24'])).toEqual(expected);
    const events = await sql<{ aggregate_id: string; payload: { transitions: unknown[] } }>(
      api,
      `select aggregate_id, payload from domain_event where type = 'AgingRolled'`,
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ aggregate_id: '2026-11-24' });
    expect(events[0]!.payload.transitions).toHaveLength(5);
  });

  it('rolls the next business day when the clock reaches it', async () => {
    try {
      api.clock.set(new Date('2026-11-25T05:00:10.000Z')); // 00:00:10 in Lima
      await new AgingRollJob(api.jobDeps).handle({});
      const expected = (await sql<TransitionRow>(api, EXPECTED_TRANSITIONS, ['2026-11-25'])).filter(
        (row) => row.from_bucket !== row.to_bucket,
      );
      expect(expected.length).toBeGreaterThan(0);
      expect(await sql<TransitionRow>(api, ACTUAL_TRANSITIONS, ['2026-11-25'])).toEqual(expected);
    } finally {
      api.clock.set(TEST_NOW);
    }
  });
});
