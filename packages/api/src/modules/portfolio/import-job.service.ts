import { type Role } from '@recupera/shared';
import type { EntityManager } from '@mikro-orm/postgresql';
import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../../core/clock.ts';
import { systemEm, type Orm } from '../../core/database/orm.ts';
import { badInput, DomainError } from '../../core/errors.ts';
import { recordEvent } from '../../core/events/record-event.ts';
import { systemPrincipal, type Principal } from '../../core/principal.ts';
import { JobName } from '../../core/job-queue/job-names.ts';
import type { JobQueue } from '../../core/job-queue/job-queue.ts';
import { Account } from './account.entity.ts';
import { Creditor } from './creditor.entity.ts';
import { importHeader, MAX_IMPORT_ROWS, validateImportRow } from './import-validation.ts';
import { IMPORTED_TABLES, importAccounts, type ImportRequest } from './import.service.ts';
import { refreshStatisticsAfter } from '../../core/database/statistics.ts';
import { ImportJobChunk } from './import-job-chunk.entity.ts';
import { ImportJob, type ImportJobError } from './import-job.entity.ts';
import { isUuid } from '../../core/ids.ts';

/** The most rows one `startImport` takes (about 50 MB of JSON). */
export const MAX_STAGED_IMPORT_ROWS = 200_000;
/** Rows per staged slice and per `importAccounts` call, within that service's own limit. */
export const IMPORT_CHUNK_ROWS = Math.min(5_000, MAX_IMPORT_ROWS);

export type AccountImportJobData = { importJobId: string };

interface StagingTables {
  import_job_chunk: { id: string; import_job_id: string; seq: number; first_row: number; rows: string };
}

/**
 * Stages the file and queues its import; returns at once with the job to poll (`importJob(id)`). Only the
 * envelope is checked here; every row is checked by the job before anything is written.
 */
export async function startImport(
  em: EntityManager,
  jobs: JobQueue,
  actor: Principal,
  request: ImportRequest,
): Promise<ImportJob> {
  const { creditorName, portfolioName } = importHeader(request);
  if (request.accounts.length === 0) throw badInput('accounts', 'must hold at least one account');
  if (request.accounts.length > MAX_STAGED_IMPORT_ROWS) {
    throw badInput('accounts', `at most ${MAX_STAGED_IMPORT_ROWS} accounts per import; split the file`);
  }

  const job = await em.transactional(async (tx) => {
    const created = tx.create(ImportJob, {
      creditorName,
      portfolioName,
      totalRows: request.accounts.length,
      requestedBy: actor.actor,
      requestedRole: actor.role,
    });
    await tx.flush();
    // Through Kysely, whose statements carry bound parameters: `execute` would splice each megabyte of JSON
    // into the SQL text, escaping it character by character (seconds per slice on a large file).
    const staging = tx.getKysely<StagingTables>();
    for (let start = 0, seq = 0; start < request.accounts.length; start += IMPORT_CHUNK_ROWS, seq += 1) {
      await staging
        .insertInto('import_job_chunk')
        .values({
          id: uuidv7(),
          import_job_id: created.id,
          seq,
          first_row: start,
          rows: JSON.stringify(request.accounts.slice(start, start + IMPORT_CHUNK_ROWS)),
        })
        .execute();
    }
    recordEvent(tx, {
      type: 'ImportStarted',
      aggregateId: created.id,
      actor: actor.actor,
      payload: { creditor: creditorName, portfolio: portfolioName, rows: request.accounts.length },
    });
    return created;
  });

  try {
    await jobs.enqueue<AccountImportJobData>(
      JobName.AccountImport,
      { importJobId: job.id },
      { jobId: `import-${job.id}` },
    );
  } catch (error) {
    await updateImportJob(em, job.id, {
      status: 'FAILED',
      error: {
        code: 'INTERNAL',
        message: 'the import could not be queued; nothing was imported',
        field: null,
        row: null,
      },
    });
    throw error;
  }
  return job;
}

export async function findImportJob(em: EntityManager, id: string): Promise<ImportJob | null> {
  return isUuid(id) ? em.findOne(ImportJob, { id }) : null;
}

