import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';

/** The SDL committed as packages/api/schema.graphql: sorted, so a diff shows only real changes. */
export function printApiSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
