import { useApiKey } from '../session/use-api-key.ts';
import { graphqlRequest, type ApiResult, type Operation } from './graphql.ts';

/** One GraphQL operation with the session's key. */
export function request<TResult, TVariables>(
  query: Operation<TResult, TVariables>,
  variables?: NoInfer<TVariables>,
  signal?: AbortSignal,
): Promise<ApiResult<TResult>> {
  const { apiKey } = useApiKey();
  if (!apiKey.value)
    return Promise.resolve({ ok: false, error: { kind: 'graphql', message: '', code: 'UNAUTHENTICATED' } });
  return graphqlRequest(query, {
    apiKey: apiKey.value,
    ...(variables ? { variables } : {}),
    ...(signal ? { signal } : {}),
  });
}
