import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { PublishedEvent } from '@recupera/shared';
import { RedisEventBus } from '../src/core/events/redis-event-bus.ts';
import { createLogger } from '../src/core/logger.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The bus carries events as opaque JSON: a payload of two fields is enough to see it arrive intact. */
function event(id: number): PublishedEvent {
  return {
    id: String(id),
    type: 'PaymentRecorded',
    aggregateType: 'Payment',
    aggregateId: `payment-${id}`,
    payload: { amount: '1234.50', currency: 'PEN' },
    occurredAt: new Date(Date.UTC(2026, 10, 24, 15, 0, id)).toISOString(),
  } as unknown as PublishedEvent;
}

describe('the Redis event bus', () => {
  const buses: RedisEventBus[] = [];
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
  });

  it('delivers a batch published by one instance to the subscribers of every instance, intact', async () => {
    const channel = `recupera:test:${randomBytes(6).toString('hex')}`;
    const logger = createLogger('silent');
    const [first, second, third] = [0, 1, 2].map(() => new RedisEventBus(REDIS_URL, logger, channel));
    buses.push(first!, second!, third!);
    await Promise.all(buses.map((bus) => bus.whenReady()));

    const received = new Map<string, PublishedEvent[]>();
    const arrived = buses.map(
      (bus, index) =>
        new Promise<void>((resolve) => {
          bus.subscribe((events) => {
            received.set(`bus${index}`, [...(received.get(`bus${index}`) ?? []), ...events]);
            if ((received.get(`bus${index}`) ?? []).length >= 3) resolve();
          });
        }),
    );
    await first!.publish([event(1), event(2)]);
    await second!.publish([event(3)]);
    await Promise.all(arrived);

    for (const index of [0, 1, 2]) {
      expect(received.get(`bus${index}`)).toEqual([event(1), event(2), event(3)]);
    }
  });

  it('does not deliver another channel’s events', async () => {
    const logger = createLogger('silent');
    const mine = new RedisEventBus(REDIS_URL, logger, `recupera:test:${randomBytes(6).toString('hex')}`);
    const other = new RedisEventBus(REDIS_URL, logger, `recupera:test:${randomBytes(6).toString('hex')}`);
    buses.push(mine, other);
    await Promise.all([mine.whenReady(), other.whenReady()]);
    const seen: PublishedEvent[] = [];
    mine.subscribe((events) => {
      seen.push(...events);
    });
    await other.publish([event(9)]);
    await mine.publish([event(10)]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen).toEqual([event(10)]);
  });
});
