export interface GraphqlError {
  message: string;
  extensions?: { code?: string; field?: string };
}

export interface GraphqlResponse<T> {
  status: number;
  data?: T | null;
  errors?: GraphqlError[];
}

/** One GraphQL operation over HTTP with `apiKey` as the bearer token, as an outside system sends it. */
export async function graphql<T>(
  baseUrl: string,
  apiKey: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphqlResponse<T>> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify(variables ? { query, variables } : { query }),
  });
  const body = (await response.json()) as Omit<GraphqlResponse<T>, 'status'>;
  return { status: response.status, ...body };
}

/** The data of an operation that must succeed; any GraphQL error fails the test with the API's words. */
export async function graphqlData<T>(
  baseUrl: string,
  apiKey: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<T> {
  const result = await graphql<T>(baseUrl, apiKey, query, variables);
  if (result.errors?.length || !result.data) {
    throw new Error(`GraphQL failed (HTTP ${result.status}): ${JSON.stringify(result.errors)}`);
  }
  return result.data;
}
