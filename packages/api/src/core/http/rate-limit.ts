import type { Redis } from 'ioredis';
import {
  RateLimiterCluster,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { limitError } from '../graphql/limits.ts';
import type { Principal } from '../principal.ts';

export interface RateLimitSettings {
  /** Requests and WebSocket operations a key may start per second. */
  perKey: number;
  /** Requests per second from one address without a valid key. */
  anonymousPerIp: number;
  /** Shared counters across instances; each instance counts alone without it. */
  redis?: Redis | undefined;
  /** Namespace of the counters in Redis (REDIS_PREFIX). */
  prefix: string;
  /**
   * A `pnpm start` worker without Redis: the counters live in the cluster primary (rate-limiter-flexible's
   * RateLimiterCluster over the IPC channel; the primary runs RateLimiterClusterMaster), so a key's requests are
   * counted together whichever worker serves them.
   */
  cluster?: boolean;
}

/** How long a worker waits for the primary's count before it counts alone (the primary is busy or restarting). */
const CLUSTER_TIMEOUT_MS = 1_000;

/** A refusal for too many requests, with when to try again. */
export interface RateLimited {
  retryAfterSeconds: number;
  limit: number;
}

/**
 * Requests per key per second, counted in Redis when there is one (rate-limiter-flexible's token counters, shared
 * by every instance) and in memory otherwise. A Redis outage does not stop the API: each instance falls back to
 * counting in its own memory until Redis is back. Requests without a valid key are counted by address, so
 * guessing keys is slow too.
 */
export class RequestRateLimiter {
  private readonly byKey: RateLimiterAbstract;
  private readonly byAddress: RateLimiterAbstract;
  /** Per-worker counters used when the cluster primary does not answer in time (RateLimiterCluster has no insurance). */
  private readonly fallbacks = new Map<string, RateLimiterAbstract>();

  constructor(private readonly settings: RateLimitSettings) {
    const make = (points: number, name: string): RateLimiterAbstract => {
      const memory = new RateLimiterMemory({ points, duration: 1, keyPrefix: name });
      if (settings.cluster && !settings.redis) {
        this.fallbacks.set(name, memory);
        return new RateLimiterCluster({ points, duration: 1, keyPrefix: name, timeoutMs: CLUSTER_TIMEOUT_MS });
      }
      if (!settings.redis) return memory;
      return new RateLimiterRedis({
        storeClient: settings.redis,
        points,
        duration: 1,
        keyPrefix: `${settings.prefix}:rate:${name}`,
        insuranceLimiter: memory,
      });
    };
    this.byKey = make(settings.perKey, 'key');
    this.byAddress = make(settings.anonymousPerIp, 'ip');
  }

  /** Counts one request; the refusal when the caller is over its rate, null otherwise. */
  async take(principal: Principal | null, address: string): Promise<RateLimited | null> {
    const [limiter, key, limit, name] = principal
      ? [this.byKey, principal.keyId ?? principal.actor, this.settings.perKey, 'key']
      : [this.byAddress, address, this.settings.anonymousPerIp, 'ip'];
    try {
      await limiter.consume(key);
      return null;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return refusal(rejection, limit);
      const fallback = this.fallbacks.get(name);
      if (!fallback) throw rejection;
      try {
        await fallback.consume(key);
        return null;
      } catch (fallbackRejection) {
        if (fallbackRejection instanceof RateLimiterRes) return refusal(fallbackRejection, limit);
        throw fallbackRejection;
      }
    }
  }
}

function refusal(rejection: RateLimiterRes, limit: number): RateLimited {
  return { retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)), limit };
}

/** The GraphQL error of a refusal: RATE_LIMITED with the limit and when to retry. */
export function rateLimitedError(refusal: RateLimited) {
  return limitError(
    'RATE_LIMITED',
    `Too many requests for this key: at most ${refusal.limit} per second; retry in ${refusal.retryAfterSeconds} s`,
    refusal.limit,
    { retryAfterSeconds: refusal.retryAfterSeconds },
  );
}
