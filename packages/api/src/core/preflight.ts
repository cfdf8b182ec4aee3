import net from 'node:net';
import { Redis } from 'ioredis';
import type { Config } from './config.ts';
import { describeStartupFailure, describeUrl, StartupError } from './startup-failure.ts';

/**
 * Checks made before anything is started, so a taken port or an unreachable Redis is reported in a second
 * rather than after the embedded PostgreSQL started, migrated and seeded (and, for Redis, instead of a retry
 * loop that never ends). Every problem found is one line of the StartupError.
 */
export async function checkStartupPrerequisites(
  config: Pick<Config, 'PORT' | 'REDIS_URL'> & { HOST: string },
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const problems = (
    await Promise.all([
      portProblem('PORT', config.PORT, config.HOST),
      config.REDIS_URL ? redisProblem(config.REDIS_URL, env) : null,
    ])
  ).filter((problem): problem is string => problem !== null);
  if (problems.length > 0) throw new StartupError(problems);
}

/** Throws a one-line StartupError naming `variable` when `port` cannot be listened on at `host`. */
export async function assertPortFree(variable: string, port: number, host: string): Promise<void> {
  const problem = await portProblem(variable, port, host);
  if (problem) throw new StartupError(problem);
}

async function portProblem(variable: string, port: number, host: string): Promise<string | null> {
  if (port === 0) return null;
  const code = await new Promise<string | null>((resolve) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'unknown'));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(null)));
  });
  if (code === null) return null;
  if (code === 'EADDRINUSE') {
    return `${variable} ${port} is already in use by another program: stop it, or set ${variable} to a free port.`;
  }
  if (code === 'EACCES') {
    return `${variable} ${port} needs privileges this process does not have: set ${variable} to 1024 or above.`;
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return `HOST ${host} is not an address of this machine: set HOST to one of its addresses, or 0.0.0.0.`;
  }
  return `${variable} ${port} cannot be listened on at ${host} (${code}).`;
}

async function redisProblem(url: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 5_000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // connect() rejects with "Connection is closed."; the socket's own error (ECONNREFUSED, …) says why.
  let cause: unknown = null;
  redis.on('error', (error) => (cause ??= error));
  try {
    await redis.connect();
    await redis.ping();
    return null;
  } catch (error) {
    const [line] = describeStartupFailure(cause ?? error, { REDIS_URL: env.REDIS_URL ?? url });
    return line!.startsWith('Recupera could not start')
      ? `Redis at ${describeUrl(url) ?? 'REDIS_URL'} did not answer: ${((cause ?? error) as Error).message} (check REDIS_URL).`
      : line!;
  } finally {
    redis.disconnect();
  }
}
