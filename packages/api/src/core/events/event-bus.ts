import type { PublishedEvent } from '@recupera/shared';

export type EventHandler = (events: PublishedEvent[]) => void | Promise<void>;

/**
 * Where the outbox relay publishes. In-process for one instance; a Redis-backed bus (so every API instance
 * sees every event) implements the same interface.
 */
export interface EventBus {
  publish(events: PublishedEvent[]): Promise<void>;
  subscribe(handler: EventHandler): () => void;
}

/** Delivers to this process's subscribers; a handler that throws fails the publish, so the batch is retried. */
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
