/**
 * The one place that decides whether an error means "the database cannot be reached right now" — a transient
 * outage a client should retry — rather than a bug. The GraphQL edge (core/graphql/format-error.ts), the HTTP error
 * handler (core/http/http-errors.ts) and /healthz all ask here, so they can never disagree.
 *
 * What counts (docs/api.md, "When the database is down"):
 * - the socket could not be opened or was cut: ECONNREFUSED, ECONNRESET, ETIMEDOUT, EHOSTUNREACH, ENETUNREACH,
 *   ENOTFOUND, EAI_AGAIN, EPIPE;
 * - PostgreSQL ended or refused the session: 57P01 admin_shutdown (pg_terminate_backend, a fast shutdown), 57P02
 *   crash_shutdown, 57P03 cannot_connect_now (starting up, shutting down), class 08 connection exceptions, 53300
 *   too_many_connections;
 * - node-postgres's own words for a lost connection: "Connection terminated …", "timeout exceeded when trying to
 *   connect" (the pool's acquire timeout), "… is not queryable".
 *
 * What does not: a statement cancelled by the time budget (57014), constraint violations, a database that does not
 * exist or a wrong password (persistent misconfiguration, not an outage to wait out).
 */

/** What clients are told to wait before retrying: long enough for a restart or a failover, short for a blip. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

const SOCKET_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

const SERVER_GONE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);

const LOST_CONNECTION_MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /is not queryable/,
  /^terminating connection due to administrator command/,
];

/** True when `error`, or anything it wraps (cause, GraphQL originalError, AggregateError), is a lost database. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const current = pending.pop();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const { code, message, cause, originalError, errors } = current as {
      code?: unknown;
      message?: unknown;
      cause?: unknown;
      originalError?: unknown;
      errors?: unknown;
    };
    if (typeof code === 'string') {
      if (SOCKET_ERRORS.has(code) || SERVER_GONE_STATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
    }
    if (typeof message === 'string' && LOST_CONNECTION_MESSAGES.some((pattern) => pattern.test(message))) return true;
    pending.push(cause, originalError);
    if (Array.isArray(errors)) pending.push(...(errors as unknown[]));
  }
  return false;
}

/** The GraphQL error's extensions for a lost database: clients branch on the code and wait the seconds given. */
export function serviceUnavailableExtensions(): { code: 'SERVICE_UNAVAILABLE'; retryAfterSeconds: number } {
  return { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS };
}

export const SERVICE_UNAVAILABLE_MESSAGE = 'The database is unavailable for the moment; retry later';
