import type { ApolloServerPlugin } from '@apollo/server';
import Negotiator from 'negotiator';
import { DATABASE_RETRY_AFTER_SECONDS } from '../database/unavailable.ts';

const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';

/**
 * Whether Apollo will answer this request as `application/graphql-response+json`: the same negotiation Apollo
 * makes (negotiator over the Accept header, application/json first on a tie, application/json without one).
 */
export function answersGraphqlResponseJson(accept: string | undefined): boolean {
  if (!accept) return false;
  const preferred = new Negotiator({ headers: { accept } }).mediaType(['application/json', GRAPHQL_RESPONSE_JSON]);
  return preferred === GRAPHQL_RESPONSE_JSON;
}

/**
 * A response whose operation failed because the database is down: HTTP 503 with `Retry-After` where the
 * GraphQL-over-HTTP spec allows a 5xx (an `application/graphql-response+json` response without data); with
 * `application/json` the spec requires 200, so the client reads `extensions.code` and `retryAfterSeconds` alone.
 * A partial result (some data, one field failed) stays 200 under either media type, as the spec requires.
 */
export const serviceUnavailableStatus: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ request, response }) {
        if (response.body.kind !== 'single') return;
        const { errors, data } = response.body.singleResult;
        if (data != null || !errors?.some((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE')) return;
        if (!answersGraphqlResponseJson(request.http?.headers.get('accept'))) return;
        response.http.status = 503;
        response.http.headers.set('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
      },
    };
  },
};
