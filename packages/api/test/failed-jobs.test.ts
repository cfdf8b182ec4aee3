import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresFailedJobRecorder } from '../src/core/job-queue/failed-job.recorder.ts';
import { JobName } from '../src/core/job-queue/job-names.ts';
import { createApiKey, expectError } from './support/fixtures.ts';
import { importOne } from './support/job-fixtures.ts';
import { sql, startTestApi, TEST_NOW, type TestApi } from './support/test-api.ts';
import { waitFor } from './support/wait.ts';

/**
 * The failed_job table through the API. Rows are written by the recorder both adapters use when a job fails
 * for good (the adapter contract tests show them doing so).
 */

const FAILED_JOBS = `query ($first: Int, $after: String) {
  failedJobs(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id queue jobId data attempts error failedAt retriedAt } }
  }
}`;
const RETRY = `mutation ($id: ID!) { retryFailedJob(id: $id) { id queue retriedAt } }`;

interface FailedJobsPage {
  failedJobs: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: {
      node: {
        id: string;
        queue: string;
        jobId: string;
        data: Record<string, unknown>;
        attempts: number;
        error: string;
        retriedAt: string | null;
      };
    }[];
  };
}

describe('failedJobs and retryFailedJob', () => {
  let api: TestApi;
  let accountId: string;
  // The aging roll of the test's business date: the account, due yesterday, went from CURRENT to D1_30 today.
  const rollData = { businessDate: '2026-11-24' };

  beforeAll(async () => {
    api = await startTestApi();
    accountId = await importOne(api, { dueDate: '2026-11-23' });
    const recorder = new PostgresFailedJobRecorder(api.orm);
    await recorder.record({ queue: 'retired-job', jobId: 'old-1', data: {}, attempts: 5, error: 'Error: gone' });
    await recorder.record({
      queue: JobName.AgingRoll,
      jobId: 'aging-roll-1',
      data: rollData,
      attempts: 5,
      error: 'Error: connection terminated\n    at Socket.<anonymous>',
    });
    // The same failure reported twice (failed event and failed-set sweep) is one row.
    await recorder.record({ queue: JobName.AgingRoll, jobId: 'aging-roll-1', data: {}, attempts: 5, error: 'again' });
  });

  afterAll(() => api.close());

  it('lists failed jobs newest first, in pages, for admins only', async () => {
    const page = await api.ok<FailedJobsPage>(FAILED_JOBS, { first: 1 });
    expect(page.failedJobs.totalCount).toBe(2);
    expect(page.failedJobs.pageInfo.hasNextPage).toBe(true);
    expect(page.failedJobs.edges[0]!.node).toMatchObject({
      queue: 'aging-roll',
      jobId: 'aging-roll-1',
      data: rollData,
      attempts: 5,
      retriedAt: null,
    });
    expect(page.failedJobs.edges[0]!.node.error).toContain('connection terminated');
    const next = await api.ok<FailedJobsPage>(FAILED_JOBS, { first: 1, after: page.failedJobs.pageInfo.endCursor });
    expect(next.failedJobs.edges.map((edge) => edge.node.jobId)).toEqual(['old-1']);
    expect(next.failedJobs.pageInfo.hasNextPage).toBe(false);

    const manager = await createApiKey(api, 'MANAGER');
    expectError(await api.gql(FAILED_JOBS, {}, manager), 'FORBIDDEN');
  });

  it('runs a failed job again with its data, once however often it is retried', async () => {
    const [row] = await sql<{ id: string }>(api, `select id from failed_job where job_id = 'aging-roll-1'`);
    const first = await api.ok<{ retryFailedJob: { retriedAt: string } }>(RETRY, { id: row!.id });
    expect(first.retryFailedJob.retriedAt).toBe(TEST_NOW.toISOString());
    await waitFor('the retried aging roll', async () => {
      const rolled = await sql(
        api,
        `select 1 from bucket_transition where account_id = ? and business_date = ?::date and to_bucket = 'D1_30'`,
        [accountId, rollData.businessDate],
      );
      return rolled.length === 1;
    });
    await api.ok(RETRY, { id: row!.id });
    const events = await sql<{ type: string }>(
      api,
      `select type from domain_event where type in ('AgingRolled', 'FailedJobRetried')`,
    );
    expect(events.filter((event) => event.type === 'FailedJobRetried')).toHaveLength(2);
    expect(events.filter((event) => event.type === 'AgingRolled')).toHaveLength(1);
  });

  it('answers NOT_FOUND for an unknown row and CONFLICT for a job this server does not run', async () => {
    expectError(await api.gql(RETRY, { id: '0190a3c4-0000-7000-8000-000000000000' }), 'NOT_FOUND');
    const [retired] = await sql<{ id: string }>(api, `select id from failed_job where job_id = 'old-1'`);
    expectError(await api.gql(RETRY, { id: retired!.id }), 'CONFLICT');
    const manager = await createApiKey(api, 'MANAGER');
    expectError(await api.gql(RETRY, { id: retired!.id }, manager), 'FORBIDDEN');
  });
});
