import { describe, expect, it } from 'vitest';
import { LatestChannel } from './latest-channel.ts';

describe('LatestChannel', () => {
  it('hands a waiting consumer the value at once', async () => {
    const channel = new LatestChannel<string>();
    const next = channel.next();
    channel.push('kpis', 'first', 1);
    await expect(next).resolves.toEqual({ value: 'first', done: false });
    expect(channel.backlog).toBe(0);
  });

  it('keeps only the newest value per key while the consumer is busy, one entry per key', async () => {
    const channel = new LatestChannel<string>();
    for (let seq = 1; seq <= 1_000; seq += 1) {
      channel.push('a', `a${seq}`, seq);
      channel.push('b', `b${seq}`, seq);
    }
    expect(channel.backlog).toBe(2);
    const values = [(await channel.next()).value, (await channel.next()).value];
    expect(values.sort()).toEqual(['a1000', 'b1000']);
    expect(channel.backlog).toBe(0);
  });

  it('ignores a value computed before one already pending or delivered (a late snapshot)', async () => {
    const channel = new LatestChannel<string>();
    channel.push('kpis', 'update', 5);
    channel.push('kpis', 'snapshot', 3);
    await expect(channel.next()).resolves.toEqual({ value: 'update', done: false });
    channel.push('kpis', 'older', 4);
    channel.push('kpis', 'same', 5);
    expect(channel.backlog).toBe(0);
    const next = channel.next();
    channel.push('kpis', 'stale', 2);
    channel.push('kpis', 'newer', 6);
    await expect(next).resolves.toEqual({ value: 'newer', done: false });
  });

  it('orders by seq per key only: another key is not held back by a higher seq elsewhere', async () => {
    const channel = new LatestChannel<string>();
    channel.push('q1', 'q1@9', 9);
    channel.push('q2', 'q2@2', 2);
    expect(channel.backlog).toBe(2);
    const values = [(await channel.next()).value, (await channel.next()).value];
    expect(values.sort()).toEqual(['q1@9', 'q2@2']);
  });

  it('ends on close: a waiting consumer is released, pending values dropped, later pushes ignored', async () => {
    let closed = 0;
    const busy = new LatestChannel<string>(() => (closed += 1));
    busy.push('kpis', 'pending', 1);
    busy.close();
    busy.close();
    expect(closed).toBe(1);
    expect(busy.backlog).toBe(0);
    await expect(busy.next()).resolves.toEqual({ value: undefined, done: true });

    const idle = new LatestChannel<string>();
    const waiting = idle.next();
    await idle.return();
    await expect(waiting).resolves.toEqual({ value: undefined, done: true });
    idle.push('kpis', 'late', 7);
    expect(idle.backlog).toBe(0);
    await expect(idle.next()).resolves.toEqual({ value: undefined, done: true });
  });

  it('is its own async iterator (for await ends when closed)', async () => {
    const channel = new LatestChannel<number>();
    channel.push('x', 1, 1);
    const seen: number[] = [];
    const loop = (async () => {
      for await (const value of channel) {
        seen.push(value);
        if (value === 1) setTimeout(() => channel.push('x', 2, 2), 5);
        if (value === 2) setTimeout(() => channel.close(), 5);
      }
    })();
    await loop;
    expect(seen).toEqual([1, 2]);
  });

  describe('pushed to a sink', () => {
    it("delivers in the producer's own call while the sink is idle, pending values first", () => {
      const channel = new LatestChannel<string>();
      channel.push('kpis', 'snapshot', 1);
      const got: string[] = [];
      channel.pushTo(
        (value) => {
          got.push(value);
          return undefined;
        },
        () => {},
      );
      expect(got).toEqual(['snapshot']);
      channel.push('kpis', 'update', 2);
      channel.push('kpis', 'stale', 1);
      expect(got).toEqual(['snapshot', 'update']);
      expect(channel.backlog).toBe(0);
    });

    it('holds only the newest value per key while the sink is busy, and gives it when the sink is free', async () => {
      const channel = new LatestChannel<string>();
      const got: string[] = [];
      let free: (() => void) | null = null;
      channel.pushTo(
        (value) => {
          got.push(value);
          return new Promise<void>((resolve) => (free = resolve));
        },
        () => {},
      );
      channel.push('kpis', 'v1', 1);
      for (let seq = 2; seq <= 100; seq += 1) channel.push('kpis', `v${seq}`, seq);
      expect(got).toEqual(['v1']);
      expect(channel.backlog).toBe(1);
      free!();
      await Promise.resolve();
      await Promise.resolve();
      expect(got).toEqual(['v1', 'v100']);
      expect(channel.backlog).toBe(0);
    });

    it('a sink whose send failed frees the channel too; closing calls `ended` once and stops delivery', async () => {
      const channel = new LatestChannel<string>();
      const got: string[] = [];
      let ended = 0;
      channel.pushTo(
        (value) => {
          got.push(value);
          return value === 'fails' ? Promise.reject(new Error('socket closed')) : undefined;
        },
        () => (ended += 1),
      );
      channel.push('kpis', 'fails', 1);
      channel.push('kpis', 'after', 2);
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(got).toEqual(['fails', 'after']);
      channel.close();
      channel.close();
      channel.push('kpis', 'late', 3);
      expect(got).toEqual(['fails', 'after']);
      expect(ended).toBe(1);
    });
  });
});
