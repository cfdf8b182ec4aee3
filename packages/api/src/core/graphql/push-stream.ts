/**
 * A subscription's source that can hand its values to a callback as they come, instead of being pulled through
 * `next()`. Pulling costs a chain of promises per value, each living until the next value: at thousands of
 * subscribers and several messages a second each, that chain was most of what the garbage collector had to
 * promote and sweep. Pushed, a value that finds its subscriber idle is delivered in the producer's own call.
 */
export interface PushStream<T> extends AsyncIterableIterator<T> {
  /**
   * From now on gives each value to `sink` (the stream is not pulled any more). While a promise the sink returned
   * is pending, later values wait in the stream (as they would for a slow puller); `ended` is called once, when
   * the stream closes.
   */
  pushTo(sink: (value: T) => Promise<void> | undefined, ended: () => void): void;
}

export function isPushStream(stream: object): stream is PushStream<unknown> {
  return typeof (stream as Partial<PushStream<unknown>>).pushTo === 'function';
}