/** Share of the work done: validation is the first half, writing the second. */
export function importProgress(job: ImportJob): number {
  if (job.status === 'SUCCEEDED') return 1;
  return job.totalRows === 0 ? 0 : (job.validatedRows + job.importedRows) / (2 * job.totalRows);
}

/**
 * Runs a staged import, all or nothing across its slices:
 * 1. every row of the file is validated (the rules of `importAccounts`, duplicates across the whole file,
 *    refs the creditor already has) before anything is written, so a bad row fails fast and names its row in
 *    the whole file;
 * 2. then ONE transaction calls the existing `importAccounts` once per slice (each call nests as a savepoint)
 *    and marks the job SUCCEEDED before it commits: the accounts and "succeeded" become visible together,
 *    or neither does. Progress is written on another connection so it can be read while the transaction runs.
 *
 * Idempotent: a rerun (retry, redelivery after a crash, a second worker) of a SUCCEEDED import does nothing;
 * two runs at once are serialised by an advisory lock, and the second then finds SUCCEEDED.
 * A rejected file (BAD_USER_INPUT, CONFLICT) ends FAILED without retrying; an unexpected error is retried by the
 * job queue and, on the last attempt, leaves FAILED with code INTERNAL (retryable through `retryFailedJob`).
 */
export async function runImportJob(
  orm: Orm,
  clock: Clock,
  importJobId: string,
  options: { lastAttempt: boolean },
): Promise<void> {
  const claimed = await claim(orm, importJobId, clock.now());
  if (!claimed) return;
  const em = systemEm(orm);
  try {
    const chunks = await em.find(ImportJobChunk, { importJob: importJobId }, { orderBy: { seq: 'asc' } });
    await validateEveryRow(orm, claimed, chunks);
    await updateImportJob(systemEm(orm), importJobId, { status: 'IMPORTING' });
    await importInOneTransaction(orm, clock, claimed, chunks);
  } catch (error) {
    // A refusal of the file itself (a bad row, a ref taken) is final; anything else may pass on a retry.
    if (error instanceof DomainError && (error.code === 'BAD_USER_INPUT' || error.code === 'CONFLICT')) {
      await updateImportJob(systemEm(orm), importJobId, {
        status: 'FAILED',
        finishedAt: clock.now(),
        error: errorOf(error),
      });
      // A rejected file is never retried (a corrected one is a new import): its staged rows can go. Only once
      // the rejection is the job's recorded outcome, so a duplicate run cannot take a good import's rows.
      await systemEm(orm).execute(
        `delete from import_job_chunk
          where import_job_id = ?
            and exists (select 1 from import_job
                         where id = ? and status = 'FAILED' and error->>'code' in ('BAD_USER_INPUT', 'CONFLICT'))`,
        [importJobId, importJobId],
      );
      return;
    }
    if (options.lastAttempt) {
      await updateImportJob(systemEm(orm), importJobId, {
        status: 'FAILED',
        finishedAt: clock.now(),
        error: {
          code: 'INTERNAL',
          message: 'the import failed unexpectedly; nothing was imported',
          field: null,
          row: null,
        },
      });
    }
    throw error;
  }
}

/** Takes the job for this run, unless it is finished (SUCCEEDED, or FAILED because of the file itself). */
async function claim(orm: Orm, id: string, now: Date): Promise<ImportJob | null> {
  const em = systemEm(orm);
  const rows = await em.execute<{ id: string }[]>(
    `update import_job
        set status = 'VALIDATING', started_at = ?, validated_rows = 0, imported_rows = 0, error = null, finished_at = null
      where id = ?
        and (status in ('QUEUED', 'VALIDATING', 'IMPORTING') or (status = 'FAILED' and error->>'code' = 'INTERNAL'))
      returning id`,
    [now.toISOString(), id],
  );
  return rows.length === 0 ? null : em.findOne(ImportJob, { id }, { refresh: true });
}

