import { systemPrincipal } from '../src/core/principal.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobName } from '../src/core/job-queue/job-names.ts';
import { systemEm } from '../src/core/database/orm.ts';
import { PostgresFailedJobRecorder } from '../src/core/job-queue/failed-job.recorder.ts';
import { InProcessJobQueue } from '../src/core/job-queue/in-process.adapter.ts';
import { registerJobs } from '../src/app/jobs.ts';
import { createLogger } from '../src/core/logger.ts';
import { runImportJob, startImport } from '../src/modules/portfolio/import-job.service.ts';
import { accountRow, countRows, createApiKey, expectError, type ImportRow } from './support/fixtures.ts';
import { sql, startTestApi, TEST_ADMIN_KEY, type GraphQLResponse, type TestApi } from './support/test-api.ts';
import { waitFor } from './support/wait.ts';

/**
 * Large imports: `startImport` stages the file and returns; the job validates every row, then imports all of
 * them in one transaction. 12,001 rows make three staged slices (5,000 + 5,000 + 2,001) and more rows than the
 * synchronous `importAccounts` takes in one call.
 */

const START_IMPORT = `mutation ($creditorName: String!, $portfolioName: String!, $accounts: [ImportAccountInput!]!) {
  startImport(creditorName: $creditorName, portfolioName: $portfolioName, accounts: $accounts) { id status totalRows }
}`;
const IMPORT_JOB = `query ($id: ID!) {
  importJob(id: $id) { id status totalRows validatedRows importedRows progress error { code field row message } }
}`;

interface ImportJobView {
  id: string;
  status: string;
  totalRows: number;
  validatedRows: number;
  importedRows: number;
  progress: number;
  error: { code: string; field: string | null; row: number | null; message: string } | null;
}

const TABLES = ['account', 'debtor', 'creditor', 'portfolio'] as const;

function rows(count: number, prefix: string): ImportRow[] {
  return Array.from({ length: count }, (_, index) =>
    accountRow({ externalRef: `${prefix}-${index}`, documentId: `${prefix}${String(index).padStart(6, '0')}` }),
  );
}

