import { createSourceEventStream, execute, print, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { mapStream } from '../graphql/map-stream.ts';

type Result = ExecutionResult | Promise<ExecutionResult>;

/** Results per payload object and operation: entries go when the payload is garbage. */
const resultsByPayload = new WeakMap<object, Map<string, Result>>();

/** Payloads whose producer declared them the same for every subscriber (see {@link sameForEverySubscriber}). */
const shareable = new WeakSet<object>();

/**
 * Declares that `payload` resolves to the same result whoever subscribed: every field under its type is read from
 * the payload alone, never from the caller's context (a test walks the schema below `Kpis` to keep it so). Only such
 * payloads are executed once for all the subscriptions of one operation.
 */
export function sameForEverySubscriber<T extends object>(payload: T): T {
  shareable.add(payload);
  return payload;
}

/**
 * graphql-ws `subscribe`: graphql-js's, except that a payload declared {@link sameForEverySubscriber} and delivered
 * to many subscriptions of the same operation is executed once, not once per subscriber. The live hub sends one
 * Kpis object to every subscriber of a scope and window (already computed for that scope and authorised at
 * subscribe time, and resolved from the payload alone), so a thousand consoles cost one execution per update.
 * Any other payload (queues and agents, loaded per subscriber) is executed for each subscription.
 */
export async function subscribeSharingResults(
  args: ExecutionArgs,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const stream = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in stream)) return stream;
  const events = stream[Symbol.asyncIterator]() as AsyncIterableIterator<unknown>;
  const operation = `${args.operationName ?? ''}#${JSON.stringify(args.variableValues ?? {})}#${print(args.document)}`;
  return mapStream(events, async (payload: unknown) => {
    if (typeof payload !== 'object' || payload === null || !shareable.has(payload)) {
      return [await execute({ ...args, rootValue: payload })];
    }
    let results = resultsByPayload.get(payload);
    if (!results) {
      results = new Map();
      resultsByPayload.set(payload, results);
    }
    let result = results.get(operation);
    if (!result) {
      result = execute({ ...args, rootValue: payload });
      results.set(operation, result);
    }
    return [await result];
  });
}
