import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { sleep } from './wait.ts';
import type { TestApi } from './test-api.ts';

/** A graphql-ws client over a real WebSocket, authenticated with `key`; no retries, so a drop shows in the test. */
export function wsClient(api: TestApi, key: string): Client {
  return createClient({
    url: `${api.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${key}` },
    retryAttempts: 0,
  });
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
  readonly messages: { at: number; data: T }[] = [];
  readonly errors: WatchError[] = [];
  ended = false;
  failure: unknown = null;
  private readonly stop: () => void;

  constructor(client: Client, query: string, variables: Record<string, unknown> = {}) {
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

  /** The first message from index `from` on that satisfies `accept`; throws after `timeoutMs`. */
  async next(accept: (data: T) => boolean, from = 0, timeoutMs = 5_000): Promise<{ at: number; data: T }> {
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

  close(): void {
    this.stop();
  }
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
