import { describe, expect, it } from 'vitest';
import { applyFetched, applyPushed, emptyCollection, newerSnapshot } from './merge.ts';

describe('newerSnapshot', () => {
  const older = { asOf: '2026-11-24T15:00:00.000Z', attempts: 10 };
  const newer = { asOf: '2026-11-24T15:00:01.500Z', attempts: 12 };

  it('takes the first snapshot and any newer one', () => {
    expect(newerSnapshot(null, older)).toBe(older);
    expect(newerSnapshot(older, newer)).toBe(newer);
  });

  it('never lets an older snapshot overwrite a newer one', () => {
    // A slow HTTP answer, or a replay after reconnecting, arriving after a pushed update.
    expect(newerSnapshot(newer, older)).toBe(newer);
  });

  it('compares instants, not strings', () => {
    const offset = { asOf: '2026-11-24T10:00:02-05:00', attempts: 13 }; // 15:00:02Z, later than `newer`
    expect(newerSnapshot(newer, offset)).toBe(offset);
  });

  it('takes an equal asOf and ignores an unreadable one', () => {
    const same = { ...newer, attempts: 99 };
    expect(newerSnapshot(newer, same)).toBe(same);
    expect(newerSnapshot(newer, { asOf: 'garbage', attempts: 0 })).toBe(newer);
  });
});

describe('live collections', () => {
  const q = (id: string, remaining: number) => ({ id, remaining });

  it('lets a fetch fill in what nothing newer has written', () => {
    const c = applyFetched(emptyCollection(), [q('a', 10), q('b', 20)], 1000);
    expect([...c.items.values()]).toEqual([q('a', 10), q('b', 20)]);
  });

  it('keeps a pushed item over a fetch sent before it arrived', () => {
    let c = applyFetched(emptyCollection(), [q('a', 10)], 1000);
    c = applyPushed(c, q('a', 7), 2000);
    c = applyFetched(c, [q('a', 10), q('b', 20)], 1500); // requested at 1500, answered late
    expect(c.items.get('a')).toEqual(q('a', 7));
    expect(c.items.get('b')).toEqual(q('b', 20));
  });

  it('lets a fetch sent after the push replace it, and drop ids it no longer lists', () => {
    let c = applyPushed(emptyCollection<{ id: string; remaining: number }>(), q('a', 7), 2000);
    c = applyPushed(c, q('gone', 1), 2000);
    c = applyFetched(c, [q('a', 5)], 3000);
    expect(c.items.get('a')).toEqual(q('a', 5));
    expect(c.items.has('gone')).toBe(false);
  });

  it('does not mutate the collection it was given', () => {
    const before = applyFetched(emptyCollection(), [q('a', 10)], 1000);
    applyPushed(before, q('a', 1), 2000);
    expect(before.items.get('a')).toEqual(q('a', 10));
  });
});
