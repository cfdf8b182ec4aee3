import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
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

/**
 * A redis-server of a test's own on `port` (no persistence), so a test can take Redis away and bring it back
 * without touching the Redis other test files share.
 */
export class OwnRedisServer {
  private child: ChildProcess | null = null;

  constructor(readonly port: number) {}

  /** A server on a loopback port nothing listens on right now (not started yet). */
  static async onFreePort(): Promise<OwnRedisServer> {
    const probe = createServer();
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(0, '127.0.0.1', resolve);
    });
    const address = probe.address();
    await new Promise((resolve) => probe.close(resolve));
    if (typeof address !== 'object' || !address) throw new Error('no free port');
    return new OwnRedisServer(address.port);
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts the server and resolves once it answers PING. */
  async start(): Promise<void> {
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    this.child = child;
    const probe = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    try {
      const deadline = Date.now() + 10_000;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`redis-server on port ${this.port} exited (${child.exitCode})`);
        try {
          await probe.connect();
          await probe.ping();
          return;
        } catch (error) {
          if (Date.now() > deadline) throw error;
          probe.disconnect();
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    } finally {
      probe.disconnect();
    }
  }

  /** Kills the server outright (SIGKILL: a crash, not a shutdown) and waits until the process is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }
}
