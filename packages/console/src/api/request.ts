import { useApiKey } from '../session/use-api-key.ts';
import { graphqlRequest, type ApiResult } from './graphql.ts';

/** One GraphQL operation with the session's key. */
export function request<T>(
  query: string,
  variables?: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<ApiResult<T>> {
  const { apiKey } = useApiKey();
  if (!apiKey.value)
    return Promise.resolve({ ok: false, error: { kind: 'graphql', message: '', code: 'UNAUTHENTICATED' } });
  return graphqlRequest<T>(query, {
    apiKey: apiKey.value,
    ...(variables ? { variables } : {}),
    ...(signal ? { signal } : {}),
  });
}
