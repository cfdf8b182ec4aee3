import cluster from 'node:cluster';
import type { PublishedEvent } from '@recupera/shared';
import type { Logger } from '../logger.ts';
import type { EventBus, EventHandler } from './event-bus.ts';

/** Tags our messages on the cluster's IPC channel, which rate-limiter-flexible and prom-client share. */
const CHANNEL = 'recupera:events';

interface EventsMessage {
  channel: typeof CHANNEL;
  events: PublishedEvent[];
}

function isEventsMessage(message: unknown): message is EventsMessage {
  return typeof message === 'object' && message !== null && (message as { channel?: unknown }).channel === CHANNEL;
}

/**
 * The event bus of `pnpm start`'s workers when there is no Redis: a worker's outbox relay sends each batch to the
 * cluster primary over the IPC channel, and the primary hands it to every worker, the sender included (see
 * {@link relayClusterEvents}) — the same fan-out Redis pub/sub gives separate instances, with the same contract:
 * delivery is asynchronous, a failing handler is logged (the batch is not retried), and a worker that starts (or
 * is started again) rebuilds its live figures from the database before it listens.
 */
export class ClusterEventBus implements EventBus {
  private readonly handlers = new Set<EventHandler>();
  private readonly onMessage = (message: unknown) => {
    if (!isEventsMessage(message)) return;
    for (const handler of this.handlers) {
      Promise.resolve(handler(message.events)).catch((error: unknown) =>
        this.logger.error('event handler failed', error),
      );
    }
  };

  constructor(private readonly logger: Logger) {
    if (!process.send) throw new Error('ClusterEventBus runs in a cluster worker only');
    process.on('message', this.onMessage);
  }

  /** Resolves once the batch is handed to the IPC channel (like a Redis PUBLISH: delivered later, to everyone). */
  publish(events: PublishedEvent[]): Promise<void> {
    const message: EventsMessage = { channel: CHANNEL, events };
    return new Promise((resolve, reject) => {
      process.send!(message, undefined, {}, (error: Error | null) => (error ? reject(error) : resolve()));
    });
  }

  subscribe(handler: EventHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  close(): void {
    process.off('message', this.onMessage);
  }
}

/**
 * In the cluster primary: every batch a worker publishes goes to every connected worker, in the order received
 * (one IPC channel per worker keeps that order). Returns what stops it.
 */
export function relayClusterEvents(): () => void {
  const relay = (_from: unknown, message: unknown) => {
    if (!isEventsMessage(message)) return;
    for (const worker of Object.values(cluster.workers ?? {})) {
      // A worker that is exiting misses the batch; a new one rebuilds from the database anyway.
      if (worker?.isConnected()) worker.send(message, undefined, () => undefined);
    }
  };
  cluster.on('message', relay);
  return () => void cluster.off('message', relay);
}
