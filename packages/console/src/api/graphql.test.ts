import { describe, expect, it } from 'vitest';
import { jsonResponse, stubFetch } from '../test-support/responses.ts';
import { graphqlRequest } from './graphql.ts';

describe('graphqlRequest', () => {
  it('returns data on success', async () => {
    stubFetch({ '/graphql': () => jsonResponse({ data: { ping: 'pong' } }) });
    await expect(graphqlRequest('{ ping }', { apiKey: 'k' })).resolves.toEqual({
      ok: true,
      data: { ping: 'pong' },
    });
  });

  it('prefers the GraphQL error over the HTTP status', async () => {
    stubFetch({
      '/graphql': () => jsonResponse({ errors: [{ message: 'No', extensions: { code: 'FORBIDDEN' } }] }, 403),
    });
    await expect(graphqlRequest('{ ping }', { apiKey: 'k' })).resolves.toEqual({
      ok: false,
      error: { kind: 'graphql', message: 'No', code: 'FORBIDDEN' },
    });
  });

  it('reports a GraphQL error without a code', async () => {
    stubFetch({ '/graphql': () => jsonResponse({ errors: [{ message: 'Syntax' }], data: null }) });
    await expect(graphqlRequest('{', { apiKey: 'k' })).resolves.toEqual({
      ok: false,
      error: { kind: 'graphql', message: 'Syntax', code: null },
    });
  });

  it('reports non-JSON answers by status, and a 200 without data as invalid', async () => {
    stubFetch({ '/graphql': () => new Response('<html>', { status: 504 }) });
    await expect(graphqlRequest('{ ping }', { apiKey: 'k' })).resolves.toEqual({
      ok: false,
      error: { kind: 'http', status: 504 },
    });

    stubFetch({ '/graphql': () => jsonResponse({ hello: 1 }) });
    await expect(graphqlRequest('{ ping }', { apiKey: 'k' })).resolves.toEqual({
      ok: false,
      error: { kind: 'invalid' },
    });
  });

  it('reports a failed connection as a network failure', async () => {
    stubFetch({
      '/graphql': () => {
        throw new TypeError('connection refused');
      },
    });
    await expect(graphqlRequest('{ ping }', { apiKey: 'k' })).resolves.toEqual({
      ok: false,
      error: { kind: 'network', reason: 'connection refused' },
    });
  });
});
