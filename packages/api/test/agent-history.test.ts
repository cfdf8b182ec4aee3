import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inHouseAgency, readyAgents, setAgentStatus } from './support/campaigns.ts';
import { sql, startTestApi, type TestApi } from './support/test-api.ts';

/**
 * An agent changes status hundreds of times a day — every offer moves it ON_CONTACT, every outcome WRAP_UP — and
 * each change closes its open status period: `nextAccount`, `recordInteraction` and `setAgentStatus` find that
 * period by `agent_id = … and ended_at is null`. Found through the agent's history, its cost grew with every change
 * the agent ever made (1.5 ms of PostgreSQL's CPU in each `nextAccount` of an agent with 9,000 periods,
 * bench:hot-paths); the open period has an index of its own. PostgreSQL's EXPLAIN is the oracle: how many buffers
 * it reads to find the open period.
 */

/** What the writes' statements select the open period by. */
const OPEN_PERIOD = 'from agent_status_period where agent_id = ? and ended_at is null';
/** A year of work: a status change every few minutes of each working day. */
const CLOSED_PERIODS = 20_000;

interface ExplainRow extends Record<string, unknown> {
  'QUERY PLAN': [{ Plan: { 'Actual Rows': number; 'Shared Hit Blocks': number; 'Shared Read Blocks': number } }];
}

describe('an agent with a long history', () => {
  let api: TestApi;
  let agentId: string;

  beforeAll(async () => {
    api = await startTestApi();
    const agency = await inHouseAgency(api);
    [agentId] = (await readyAgents(api, agency.id, null, 1, 'Veterana')) as [string];
    await sql(
      api,
      `insert into agent_status_period (id, agent_id, status, started_at, ended_at)
       select gen_random_uuid(), ?, case when g % 2 = 0 then 'ON_CONTACT' else 'WRAP_UP' end,
              timestamptz '2025-11-02 13:00Z' + g * interval '5 minutes',
              timestamptz '2025-11-02 13:00Z' + (g + 1) * interval '5 minutes'
         from generate_series(1, ${CLOSED_PERIODS}) g`,
      [agentId],
    );
    await sql(api, 'analyze agent_status_period');
  });
  afterAll(() => api?.close());

  it('finds its open period without reading its history', async () => {
    const [row] = await sql<ExplainRow>(api, `explain (analyze, buffers, format json) select id ${OPEN_PERIOD}`, [
      agentId,
    ]);
    const { Plan: plan } = row!['QUERY PLAN'][0];
    expect(plan['Actual Rows']).toBe(1);
    // An index's root, its leaf and the row's page; the agent's history spans hundreds of pages.
    expect(plan['Shared Hit Blocks'] + plan['Shared Read Blocks']).toBeLessThanOrEqual(5);
  });

  it('keeps exactly one open period through its status changes', async () => {
    await setAgentStatus(api, agentId, 'PAUSED');
    await setAgentStatus(api, agentId, 'AVAILABLE');
    expect(await sql(api, `select status ${OPEN_PERIOD}`, [agentId])).toEqual([{ status: 'AVAILABLE' }]);
    const [closed] = await sql<{ n: number }>(
      api,
      'select count(*)::int as n from agent_status_period where agent_id = ? and ended_at is not null',
      [agentId],
    );
    // The seeded history, the first AVAILABLE period and the PAUSED one.
    expect(closed!.n).toBe(CLOSED_PERIODS + 2);
  });
});
