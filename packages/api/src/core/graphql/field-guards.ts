import {
  defaultFieldResolver,
  getNamedType,
  isInputObjectType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import pLimit, { type LimitFunction } from 'p-limit';
import { badInput, DomainError } from '../errors.ts';
import type { Principal } from '../principal.ts';
import { limitError } from './limits.ts';

/** What the guards read from a request's context. */
interface GuardedContext {
  principal?: Principal | null;
  /** When the operation's time budget runs out (epoch ms); Infinity for a subscription's long life. */
  deadline?: number;
  budgetMs?: number;
}

/** Costly fields of one operation resolving at once, unless the schema's builder says otherwise. */
export const DEFAULT_MAX_PARALLEL_FIELDS = 4;

/** Each operation's gate for its costly fields (keyed by its context, which lives as long as the operation). */
const gates = new WeakMap<object, LimitFunction>();

function gateOf(context: object, maxParallel: number): LimitFunction {
  let gate = gates.get(context);
  if (!gate) {
    gate = pLimit(maxParallel);
    gates.set(context, gate);
  }
  return gate;
}

/**
 * Fields that run SQL or rules of their own: the root queries, and fields that declare a cost above an object's
 * (`complexity`, see limits.ts — the per-row resolvers).
 */
function isCostly(field: { extensions: unknown }, isRootQuery: boolean): boolean {
  const own = (field.extensions as { complexity?: unknown }).complexity;
  return isRootQuery || (typeof own === 'number' && own > 1);
}

/** A character no text field may hold: NUL (PostgreSQL text refuses it), and UTF-16 halves without their pair. */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path of the first string in `value` that holds an unstorable character, e.g. `filter.search` or `ids[2]`. */
export function unstorableTextAt(value: unknown, path: string): string | null {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = unstorableTextAt(item, `${path}[${index}]`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) {
      const found = unstorableTextAt(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/**
 * An AGENT key acts as its own agent only: an `agentId` argument (at the top or inside an input) naming another agent
 * is FORBIDDEN naming it, and an input that may name an agent but does not gets the key's own (an AGENT key's
 * interaction is its agent's). Other roles pass.
 */
function holdToOwnAgent(args: Record<string, unknown>, definitions: readonly GraphQLArgument[], principal: Principal) {
  const own = principal.agentId;
  const refuse = (field: string) =>
    new DomainError('FORBIDDEN', `${field}: an AGENT key acts only as its own agent`, field);
  for (const definition of definitions) {
    const value = args[definition.name];
    if (definition.name === 'agentId') {
      if (value !== undefined && value !== null && value !== own) throw refuse('agentId');
      continue;
    }
    const type = getNamedType(definition.type);
    if (!isInputObjectType(type) || !('agentId' in type.getFields())) continue;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    const input = value as Record<string, unknown>;
    if (input.agentId === undefined || input.agentId === null) input.agentId = own;
    else if (input.agentId !== own) throw refuse(`${definition.name}.agentId`);
  }
}

/**
 * Wraps every field resolver of the schema, once, with the checks that every operation goes through, on HTTP and
 * graphql-ws alike:
 * - the operation's time budget: once it has run out no further field is resolved (TIME_BUDGET_EXCEEDED), so a
 *   slow operation stops instead of running on after its client gave up — except the selection of a mutation's
 *   result: the write is done, and a client told it failed would retry it;
 * - text arguments a database cannot store (a NUL, half a surrogate pair) are BAD_USER_INPUT naming the argument,
 *   before any service sees them — whichever field, resolver or input type they arrive through;
 * - an AGENT key acts only as its own agent (see holdToOwnAgent);
 * - at most `maxParallelFields` costly fields of one operation resolve at once (the rest wait their turn): a page of
 *   per-row resolvers, or thirty aliases of an analytics query, would otherwise send all their statements at once
 *   and take every connection of the pool, and every other client would wait behind them.
 * The wrappers are plain synchronous functions: a field without arguments costs one comparison.
 */
export function guardFields(schema: GraphQLSchema, options: { maxParallelFields?: number } = {}): GraphQLSchema {
  const maxParallel = options.maxParallelFields ?? DEFAULT_MAX_PARALLEL_FIELDS;
  const queryType = schema.getQueryType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve: GraphQLFieldResolver<unknown, GuardedContext> = field.resolve ?? defaultFieldResolver;
      const checksArguments = field.args.length > 0;
      const costly = isCostly(field, type === queryType);
      field.resolve = (source, args, context, info) => {
        // A write that started within the budget has happened: its result is always delivered, late or not.
        const deliversWrite = info.operation.operation === 'mutation' && info.path.prev !== undefined;
        const withinBudget = () => {
          if (context?.deadline !== undefined && Date.now() > context.deadline && !deliversWrite) {
            throw limitError(
              'TIME_BUDGET_EXCEEDED',
              `The operation ran out of its ${context.budgetMs ?? 0} ms time budget`,
              context.budgetMs ?? 0,
            );
          }
        };
        withinBudget();
        if (checksArguments) {
          for (const [name, value] of Object.entries(args)) {
            const at = unstorableTextAt(value, name);
            if (at) throw badInput(at, 'contains a character that cannot be stored (NUL or half a surrogate pair)');
          }
          if (context?.principal?.role === 'AGENT') holdToOwnAgent(args, field.args, context.principal);
        }
        if (!costly || !context) return resolve(source, args, context, info);
        // Its turn may come after the budget ran out while it waited.
        return gateOf(
          context,
          maxParallel,
        )(() => {
          withinBudget();
          return resolve(source, args, context, info);
        });
      };
    }
  }
  return schema;
}
