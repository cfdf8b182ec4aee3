import { graphql, GraphQLList, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectedFieldsAt } from './selection.ts';

/** A small schema whose `list` resolver reports what is selected at `items`: a real execution builds its info. */
function selectionsOf(query: string): Promise<string[]> {
  const owner = new GraphQLObjectType({ name: 'Owner', fields: { name: { type: GraphQLString } } });
  const item: GraphQLObjectType = new GraphQLObjectType({
    name: 'Item',
    fields: () => ({ id: { type: GraphQLString }, label: { type: GraphQLString }, owner: { type: owner } }),
  });
  const list = new GraphQLObjectType({ name: 'List', fields: { items: { type: new GraphQLList(item) } } });
  let seen: string[] = [];
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        list: {
          type: list,
          resolve: (_root, _args, _context, info) => {
            seen = [...selectedFieldsAt(info, ['items'])].sort();
            return { items: [] };
          },
        },
      },
    }),
  });
  return graphql({ schema, source: query }).then((result) => {
    expect(result.errors).toBeUndefined();
    return seen;
  });
}

describe('selectedFieldsAt', () => {
  it('names the fields selected at a path, by their own names', async () => {
    expect(await selectionsOf('{ list { items { id text: label } } }')).toEqual(['id', 'label']);
  });

  it('follows fragment spreads and inline fragments, at the path and above it', async () => {
    expect(
      await selectionsOf(`{ list { ...Items } }
        fragment Items on List { items { id ... on Item { owner { name } } ...More } }
        fragment More on Item { __typename label }`),
    ).toEqual(['__typename', 'id', 'label', 'owner']);
  });

  it('merges the same field selected twice and counts a skipped field as selected', async () => {
    expect(await selectionsOf('{ list { items { id } items { label @skip(if: true) } } }')).toEqual(['id', 'label']);
  });

  it('is empty when the path is not selected', async () => {
    expect(await selectionsOf('{ list { __typename } }')).toEqual([]);
  });
});
