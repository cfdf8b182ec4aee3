import WebSocket from 'ws';
import type { Socket } from 'node:net';
import { graphqlWsUrl } from './graphql-ws-client.ts';
import { sleep } from './wait.ts';
import type { TestApi } from './test-api.ts';

/**
 * A graphql-ws subscription spoken by hand over a bare `ws` socket, so a test can stop reading from the TCP
 * socket (a slow consumer) while the server keeps producing, then resume and look at what arrives.
 */
export class RawSubscription<T> {
  readonly messages: T[] = [];
  /** Every `next` frame as it came over the wire, and whether it was a text frame. */
  readonly frames: { text: string; binary: boolean }[] = [];
  /** Bytes of the messages received so far. */
  bytes = 0;
  private constructor(private readonly ws: WebSocket) {}

  static async open<T>(
    api: TestApi,
    key: string,
    query: string,
    variables: Record<string, unknown> = {},
    id = '1',
  ): Promise<RawSubscription<T>> {
    const ws = new WebSocket(graphqlWsUrl(api.url), 'graphql-transport-ws');
    const subscription = new RawSubscription<T>(ws);
    const acked = new Promise<void>((resolve, reject) => {
      ws.on('message', (raw: Buffer, binary: boolean) => {
        subscription.bytes += raw.length;
        const message = JSON.parse(raw.toString()) as { type: string; payload?: { data?: T; errors?: unknown } };
        if (message.type === 'next') subscription.frames.push({ text: raw.toString(), binary });
        if (message.type === 'connection_ack') resolve();
        else if (message.type === 'next' && message.payload?.data) subscription.messages.push(message.payload.data);
        else if (message.type === 'error' || message.payload?.errors) {
          reject(new Error(`subscription failed: ${JSON.stringify(message.payload)}`));
        }
      });
      ws.on('error', reject);
    });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${key}` } }));
    await acked;
    ws.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } }));
    return subscription;
  }

  private get socket(): Socket {
    return (this.ws as unknown as { _socket: Socket })._socket;
  }

  /** Stops reading: the kernel buffers fill, then the server's writes to this client stop completing. */
  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }

  /** Waits until nothing has arrived for `quietMs`. */
  async drain(quietMs: number, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let seen = -1;
    let since = Date.now();
    while (Date.now() < deadline) {
      if (this.messages.length !== seen) {
        seen = this.messages.length;
        since = Date.now();
      } else if (Date.now() - since >= quietMs) return;
      await sleep(20);
    }
    throw new Error(`still receiving after ${timeoutMs} ms`);
  }

  close(): void {
    this.ws.terminate();
  }
}
