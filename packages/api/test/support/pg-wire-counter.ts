import { createServer, connect, type Server, type Socket } from 'node:net';

/** One statement PostgreSQL was asked to run, as it crossed the wire. */
export interface WireStatement {
  /** Its SQL text: the simple query's, or the text parsed for the extended protocol's statement. */
  text: string;
  /** The prepared statement's name ('' for an unnamed one). */
  name: string;
}

/**
 * A TCP proxy in front of the test PostgreSQL that reads the client's side of the protocol and records every
 * statement the server is asked to run: one per simple Query ('Q') message, one per Execute ('E') message of the
 * extended protocol (the text from the Parse that named or preceded it). An oracle independent of the API's own
 * counting: it sees what PostgreSQL received, however the API sent it.
 */
export class PgWireCounter {
  readonly statements: WireStatement[] = [];
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {
    this.server = createServer((client) => this.relay(client));
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  /** `url` (a PostgreSQL URL) pointed at this proxy. */
  via(url: string): string {
    const proxied = new URL(url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(this.port);
    return proxied.toString();
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private relay(client: Socket): void {
    const server = connect(this.target.port, this.target.host);
    this.sockets.add(client).add(server);
    client.on('close', () => server.destroy());
    server.on('close', () => client.destroy());
    client.on('error', () => server.destroy());
    server.on('error', () => client.destroy());
    server.pipe(client);

    let buffered = Buffer.alloc(0);
    let started = false;
    const named = new Map<string, string>();
    let unnamed = '';
    let bound = '';
    client.on('data', (chunk: Buffer) => {
      server.write(chunk);
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        if (!started) {
          // Startup, SSLRequest or GSSENCRequest: a length and a code, no type byte.
          if (buffered.length < 8) return;
          const length = buffered.readInt32BE(0);
          if (buffered.length < length) return;
          const code = buffered.readInt32BE(4);
          buffered = buffered.subarray(length);
          if (code !== 80877103 && code !== 80877104) started = true;
          continue;
        }
        if (buffered.length < 5) return;
        const type = String.fromCharCode(buffered[0]!);
        const length = buffered.readInt32BE(1);
        if (buffered.length < 1 + length) return;
        const body = buffered.subarray(5, 1 + length);
        buffered = buffered.subarray(1 + length);
        if (type === 'Q') {
          this.statements.push({ text: cString(body, 0).value, name: '' });
        } else if (type === 'P') {
          const name = cString(body, 0);
          const text = cString(body, name.next).value;
          if (name.value === '') unnamed = text;
          else named.set(name.value, text);
        } else if (type === 'B') {
          const portal = cString(body, 0);
          bound = cString(body, portal.next).value;
        } else if (type === 'E') {
          this.statements.push({ text: bound === '' ? unnamed : (named.get(bound) ?? ''), name: bound });
        }
      }
    });
  }
}

function cString(buffer: Buffer, from: number): { value: string; next: number } {
  const end = buffer.indexOf(0, from);
  return { value: buffer.toString('utf8', from, end), next: end + 1 };
}
