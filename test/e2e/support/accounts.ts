import { graphqlData } from './graphql.ts';

export interface AccountSummary {
  id: string;
  externalRef: string;
  debtor: { name: string; documentId: string };
  agency: { code: string } | null;
}

const FIRST_PAGE = `query ($filter: AccountFilter) {
  accounts(first: 100, filter: $filter) {
    edges { node { id externalRef debtor { name documentId } agency { code } } }
  }
}`;

/** Accounts `apiKey` may see (the first hundred), each with the agency it is placed with. */
export async function visibleAccounts(
  baseUrl: string,
  apiKey: string,
  filter: Record<string, unknown> = {},
): Promise<AccountSummary[]> {
  const data = await graphqlData<{ accounts: { edges: { node: AccountSummary }[] } }>(baseUrl, apiKey, FIRST_PAGE, {
    filter,
  });
  return data.accounts.edges.map((edge) => edge.node);
}

export async function agencyId(baseUrl: string, apiKey: string, code: string): Promise<string> {
  const { agencies } = await graphqlData<{ agencies: { id: string; code: string }[] }>(
    baseUrl,
    apiKey,
    '{ agencies { id code } }',
  );
  const agency = agencies.find((a) => a.code === code);
  if (!agency) throw new Error(`no agency ${code} in the demo seed`);
  return agency.id;
}
