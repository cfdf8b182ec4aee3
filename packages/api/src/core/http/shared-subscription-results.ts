import { createSourceEventStream, execute, print, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { mapStream } from '../graphql/map-stream.ts';

type Result = ExecutionResult | Promise<ExecutionResult>;

/** Results per payload object and operation: entries go when the payload is garbage. */
const resultsByPayload = new WeakMap<object, Map<string, Result>>();

/**
 * graphql-ws `subscribe`: graphql-js's, except that a payload object delivered to many subscriptions of the same
 * operation is executed once, not once per subscriber. The live hub sends one Kpis object to every subscriber of a
 * scope and window (already computed for that scope and authorised at subscribe time, and resolved from the payload
 * alone), so a thousand consoles cost one execution per update. Payloads loaded per subscriber (queues, agents) are
 * distinct objects and are executed for each, as before.
 */
export async function subscribeSharingResults(
  args: ExecutionArgs,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const stream = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in stream)) return stream;
  const events = stream[Symbol.asyncIterator]() as AsyncIterableIterator<unknown>;
  const operation = `${args.operationName ?? ''}#${JSON.stringify(args.variableValues ?? {})}#${print(args.document)}`;
  return mapStream(events, async (payload: unknown) => {
    if (typeof payload !== 'object' || payload === null) return [await execute({ ...args, rootValue: payload })];
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
