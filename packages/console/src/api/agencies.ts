import { graphql } from './generated/gql.ts';
import type { AgenciesQuery } from './generated/graphql.ts';
import { graphqlRequest, type ApiResult } from './graphql.ts';

export type Agency = AgenciesQuery['agencies'][number];

export const AGENCIES_QUERY = graphql(`
  query Agencies {
    agencies {
      id
      code
      name
      partner
    }
  }
`);

function isAgency(value: unknown): value is Agency {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === 'string' &&
    typeof v.code === 'string' &&
    typeof v.name === 'string' &&
    typeof v.partner === 'boolean'
  );
}

/** The agencies the key can see: all of them for staff roles, its own for an `AGENCY` key. */
export async function fetchAgencies(apiKey: string, signal?: AbortSignal): Promise<ApiResult<Agency[]>> {
  const result = await graphqlRequest(AGENCIES_QUERY, {
    apiKey,
    ...(signal ? { signal } : {}),
  });
  if (!result.ok) return result;
  // Checked, not trusted: the answer is only as typed as the server that sent it.
  const list: unknown = result.data.agencies;
  if (!Array.isArray(list) || !list.every(isAgency)) return { ok: false, error: { kind: 'invalid' } };
  return { ok: true, data: list };
}
