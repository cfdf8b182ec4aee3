import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict, notFound } from '../../core/errors.ts';
import { FailedJob } from '../../core/events/failed-job.entity.ts';
import { recordEvent } from '../../core/events/record-event.ts';
import type { Principal } from '../../core/principal.ts';
import { decodeCursor, encodeCursor } from '../../core/pagination.ts';
import { UnknownJobError, type JobQueue } from '../../core/job-queue/job-queue.ts';
import { FailedJobNode, type FailedJobConnection } from './failed-job.type.ts';
import { isUuid } from '../../core/ids.ts';

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 500;

/** Newest first (ids are UUIDv7, so id order is failure order), with keyset pagination. */
export async function listFailedJobs(
  em: EntityManager,
  args: { first?: number | null; after?: string | null },
): Promise<FailedJobConnection> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badInput('first', `must be between 0 and ${MAX_PAGE_SIZE}`);
  }
  let beforeId: string | null = null;
  if (args.after) {
    beforeId = decodeCursor(args.after);
    if (!beforeId || !isUuid(beforeId)) throw badInput('after', 'is not a cursor returned by this API');
  }
  const rows = await em.find(FailedJob, beforeId ? { id: { $lt: beforeId } } : {}, {
    orderBy: { id: 'desc' },
    limit: first + 1,
  });
  const edges = rows.slice(0, first).map((row) => ({ cursor: encodeCursor(row.id), node: FailedJobNode.of(row) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: await em.count(FailedJob, {}),
  };
}

/**
 * Queues the failed job again with its stored data. The new run has a job id of its own (the failed one is
 * still known to the queue, which would ignore it), derived from this row: retrying one row twice queues it
 * once. The handler's idempotency makes a retry of work that meanwhile happened harmless.
 */
export async function retryFailedJob(
  em: EntityManager,
  jobs: JobQueue,
  actor: Principal,
  id: string,
  now: Date,
): Promise<FailedJobNode> {
  const row = isUuid(id) ? await em.findOne(FailedJob, { id }) : null;
  if (!row) throw notFound('FailedJob', id);
  try {
    await jobs.enqueue(row.queue, row.data, { jobId: `retry-${row.id}` });
  } catch (error) {
    if (error instanceof UnknownJobError) throw conflict('id', `no job named ${row.queue} runs on this server`);
    throw error;
  }
  await em.transactional(async (tx) => {
    const stored = await tx.findOneOrFail(FailedJob, { id: row.id });
    stored.retriedAt ??= now;
    recordEvent(tx, {
      type: 'FailedJobRetried',
      aggregateId: row.id,
      actor: actor.actor,
      payload: { queue: row.queue, jobId: row.jobId, retryJobId: `retry-${row.id}` },
    });
    row.retriedAt = stored.retriedAt;
  });
  return FailedJobNode.of(row);
}
