/**
 * The one GraphQL-over-HTTP client of the tests: the API suite (in-process and child-process APIs) and the browser
 * suite (test/e2e imports this file) send their operations through it, as an outside system would — a JSON POST
 * to /graphql with the key as a bearer token. Plain `fetch`, no other import, so any suite can use it.
 */

export interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  /** The HTTP status. */
  status: number;
  data?: T | null;
  errors?: GraphQLError[];
}

export interface GraphQLClient {
  readonly url: string;
  /** POST /graphql as the holder of `key` (the client's key unless told otherwise; null: no header). */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    key?: string | null,
  ): Promise<GraphQLResponse<T>>;
  /** Like gql, but fails on any GraphQL error (or no data) with the API's words, and returns `data`. */
  ok<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, key?: string | null): Promise<T>;
  /** POST /graphql with exactly the given headers and body text, for requests `gql` cannot make. */
  postRaw(body: string, headers?: Record<string, string>): Promise<{ status: number; text: string; headers: Headers }>;
}

export interface GraphQLClientOptions {
  /** The key sent when a call names none (null or absent: no Authorization header). */
  key?: string | null;
  /** Names the API in errors (e.g. one of several processes). */
  label?: string;
}

/** A client of the API at `url` (its origin, e.g. http://127.0.0.1:4000). */
export function graphqlClient(url: string, options: GraphQLClientOptions = {}): GraphQLClient {
  const base = url.replace(/\/$/, '');
  const defaultKey = options.key ?? null;
  const postRaw = async (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) => {
    const response = await fetch(`${base}/graphql`, { method: 'POST', headers, body });
    return { status: response.status, text: await response.text(), headers: response.headers };
  };
  const gql = async <T>(query: string, variables?: Record<string, unknown>, key: string | null = defaultKey) => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify(variables ? { query, variables } : { query }),
    });
    const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
    return { status: response.status, ...body };
  };
  const ok = async <T>(query: string, variables?: Record<string, unknown>, key?: string | null) => {
    const result = await gql<T>(query, variables, key);
    if (result.errors?.length || result.data == null) {
      const prefix = options.label ? `${options.label}: ` : '';
      throw new Error(`${prefix}GraphQL failed (HTTP ${result.status}): ${JSON.stringify(result.errors)}`);
    }
    return result.data;
  };
  return { url: base, gql, ok, postRaw };
}
