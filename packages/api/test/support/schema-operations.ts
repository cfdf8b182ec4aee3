import 'reflect-metadata';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { buildApiSchema } from '../../src/app/schema.ts';

/**
 * The served schema read as data, so the authorization suites are generated from it: every root operation, the
 * access rule it declares, a type-valid request for it with fixture ids, and a selection of what it returns. A new
 * operation is covered by the suites as soon as it is served (docs/security-testing.md).
 */

export type OperationKind = 'query' | 'mutation' | 'subscription';

export interface RootOperation {
  kind: OperationKind;
  name: string;
  field: GraphQLField<unknown, unknown>;
}

let served: Promise<GraphQLSchema> | null = null;

/** The schema the API serves (app/schema.ts), built once per test file. */
export function servedSchema(): Promise<GraphQLSchema> {
  served ??= buildApiSchema();
  return served;
}

/** Every Query, Mutation and Subscription field, in the schema's order. */
export function rootOperations(schema: GraphQLSchema): RootOperation[] {
  const roots: [OperationKind, ReturnType<GraphQLSchema['getQueryType']>][] = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ];
  return roots.flatMap(([kind, type]) =>
    type ? Object.values(type.getFields()).map((field) => ({ kind, name: field.name, field })) : [],
  );
}

/** Every field of an object type (roots excepted) that takes arguments: each is a door of its own. */
export function objectFieldsWithArguments(
  schema: GraphQLSchema,
): { typeName: string; field: GraphQLField<unknown, unknown> }[] {
  const roots = new Set([
    schema.getQueryType()?.name,
    schema.getMutationType()?.name,
    schema.getSubscriptionType()?.name,
  ]);
  return Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && !type.name.startsWith('__') && !roots.has(type.name))
    .flatMap((type) =>
      Object.values((type as { getFields(): Record<string, GraphQLField<unknown, unknown>> }).getFields())
        .filter((field) => field.args.length > 0)
        .map((field) => ({ typeName: type.name, field })),
    );
}

/**
 * The roles a field's `@Authorized(...)` declares, read from type-graphql's metadata: `[]` is `@Authorized()`, any
 * valid key; `undefined` is no declaration at all. `typeName` is 'Query', 'Mutation', 'Subscription' or an object
 * type (a field resolver).
 */
export function declaredRoles(typeName: string, fieldName: string): readonly string[] | undefined {
  const storage = getMetadataStorage();
  const roots: Record<string, { schemaName: string; roles?: unknown[] }[]> = {
    Query: storage.queries,
    Mutation: storage.mutations,
    Subscription: storage.subscriptions,
  };
  const typeNameOf = (target: unknown) =>
    storage.objectTypes.find((objectType) => objectType.target === target)?.name ?? (target as { name?: string })?.name;
  const definition =
    roots[typeName]?.find((resolver) => resolver.schemaName === fieldName) ??
    storage.fieldResolvers.find(
      (resolver) => resolver.schemaName === fieldName && typeNameOf(resolver.getObjectType?.()) === typeName,
    ) ??
    // A plain @Field of an object type can carry @Authorized too.
    storage.fields.find(
      (field) => field.name === fieldName && typeNameOf(field.target) === typeName && field.roles !== undefined,
    );
  return definition?.roles as readonly string[] | undefined;
}

/** The ids of one tenant's objects, by what they are. */
export interface TenantIds {
  account: string;
  agency: string;
  agent: string;
  campaign: string;
  queue: string;
  placement: string;
  extensionRequest: string;
  payment: string;
  importJob: string;
  apiKey: string;
  failedJob: string;
}

