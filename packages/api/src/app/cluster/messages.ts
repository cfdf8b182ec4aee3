/**
 * What the cluster primary and its workers say to each other over the IPC channel (besides the event bus's batches,
 * rate-limiter-flexible's counts and prom-client's metric requests, which tag their own messages).
 */

/** A worker serves: its URL (the port every worker shares). */
export interface WorkerReady {
  type: 'recupera:worker-ready';
  url: string;
  port: number;
}

/** The primary asks a worker to stop in order (requests, subscriptions, jobs, its pool) and exit. */
export interface WorkerShutdown {
  type: 'recupera:worker-shutdown';
}

export function isWorkerReady(message: unknown): message is WorkerReady {
  return (message as { type?: unknown } | null)?.type === 'recupera:worker-ready';
}

export function isWorkerShutdown(message: unknown): message is WorkerShutdown {
  return (message as { type?: unknown } | null)?.type === 'recupera:worker-shutdown';
}

/** What the primary hands each worker through its environment. */
export const WORKER_ENV = {
  /** 1..API_WORKERS; the worker in slot 1 runs the once-per-deployment work (recurring sweeps, demo-day jobs). */
  slot: 'RECUPERA_WORKER_SLOT',
  /** The database the primary prepared (DATABASE_URL, or the embedded server's). */
  databaseUrl: 'RECUPERA_WORKER_DATABASE_URL',
  /** `1`: serve on the demo clock the primary opened (docs/demo.md). */
  demoClock: 'RECUPERA_WORKER_DEMO_CLOCK',
  /** The interface the primary resolved (HOST, or loopback for the embedded demo). */
  host: 'RECUPERA_WORKER_HOST',
} as const;
