import { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';
import type { PublishedEvent } from '@recupera/shared';
import type { EventBus, EventHandler } from './event-bus.ts';

/**
 * The event bus across API instances: one relay publishes a batch to a Redis channel, every instance's
 * subscribers receive it. Redis pub/sub does not keep messages for a disconnected subscriber, so consumers
 * must rebuild from the database after a reconnect (they are told through `onReconnect`), never trust that
 * they saw everything.
 */
export class RedisEventBus implements EventBus {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly handlers = new Set<EventHandler>();
  private readonly reconnectHandlers = new Set<() => void>();
  private ready: Promise<unknown>;

  constructor(
    redisUrl: string,
    private readonly logger: Logger,
    private readonly channel = 'recupera:events',
  ) {
    this.publisher = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
    this.subscriber = new Redis(redisUrl, { maxRetriesPerRequest: null });
    let connectedOnce = false;
    this.subscriber.on('ready', () => {
      if (connectedOnce) for (const handler of this.reconnectHandlers) handler();
      connectedOnce = true;
    });
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel !== this.channel) return;
      const events = JSON.parse(message) as PublishedEvent[];
      for (const handler of this.handlers) {
        Promise.resolve(handler(events)).catch((error: unknown) => this.logger.error('event handler failed', error));
      }
    });
    this.ready = this.subscriber.subscribe(this.channel);
  }

  async publish(events: PublishedEvent[]): Promise<void> {
    await this.publisher.publish(this.channel, JSON.stringify(events));
  }

  subscribe(handler: EventHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  /** Called after the subscription connection came back: events may have been missed meanwhile. */
  onReconnect(handler: () => void): () => void {
    this.reconnectHandlers.add(handler);
    return () => this.reconnectHandlers.delete(handler);
  }

  /** Resolves once this instance is subscribed (messages published before that are not received). */
  whenReady(): Promise<unknown> {
    return this.ready;
  }

  async close(): Promise<void> {
    await Promise.all([this.publisher.quit(), this.subscriber.quit()]);
  }
}
