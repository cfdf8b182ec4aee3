import { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';
import type { PublishedEvent } from '@recupera/shared';
import type { EventBus, EventHandler } from './event-bus.ts';

/**
 * The longest a publish may take before it counts as failed (a Redis that accepts connections but does not
 * answer): the relay's transaction and a `kpis` query must never wait longer than this on Redis.
 */
const PUBLISH_TIMEOUT_MS = 1_000;

/**
 * The event bus across API instances: one relay publishes a batch to a Redis channel, every instance's
 * subscribers receive it. Redis pub/sub does not keep messages for a disconnected subscriber, so consumers
 * must rebuild from the database after a reconnect (they are told through `onReconnect`), never trust that
 * they saw everything.
 *
 * While Redis is away a publish fails at once (no offline queue, no retry, a command timeout): the outbox keeps
 * the events and the relay publishes them once Redis is back, so nothing that waits on the relay (a `kpis`
 * query's read-your-writes) is held by the outage. `delivering()` says whether both connections are up.
 */
export class RedisEventBus implements EventBus {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly handlers = new Set<EventHandler>();
  private readonly reconnectHandlers = new Set<() => void>();
  private readonly deliveryListeners = new Set<(delivering: boolean) => void>();
  private ready: Promise<unknown>;
  /** The last publish failed although the connection looked up (a hung server): not delivering until one works. */
  private publishFailing = false;
  private wasDelivering = false;
  /** The subscriber's SUBSCRIBE was answered since it last (re)connected. */
  private subscribed = false;
  private closing = false;

  constructor(
    redisUrl: string,
    private readonly logger: Logger,
    private readonly channel = 'recupera:events',
  ) {
    this.publisher = new Redis(redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: PUBLISH_TIMEOUT_MS,
    });
    // The subscriber must never give up: it reconnects (ioredis re-subscribes) for as long as the process runs.
    this.subscriber = new Redis(redisUrl, { maxRetriesPerRequest: null });
    let connectedOnce = false;
    this.subscriber.on('ready', () => {
      if (!connectedOnce) {
        connectedOnce = true;
        return;
      }
      // ioredis re-subscribes right after 'ready'; our own SUBSCRIBE is answered after it (one connection, in
      // order), so a rebuild started then cannot miss an event published between its snapshot and the subscription.
      this.subscriber
        .subscribe(this.channel)
        .then(() => {
          this.subscribed = true;
          for (const handler of this.reconnectHandlers) handler();
          this.noteDelivery();
        })
        .catch((error: unknown) => this.logger.warn('event bus: re-subscribing failed', error));
    });
    this.subscriber.on('close', () => (this.subscribed = false));
    for (const connection of [this.publisher, this.subscriber]) {
      for (const status of ['ready', 'close', 'end', 'reconnecting']) connection.on(status, () => this.noteDelivery());
      // Without a listener ioredis prints every failed reconnect; the delivery state says what matters.
      connection.on('error', (error: Error) => this.logger.debug('event bus: Redis connection error', error.message));
    }
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel !== this.channel) return;
      const events = JSON.parse(message) as PublishedEvent[];
      for (const handler of this.handlers) {
        Promise.resolve(handler(events)).catch((error: unknown) => this.logger.error('event handler failed', error));
      }
    });
    this.ready = Promise.all([
      this.subscriber.subscribe(this.channel).then(() => (this.subscribed = true)),
      this.publisher.status === 'ready'
        ? undefined
        : new Promise<void>((resolve) => this.publisher.once('ready', () => resolve())),
    ]).then(() => this.noteDelivery());
  }

  async publish(events: PublishedEvent[]): Promise<void> {
    try {
      await this.publisher.publish(this.channel, JSON.stringify(events));
    } catch (error) {
      this.setPublishFailing(true);
      throw error;
    }
    this.setPublishFailing(false);
  }

  subscribe(handler: EventHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  canPublish(): boolean {
    return this.publisher.status === 'ready';
  }

  delivering(): boolean {
    return (
      !this.closing &&
      !this.publishFailing &&
      this.subscribed &&
      this.publisher.status === 'ready' &&
      this.subscriber.status === 'ready'
    );
  }

  onDeliveryChange(listener: (delivering: boolean) => void): () => void {
    this.deliveryListeners.add(listener);
    return () => this.deliveryListeners.delete(listener);
  }

  /** Called after the subscription connection came back: events may have been missed meanwhile. */
  onReconnect(handler: () => void): () => void {
    this.reconnectHandlers.add(handler);
    return () => this.reconnectHandlers.delete(handler);
  }

  /** Resolves once this instance is subscribed and can publish (messages published before are not received). */
  whenReady(): Promise<unknown> {
    return this.ready;
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all([this.publisher.quit(), this.subscriber.quit()]);
  }

  private setPublishFailing(failing: boolean): void {
    if (this.publishFailing === failing) return;
    this.publishFailing = failing;
    this.noteDelivery();
  }

  private noteDelivery(): void {
    const delivering = this.delivering();
    if (delivering === this.wasDelivering) return;
    this.wasDelivering = delivering;
    if (!this.closing) {
      if (delivering) this.logger.info('event bus: Redis delivering again');
      else this.logger.warn('event bus: Redis unavailable; events wait in the outbox and live figures may lag');
    }
    for (const listener of this.deliveryListeners) listener(delivering);
  }
}
