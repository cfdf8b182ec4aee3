/**
 * A one-consumer async stream that keeps only the newest value per key while the consumer is busy: a slow
 * WebSocket client (graphql-ws waits for each send before pulling the next value) gets the latest figures, and
 * the server holds at most one pending value per key for it, never a growing backlog.
 */
export class LatestChannel<T> implements AsyncIterableIterator<T> {
  private readonly pending = new Map<string, { value: T; seq: number }>();
  private readonly delivered = new Map<string, number>();
  private waiting: ((result: IteratorResult<T>) => void) | null = null;
  private closed = false;

  constructor(private readonly onClose: () => void = () => {}) {}

  /**
   * Offers the value computed as number `seq` for `key`. An older computation than the one already pending or
   * delivered is ignored, so a snapshot taken before an update can never overwrite it.
   */
  push(key: string, value: T, seq: number): void {
    if (this.closed) return;
    if ((this.delivered.get(key) ?? -1) >= seq || (this.pending.get(key)?.seq ?? -1) >= seq) return;
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

  next(): Promise<IteratorResult<T>> {
    const first = this.pending.entries().next();
    if (!first.done) {
      const [key, { value, seq }] = first.value;
      this.pending.delete(key);
      this.delivered.set(key, seq);
      return Promise.resolve({ value, done: false });
    }
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
    this.onClose();
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
