import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Principal } from '../principal.ts';

/**
 * One HTTP request or WebSocket operation while it runs: its id, and what its log line and metrics report. It is
 * carried by AsyncLocalStorage, so the SQL wrapper, the event writer and every log line find it without it being
 * passed through each call.
 */
export interface RequestObservation {
  readonly requestId: string;
  readonly transport: 'http' | 'ws';
  /** `performance.now()` when it began. */
  readonly startedAt: number;
  /** `/* request_id=… *\/ `, put before the text of its unnamed SQL statements (see sql-instrumentation.ts). */
  readonly sqlComment: string;
  /** Statements sent to PostgreSQL while it ran, and their time in seconds. */
  statements: number;
  statementSeconds: number;
  /** As the client named it; null for an anonymous operation or one that never resolved. */
  operationName: string | null;
  /** query, mutation or subscription; null when the document never resolved to one operation. */
  operationType: string | null;
  /** `extensions.code` of every error of the answer, in order. */
  errorCodes: string[];
  principal: Principal | null;
  /** Once its line is written, background work it started (a timer, a batch) is no longer counted as its own. */
  ended: boolean;
}

const storage = new AsyncLocalStorage<RequestObservation>();

/** A client's `x-request-id` is kept when it is short and plain (it lands in SQL comments and logs). */
const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** The client's request id when it is sane, a new UUID otherwise. */
export function requestIdFrom(given: unknown): string {
  return typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

export function startObservation(transport: 'http' | 'ws', requestId: string): RequestObservation {
  return {
    requestId,
    transport,
    startedAt: performance.now(),
    // Safe inside a comment: SANE_REQUEST_ID and UUIDs hold no `*` or `/`.
    sqlComment: `/* request_id=${requestId} */ `,
    statements: 0,
    statementSeconds: 0,
    operationName: null,
    operationType: null,
    errorCodes: [],
    principal: null,
    ended: false,
  };
}

/** Runs `work` (and everything it starts) as part of the request. */
export function runInRequest<T>(observation: RequestObservation, work: () => T): T {
  return storage.run(observation, work);
}

/** The request running now, if any and still running. */
export function currentRequest(): RequestObservation | undefined {
  const observation = storage.getStore();
  return observation && !observation.ended ? observation : undefined;
}

/**
 * The id of the request running now, or null outside one (jobs, the relay, start-up). Writers that insert
 * `domain_event` rows in SQL pass it as the row's `request_id`.
 */
export function currentRequestId(): string | null {
  return currentRequest()?.requestId ?? null;
}
