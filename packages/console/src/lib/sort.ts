export type SortDirection = 'asc' | 'desc';
export type SortValue = string | number | bigint | null | undefined;

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Ascending order of two values of one column; numbers, bigints and strings each compare as themselves. */
export function compareValues(a: SortValue, b: SortValue): number {
  if (typeof a === 'string' && typeof b === 'string') return collator.compare(a, b);
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/**
 * A sorted copy. Missing values (null, undefined, NaN: a rate with no denominator) go last in either
 * direction, because "—" at the top of a descending column would hide the real leaders. Ties keep their
 * input order.
 */
export function sortBy<T>(items: readonly T[], key: (item: T) => SortValue, direction: SortDirection): T[] {
  const sign = direction === 'asc' ? 1 : -1;
  const missing = (v: SortValue) => v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
  return items
    .map((item, index) => ({ item, index, value: key(item) }))
    .sort((x, y) => {
      const mx = missing(x.value);
      const my = missing(y.value);
      if (mx || my) return mx === my ? x.index - y.index : mx ? 1 : -1;
      return sign * compareValues(x.value, y.value) || x.index - y.index;
    })
    .map((entry) => entry.item);
}

/** Clicking the sorted column flips it; another column starts in its natural direction. */
export function nextSort<K extends string>(
  current: { key: K; direction: SortDirection },
  clicked: K,
  naturalDirection: SortDirection = 'desc',
): { key: K; direction: SortDirection } {
  if (current.key === clicked) return { key: clicked, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { key: clicked, direction: naturalDirection };
}
