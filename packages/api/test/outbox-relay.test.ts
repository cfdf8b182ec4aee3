import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublishedEvent } from '@recupera/shared';
import { InProcessEventBus } from '../src/core/events/event-bus.ts';
import { relayOnce } from '../src/core/events/outbox-relay.ts';
import { createAgency } from './support/fixtures.ts';
import { sql, startTestApi, type TestApi } from './support/test-api.ts';

describe('the transactional outbox relay', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ outboxRelay: false });
  });
  afterAll(() => api.close());

  async function unpublished(): Promise<string[]> {
    const rows = await sql<{ id: string }>(
      api,
      'select id::text from domain_event where published_at is null order by domain_event.id',
    );
    return rows.map((row) => row.id);
  }

  async function drain(bus: InProcessEventBus): Promise<void> {
    while ((await relayOnce(api.orm, bus, { batchSize: 7 })) > 0) {
      // batches of 7, so several passes are needed
    }
  }

  it('publishes every committed event once, in id order, and marks it published', async () => {
    for (let n = 0; n < 20; n += 1) await createAgency(api);
    const pending = await unpublished();
    expect(pending.length).toBeGreaterThanOrEqual(20);

    const bus = new InProcessEventBus();
    const seen: PublishedEvent[] = [];
    bus.subscribe((events) => {
      seen.push(...events);
    });
    await drain(bus);

    expect(seen.map((event) => event.id)).toEqual(pending);
    expect(await unpublished()).toEqual([]);
    const created = seen.filter((event) => event.type === 'AgencyCreated');
    expect(created).toHaveLength(20);
    expect(created[0]).toMatchObject({ aggregateType: 'Agency', payload: { partner: expect.any(Boolean) } });
    expect(new Date(created[0]!.occurredAt).toISOString()).toBe(created[0]!.occurredAt);
  });

  it('publishes in numeric id order when ids gain a digit', async () => {
    await sql(api, "select setval(pg_get_serial_sequence('domain_event', 'id'), 999995)");
    for (let n = 0; n < 10; n += 1) await createAgency(api);
    const bus = new InProcessEventBus();
    const seen: bigint[] = [];
    bus.subscribe((events) => {
      seen.push(...events.map((event) => BigInt(event.id)));
    });
    await drain(bus);
    expect(seen.length).toBeGreaterThanOrEqual(10);
    expect(seen.some((id) => id >= 1_000_000n)).toBe(true);
    expect(seen.every((id, index) => index === 0 || id > seen[index - 1]!)).toBe(true);
  });

  it('leaves a batch unpublished when publishing fails, and delivers it on the next pass', async () => {
    await createAgency(api);
    const pending = await unpublished();
    expect(pending).toHaveLength(1);

    const failing = new InProcessEventBus();
    failing.subscribe(() => {
      throw new Error('subscriber down');
    });
    await expect(relayOnce(api.orm, failing)).rejects.toThrow('subscriber down');
    expect(await unpublished()).toEqual(pending);

    const bus = new InProcessEventBus();
    const seen: string[] = [];
    bus.subscribe((events) => {
      seen.push(...events.map((event) => event.id));
    });
    await drain(bus);
    expect(seen).toEqual(pending);
  });

  it('shares the backlog between concurrent relays without publishing an event twice', async () => {
    for (let n = 0; n < 40; n += 1) await createAgency(api);
    const pending = await unpublished();
    const seen: string[] = [];
    const relays = Array.from({ length: 4 }, () => {
      const bus = new InProcessEventBus();
      bus.subscribe(async (events) => {
        // Hold the batch a moment, so the relays really overlap.
        await new Promise((resolve) => setTimeout(resolve, 20));
        seen.push(...events.map((event) => event.id));
      });
      return drain(bus);
    });
    await Promise.all(relays);
    expect([...seen].sort()).toEqual([...pending].sort());
    expect(new Set(seen).size).toBe(seen.length);
    expect(await unpublished()).toEqual([]);
  });
});
