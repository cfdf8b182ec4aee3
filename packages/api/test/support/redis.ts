import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** The Redis tests run on: the machine's own, unless TEST_REDIS_URL says otherwise. */
export function testRedisUrl(): string {
  return process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/** A BullMQ key prefix no other test run uses, so runs in parallel (and leftovers of killed runs) never mix. */
export function uniqueQueuePrefix(): string {
  return `recupera-test-${randomBytes(6).toString('hex')}`;
}

/** Deletes every key under `prefix` (what a test run's queues left behind). */
export async function deleteKeysWithPrefix(prefix: string, url = testRedisUrl()): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
