import { graphqlClient, type GraphQLResponse } from '../../../packages/api/test/support/graphql-http-client.ts';

/**
 * The browser suite's GraphQL calls, as an outside system sends them, through the tests' one HTTP client
 * (packages/api/test/support/graphql-http-client.ts): these two only put the base URL and key first.
 */

/** One GraphQL operation over HTTP with `apiKey` as the bearer token. */
export function graphql<T>(
  baseUrl: string,
  apiKey: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResponse<T>> {
  return graphqlClient(baseUrl).gql<T>(query, variables, apiKey);
}

/** The data of an operation that must succeed; any GraphQL error fails the test with the API's words. */
export function graphqlData<T>(
  baseUrl: string,
  apiKey: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<T> {
  return graphqlClient(baseUrl).ok<T>(query, variables, apiKey);
}
