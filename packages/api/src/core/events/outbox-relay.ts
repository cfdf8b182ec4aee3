import type { Orm } from '../database/orm.ts';
import { systemEm } from '../database/orm.ts';
import { runSql } from '../database/sql.ts';
import type { Logger } from '../logger.ts';
import type { PublishedEvent } from '@recupera/shared';
import type { EventBus } from './event-bus.ts';
import type { OutboxProjector } from './outbox-projector.ts';

/**
 * Events one pass claims at most. A pass costs a few statements whatever its size, and under load each can take
 * hundreds of milliseconds: with 500 a slow database capped the relay near 500 events/s (bench:live-kpis), 2,000
 * keeps it ahead of 1,000/s.
 */
const DEFAULT_BATCH_SIZE = 2_000;

interface OutboxRow {
  id: string;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  payload: Record<string, unknown>;
  occurred_at: string | Date;
}

/**
 * Publishes one batch of committed, unpublished events in id order and marks them published — in one
 * transaction (claimed and marked by one statement, published before the commit), so a crash or a failed publish leaves them unpublished for the next pass (at-least-once;
 * consumers deduplicate on the id). Rows are claimed with SKIP LOCKED: several relays (one per API instance)
 * share the work and never publish the same batch twice at once. The projectors apply the batch in the same
 * transaction, so each of them sees every event exactly once. Returns how many were published (0 without trying
 * while the bus says a publish would fail).
 */
export async function relayOnce(
  orm: Orm,
  bus: EventBus,
  options: { batchSize?: number; projectors?: readonly OutboxProjector[] } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  // Redis away: the events stay in the outbox (committed, unpublished) until the bus can take them again.
  if (bus.canPublish?.() === false) return 0;
  return systemEm(orm).transactional(async (tx) => {
    // Claim and mark in one statement (the queue idiom): locking the rows with a SELECT … FOR UPDATE and then
    // updating them wrote every row twice, and on a loaded database each of those statements took hundreds of
    // milliseconds (bench:live-kpis). A failed publish below rolls the marks back with the rest.
    const claimed = await runSql<OutboxRow>(
      tx,
      // Ordered by the bigint column, not the text alias: the partial index on unpublished ids serves it, and
      // id 1000000 comes after 999999.
      `update domain_event set published_at = now()
        where id in (select id from domain_event where published_at is null
                      order by domain_event.id limit ? for update skip locked)
        returning id::text, type, aggregate_type, aggregate_id, payload, occurred_at`,
      [batchSize],
    );
    if (claimed.length === 0) return 0;
    // RETURNING keeps no order: the batch goes out in id order.
    const rows = claimed.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0));
    // Every row was written by `recordEvent`, whose input the event catalogue types: the row is one of its events.
    const events = rows.map(
      (row) =>
        ({
          id: row.id,
          type: row.type,
          aggregateType: row.aggregate_type,
          aggregateId: row.aggregate_id,
          payload: row.payload,
          occurredAt: new Date(row.occurred_at).toISOString(),
        }) as PublishedEvent,
    );
    for (const projector of options.projectors ?? []) await projector.project(tx, events);
    await bus.publish(events);
    return rows.length;
  });
}

/**
 * Runs the relay until stopped: drains the outbox, then polls again — after `busyIntervalMs` while events keep
 * coming (every live figure waits for the poll between its commit and the screen), after
 * `intervalMs` once a poll found nothing (an idle instance does not query the outbox a hundred times a second). A
 * failing pass is logged and retried on the next tick; nothing committed is ever lost between "saved" and
 * "published".
 */
export function startOutboxRelay(
  orm: Orm,
  bus: EventBus,
  logger: Logger,
  options: {
    intervalMs?: number;
    busyIntervalMs?: number;
    batchSize?: number;
    projectors?: readonly OutboxProjector[];
  } = {},
): { stop(): Promise<void> } {
  const intervalMs = options.intervalMs ?? 50;
  const busyIntervalMs = options.busyIntervalMs ?? 10;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const relayOptions = { batchSize, ...(options.projectors ? { projectors: options.projectors } : {}) };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const pass = async () => {
    let published = 0;
    try {
      // Drain a backlog before waiting for the next tick: a full batch may have left more behind. A batch that was
      // not full took every event committed before it, so the pass ends there — asking again at once found nothing
      // nearly always, and cost a transaction per pass (as many as the events themselves at a few dozen a second).
      let batch = batchSize;
      while (!stopped && batch === batchSize) {
        batch = await relayOnce(orm, bus, relayOptions);
        published += batch;
      }
    } catch (error) {
      logger.warn('outbox relay pass failed; retrying', error);
    }
    if (!stopped) timer = setTimeout(() => (running = pass()), published > 0 ? busyIntervalMs : intervalMs);
  };
  running = pass();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
