import { describe, expect, it } from 'vitest';
import { compareValues, nextSort, sortBy } from './sort.ts';

describe('sortBy', () => {
  const rows = [
    { name: 'Rosa', rate: 0.5, amount: 10n },
    { name: 'ana', rate: null, amount: 300n },
    { name: 'Carlos', rate: 0.75, amount: 25n },
    { name: 'Ñusta', rate: 0.5, amount: 25n },
  ];

  it('sorts numbers both ways, with missing values last either way', () => {
    expect(sortBy(rows, (r) => r.rate, 'desc').map((r) => r.name)).toEqual(['Carlos', 'Rosa', 'Ñusta', 'ana']);
    expect(sortBy(rows, (r) => r.rate, 'asc').map((r) => r.name)).toEqual(['Rosa', 'Ñusta', 'Carlos', 'ana']);
  });

  it('keeps the input order on ties (stable)', () => {
    expect(sortBy(rows, (r) => r.amount, 'asc').map((r) => r.name)).toEqual(['Rosa', 'Carlos', 'Ñusta', 'ana']);
  });

  it('sorts exact money as bigint, beyond float precision', () => {
    const big = [{ v: 9007199254740993n }, { v: 9007199254740992n }];
    expect(sortBy(big, (r) => r.v, 'asc').map((r) => r.v)).toEqual([9007199254740992n, 9007199254740993n]);
  });

  it('sorts text ignoring case and accents, numbers inside text naturally', () => {
    expect(sortBy(rows, (r) => r.name, 'asc').map((r) => r.name)).toEqual(['ana', 'Carlos', 'Ñusta', 'Rosa']);
    expect(compareValues('Cola 2', 'Cola 10')).toBeLessThan(0);
  });

  it('does not change the input', () => {
    const copy = [...rows];
    sortBy(rows, (r) => r.name, 'desc');
    expect(rows).toEqual(copy);
  });
});

describe('nextSort', () => {
  it('flips the same column and starts another in its natural direction', () => {
    expect(nextSort({ key: 'a', direction: 'desc' }, 'a')).toEqual({ key: 'a', direction: 'asc' });
    expect(nextSort({ key: 'a', direction: 'asc' }, 'b', 'asc')).toEqual({ key: 'b', direction: 'asc' });
    expect(nextSort({ key: 'a', direction: 'asc' }, 'b')).toEqual({ key: 'b', direction: 'desc' });
  });
});
