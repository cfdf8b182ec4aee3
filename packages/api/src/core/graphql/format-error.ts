import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError } from '../errors.ts';
import {
  isDatabaseUnavailable,
  SERVICE_UNAVAILABLE_MESSAGE,
  serviceUnavailableExtensions,
} from '../database/unavailable.ts';
import { LIMIT_CODES } from './limits.ts';
import type { Logger } from '../logger.ts';

/** Codes the API (or graphql-js, for malformed requests) raises on purpose; their messages are meant for clients. */
const KNOWN_CODES = new Set<string>([
  ...LIMIT_CODES,
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'IDEMPOTENCY_KEY_REUSED',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * graphql-js reports a bad variable as `Variable "$accounts" got invalid value … at "accounts[2].dueDate"`;
 * the path after `at` is the offending field, which clients otherwise would have to parse out of the text. A
 * missing or null required variable (`Variable "$filter" of non-null type … must not be null`, `… of required type
 * … was not provided`) is the variable itself.
 */
function fieldFromVariableError(message: string): string | undefined {
  const variable = /^Variable "\$(\w+)" (?:got invalid value|of (?:non-null|required) type)/.exec(message);
  if (!variable) return undefined;
  return /at "([^"]+)"/.exec(message)?.[1] ?? variable[1];
}

/** What was thrown in the first place: graphql-js wraps a resolver's error in a GraphQLError (`originalError`). */
export function originalError(error: unknown): unknown {
  let current = error;
  while (current instanceof GraphQLError && current.originalError) current = current.originalError;
  return current;
}

/** A domain refusal in the GraphQL error shape: `extensions.code`, the offending `field`, its details. */
export function domainErrorExtensions(error: DomainError): Record<string, unknown> {
  return { code: error.code, ...(error.field === undefined ? {} : { field: error.field }), ...error.details };
}

/**
 * Errors raised on purpose go to clients as they are (minus any stack trace): the services' {@link DomainError}s
 * mapped to their code and field here, at the edge, and the codes GraphQL itself raises for malformed requests.
 * A lost database (core/database/unavailable.ts decides) is SERVICE_UNAVAILABLE with `retryAfterSeconds`: a
 * transient outage the client retries, told apart from a bug. Anything else is logged in full and reaches the
 * client as a bare INTERNAL_SERVER_ERROR with no stack or SQL. Used for HTTP (Apollo's formatError) and WebSocket results alike.
 */
export function formatErrorFor(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const cause = originalError(error);
    if (cause instanceof DomainError) {
      const { message: _message, extensions: _extensions, ...located } = formatted;
      return { message: cause.message, ...located, extensions: domainErrorExtensions(cause) };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && KNOWN_CODES.has(code)) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      if (code === 'BAD_USER_INPUT' && extensions.field === undefined) {
        const field = fieldFromVariableError(formatted.message);
        if (field) extensions.field = field;
      }
      return { ...formatted, extensions };
    }
    if (isDatabaseUnavailable(cause)) {
      // Logged once per error at warn: an outage is an operational event, not a bug with a stack to read.
      logger.warn(`database unavailable during a GraphQL operation: ${(cause as Error).message}`);
      return { message: SERVICE_UNAVAILABLE_MESSAGE, path: formatted.path, extensions: serviceUnavailableExtensions() };
    }
    logger.error('unexpected error in a GraphQL operation', cause);
    return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
