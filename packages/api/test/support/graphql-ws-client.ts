import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { sleep } from './wait.ts';

/**
 * The one graphql-ws client of the tests (over a real WebSocket, the `ws` package) and the recorder of what a
 * subscription delivers. raw-graphql-ws.ts speaks the protocol by hand for the one test that needs the bare socket.
 */

/** The graphql-ws endpoint of the API at `url` (http → ws). */
export function graphqlWsUrl(url: string): string {
  return `${url.replace(/^http/, 'ws').replace(/\/$/, '')}/graphql`;
}

export interface WsClientOptions {
  /** Sent as `authorization: "Bearer <key>"` in the connection params. */
  key?: string;
  /** The connection params exactly (instead of `key`); none at all when both are absent. */
  connectionParams?: Record<string, unknown>;
  /** Connect on the first subscription rather than at once (graphql-ws's default is lazy too). */
  lazy?: boolean;
}

/**
 * A graphql-ws client of the API at `target` (a URL, or anything with one: a TestApi, an ApiProcess), authenticated
 * with `key` (or the given connection params); no retries, so a drop shows in the test.
 */
export function wsClient(target: string | { url: string }, auth: string | WsClientOptions): Client {
  const options = typeof auth === 'string' ? { key: auth } : auth;
  const connectionParams =
    options.connectionParams ?? (options.key !== undefined ? { authorization: `Bearer ${options.key}` } : undefined);
  return createClient({
    url: graphqlWsUrl(typeof target === 'string' ? target : target.url),
    webSocketImpl: WebSocket,
    ...(connectionParams ? { connectionParams } : {}),
    ...(options.lazy !== undefined ? { lazy: options.lazy } : {}),
    retryAttempts: 0,
  });
}

/** One message of a subscription and when it arrived here (`Date.now()`). */
export interface Received<T> {
  at: number;
  data: T;
}

export interface WatchError {
  message: string;
  extensions?: Record<string, unknown>;
}

/**
 * One subscription, recording every message with its arrival time (`Date.now()`), the GraphQL errors it
 * answered with, and how it ended. Errors are kept, not thrown: the authorization tests look at them.
 */
export class Watch<T> {
  readonly messages: Received<T>[] = [];
  readonly errors: WatchError[] = [];
  ended = false;
  failure: unknown = null;
  private readonly stop: () => void;

  /**
   * Subscribes on `client`. With `ownClient` the watch is the client's only user and disposes of it on `close`.
   */
  constructor(
    private readonly client: Client,
    query: string,
    variables: Record<string, unknown> = {},
    private readonly ownClient = false,
  ) {
    this.stop = client.subscribe<T>(
      { query, variables },
      {
        next: (result) => {
          if (result.errors?.length) this.errors.push(...(result.errors as WatchError[]));
          if (result.data) this.messages.push({ at: Date.now(), data: result.data as T });
        },
        error: (error) => {
          this.failure = error;
          // A graphql-ws `error` message carries the GraphQL errors as an array.
          if (Array.isArray(error)) this.errors.push(...(error as WatchError[]));
          this.ended = true;
        },
        complete: () => (this.ended = true),
      },
    );
  }

  get last(): T | undefined {
    return this.messages.at(-1)?.data;
  }

  /** The first message from index `from` on that satisfies `accept`; throws after `timeoutMs` or once it ended. */
  async next(accept: (data: T) => boolean, from = 0, timeoutMs = 5_000): Promise<Received<T>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.slice(from).find((message) => accept(message.data));
      if (found) return found;
      if (this.ended || Date.now() > deadline) {
        throw new Error(
          `no matching message (ended: ${this.ended}, errors: ${JSON.stringify(this.errors)}); ` +
            `got ${JSON.stringify(this.messages.slice(from).map((message) => message.data)).slice(0, 2_000)}`,
        );
      }
      await sleep(10);
    }
  }

  /** Waits until the subscription ended or answered errors (an authorization refusal). */
  async refused(timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended && this.errors.length === 0) {
      if (Date.now() > deadline) throw new Error(`subscription neither ended nor failed in ${timeoutMs} ms`);
      await sleep(10);
    }
  }

  /** Ends the subscription (and the client's connection, when it owns its client). */
  close(): Promise<void> {
    this.stop();
    return this.ownClient ? Promise.resolve(this.client.dispose()) : Promise.resolve();
  }
}

/** One subscription on a connection of its own, authenticated with `key`; `close` ends both. */
export function watch<T>(
  target: string | { url: string },
  key: string,
  query: string,
  variables: Record<string, unknown> = {},
): Watch<T> {
  return new Watch<T>(wsClient(target, key), query, variables, true);
}

/**
 * Waits until none of `watches` has received anything for `quietMs` (each has at least one message), so their
 * last messages are what the server means to show now.
 */
export async function settle(watches: Watch<unknown>[], quietMs: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const newest = Math.max(...watches.map((watch) => watch.messages.at(-1)?.at ?? Number.POSITIVE_INFINITY));
    if (Number.isFinite(newest) && Date.now() - newest >= quietMs) return;
    if (Date.now() > deadline) {
      const empty = watches.filter((watch) => watch.messages.length === 0).length;
      throw new Error(`subscriptions did not settle in ${timeoutMs} ms (${empty} without any message)`);
    }
    await sleep(20);
  }
}
