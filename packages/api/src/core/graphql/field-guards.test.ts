import { buildSchema, graphql, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { guardFields } from './field-guards.ts';

/**
 * The time budget, on a real graphql-js execution: the resolvers below take real time (timers), the guard compares
 * real clock readings with the context's deadline.
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function schemaWith(log: string[]) {
  const schema = guardFields(
    buildSchema(`
      type Page { id: ID!, next: Page }
      type Query { slow: Page! }
      type Mutation { write: Page!, second: Page }
    `),
  );
  const page = (id: string) => ({
    id,
    next: async () => {
      log.push(`next of ${id}`);
      await sleep(30);
      return page(`${id}+`);
    },
  });
  const rootValue = {
    slow: async () => {
      await sleep(30);
      return page('q');
    },
    write: async () => {
      log.push('write');
      await sleep(60);
      return page('w');
    },
    second: async () => {
      log.push('second');
      return page('s');
    },
  };
  return { schema, rootValue };
}

describe('the operation time budget', () => {
  it('stops a query whose fields run past it', async () => {
    const log: string[] = [];
    const { schema, rootValue } = schemaWith(log);
    const result = await graphql({
      schema,
      rootValue,
      source: '{ slow { id next { id next { id next { id } } } } }',
      contextValue: { deadline: Date.now() + 50, budgetMs: 50 },
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('TIME_BUDGET_EXCEEDED');
    // The first page took 30 ms, its `next` 30 more: the third level was never started.
    expect(log).not.toContain('next of q++');
  });

  it("delivers a mutation's result that arrives after it, and starts no further mutation", async () => {
    const log: string[] = [];
    const { schema, rootValue } = schemaWith(log);
    const result = await graphql({
      schema,
      rootValue,
      source: 'mutation { write { id next { id } } second { id } }',
      contextValue: { deadline: Date.now() + 20, budgetMs: 20 },
    });
    expect(result.data).toEqual({ write: { id: 'w', next: { id: 'w+' } }, second: null });
    expect(result.errors?.map((error) => [error.path?.join('.'), error.extensions?.code])).toEqual([
      ['second', 'TIME_BUDGET_EXCEEDED'],
    ]);
    expect(log).toEqual(['write', 'next of w']);
  });
});

describe('costly fields of one operation', () => {
  /** A schema whose costly field records how many of its resolutions run at the same moment. */
  function gatedSchema(maxParallelFields: number) {
    const running = { now: 0, most: 0 };
    const schema = buildSchema(`
      type Row { id: ID!, costly: Int!, cheap: Int! }
      type Query { rows: [Row!]!, other: Int! }
    `);
    (schema.getType('Row') as GraphQLObjectType).getFields().costly!.extensions = { complexity: 20 };
    const costly = async () => {
      running.now += 1;
      running.most = Math.max(running.most, running.now);
      await sleep(5);
      running.now -= 1;
      return 1;
    };
    const rootValue = {
      rows: () => Array.from({ length: 12 }, (_, i) => ({ id: String(i), costly, cheap: () => 2 })),
      other: () => 3,
    };
    return { schema: guardFields(schema, { maxParallelFields }), rootValue, running };
  }

  it('resolve at most maxParallelFields at once, and every one is answered', async () => {
    const { schema, rootValue, running } = gatedSchema(3);
    const result = await graphql({
      schema,
      rootValue,
      source: '{ rows { id costly cheap } other }',
      contextValue: { deadline: Date.now() + 10_000, budgetMs: 10_000 },
    });
    expect(result.errors).toBeUndefined();
    const rows = (result.data as { rows: { costly: number; cheap: number }[] }).rows;
    expect(rows.map((row) => row.costly)).toEqual(Array(12).fill(1));
    expect(running.most).toBe(3);
  });

  it('are not limited across operations: each has its own turn', async () => {
    const { schema, rootValue, running } = gatedSchema(2);
    const run = () =>
      graphql({
        schema,
        rootValue,
        source: '{ rows { costly } }',
        contextValue: { deadline: Date.now() + 10_000, budgetMs: 10_000 },
      });
    const results = await Promise.all([run(), run()]);
    expect(results.map((result) => result.errors)).toEqual([undefined, undefined]);
    expect(running.most).toBe(4);
  });
});
