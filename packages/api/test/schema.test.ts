import { buildSchema, findBreakingChanges } from 'graphql';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { printApiSchema } from '../src/core/graphql/print-schema.ts';
import { buildApiSchema } from '../src/core/graphql/schema.ts';

const committedPath = fileURLToPath(new URL('../schema.graphql', import.meta.url));
const contractPath =
  process.env.RECUPERA_CONTRACT ?? fileURLToPath(new URL('../../../../shared/contract.graphql', import.meta.url));

describe('the served GraphQL schema', () => {
  it('matches the committed schema.graphql (run `pnpm --filter @recupera/api schema:emit` after changing it)', async () => {
    const served = printApiSchema(await buildApiSchema());
    expect(readFileSync(committedPath, 'utf8')).toBe(served);
  });

  it('contains the public contract without a breaking change', async () => {
    expect(existsSync(contractPath), `the contract is expected at ${contractPath}`).toBe(true);
    const contract = buildSchema(readFileSync(contractPath, 'utf8'));
    const breaking = findBreakingChanges(contract, await buildApiSchema());
    expect(breaking.map((change) => change.description)).toEqual([]);
  });
});
