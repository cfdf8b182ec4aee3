import { getNamedType, isObjectType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApiSchema } from '../src/app/schema.ts';

/**
 * The live hub sends one `Kpis` object to every subscriber of a scope, and graphql-ws executes it once for all
 * the subscriptions of one operation (core/http/shared-subscription-results.ts). That is right only while every
 * field under `Kpis` is read from the payload alone. A field resolver (a `@FieldResolver` method, which can read
 * the caller's context) or an `@Authorized` field anywhere under it would make the shared answer wrong for some
 * subscriber: this test fails first.
 */

/** The object types reachable from `root` through its fields (itself included). */
function reachableTypes(schema: GraphQLSchema, root: string): GraphQLObjectType[] {
  const seen = new Map<string, GraphQLObjectType>();
  const visit = (type: GraphQLObjectType) => {
    if (seen.has(type.name)) return;
    seen.set(type.name, type);
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      if (isObjectType(named)) visit(named);
    }
  };
  visit(schema.getType(root) as GraphQLObjectType);
  return [...seen.values()];
}

/** The fields of a GraphQL type whose value may depend on who asks: field resolver methods and guarded fields. */
function callerDependentFields(typeName: string): string[] {
  const storage = getMetadataStorage();
  const classes = new Set<unknown>(
    storage.objectTypes.filter((type) => type.name === typeName).map((type) => type.target),
  );
  const resolved = storage.fieldResolvers
    .filter((resolver) => {
      const owner = resolver.getObjectType?.() ?? resolver.resolverClassMetadata?.getObjectType();
      return owner !== undefined && classes.has(owner);
    })
    .map((resolver) => `${typeName}.${resolver.schemaName} (field resolver)`);
  const guarded = storage.authorizedFields
    .filter((field) => classes.has(field.target))
    .map((field) => `${typeName}.${field.fieldName} (@Authorized)`);
  return [...resolved, ...guarded];
}

describe('payloads shared by every subscriber', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildApiSchema();
  });

  it('nothing under Kpis depends on who asks', () => {
    const types = reachableTypes(schema, 'Kpis').map((type) => type.name);
    expect(types).toEqual(expect.arrayContaining(['Kpis', 'BucketRecovery', 'Money']));
    expect(types.flatMap(callerDependentFields)).toEqual([]);
  });

  it('sees a caller-dependent field where there is one (the check can fail)', () => {
    // Account's relations are field resolvers that read through the caller's agency-scoped EntityManager.
    expect(callerDependentFields('Account')).toContain('Account.debtor (field resolver)');
  });
});
