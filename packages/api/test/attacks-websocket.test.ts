import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Socket } from 'node:net';
import { createAgency, createApiKey } from './support/fixtures.ts';
import { graphqlWsUrl, Watch, wsClient } from './support/graphql-ws-client.ts';
import { startTestApi, type TestApi } from './support/test-api.ts';
import { sleep, waitFor } from './support/wait.ts';

/**
 * Issue 10, attack 2 over WebSockets, against the documented defaults (docs/security.md, "Limits"): 256 KiB per
 * message, checked before the key is; 50 connections per key; 100 operations per connection and 300 per key.
 * The report: one key opened 1,000 connections, 3,000 subscriptions on one connection slowed every other client's
 * trivial query to 13 s, and four 90 MB `connection_init` messages were read whole before the key was looked at.
 */

const DEFAULT_MAX_MESSAGE_BYTES = 256 * 1024;
const DEFAULT_MAX_CONNECTIONS_PER_KEY = 50;
const DEFAULT_MAX_OPERATIONS_PER_CONNECTION = 100;
const DEFAULT_MAX_OPERATIONS_PER_KEY = 300;

const KPIS = 'subscription { kpiUpdated(scope: {}, window: TODAY) { attempts } }';

/** How a connection attempt ended: acknowledged, or closed with a code before that. */
function connection(client: Client): Promise<{ acked: boolean; code: number | null }> {
  return new Promise((resolve) => {
    client.on('connected', () => resolve({ acked: true, code: null }));
    client.on('closed', (event) => resolve({ acked: false, code: (event as { code?: number }).code ?? null }));
  });
}

