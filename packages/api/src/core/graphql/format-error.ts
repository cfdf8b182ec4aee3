import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from '../logger.ts';

/** Codes the API (or graphql-js, for malformed requests) raises on purpose; their messages are meant for clients. */
const KNOWN_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * graphql-js reports a bad variable as `Variable "$accounts" got invalid value … at "accounts[2].dueDate"`;
 * the path after `at` is the offending field, which clients otherwise would have to parse out of the text.
 */
function fieldFromVariableError(message: string): string | undefined {
  const variable = /^Variable "\$(\w+)" got invalid value/.exec(message);
  if (!variable) return undefined;
  return /at "([^"]+)"/.exec(message)?.[1] ?? variable[1];
}

/**
 * Errors raised on purpose go to clients as they are (minus any stack trace); anything else — a bug, a lost
 * database — is logged in full and reaches the client as a bare INTERNAL_SERVER_ERROR with no stack or SQL.
 * Used for HTTP (Apollo's formatError) and WebSocket results alike.
 */
export function formatErrorFor(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && KNOWN_CODES.has(code)) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      if (code === 'BAD_USER_INPUT' && extensions.field === undefined) {
        const field = fieldFromVariableError(formatted.message);
        if (field) extensions.field = field;
      }
      return { ...formatted, extensions };
    }
    logger.error('unexpected error in a GraphQL operation', unwrapResolverError(error));
    return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
