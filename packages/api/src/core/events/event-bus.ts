/** A committed domain event as the relay hands it to consumers (the live KPI engine, subscriptions). */
export interface PublishedEvent {
  /** The outbox row id: increasing in commit-ish order; consumers deduplicate on it (delivery is at-least-once). */
  id: string;
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: Record<string, unknown>;
  occurredAt: string;
}

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
