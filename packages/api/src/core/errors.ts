import { GraphQLError } from 'graphql';

/** The codes of docs/design.md; clients branch on `extensions.code`, never on messages. */
export type ErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT';

function appError(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

/** Bad input, naming the offending field as a path such as `accounts[3].dueDate`. */
export function badInput(field: string, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return appError('BAD_USER_INPUT', `${field}: ${message}`, { field, ...extra });
}

/** Also what an agency gets for another agency's record: existence is never disclosed. */
export function notFound(what: string, id: string, field = 'id'): GraphQLError {
  return appError('NOT_FOUND', `${what} ${id} not found`, { field });
}

export function conflict(field: string, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return appError('CONFLICT', `${field}: ${message}`, { field, ...extra });
}

export function unauthenticated(message = 'A valid API key is required (Authorization: Bearer <key>)'): GraphQLError {
  return appError('UNAUTHENTICATED', message);
}

export function forbidden(message = 'Your role may not perform this operation'): GraphQLError {
  return appError('FORBIDDEN', message);
}
