import { currentLocale } from '../i18n/index.ts';
import type { TypedDocumentString } from './generated/graphql.ts';

/**
 * An operation written in a `graphql(…)` call, carrying the result and variables types generated from the schema
 * (src/api/generated: `pnpm --filter @recupera/console codegen`, run before every build, test and typecheck).
 */
export type Operation<TResult, TVariables> = TypedDocumentString<TResult, TVariables>;

/** Why a call to the API did not produce data; the UI turns each kind into words. */
export type ApiFailure =
  /** The API answered with a GraphQL error: its own message and `extensions.code`. */
  | { kind: 'graphql'; message: string; code: string | null }
  /** The API (or a proxy in front of it) answered with a non-2xx status and no GraphQL body. */
  | { kind: 'http'; status: number }
  /** No answer at all: the server is down, the network failed, or the request was aborted. */
  | { kind: 'network'; reason: string }
  /** An answer that is neither GraphQL nor an HTTP error we can explain. */
  | { kind: 'invalid' };

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiFailure };

export interface GraphqlRequestOptions<TVariables = Record<string, unknown>> {
  apiKey: string;
  variables?: TVariables;
  signal?: AbortSignal;
}

export const GRAPHQL_PATH = '/graphql';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function firstGraphqlError(body: Record<string, unknown>): ApiFailure | null {
  const errors = body.errors;
  if (!Array.isArray(errors) || errors.length === 0) return null;
  const first: unknown = errors[0];
  const message = isRecord(first) && typeof first.message === 'string' ? first.message : 'Unknown GraphQL error';
  const extensions = isRecord(first) && isRecord(first.extensions) ? first.extensions : {};
  const code = typeof extensions.code === 'string' ? extensions.code : null;
  return { kind: 'graphql', message, code };
}

export function errorReason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * POSTs one GraphQL operation to `/graphql` with the key as a bearer token.
 * Never throws: every outcome is an {@link ApiResult}, so callers must handle the failure branch.
 */
export async function graphqlRequest<TResult, TVariables>(
  query: Operation<TResult, TVariables> | string,
  options: GraphqlRequestOptions<NoInfer<TVariables>>,
): Promise<ApiResult<TResult>> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_PATH, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${options.apiKey}`,
        // Sentences the API writes for people (e.g. an experiment's verdict) come in the console's language.
        'accept-language': currentLocale(),
      },
      body: JSON.stringify(
        options.variables ? { query: String(query), variables: options.variables } : { query: String(query) },
      ),
      signal: options.signal ?? null,
    });
  } catch (error) {
    return { ok: false, error: { kind: 'network', reason: errorReason(error) } };
  }

  let body: unknown;
  try {
    body = await response.json();
  } catch {
    // A proxy's HTML error page or an empty 502 is not JSON; the status is all we can report.
    return {
      ok: false,
      error: response.ok ? { kind: 'invalid' } : { kind: 'http', status: response.status },
    };
  }

  // GraphQL errors come first: servers may send them with 200 or with a 4xx status.
  if (isRecord(body)) {
    const graphqlError = firstGraphqlError(body);
    if (graphqlError) return { ok: false, error: graphqlError };
  }
  if (!response.ok) return { ok: false, error: { kind: 'http', status: response.status } };
  if (!isRecord(body) || !isRecord(body.data)) return { ok: false, error: { kind: 'invalid' } };

  // The schema is the contract for the shape of `data`; callers check what they rely on.
  return { ok: true, data: body.data as TResult };
}
