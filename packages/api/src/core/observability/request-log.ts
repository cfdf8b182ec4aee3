import type { Logger } from '../logger.ts';
import {
  errorCodeLabel,
  graphqlDuration,
  graphqlErrors,
  graphqlRequests,
  graphqlStatements,
  operationLabel,
} from './metrics.ts';
import type { RequestObservation } from './request-context.ts';

export interface RequestLogOptions {
  logger: Logger;
  /** A request slower than this is logged at warn instead of info (SLOW_REQUEST_MS). */
  slowMs: number;
  /** Whether a request that was not slow gets its info line too (REQUEST_LOG); a slow one always gets its warn. */
  everyRequest: boolean;
}

/**
 * Ends a request's observation: its metrics, and its one log line — at info (unless `everyRequest` is off), or at
 * warn when it took longer than `slowMs`. The line names the operation, how long it took, how many statements it
 * sent, how it ended and who asked (key id and agency, never the key). Runs once per request; later calls are ignored.
 */
export function finishRequest(observation: RequestObservation, options: RequestLogOptions, httpStatus?: number): void {
  if (observation.ended) return;
  observation.ended = true;
  const seconds = (performance.now() - observation.startedAt) / 1000;
  const type = observation.operationType ?? '(unknown)';
  const operation = operationLabel(observation.operationName, observation.operationType);
  graphqlRequests.labels(operation, type, observation.transport).inc();
  graphqlDuration.labels(operation, type).observe(seconds);
  graphqlStatements.labels(operation, type).observe(observation.statements);
  const firstCode = observation.errorCodes[0];
  if (firstCode !== undefined) graphqlErrors.labels(operation, type, errorCodeLabel(firstCode)).inc();

  const durationMs = Math.round(seconds * 10_000) / 10;
  const slow = durationMs > options.slowMs;
  if (!slow && !options.everyRequest) return;
  const principal = observation.principal;
  const line = {
    requestId: observation.requestId,
    transport: observation.transport,
    operation: observation.operationName,
    operationType: observation.operationType,
    durationMs,
    statements: observation.statements,
    dbMs: Math.round(observation.statementSeconds * 10_000) / 10,
    ...(httpStatus === undefined ? {} : { status: httpStatus }),
    ...(observation.errorCodes.length > 0 ? { errors: observation.errorCodes } : {}),
    keyId: principal ? (principal.keyId ?? principal.actor) : null,
    role: principal?.role ?? null,
    agencyId: principal?.agencyId ?? null,
  };
  if (slow) options.logger.warn('slow request', line);
  else options.logger.info('request', line);
}
