import type { EntityManager } from '@mikro-orm/postgresql';
import type { PublishedEvent } from '@recupera/shared';
import { runSql } from '../../core/database/sql.ts';
import type { OutboxProjector } from '../../core/events/outbox-projector.ts';
import { chained, factsCte, factsUpsert, KEYED_MONEY, moneyUpsert, ROLLUPS } from './cell-keys.ts';
import { refreshRollAccounts, rollAccountIds } from './roll-summary.ts';

/** What a batch of events adds to the analytics tables. */
interface BatchFacts {
  interactionIds: string[];
  /** Money counted towards a promise, by the interaction that obtained the promise. */
  collected: { interactionId: string; amount: string }[];
}

/** The events that move an analytics figure; the rest of the catalogue changes none. */
export function batchFacts(events: readonly PublishedEvent[]): BatchFacts {
  const facts: BatchFacts = { interactionIds: [], collected: [] };
  for (const event of events) {
    switch (event.type) {
      case 'InteractionRecorded':
        facts.interactionIds.push(event.aggregateId);
        break;
      // A payment counted towards a promise: each of these carries the payment's amount, and together they add up to
      // the promise's paid_amount, which is what the rebuild reads.
      case 'PromisePaymentApplied':
      case 'PromiseKept':
        if (event.payload.paymentAmount !== undefined && event.payload.interactionId) {
          facts.collected.push({ interactionId: event.payload.interactionId, amount: event.payload.paymentAmount });
        }
        break;
      default:
        break;
    }
  }
  return facts;
}

/**
 * Applies `events` to the analytics tables with `sign` (+1 for the projector; −1 when a build takes out the events
 * it counted from the facts that the relay has not projected yet). `timeZone` is the operation's, which the business
 * dates are in. Keys come from the committed rows, joined by id, with the definitions of cell-keys.ts.
 */
export async function applyEvents(
  tx: EntityManager,
  events: readonly PublishedEvent[],
  sign: 1 | -1,
  timeZone: string,
): Promise<void> {
  const { interactionIds, collected } = batchFacts(events);
  if (interactionIds.length === 0 && collected.length === 0) return;
  // The correlated counts make the planner's estimate look large enough for JIT, whose compilation costs over a
  // second per batch on a big interaction table while the statement itself runs in tens of milliseconds
  // (bench/analytics.bench.ts). Local to the relay's transaction.
  await runSql(tx, 'set local jit = off');
  if (interactionIds.length > 0) {
    // Attempt numbers count the account's rows with a smaller id (UUIDv7: recording order). An account's writes are
    // serialised by its row lock, so every earlier interaction of the account is committed, and counted, by now.
    const facts = factsCte(
      'from interaction i join account a on a.id = i.account_id join debtor d on d.id = a.debtor_id',
      `where i.id in (${interactionIds.map(() => '?').join(', ')})`,
      '1 + (select count(*) from interaction j where j.account_id = i.account_id and j.id < i.id)',
      `not exists (select 1 from interaction j where j.account_id = i.account_id and j.id < i.id
                     and j.campaign_id is not distinct from i.campaign_id and j.variant is not distinct from i.variant)`,
    );
    await runSql(
      tx,
      chained(
        [facts],
        ROLLUPS.map((rollup) => factsUpsert(rollup, sign)),
      ),
      [timeZone, ...interactionIds],
    );
  }
  if (collected.length > 0) {
    await runSql(
      tx,
      chained(
        [
          `money (interaction_id, amount) as (values ${collected.map(() => '(?::uuid, ?::numeric)').join(', ')})`,
          KEYED_MONEY,
        ],
        ROLLUPS.filter((rollup) => rollup.collected).map((rollup) => moneyUpsert(rollup, sign)),
      ),
      [...collected.flatMap((entry) => [entry.interactionId, entry.amount]), timeZone],
    );
  }
}

/**
 * Keeps the analytics tables from the outbox, exactly once per event (the relay's transaction), and the roll summary
 * from the events that touch an account's balance, status or holder. Until a build has
 * run there is nothing to add to: the build counts every stored fact, these included. Reading the state row first
 * also orders this batch against a running rebuild, which holds that table locked (see analytics-build.ts).
 */
export const analyticsProjector: OutboxProjector = {
  name: 'analytics',
  async project(tx, events) {
    const facts = batchFacts(events);
    const rollAccounts = rollAccountIds(events);
    if (facts.interactionIds.length === 0 && facts.collected.length === 0 && rollAccounts.length === 0) return;
    const [state] = await runSql<{ time_zone: string }>(tx, 'select time_zone from analytics_state where id = 1');
    if (!state) return;
    await applyEvents(tx, events, 1, state.time_zone);
    // The roll summary counts each touched account anew from its rows (idempotent, so no sign to carry).
    await refreshRollAccounts(tx, rollAccounts, state.time_zone);
  },
};