describe('issue 10, attack 2: WebSockets without limits', () => {
  let api: TestApi;
  let attackerKey: string;
  let otherKey: string;
  const clients: Client[] = [];

  /** A connected graphql-ws client of `key`, closed after the file. */
  async function connect(key: string): Promise<{ client: Client; acked: boolean; code: number | null }> {
    const client = wsClient(api, { key, lazy: false });
    clients.push(client);
    return { client, ...(await connection(client)) };
  }

  beforeAll(async () => {
    api = await startTestApi();
    const agency = await createAgency(api, { code: 'WSATK', name: 'Agencia de Sockets' });
    attackerKey = await createApiKey(api, 'AGENCY', agency.id);
    otherKey = await createApiKey(api, 'SUPERVISOR');
  });
  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await api.close();
  });

  it('closes a 90 MB connection_init with 1009 from its frame header, before the key is read or the rest is sent', async () => {
    const socket = new WebSocket(graphqlWsUrl(api.url), 'graphql-transport-ws');
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.on('error', () => undefined); // the server hangs up on a half-sent frame; its close code is what counts
    // A masked text frame announcing 90 MB, then only the first 16 KiB of it: a server that reads the whole message
    // before looking at it would wait here forever.
    const announced = 90 * 1024 * 1024;
    const header = Buffer.alloc(14);
    header[0] = 0x81; // FIN, text
    header[1] = 0x80 | 127; // masked, 64-bit length follows
    header.writeBigUInt64BE(BigInt(announced), 2);
    header.writeUInt32BE(0x12345678, 10); // mask key
    const start = Buffer.from(
      `{"type":"connection_init","payload":{"authorization":"Bearer ${attackerKey}","pad":"${'x'.repeat(16 * 1024)}`,
    );
    const tcp = (socket as unknown as { _socket: Socket })._socket;
    tcp.write(Buffer.concat([header, start]));
    // 1009: message too big, before the key in it was looked at.
    expect(await closed).toBe(1009);
    expect(tcp.bytesWritten).toBeLessThan(64 * 1024);

    // Just over the limit, sent whole by an ordinary client, is the same refusal.
    const over = new WebSocket(graphqlWsUrl(api.url), 'graphql-transport-ws');
    await new Promise((resolve, reject) => over.once('open', resolve).once('error', reject));
    const overClosed = new Promise<number>((resolve) => over.once('close', (closeCode) => resolve(closeCode)));
    over.on('error', () => undefined);
    over.send(JSON.stringify({ type: 'connection_init', payload: { pad: 'x'.repeat(DEFAULT_MAX_MESSAGE_BYTES) } }));
    expect(await overClosed).toBe(1009);
  });

  it('lets one key hold 50 connections and closes the 51st with 4429; another key still connects', async () => {
    const held: Client[] = [];
    for (let i = 0; i < DEFAULT_MAX_CONNECTIONS_PER_KEY; i += 1) {
      const opened = await connect(attackerKey);
      expect(opened, `connection ${i + 1}`).toMatchObject({ acked: true });
      held.push(opened.client);
    }
    expect(await connect(attackerKey)).toMatchObject({ acked: false, code: 4429 });
    expect(await connect(otherKey)).toMatchObject({ acked: true });
    // A connection given back makes room for one more.
    await held.pop()!.dispose();
    await waitFor('a freed connection slot', async () => (await connect(attackerKey)).acked, 5_000);
    for (const client of held) await client.dispose();
  });

  it('runs 100 of a burst of 130 subscriptions on one connection and 300 per key; the rest are TOO_MANY_SUBSCRIPTIONS', async () => {
    // Wait for the connections of the previous test to be forgotten, then give the rate limit a fresh second.
    await sleep(1_100);
    const watches: Watch<unknown>[] = [];
    const subscribe = async (client: Client, count: number) => {
      const started = watches.length;
      for (let i = 0; i < count; i += 1) watches.push(new Watch(client, KPIS));
      await waitFor(`${count} subscriptions answered`, () =>
        watches.slice(started).every((w) => w.messages.length > 0 || w.errors.length > 0),
      );
      // RATE_LIMIT_PER_KEY (300 a second) must not be what refuses the next batch: a second passes between batches.
      await sleep(1_100);
      return watches.slice(started);
    };
    // The report's burst: many more subscribe messages at once on one connection than it may run.
    const first = (await connect(attackerKey)).client;
    const burst = await subscribe(first, DEFAULT_MAX_OPERATIONS_PER_CONNECTION + 30);
    const refusedInBurst = burst.filter((w) => w.errors.length > 0);
    expect(burst.filter((w) => w.errors.length === 0 && w.messages.length > 0)).toHaveLength(
      DEFAULT_MAX_OPERATIONS_PER_CONNECTION,
    );
    expect(refusedInBurst).toHaveLength(30);
    for (const refused of refusedInBurst) {
      expect(refused.messages).toEqual([]);
      expect(refused.errors).toHaveLength(1);
      expect(refused.errors[0]!.extensions).toMatchObject({
        code: 'TOO_MANY_SUBSCRIPTIONS',
        limit: DEFAULT_MAX_OPERATIONS_PER_CONNECTION,
      });
    }
    // Later ones too: the connection still runs its 100.
    const [perConnection] = await subscribe(first, 1);
    expect(perConnection!.errors[0]!.extensions).toMatchObject({ code: 'TOO_MANY_SUBSCRIPTIONS' });

    // Spread over connections, the key's own cap applies: 300 run, the next is refused.
    for (
      let connected = 1;
      connected * DEFAULT_MAX_OPERATIONS_PER_CONNECTION < DEFAULT_MAX_OPERATIONS_PER_KEY;
      connected++
    ) {
      const more = await subscribe((await connect(attackerKey)).client, DEFAULT_MAX_OPERATIONS_PER_CONNECTION);
      expect(more.filter((w) => w.errors.length > 0)).toEqual([]);
    }
    const [perKey] = await subscribe((await connect(attackerKey)).client, 1);
    expect(perKey!.errors[0]!.extensions).toMatchObject({
      code: 'TOO_MANY_SUBSCRIPTIONS',
      limit: DEFAULT_MAX_OPERATIONS_PER_KEY,
    });
    expect(watches.filter((w) => w.errors.length === 0 && !w.ended)).toHaveLength(DEFAULT_MAX_OPERATIONS_PER_KEY);

    // Another key is not affected: its subscription starts, and its trivial query waits for little work (the CPU
    // this process spent meanwhile, which a loaded machine does not stretch as it does wall time).
    const other = new Watch((await connect(otherKey)).client, KPIS);
    await other.next(() => true);
    const cpu = process.cpuUsage();
    const trivial = await api.gql<{ me: { role: string } }>('{ me { role } }', {}, otherKey);
    const used = process.cpuUsage(cpu);
    expect(trivial.data?.me.role).toBe('SUPERVISOR');
    expect((used.user + used.system) / 1000).toBeLessThan(1_000);

    // Ending a subscription gives its place back.
    await burst.find((w) => w.errors.length === 0)!.close();
    await sleep(1_100);
    const again = new Watch(first, KPIS);
    await again.next(() => true);
    expect(again.errors).toEqual([]);
  });

  it('applies the same limits over the socket, and names a malformed operation without an internal error', async () => {
    const client = (await connect(otherKey)).client;
    const cycle: string[] = [];
    for (let level = 4; level < 16; level += 1) cycle.push(level % 2 === 0 ? 'interactions' : 'account');
    const inner = cycle.reduceRight((selection, field) => `${field} { ${selection} }`, 'id');
    const deep = new Watch(client, `{ accounts(first: 1) { edges { node { ${inner} } } } }`);
    await deep.refused();
    expect(deep.messages).toEqual([]);
    expect(deep.errors[0]!.extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', limit: 12 });

    const unknownField = new Watch(client, '{ accounts(first: 1) { totalCount secretField } }');
    await unknownField.refused();
    expect(unknownField.errors[0]!.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED' });
    const malformed = new Watch(client, '{ accounts(first: 1) { totalCount ');
    await malformed.refused();
    expect(malformed.errors[0]!.extensions).toMatchObject({ code: 'GRAPHQL_PARSE_FAILED' });
  });
});
