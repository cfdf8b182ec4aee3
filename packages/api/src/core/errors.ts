/**
 * The codes of docs/api.md; clients branch on `extensions.code`, never on messages. Services raise
 * {@link DomainError}s; the GraphQL edge (core/graphql/format-error.ts) turns them into GraphQL errors, so a
 * service, a job or a script never depends on the transport.
 */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  /** An idempotency key (a payment reference) used again by its poster for a different request. */
  | 'IDEMPOTENCY_KEY_REUSED';

/** A refusal meant for the caller: its code, the offending field when there is one, and codes' parameters. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The offending input as a path such as `accounts[3].dueDate`. */
    readonly field?: string,
    /** Further facts a client may act on (e.g. the id of the payment a reference belongs to). */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Bad input, naming the offending field as a path such as `accounts[3].dueDate`. */
export function badInput(field: string, message: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError('BAD_USER_INPUT', `${field}: ${message}`, field, details);
}

/** Also what an agency gets for another agency's record: existence is never disclosed. */
export function notFound(what: string, id: string, field = 'id'): DomainError {
  return new DomainError('NOT_FOUND', `${what} ${id} not found`, field);
}

export function conflict(field: string, message: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError('CONFLICT', `${field}: ${message}`, field, details);
}

export function unauthenticated(message = 'A valid API key is required (Authorization: Bearer <key>)'): DomainError {
  return new DomainError('UNAUTHENTICATED', message);
}

export function forbidden(message = 'Your role may not perform this operation'): DomainError {
  return new DomainError('FORBIDDEN', message);
}
