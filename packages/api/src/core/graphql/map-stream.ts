/**
 * Maps each value of `source` to zero or more values, as an iterator whose `return()` reaches the source at once.
 * (An async generator wrapping a `for await` would only see `return()` after the source's next value, so a
 * subscriber that left a quiet topic would stay registered until something happened.)
 */
export function mapStream<T, U>(
  source: AsyncIterableIterator<T>,
  map: (value: T) => Promise<U[]>,
): AsyncIterableIterator<U> {
  const ready: U[] = [];
  const iterator: AsyncIterableIterator<U> = {
    async next(): Promise<IteratorResult<U>> {
      while (ready.length === 0) {
        const result = await source.next();
        if (result.done) return { value: undefined, done: true };
        ready.push(...(await map(result.value)));
      }
      return { value: ready.shift()!, done: false };
    },
    async return(): Promise<IteratorResult<U>> {
      ready.length = 0;
      await source.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
