import type { PushStream } from '../../../core/graphql/push-stream.ts';

type Sink<T> = (value: T) => Promise<void> | undefined;

/**
 * A one-consumer stream that keeps only the newest value per key while the consumer is busy: a slow WebSocket
 * client gets the latest figures, and the server holds at most one pending value per key for it, never a growing
 * backlog. The consumer either pulls (`next()`, as graphql-ws does) or has values pushed to it (`pushTo`, see
 * core/graphql/push-stream.ts): busy means a pull not yet made, or a sink's promise not yet settled.
 */
export class LatestChannel<T> implements PushStream<T> {
  private readonly pending = new Map<string, { value: T; seq: number }>();
  private readonly delivered = new Map<string, number>();
  private waiting: ((result: IteratorResult<T>) => void) | null = null;
  private sink: Sink<T> | null = null;
  private sinkBusy = false;
  private ended: (() => void) | null = null;
  private closed = false;

  constructor(private readonly onClose: () => void = () => {}) {}

  /**
   * Offers the value computed as number `seq` for `key`. An older computation than the one already pending or
   * delivered is ignored, so a snapshot taken before an update can never overwrite it.
   */
  push(key: string, value: T, seq: number): void {
    if (this.closed) return;
    if ((this.delivered.get(key) ?? -1) >= seq || (this.pending.get(key)?.seq ?? -1) >= seq) return;
    if (this.sink && !this.sinkBusy) {
      this.delivered.set(key, seq);
      this.give(value);
      return;
    }
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      this.delivered.set(key, seq);
      resolve({ value, done: false });
      return;
    }
    this.pending.set(key, { value, seq });
  }

  /** Values waiting for the consumer (for tests and diagnostics). */
  get backlog(): number {
    return this.pending.size;
  }

  pushTo(sink: Sink<T>, ended: () => void): void {
    this.sink = sink;
    this.ended = ended;
    if (this.closed) ended();
    else this.givePending();
  }

  next(): Promise<IteratorResult<T>> {
    const first = this.takePending();
    if (first) return Promise.resolve({ value: first.value, done: false });
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<T>> {
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pending.clear();
    this.waiting?.({ value: undefined, done: true });
    this.waiting = null;
    this.ended?.();
    this.onClose();
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  /** Hands a value to the sink; a returned promise holds later values until it settles, however it settles. */
  private give(value: T): void {
    const busy = this.sink!(value);
    if (!busy) return;
    this.sinkBusy = true;
    const free = () => {
      this.sinkBusy = false;
      this.givePending();
    };
    busy.then(free, free);
  }

  private givePending(): void {
    while (this.sink && !this.sinkBusy && !this.closed) {
      const first = this.takePending();
      if (!first) return;
      this.give(first.value);
    }
  }

  /** The oldest key's pending value, now counted as delivered. */
  private takePending(): { value: T } | null {
    const first = this.pending.entries().next();
    if (first.done) return null;
    const [key, { value, seq }] = first.value;
    this.pending.delete(key);
    this.delivered.set(key, seq);
    return { value };
  }
}
