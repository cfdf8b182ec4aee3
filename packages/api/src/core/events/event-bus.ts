import type { PublishedEvent } from '@recupera/shared';

export type EventHandler = (events: PublishedEvent[]) => void | Promise<void>;

/**
 * Where the outbox relay publishes. In-process for one instance; a Redis-backed bus (so every API instance
 * sees every event) implements the same interface.
 */
export interface EventBus {
  publish(events: PublishedEvent[]): Promise<void>;
  subscribe(handler: EventHandler): () => void;
  /**
   * False while a publish would fail at once (Redis away): the relay then leaves the outbox as it is and tries
   * again on its next tick, instead of opening a transaction it must roll back. A bus without it always can.
   */
  canPublish?(): boolean;
  /**
   * Whether events published now reach this instance's subscribers (both directions of the bus are up). While it
   * is false the live figures may lag: what commits meanwhile is kept in the outbox, not yet heard here. A bus
   * without it always delivers.
   */
  delivering?(): boolean;
  /** Listens to `delivering()` changing; returns the unsubscribe function. */
  onDeliveryChange?(listener: (delivering: boolean) => void): () => void;
}

/**
 * Delivers to this process's subscribers; a handler that throws fails the publish, so the batch is retried. Nothing
 * stands between the relay and the engine, so it always publishes and delivers.
 */
export class InProcessEventBus implements EventBus {
  private readonly handlers = new Set<EventHandler>();

  async publish(events: PublishedEvent[]): Promise<void> {
    for (const handler of this.handlers) await handler(events);
  }

  subscribe(handler: EventHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }
}
