import { buildSchema, findBreakingChanges } from 'graphql';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { printApiSchema } from '../src/core/graphql/print-schema.ts';
import { buildApiSchema } from '../src/app/schema.ts';

const committedPath = fileURLToPath(new URL('../schema.graphql', import.meta.url));
/** The public contract partner systems code against, kept in the repository (docs/api.md says what it promises). */
const contractPath = fileURLToPath(new URL('../../../docs/contract.graphql', import.meta.url));
/**
 * Another copy of the contract to check against as well, when one is given (a team's shared folder, a partner's
 * pinned copy); the repository's own copy is always checked.
 */
const extraContractPath = process.env.RECUPERA_CONTRACT;

function breakingChanges(path: string) {
  return async () => {
    const contract = buildSchema(readFileSync(path, 'utf8'));
    const breaking = findBreakingChanges(contract, await buildApiSchema());
    expect(breaking.map((change) => change.description)).toEqual([]);
  };
}

describe('the served GraphQL schema', () => {
  it('matches the committed schema.graphql (run `pnpm --filter @recupera/api schema:emit` after changing it)', async () => {
    const served = printApiSchema(await buildApiSchema());
    expect(readFileSync(committedPath, 'utf8')).toBe(served);
  });

  it('contains the public contract (docs/contract.graphql) without a breaking change', breakingChanges(contractPath));

  it.runIf(extraContractPath !== undefined && existsSync(extraContractPath))(
    'contains the contract named by RECUPERA_CONTRACT without a breaking change',
    breakingChanges(extraContractPath ?? ''),
  );
});
