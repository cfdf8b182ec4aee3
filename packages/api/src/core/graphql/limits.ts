import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  GraphQLError,
  getNamedType,
  isLeafType,
  isListType,
  isNonNullType,
  type DocumentNode,
  type GraphQLOutputType,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { ComplexityEstimator, getComplexity as GetComplexity } from 'graphql-query-complexity';
import { createRequire } from 'node:module';

// Its CommonJS build, so it shares the one graphql instance the API runs on (graphql 16 ships CJS for Node and ESM
// for bundlers; two copies would refuse each other's schema objects).
const { getComplexity } = createRequire(import.meta.url)('graphql-query-complexity') as {
  getComplexity: typeof GetComplexity;
};

/**
 * What one GraphQL operation may ask for, the same on HTTP and on graphql-ws. Each refusal is its own
 * `extensions.code` with the limit in `extensions.limit`, so a client knows which one it hit.
 */
export interface GraphqlLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  /** Most tokens a document may have: graphql-js stops parsing there. */
  maxTokens: number;
  maxCost: number;
}

/** The refusal codes of the limits here (and of the transports': body, rate, connections, time). */
export const LIMIT_CODES = [
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'TOO_MANY_DIRECTIVES',
  'TOO_MANY_TOKENS',
  'QUERY_TOO_COSTLY',
  'TIME_BUDGET_EXCEEDED',
  'BODY_TOO_LARGE',
  'RATE_LIMITED',
  'TOO_MANY_SUBSCRIPTIONS',
] as const;
export type LimitCode = (typeof LIMIT_CODES)[number];

export function limitError(code: LimitCode, message: string, limit: number, extra: Record<string, unknown> = {}) {
  return new GraphQLError(message, { extensions: { code, limit, ...extra } });
}

/** An Armor rule whose refusal is reported with our code instead of thrown as a bare syntax error. */
function armored<O>(
  rule: (options: O) => ValidationRule,
  options: O,
  code: LimitCode,
  limit: number,
  message: string,
): ValidationRule {
  return (context: ValidationContext) =>
    rule({
      ...options,
      exposeLimits: true,
      propagateOnRejection: false,
      onReject: [(ctx: ValidationContext | null) => ctx?.reportError(limitError(code, message, limit))],
    })(context);
}

/** Depth, aliases and directives: checked once per distinct document (Apollo caches validated documents). */
export function limitValidationRules(limits: GraphqlLimits): ValidationRule[] {
  return [
    armored(
      maxDepthRule,
      { n: limits.maxDepth, ignoreIntrospection: true },
      'QUERY_TOO_DEEP',
      limits.maxDepth,
      `The operation nests fields deeper than ${limits.maxDepth} levels`,
    ),
    armored(
      maxAliasesRule,
      { n: limits.maxAliases },
      'TOO_MANY_ALIASES',
      limits.maxAliases,
      `The operation uses more than ${limits.maxAliases} aliases`,
    ),
    armored(
      maxDirectivesRule,
      { n: limits.maxDirectives },
      'TOO_MANY_DIRECTIVES',
      limits.maxDirectives,
      `The operation uses more than ${limits.maxDirectives} directives`,
    ),
  ];
}

/** graphql-js's refusal of a document longer than `maxTokens`, given our code. */
export function tooManyTokens(error: { message: string }, limits: GraphqlLimits): GraphQLError | null {
  // graphql-js 16 words it "more that 4000 tokens" (sic); "than" and "then" in case it is ever corrected.
  if (!/Document contains more th(?:an|at|en) \d+ tokens/.test(error.message)) return null;
  return limitError('TOO_MANY_TOKENS', `The document has more than ${limits.maxTokens} tokens`, limits.maxTokens);
}

const isLimitCode = (code: unknown): code is LimitCode => LIMIT_CODES.includes(code as LimitCode);

/**
 * The limit a parse or validation error stands for, if any. Apollo Server rewraps every parse error as
 * GRAPHQL_PARSE_FAILED and every validation error as GRAPHQL_VALIDATION_FAILED (keeping ours as `originalError`), which
 * would hide which limit was hit; this gives the refusal its own code back.
 */
export function limitRefusal(error: GraphQLError, limits: GraphqlLimits): GraphQLError | null {
  const tokens = tooManyTokens(error, limits);
  if (tokens) return tokens;
  const cause = error.originalError;
  return cause instanceof GraphQLError && isLimitCode(cause.extensions.code) ? cause : null;
}

/** Rows a list without a `first` argument is assumed to return, unless its field declares `listSize`. */
const DEFAULT_LIST_SIZE = 20;
/** Rows a paged field returns when `first` is not given (the API's default page). */
const DEFAULT_PAGE_SIZE = 50;

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/**
 * The cost of a field: its own (a field's `complexity` extension — fields that run queries or rules per row declare
 * one, priced at about one unit per 0.05 ms of the API's work as bench:worst-query's calibration measures them, so
 * that the cost limit bounds the time an operation takes — else 1 for an object and 0 for a scalar on the row), plus what it selects times the rows it returns: the
 * `first` argument of a paged field, a list's declared `listSize`, or a default. Nested lists multiply, so a query
 * whose answer grows with the product of its page sizes costs that product.
 */
const rowsTimesSelection: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const extensions = field.extensions as { complexity?: unknown; listSize?: unknown };
  const own =
    typeof extensions.complexity === 'number' ? extensions.complexity : isLeafType(getNamedType(field.type)) ? 0 : 1;
  let rows = 1;
  if (typeof args.first === 'number') rows = Math.max(1, args.first);
  else if (field.args.some((arg) => arg.name === 'first')) rows = DEFAULT_PAGE_SIZE;
  // A connection's `edges` are the page its field already counted `first` times.
  else if (isList(field.type) && !type.name.endsWith('Connection')) {
    rows = typeof extensions.listSize === 'number' ? extensions.listSize : DEFAULT_LIST_SIZE;
  }
  return own + childComplexity * rows;
};

/**
 * The cost of the operation the request runs, with its variables. Pricing walks the document (fragments once per
 * spread), so a document that would take too long even to price is refused as too costly.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined | null,
  limits: GraphqlLimits,
): number {
  try {
    return getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      ...(operationName ? { operationName } : {}),
      estimators: [rowsTimesSelection],
      maxQueryNodes: limits.maxTokens * 4,
    });
  } catch (error) {
    if (error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message)) {
      throw limitError('QUERY_TOO_COSTLY', 'The operation has too many fields to price: ask for fewer', limits.maxCost);
    }
    // Pricing coerces the variables before graphql-js's execution does, so a variable of the wrong type (an unknown
    // enum value, an Int past 32 bits, a null where one is required) is refused here. Without a code it would reach
    // the client as INTERNAL_SERVER_ERROR (HTTP 500); it is the client's input, named by format-error.ts.
    if (error instanceof GraphQLError && /^Variable "\$\w+" /.test(error.message)) {
      throw new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT' } });
    }
    throw error;
  }
}

/** Refuses an operation that would cost more than the limit. */
export function assertAffordable(cost: number, limits: GraphqlLimits): void {
  if (cost > limits.maxCost) {
    throw limitError(
      'QUERY_TOO_COSTLY',
      `The operation would cost ${cost}, more than the limit of ${limits.maxCost}: ask for fewer rows or fields`,
      limits.maxCost,
      { cost },
    );
  }
}
