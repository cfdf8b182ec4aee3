import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactLookbackStart } from '../src/modules/queues/contact-eligibility.ts';
import { CANDIDATES } from '../src/modules/queues/next-account-statements.ts';
import { inHouseAgency, readyAgents, runningCampaign } from './support/campaigns.ts';
import { accountRow, importAccounts } from './support/fixtures.ts';
import { sql, startTestApi, type TestApi } from './support/test-api.ts';

/**
 * As a day goes on, the top of a queue fills with places that were just worked (an outcome schedules the next
 * attempt hours or days away) and places agents hold, and `nextAccount` reads its page of candidates down the
 * queue's order past all of them. Checked against each row of the table, that walk cost PostgreSQL a visit to the
 * table per place passed over: ~4 ms of its CPU per `nextAccount` with 30 agents at work (bench:hot-paths), the
 * largest cost of the call. The queue's index carries when each place is next due and until when it is held, so
 * the walk passes over them inside the index. PostgreSQL's EXPLAIN is the oracle: the table rows it visits.
 */

const PLACES = 3_000;
const DEFERRED = 2_500;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

/** Every node of a plan, depth first. */
function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

describe('a queue whose top was worked', () => {
  let api: TestApi;
  let client: pg.Client;
  let agentId: string;
  let queueId: string;

  beforeAll(async () => {
    api = await startTestApi();
    await importAccounts(
      api,
      Array.from({ length: PLACES }, (_, i) =>
        accountRow({ debtorName: `Cola trabajada ${i}`, balance: `${100 + i}.00` }),
      ),
    );
    ({ queueId } = await runningCampaign(api, 'Cola trabajada', { search: 'Cola trabajada' }));
    const agency = await inHouseAgency(api);
    [agentId] = (await readyAgents(api, agency.id, queueId, 1, 'Turno tarde')) as [string];
    // The best places were worked this morning and are next due tomorrow; every tenth of them is held by an agent.
    await sql(
      api,
      `update queue_membership m
          set next_attempt_at = case when top.n % 10 = 0 then null else ?::timestamptz + interval '1 day' end,
              reserved_until = case when top.n % 10 = 0 then ?::timestamptz + interval '5 minutes' end
         from (select id, row_number() over (order by expected_recovery desc, id desc) as n
                 from queue_membership where queue_id = ?) top
        where m.id = top.id and top.n <= ?`,
      [api.clock.now(), api.clock.now(), queueId, DEFERRED],
    );
    await sql(api, 'vacuum analyze queue_membership');
    client = new pg.Client({ connectionString: api.database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await api?.close();
  });

  it('passes over the places not due or held without visiting them', async () => {
    const now = api.clock.now();
    // The walk down the queue's order is what is checked; with a few thousand places PostgreSQL may rather read the
    // whole table and sort it (on a real queue of hundreds of thousands it walks: bench:hot-paths), so it is told to.
    await client.query('set enable_seqscan = off; set enable_bitmapscan = off; set enable_sort = off');
    const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      `explain (analyze, format json) ${CANDIDATES.everything.first.text}`,
      [agentId, now, null, contactLookbackStart(now)],
    );
    const plan = rows[0]!['QUERY PLAN'][0].Plan;
    expect(plan['Actual Rows']).toBe(25);
    const places = nodes(plan).filter((node) => node['Relation Name'] === 'queue_membership');
    expect(places).toHaveLength(1);
    // The page's 25 rows are all the scan hands on, and none was fetched only to be filtered out (before: 2,500).
    expect(places[0]!['Actual Rows']).toBe(25);
    expect(places[0]!['Rows Removed by Filter'] ?? 0).toBe(0);
    expect(places[0]!['Index Cond']).toMatch(/next_attempt_at.*reserved_until/);
  });

  it('still offers the best place that is due and free', async () => {
    const [best] = await sql<{ account_id: string }>(
      api,
      `select account_id from queue_membership
        where queue_id = ? and next_attempt_at is null and reserved_until is null
        order by expected_recovery desc, id desc limit 1`,
      [queueId],
    );
    const offered = await api.ok<{ nextAccount: { id: string } }>(
      'mutation ($agentId: ID!) { nextAccount(agentId: $agentId) { id } }',
      { agentId },
    );
    expect(offered.nextAccount.id).toBe(best!.account_id);
  });
});
