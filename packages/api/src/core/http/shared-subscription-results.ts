import {
  createSourceEventStream,
  execute,
  GraphQLError,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import { mapStream } from '../graphql/map-stream.ts';
import { isPushStream, type PushStream } from '../graphql/push-stream.ts';

/** One shared execution of an operation for a payload, and its JSON once a subscriber needed it. */
interface SharedResult {
  result: Promise<ExecutionResult>;
  json: Buffer | null;
}

const DONE: IteratorResult<ExecutionResult> = { value: undefined, done: true };

/** Results per payload object and operation: entries go when the payload is garbage. */
const resultsByPayload = new WeakMap<object, Map<string, SharedResult>>();

/** Payloads whose producer declared them the same for every subscriber (see {@link sameForEverySubscriber}). */
const shareable = new WeakSet<object>();

/**
 * Documents are parsed once per query text (websocket.ts keeps them): a number per document object makes the
 * operation key short, instead of printing the document again for every subscription.
 */
const documentNumbers = new WeakMap<DocumentNode, number>();
let lastDocumentNumber = 0;
function documentNumber(document: DocumentNode): number {
  let number = documentNumbers.get(document);
  if (number === undefined) {
    number = ++lastDocumentNumber;
    documentNumbers.set(document, number);
  }
  return number;
}

/**
 * How a subscription's messages can reach its client straight from the shared result: the graphql-ws operation id
 * and the socket's send — nothing when the socket took the frame at once, else a promise that settles once it did
 * (so a slow client still holds only the newest value in its channel).
 */
export interface DirectSend {
  id: string;
  send(frame: Buffer): Promise<void> | undefined;
}

const MESSAGE_END = Buffer.from('}');

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
 *
 * With `direct`, such a result (when it has no errors) is also serialised once: each subscriber gets the same JSON
 * bytes behind its own message header, sent on its socket here, instead of graphql-ws stringifying the whole
 * result again per subscriber (at 5,000 subscribers that was most of a push's CPU). The frame is byte for byte
 * what graphql-ws would send: `{"id":…,"type":"next","payload":…}`. Results with errors, and any other payload
 * (queues and agents, loaded per subscriber), go through graphql-ws as usual (its `onNext` masks errors).
 */
export async function subscribeSharingResults(
  args: ExecutionArgs,
  direct?: DirectSend,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const stream = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in stream)) return stream;
  const events = stream[Symbol.asyncIterator]() as AsyncIterableIterator<unknown>;
  const operation = `${documentNumber(args.document)}#${args.operationName ?? ''}#${JSON.stringify(args.variableValues ?? {})}`;
  const header = direct ? Buffer.from(`{"id":${JSON.stringify(direct.id)},"type":"next","payload":`) : null;
  if (direct && header && isPushStream(stream)) return pushSharedResults(stream, args, operation, direct, header);
  return mapStream(events, async (payload: unknown): Promise<ExecutionResult[]> => {
    if (!isShared(payload)) return [await execute({ ...args, rootValue: payload })];
    const shared = sharedResult(payload, args, operation);
    const result = await shared.result;
    if (!direct || !header || result.errors?.length) return [result];
    await direct.send(frame(header, shared, result));
    return [];
  });
}

const isShared = (payload: unknown): payload is object =>
  typeof payload === 'object' && payload !== null && shareable.has(payload);

/** The operation's execution for `payload`, started by the first subscriber that needs it. */
function sharedResult(payload: object, args: ExecutionArgs, operation: string): SharedResult {
  let results = resultsByPayload.get(payload);
  if (!results) {
    results = new Map();
    resultsByPayload.set(payload, results);
  }
  let shared = results.get(operation);
  if (!shared) {
    shared = { result: Promise.resolve(execute({ ...args, rootValue: payload })), json: null };
    results.set(operation, shared);
  }
  return shared;
}

/** `{"id":…,"type":"next","payload":` + the result's JSON, serialised once per shared result + `}`. */
function frame(header: Buffer, shared: SharedResult, result: ExecutionResult): Buffer {
  shared.json ??= Buffer.from(JSON.stringify(result));
  return Buffer.concat([header, shared.json, MESSAGE_END]);
}

/**
 * The push path (see core/graphql/push-stream.ts): the source hands each payload to the sink below, which writes
 * the shared frame on the socket in the same call when the result is ready and the socket idle — no promise per
 * message and subscriber in the common case. What graphql-ws must send itself (a result with errors, for its
 * masking; a payload that is not shared) goes through the iterator returned to it, one at a time: the sink's
 * promise settles when graphql-ws has sent it and asks for the next.
 */
function pushSharedResults(
  stream: PushStream<unknown>,
  args: ExecutionArgs,
  operation: string,
  direct: DirectSend,
  header: Buffer,
): AsyncIterableIterator<ExecutionResult> {
  let handed: { result: ExecutionResult; sent: () => void } | null = null;
  let waiting: ((next: IteratorResult<ExecutionResult>) => void) | null = null;
  let sent: (() => void) | null = null;
  let finished = false;

  const handToGraphqlWs = (result: ExecutionResult) =>
    new Promise<void>((resolve) => {
      if (!waiting) {
        handed = { result, sent: resolve };
        return;
      }
      const take = waiting;
      waiting = null;
      sent = resolve;
      take({ value: result, done: false });
    });
  const deliver = (payload: unknown): Promise<void> | undefined => {
    if (!isShared(payload)) return Promise.resolve(execute({ ...args, rootValue: payload })).then(handToGraphqlWs);
    const shared = sharedResult(payload, args, operation);
    return shared.result.then((result) =>
      result.errors?.length ? handToGraphqlWs(result) : direct.send(frame(header, shared, result)),
    );
  };
  stream.pushTo(
    (payload) => {
      try {
        return deliver(payload);
      } catch (error) {
        return handToGraphqlWs({
          errors: [new GraphQLError('Subscription delivery failed', { originalError: error as Error })],
        });
      }
    },
    () => {
      finished = true;
      waiting?.(DONE);
      waiting = null;
    },
  );
  const iterator: AsyncIterableIterator<ExecutionResult> = {
    next() {
      // graphql-ws asks for the next result once it has sent the last one.
      sent?.();
      sent = null;
      if (handed) {
        const { result, sent: resolve } = handed;
        handed = null;
        sent = resolve;
        return Promise.resolve({ value: result, done: false });
      }
      if (finished) return Promise.resolve(DONE);
      return new Promise((resolve) => (waiting = resolve));
    },
    async return() {
      finished = true;
      sent?.();
      waiting?.(DONE);
      waiting = null;
      await stream.return?.();
      return DONE;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
