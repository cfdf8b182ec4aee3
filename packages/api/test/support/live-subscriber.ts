import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** One message of a subscription and when it arrived here (`Date.now()`). */
export interface Received<T> {
  at: number;
  data: T;
}

/**
 * A graphql-ws subscription over a real WebSocket that keeps every message with its arrival time, so a test can
 * wait for the first one matching a condition and measure how long after a write it came.
 */
export class LiveSubscriber<T> {
  readonly messages: Received<T>[] = [];
  private readonly client: Client;
  private readonly waiters = new Set<() => void>();
  private failure: unknown = null;

  constructor(url: string, apiKey: string, query: string, variables: Record<string, unknown> = {}) {
    this.client = createClient({
      url: `${url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${apiKey}` },
      retryAttempts: 0,
    });
    this.client.subscribe<T>(
      { query, variables },
      {
        next: (result) => {
          if (result.errors?.length) this.fail(new Error(`subscription errors: ${JSON.stringify(result.errors)}`));
          else this.push(result.data as T);
        },
        error: (error) => this.fail(error),
        complete: () => this.fail(new Error('the subscription completed')),
      },
    );
  }

  /**
   * The first message from index `from` on that satisfies `accept`; rejects after `timeoutMs`, or at once if the
   * subscription failed.
   */
  next(accept: (data: T) => boolean, options: { from?: number; timeoutMs?: number } = {}): Promise<Received<T>> {
    const from = options.from ?? 0;
    const timeoutMs = options.timeoutMs ?? 5_000;
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.failure) return finish(() => reject(this.failure as Error));
        const found = this.messages.slice(from).find((message) => accept(message.data));
        if (found) finish(() => resolve(found));
      };
      const timer = setTimeout(
        () =>
          finish(() =>
            reject(
              new Error(`no matching message in ${timeoutMs} ms; got ${JSON.stringify(this.messages.slice(from))}`),
            ),
          ),
        timeoutMs,
      );
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        settle();
      };
      this.waiters.add(check);
      check();
    });
  }

  close(): Promise<void> {
    return Promise.resolve(this.client.dispose());
  }

  private push(data: T): void {
    this.messages.push({ at: Date.now(), data });
    for (const waiter of [...this.waiters]) waiter();
  }

  private fail(error: unknown): void {
    this.failure ??= error;
    for (const waiter of [...this.waiters]) waiter();
  }
}