/** Which object an ID argument names, from its name (and, for a bare `id`, the operation's). */
const ID_BY_ARGUMENT: Record<string, keyof TenantIds> = {
  accountId: 'account',
  agencyId: 'agency',
  agentId: 'agent',
  agentIds: 'agent',
  campaignId: 'campaign',
  queueId: 'queue',
  fromQueueId: 'queue',
  toQueueId: 'queue',
  placementId: 'placement',
  requestId: 'extensionRequest',
  paymentId: 'payment',
};
const ID_BY_OPERATION: Record<string, keyof TenantIds> = {
  account: 'account',
  campaign: 'campaign',
  startCampaign: 'campaign',
  pauseCampaign: 'campaign',
  finishCampaign: 'campaign',
  importJob: 'importJob',
  revokeApiKey: 'apiKey',
  rotateApiKey: 'apiKey',
  retryFailedJob: 'failedJob',
  extendPlacement: 'placement',
};

/** What the id at `path` (e.g. `input.accountId`) of `operation` names; fails for an id nobody mapped yet. */
export function idKind(operation: string, path: string): keyof TenantIds {
  const last = path
    .split('.')
    .at(-1)!
    .replace(/\[\d+\]$/, '');
  const kind = last === 'id' ? ID_BY_OPERATION[operation] : ID_BY_ARGUMENT[last];
  if (!kind) {
    throw new Error(
      `${operation}: no fixture is known for the ID at "${path}"; add it to ID_BY_ARGUMENT or ID_BY_OPERATION in test/support/schema-operations.ts`,
    );
  }
  return kind;
}

let unique = 0;

/** A type-valid, plausible value of a named scalar, chosen by the argument's name. */
function scalarValue(type: GraphQLNamedType, name: string): unknown {
  unique += 1;
  switch (type.name) {
    case 'Int':
      return (
        { stepMinutes: 30, recallAfterDays: 30, durationSeconds: 10, limit: 5, intervalMs: 100, count: 1, first: 5 }[
          name
        ] ?? 1
      );
    case 'Float':
      return 0.5;
    case 'Boolean':
      return true;
    case 'Date':
      return (
        { from: '2026-11-01', to: '2026-11-24', recallDate: '2026-12-31', dueDate: '2026-11-28' }[name] ?? '2026-11-24'
      );
    case 'DateTime':
      return '2026-11-24T15:00:00.000Z';
    case 'String': {
      const known: Record<string, string> = {
        amount: '1.00',
        balance: '1.00',
        originalAmount: '1.00',
        currency: 'PEN',
        commissionRate: '0.1',
        reference: `MATRIX-${unique}`,
        code: `MX${unique}`,
        externalRef: `MATRIX-${unique}`,
        documentId: `MX${String(unique).padStart(8, '0')}`,
        creditorName: 'Acreedor Matriz',
        portfolioName: 'Cartera Matriz',
      };
      return known[name] ?? `matriz ${unique}`;
    }
    default:
      throw new Error(`no value is known for the scalar ${type.name} (argument ${name})`);
  }
}

export interface ArgumentOptions {
  /** The ids to use, by what they name. */
  ids: TenantIds;
  /** Also fill optional ID arguments and the optional inputs that hold IDs (the cross-tenant suite names them all). */
  optionalIds?: boolean;
}

function holdsIds(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (isScalarType(named)) return named.name === 'ID';
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((field) => holdsIds(field.type, seen));
}

function inputValue(
  operation: string,
  type: GraphQLInputType,
  name: string,
  path: string,
  options: ArgumentOptions,
): unknown {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return [inputValue(operation, nullable.ofType, name, `${path}[0]`, options)];
  if (isEnumType(nullable)) return nullable.getValues()[0]!.value;
  if (isInputObjectType(nullable)) return fieldsValue(operation, Object.values(nullable.getFields()), path, options);
  if (nullable.name === 'ID') return options.ids[idKind(operation, path)];
  return scalarValue(nullable, name);
}

function fieldsValue(
  operation: string,
  fields: readonly (GraphQLArgument | GraphQLInputField)[],
  prefix: string,
  options: ArgumentOptions,
): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const field of fields) {
    const required = isNonNullType(field.type) && field.defaultValue === undefined;
    // A page's size is always given, and small: the whole selection of a default page of 50 costs more than the
    // cost limit allows, and the refusal would hide the rule under test.
    const pageSize = field.name === 'first' && !prefix;
    const wanted = required || pageSize || (options.optionalIds === true && holdsIds(field.type));
    if (!wanted) continue;
    value[field.name] = inputValue(
      operation,
      field.type,
      field.name,
      prefix ? `${prefix}.${field.name}` : field.name,
      options,
    );
  }
  return value;
}

