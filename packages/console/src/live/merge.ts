/**
 * Merging rules for live data, so that a late answer never replaces a newer one on screen.
 */

export interface Snapshot {
  asOf: string;
}

/**
 * The newer of two KPI snapshots by `asOf`. An HTTP answer that was slow, or a snapshot replayed after
 * a reconnect that is older than what is shown, loses; an equal `asOf` takes the incoming one.
 */
export function newerSnapshot<T extends Snapshot>(current: T | null | undefined, incoming: T): T {
  if (!current) return incoming;
  const had = Date.parse(current.asOf);
  const got = Date.parse(incoming.asOf);
  if (Number.isNaN(got)) return current;
  if (Number.isNaN(had)) return incoming;
  return got >= had ? incoming : current;
}

/** Items without an `asOf` (queues, agents) keyed by id, with the time each was last written. */
export interface LiveCollection<T extends { id: string }> {
  items: Map<string, T>;
  /** Local clock (ms) of the latest write per id. */
  writtenAt: Map<string, number>;
}

export function emptyCollection<T extends { id: string }>(): LiveCollection<T> {
  return { items: new Map(), writtenAt: new Map() };
}

/** A pushed item is the newest thing known about its id: it always wins. */
export function applyPushed<T extends { id: string }>(
  collection: LiveCollection<T>,
  item: T,
  receivedAt: number,
): LiveCollection<T> {
  const items = new Map(collection.items).set(item.id, item);
  const writtenAt = new Map(collection.writtenAt).set(item.id, receivedAt);
  return { items, writtenAt };
}

/**
 * A fetched list describes the world as of when the request was sent: it replaces an item only if
 * nothing newer was written since, and drops ids absent from it that were not written since either.
 */
export function applyFetched<T extends { id: string }>(
  collection: LiveCollection<T>,
  list: readonly T[],
  requestedAt: number,
): LiveCollection<T> {
  const items = new Map<string, T>();
  const writtenAt = new Map<string, number>();
  for (const [id, at] of collection.writtenAt) {
    const kept = collection.items.get(id);
    if (at > requestedAt && kept) {
      items.set(id, kept);
      writtenAt.set(id, at);
    }
  }
  for (const item of list) {
    if (items.has(item.id)) continue;
    items.set(item.id, item);
    writtenAt.set(item.id, requestedAt);
  }
  return { items, writtenAt };
}
