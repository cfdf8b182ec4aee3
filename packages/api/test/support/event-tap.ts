import { Redis } from 'ioredis';
import type { PublishedEvent } from '@recupera/shared';
import { testRedisUrl } from './redis.ts';
import { waitFor } from './wait.ts';

/**
 * Listens to the event-bus channel of a test run the way an API instance does (`<REDIS_PREFIX>:events`), so a
 * test can tell that an event crossed the channel every instance shares, not only that some instance saw it.
 */
export class EventTap {
  readonly events: PublishedEvent[] = [];
  private readonly redis: Redis;
  private readonly ready: Promise<unknown>;

  constructor(channel: string, url = testRedisUrl()) {
    this.redis = new Redis(url, { maxRetriesPerRequest: null });
    this.redis.on('message', (from: string, message: string) => {
      if (from === channel) this.events.push(...(JSON.parse(message) as PublishedEvent[]));
    });
    this.ready = this.redis.subscribe(channel);
  }

  whenReady(): Promise<unknown> {
    return this.ready;
  }

  /** The event of `type` about `aggregateId` once it has been published on the channel. */
  published(type: string, aggregateId: string, timeoutMs = 5_000): Promise<PublishedEvent> {
    return waitFor(
      `${type} ${aggregateId} on the shared channel`,
      () => this.events.find((event) => event.type === type && event.aggregateId === aggregateId),
      timeoutMs,
    );
  }

  close(): void {
    this.redis.disconnect();
  }
}