/** Type-valid arguments of `operation`: its required ones (and, if asked, its optional ids), ids from `options.ids`. */
export function argumentsFor(operation: RootOperation, options: ArgumentOptions): Record<string, unknown> {
  return fieldsValue(operation.name, operation.field.args, '', options);
}

/** Every path inside `value` that holds an ID of the operation's arguments (`input.accountId`, `agentIds[0]`). */
export function idPaths(operation: RootOperation, value: Record<string, unknown>): string[] {
  const paths: string[] = [];
  const walk = (type: GraphQLInputType, current: unknown, path: string) => {
    if (current === undefined || current === null) return;
    const nullable = getNullableType(type);
    if (isListType(nullable)) {
      (current as unknown[]).forEach((item, index) => walk(nullable.ofType, item, `${path}[${index}]`));
    } else if (isInputObjectType(nullable)) {
      for (const field of Object.values(nullable.getFields())) {
        walk(field.type, (current as Record<string, unknown>)[field.name], `${path}.${field.name}`);
      }
    } else if (isScalarType(nullable) && nullable.name === 'ID') paths.push(path);
  };
  for (const argument of operation.field.args) walk(argument.type, value[argument.name], argument.name);
  return paths;
}

/** A copy of `value` with the value at `path` (as idPaths writes it) replaced. */
export function withValueAt(
  value: Record<string, unknown>,
  path: string,
  replacement: unknown,
): Record<string, unknown> {
  const copy = structuredClone(value);
  const steps = path.split(/\.|(?=\[)/).map((step) => (step.startsWith('[') ? Number(step.slice(1, -1)) : step));
  let holder: Record<string | number, unknown> = copy;
  for (const step of steps.slice(0, -1)) holder = holder[step] as Record<string | number, unknown>;
  holder[steps.at(-1)!] = replacement;
  return copy;
}

/**
 * What to select of a returned type: its leaf fields without required arguments and, `depth` levels down, those of
 * the objects it holds — enough for a response to show any name, reference, id or amount it should not.
 */
export function selectionOf(type: GraphQLOutputType, depth = 2): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (!isObjectType(named)) return '{ __typename }';
  const parts: string[] = ['__typename'];
  for (const field of Object.values(named.getFields())) {
    if (field.args.some((argument) => isNonNullType(argument.type) && argument.defaultValue === undefined)) continue;
    const fieldType = getNamedType(field.type);
    if (isLeafType(fieldType)) parts.push(field.name);
    else if (isObjectType(fieldType)) {
      // A connection's edges and node are wrappers: they do not use up a level.
      const wrapper = named.name.endsWith('Connection') || named.name.endsWith('Edge');
      const nextDepth = wrapper ? depth : depth - 1;
      if (nextDepth >= 0) parts.push(`${field.name} ${selectionOf(field.type, nextDepth)}`);
    }
  }
  return `{ ${parts.join(' ')} }`;
}

/** The argument type as a variable declares it. */
function typeText(type: GraphQLInputType): string {
  return String(type);
}

/** A document calling `operation` with `args` as variables of the argument's own types, selecting `selection`. */
export function operationDocument(
  operation: RootOperation,
  args: Record<string, unknown>,
  selection = selectionOf(operation.field.type),
): string {
  const given = operation.field.args.filter((argument) => args[argument.name] !== undefined);
  const declarations = given.map((argument) => `$${argument.name}: ${typeText(argument.type)}`).join(', ');
  const call = given.map((argument) => `${argument.name}: $${argument.name}`).join(', ');
  return `${operation.kind}${declarations ? ` (${declarations})` : ''} { ${operation.name}${call ? `(${call})` : ''} ${selection} }`;
}
