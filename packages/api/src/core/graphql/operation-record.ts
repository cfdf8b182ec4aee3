import {
  getArgumentValues,
  getOperationAST,
  type DocumentNode,
  type FieldNode,
  type GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  Kind,
} from 'graphql';
import type { Principal } from '../principal.ts';

/** One root field an operation ran, with its arguments and how it ended. */
export interface RootFieldRecord {
  name: string;
  args: Record<string, unknown>;
  /** 'OK', or the `extensions.code` of the first error under this field. */
  outcome: string;
}

/** What an operation was, who ran it and how it ended: what the audit trail keeps. */
export interface OperationRecord {
  at: Date;
  principal: Principal | null;
  operationType: 'query' | 'mutation' | 'subscription';
  fields: RootFieldRecord[];
  transport: 'http' | 'ws';
  requestId: string;
}

/** Learns of every operation once it has ended, whichever transport ran it (the audit trail is one). */
export interface OperationObserver {
  record(operation: OperationRecord): void;
}

/**
 * The root fields of the operation with their argument values (literals and variables alike), and the outcome of
 * each from the errors of the result. Null when the document names no single operation (it failed earlier).
 */
export function operationRecord(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
  errors: readonly (GraphQLError | GraphQLFormattedError)[] | undefined,
  meta: Omit<OperationRecord, 'operationType' | 'fields'>,
): OperationRecord | null {
  const operation = getOperationAST(document, operationName);
  if (!operation) return null;
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return null;
  const fields: RootFieldRecord[] = [];
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || selection.name.value.startsWith('__')) continue;
    const field = rootType.getFields()[selection.name.value];
    if (!field) continue;
    const responseKey = selection.alias?.value ?? selection.name.value;
    const failed = errors?.find((error) => error.path?.[0] === responseKey) ?? (errors?.length ? errors[0] : undefined);
    fields.push({
      name: field.name,
      args: safeArguments(field, selection, variables),
      outcome: failed ? String(failed.extensions?.code ?? 'INTERNAL_SERVER_ERROR') : 'OK',
    });
  }
  return { ...meta, operationType: operation.operation, fields };
}

function safeArguments(
  field: Parameters<typeof getArgumentValues>[0],
  node: FieldNode,
  variables: Record<string, unknown> | undefined,
): Record<string, unknown> {
  try {
    return getArgumentValues(field, node, variables ?? {});
  } catch {
    // Arguments that did not coerce: the operation failed before running; its record names only the field.
    return {};
  }
}