describe('startImport and importJob', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(() => api.close());

  const start = (accounts: ImportRow[], creditorName: string, key = TEST_ADMIN_KEY) =>
    api.gql<{ startImport: { id: string; status: string; totalRows: number } }>(
      START_IMPORT,
      { creditorName, portfolioName: 'Cartera masiva', accounts },
      key,
    );
  const view = async (id: string) => (await api.ok<{ importJob: ImportJobView | null }>(IMPORT_JOB, { id })).importJob;
  const finished = (id: string) =>
    waitFor(
      'the import to finish',
      async () => {
        const job = await view(id);
        return job && (job.status === 'SUCCEEDED' || job.status === 'FAILED') ? job : null;
      },
      60_000,
    );

  it('imports a file bigger than one call of importAccounts, reporting progress', async () => {
    const file = rows(12_001, 'BIG');
    const response = await start(file, 'Banco Masivo');
    expect(response.errors).toBeUndefined();
    const { id, status, totalRows } = response.data!.startImport;
    expect({ status, totalRows }).toEqual({ status: 'QUEUED', totalRows: 12_001 });

    const job = await waitFor(
      'the import to finish',
      async () => {
        const current = (await view(id))!;
        expect(current.progress).toBeGreaterThanOrEqual(0);
        expect(current.progress).toBeLessThanOrEqual(1);
        return current.status === 'SUCCEEDED' || current.status === 'FAILED' ? current : null;
      },
      60_000,
    );
    expect(job).toMatchObject({
      status: 'SUCCEEDED',
      validatedRows: 12_001,
      importedRows: 12_001,
      progress: 1,
      error: null,
    });
    const [count] = await sql<{ n: string }>(
      api,
      `select count(*)::text as n from account a join creditor c on c.id = a.creditor_id where c.name = 'Banco Masivo'`,
    );
    expect(Number(count!.n)).toBe(12_001);
    // The staged slices go with the transaction that imported them.
    expect(await sql(api, 'select id from import_job_chunk where import_job_id = ?', [id])).toEqual([]);
    const events = await sql<{ type: string }>(
      api,
      `select type from domain_event where type in ('ImportStarted', 'AccountsImported') order by id`,
    );
    expect(events.map((event) => event.type)).toEqual([
      'ImportStarted',
      'AccountsImported',
      'AccountsImported',
      'AccountsImported',
    ]);
  });

  it('rejects the whole file for one bad row, naming it by its place in the file', async () => {
    const before = await countRows(api, TABLES);
    const file = rows(11_000, 'BAD');
    file[10_500] = { ...file[10_500]!, currency: 'XYZ' };
    const job = await finished((await start(file, 'Banco Rechazado')).data!.startImport.id);
    expect(job).toMatchObject({
      status: 'FAILED',
      importedRows: 0,
      error: { code: 'BAD_USER_INPUT', field: 'accounts[10500].currency', row: 10_500 },
    });
    // A rejected file is not kept: a corrected one is a new import.
    expect(await sql(api, 'select id from import_job_chunk where import_job_id = ?', [job.id])).toEqual([]);
    expect(await countRows(api, TABLES)).toEqual(before);
  });

  it('rejects a ref repeated across slices, and refs the creditor already has', async () => {
    const before = await countRows(api, TABLES);
    const file = rows(10_001, 'DUP');
    file[10_000] = { ...file[10_000]!, externalRef: 'DUP-3' };
    const repeated = await finished((await start(file, 'Banco Duplicado')).data!.startImport.id);
    expect(repeated.error).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'accounts[10000].externalRef',
      row: 10_000,
      message: 'accounts[10000].externalRef: DUP-3 repeats row 3',
    });
    const again = await finished(
      (await start([accountRow({ externalRef: 'BIG-42' })], 'Banco Masivo')).data!.startImport.id,
    );
    expect(again.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'accounts[0].externalRef' });
    expect(await countRows(api, TABLES)).toEqual(before);
  });

  it('keeps all or nothing when the import transaction fails in its last slice, and can run again', async () => {
    const before = await countRows(api, TABLES);
    // A failure only the write can meet (validation passes): a trigger refusing one row of the third slice.
    await sql(
      api,
      `create function refuse_boom() returns trigger language plpgsql as $$
       begin if new.external_ref = 'TRX-10999' then raise exception 'disk full'; end if; return new; end $$`,
    );
    await sql(api, 'create trigger refuse_boom before insert on account for each row execute function refuse_boom()');
    // Staged through a queue that is never started, so the only run is the one this test makes by hand.
    const idle = new InProcessJobQueue({
      recorder: new PostgresFailedJobRecorder(api.orm),
      logger: createLogger('silent'),
    });
    registerJobs({ ...api.jobDeps, jobs: idle });
    const admin = { ...systemPrincipal(), actor: 'test' };
    const request = { creditorName: 'Banco Transaccional', portfolioName: 'Cartera', accounts: rows(11_000, 'TRX') };
    const { id } = await startImport(systemEm(api.orm), idle, admin, request);
    await idle.close();
    // The last attempt of the job (earlier ones would be retried by the queue).
    await expect(runImportJob(api.orm, api.clock, id, { lastAttempt: true })).rejects.toThrow(/disk full/);
    expect(await view(id)).toMatchObject({ status: 'FAILED', error: { code: 'INTERNAL' } });
    expect(await countRows(api, TABLES)).toEqual(before);
    expect(await sql(api, 'select seq from import_job_chunk where import_job_id = ?', [id])).toHaveLength(3);

    // An INTERNAL failure may be retried (retryFailedJob does this): the staged file is still there.
    await sql(api, 'drop trigger refuse_boom on account');
    await api.jobs.enqueue(JobName.AccountImport, { importJobId: id }, { jobId: 'manual-retry-of-trx' });
    // Still FAILED from the first run until the retry claims it: wait for the outcome of the retry itself.
    const retried = await waitFor(
      'the retry to succeed',
      async () => ((await view(id))!.status === 'SUCCEEDED' ? view(id) : null),
      60_000,
    );
    expect(retried).toMatchObject({ importedRows: 11_000, error: null });
  });

  it('refuses a creditor name longer than its column, naming it, and stages nothing', async () => {
    // Found by the fuzzer: the import job's copy of the name overflowed varchar(200) as an internal error.
    const [before] = await sql<{ jobs: string }>(api, 'select count(*)::text as jobs from import_job');
    expectError(await start([accountRow()], 'B'.repeat(201)), 'BAD_USER_INPUT', 'creditorName');
    expect(await sql(api, 'select count(*)::text as jobs from import_job')).toEqual([before]);
    expect((await start([accountRow()], 'B'.repeat(200))).errors).toBeUndefined();
  });

  it('is for admins and managers, takes a sane envelope, and answers null for an unknown job', async () => {
    const manager = await createApiKey(api, 'MANAGER');
    const supervisor = await createApiKey(api, 'SUPERVISOR');
    expect((await start([accountRow()], 'Banco Gerente', manager)).errors).toBeUndefined();
    expectError(await start([accountRow()], 'Banco Supervisor', supervisor), 'FORBIDDEN');
    expectError(await start([], 'Banco Vacío'), 'BAD_USER_INPUT', 'accounts');
    expectError(await start([accountRow()], '   '), 'BAD_USER_INPUT', 'creditorName');
    expect(await view('0190a3c4-0000-7000-8000-000000000000')).toBeNull();
    expect(await view('not-an-id')).toBeNull();
    const forbidden: GraphQLResponse = await api.gql(IMPORT_JOB, { id: 'x' }, supervisor);
    expectError(forbidden, 'FORBIDDEN');
  });
});
