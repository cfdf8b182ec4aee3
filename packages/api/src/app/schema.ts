import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type BuildSchemaOptions, type PubSub } from 'type-graphql';
import { guardFields } from '../core/graphql/field-guards.ts';
import { DateTimeScalar } from '../core/graphql/scalars.ts';
import { authChecker } from '../modules/auth/auth-checker.ts';
import { MODULES } from './modules.ts';

/**
 * type-graphql asks for a PubSub whenever the schema has subscriptions, for those declared with `topics`. Every
 * subscription here brings its own `subscribe` (fed by the live hub), so this one is never used: it says so if
 * a subscription with `topics` is ever added.
 */
const noTopics: PubSub = {
  publish: () => {
    throw new Error('subscriptions subscribe through the live hub; there are no topics to publish to');
  },
  subscribe: () => {
    throw new Error('subscriptions subscribe through the live hub; declare `subscribe`, not `topics`');
  },
};

/** The served schema: every module's resolvers, checked by one auth checker. */
export async function buildApiSchema(options: { maxParallelFields?: number } = {}): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    pubSub: noTopics,
    resolvers: MODULES.flatMap((module) => module.resolvers ?? []) as unknown as BuildSchemaOptions['resolvers'],
    authChecker,
    // Inputs are validated by the services, which name the offending field the way docs/api.md asks.
    validate: false,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    emitSchemaFile: false,
  });
  // Every field checks the operation's time budget and its text arguments, on HTTP and WebSocket alike.
  return guardFields(schema, options);
}
