import type { EntityManager } from '@mikro-orm/postgresql';
import type { PublishedEvent } from '@recupera/shared';

/**
 * Keeps a read model (tables of pre-aggregated figures, say) from the committed events. The outbox relay calls
 * every projector with each batch it publishes, inside the transaction that marks the batch published: a batch is
 * projected exactly once, however many relays run, and a failed projection leaves it unpublished for the next pass.
 * A module declares its projectors in its `<name>.module.ts`.
 */
export interface OutboxProjector {
  readonly name: string;
  /** Applies `events` (in id order) within `tx`, the relay's transaction. Must not commit or open its own. */
  project(tx: EntityManager, events: readonly PublishedEvent[]): Promise<void>;
}