async function validateEveryRow(orm: Orm, job: ImportJob, chunks: ImportJobChunk[]): Promise<void> {
  const em = systemEm(orm);
  const creditor = await em.findOne(Creditor, { name: job.creditorName });
  // A creditor the import will create gets the entity's default zone, exactly as `importAccounts` would give it.
  const defaultTimeZone = creditor?.defaultTimeZone ?? new Creditor().defaultTimeZone;
  const firstSeen = new Map<string, number>();
  let validated = 0;
  for (const chunk of chunks) {
    const refs: string[] = [];
    chunk.rows.forEach((row, offset) => {
      const index = chunk.firstRow + offset;
      const valid = validateImportRow(row, index, defaultTimeZone);
      const earlier = firstSeen.get(valid.externalRef);
      if (earlier !== undefined) {
        throw badInput(`accounts[${index}].externalRef`, `${valid.externalRef} repeats row ${earlier}`, { row: index });
      }
      firstSeen.set(valid.externalRef, index);
      refs.push(valid.externalRef);
    });
    if (creditor) {
      const clash = await em.findOne(Account, { creditor, externalRef: { $in: refs } }, { fields: ['externalRef'] });
      if (clash) {
        const index = firstSeen.get(clash.externalRef)!;
        throw badInput(`accounts[${index}].externalRef`, `${clash.externalRef} already exists for ${creditor.name}`, {
          row: index,
        });
      }
    }
    validated += chunk.rows.length;
    await updateImportJob(systemEm(orm), job.id, { validatedRows: validated });
  }
}

async function importInOneTransaction(orm: Orm, clock: Clock, job: ImportJob, chunks: ImportJobChunk[]): Promise<void> {
  // The import runs later, in a job: as the role and actor that asked for it, with no key of its own.
  const principal: Principal = { ...systemPrincipal(), role: job.requestedRole as Role, actor: job.requestedBy };
  const imported = await systemEm(orm).transactional(async (tx) => {
    await tx.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`import_job/${job.id}`]);
    const [current] = await tx.execute<{ status: string }[]>('select status from import_job where id = ?', [job.id]);
    if (current?.status === 'SUCCEEDED') return 0;
    let imported = 0;
    for (const chunk of chunks) {
      const request: ImportRequest = {
        creditorName: job.creditorName,
        portfolioName: job.portfolioName,
        accounts: chunk.rows,
      };
      try {
        imported += await importAccounts(tx, principal, request);
      } catch (error) {
        throw error instanceof DomainError ? inWholeFile(error, chunk.firstRow) : error;
      }
      await updateImportJob(systemEm(orm), job.id, { importedRows: imported });
    }
    await tx.execute(
      `update import_job set status = 'SUCCEEDED', imported_rows = ?, finished_at = ?, error = null where id = ?`,
      [imported, clock.now().toISOString(), job.id],
    );
    await tx.execute('delete from import_job_chunk where import_job_id = ?', [job.id]);
    return imported;
  });
  await refreshStatisticsAfter(systemEm(orm), IMPORTED_TABLES, imported);
}

type ImportJobUpdate = Partial<Pick<ImportJob, 'status' | 'validatedRows' | 'importedRows' | 'error' | 'finishedAt'>>;

/**
 * Progress and outcome, committed at once on the given (non-transactional) EntityManager. Never overwrites a
 * finished job: a slow duplicate run must not turn a SUCCEEDED import back into IMPORTING.
 */
async function updateImportJob(em: EntityManager, id: string, update: ImportJobUpdate): Promise<void> {
  await em.nativeUpdate(ImportJob, { id, status: { $nin: ['SUCCEEDED', 'FAILED'] } }, update);
}

function errorOf(error: DomainError): ImportJobError {
  const field = error.field ?? null;
  const rowInField = field ? /^accounts\[(\d+)\]/.exec(field)?.[1] : undefined;
  const row = typeof error.details.row === 'number' ? error.details.row : rowInField ? Number(rowInField) : null;
  return { code: error.code, message: error.message, field, row };
}

/** `importAccounts` names rows within its slice; the user knows them by their place in the whole file. */
function inWholeFile(error: DomainError, firstRow: number): DomainError {
  const shift = (text: string) =>
    text.replace(/accounts\[(\d+)\]/g, (_, index: string) => `accounts[${Number(index) + firstRow}]`);
  const details = { ...error.details };
  if (typeof details.row === 'number') details.row += firstRow;
  return new DomainError(error.code, shift(error.message), error.field && shift(error.field), details);
}
