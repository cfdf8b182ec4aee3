import dns from 'node:dns/promises';
import net from 'node:net';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { describeStartupFailure, describeUrl, StartupError } from './startup-failure.ts';

/** The error a real call rejects with (no hand-made error objects: the formatter must read what Node and pg throw). */
async function rejection(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const testServerUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

describe('describeStartupFailure', () => {
  it('prints our own diagnoses as they are', () => {
    expect(describeStartupFailure(new StartupError('One sentence.'))).toEqual(['One sentence.']);
    expect(describeStartupFailure(new StartupError(['First.', 'Second.']))).toEqual(['First.', 'Second.']);
  });

  it('gives one line per invalid variable, naming it, never repeating its value', () => {
    let error: unknown;
    try {
      loadConfig({ ADMIN_API_KEY: 'hunter2', PORT: 'eighty', SEED_DEMO: 'sometimes' });
    } catch (thrown) {
      error = thrown;
    }
    const lines = describeStartupFailure(error);
    expect(lines).toEqual([
      'Invalid PORT: not a number; see .env.example.',
      'Invalid ADMIN_API_KEY: must be at least 16 characters long (openssl rand -hex 24 makes one); see .env.example.',
      'Invalid SEED_DEMO: expected one of "auto"|"always"|"never"; see .env.example.',
    ]);
    expect(lines.join('\n')).not.toContain('hunter2');
  });

  it('names the port and what to do when the API cannot listen', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as net.AddressInfo;
    try {
      const error = await rejection(
        () =>
          new Promise((resolve, reject) => {
            const second = net.createServer();
            second.once('error', reject);
            second.listen(port, '127.0.0.1', () => resolve(second));
          }),
      );
      expect(describeStartupFailure(error)).toEqual([
        `Port ${port} is already in use: stop the program using it, or set PORT to a free port.`,
      ]);
    } finally {
      taken.close();
    }
  });

  it('says which URL points at a server that refuses connections, without its password', async () => {
    const port = await closedPort();
    const url = `postgresql://app:s3cret@127.0.0.1:${port}/recupera`;
    const error = await rejection(() => new pg.Client({ connectionString: url }).connect());
    const lines = describeStartupFailure(error, { DATABASE_URL: url });
    expect(lines).toEqual([
      `Cannot reach the database at 127.0.0.1:${port} (DATABASE_URL): connection refused; is PostgreSQL running there?`,
    ]);
    expect(lines.join('\n')).not.toContain('s3cret');

    const redis = `redis://127.0.0.1:${port}`;
    const refused = await rejection(
      () =>
        new Promise((resolve, reject) => {
          const socket = net.connect(port, '127.0.0.1', () => resolve(socket));
          socket.once('error', reject);
        }),
    );
    expect(describeStartupFailure(refused, { REDIS_URL: redis })).toEqual([
      `Cannot reach Redis at 127.0.0.1:${port} (REDIS_URL): connection refused; start Redis there, or unset REDIS_URL to run jobs in-process.`,
    ]);
  });

  it('reads "localhost" refused on every address (an AggregateError) as that URL too', async () => {
    const port = await closedPort();
    const url = `postgresql://postgres@localhost:${port}/recupera`;
    const error = await rejection(() => new pg.Client({ connectionString: url }).connect());
    const [line] = describeStartupFailure(error, { DATABASE_URL: url });
    expect(line).toMatch(
      new RegExp(
        `^Cannot reach the database at (127\\.0\\.0\\.1|::1):${port} \\(DATABASE_URL\\): connection refused; is PostgreSQL running there\\?$`,
      ),
    );
  });

  it('says when a host name does not resolve', async () => {
    const error = await rejection(() => dns.lookup('recupera-db.invalid'));
    expect(
      describeStartupFailure(error, { DATABASE_URL: 'postgresql://u:p@recupera-db.invalid:5432/recupera' }),
    ).toEqual([
      'Cannot reach the database (DATABASE_URL): the host name recupera-db.invalid does not resolve; check the host in DATABASE_URL.',
    ]);
  });

  it("passes on PostgreSQL's own reason for refusing a connection", async () => {
    const url = new URL(testServerUrl);
    url.username = 'recupera_no_such_role';
    const error = await rejection(() => new pg.Client({ connectionString: url.toString() }).connect());
    expect(describeStartupFailure(error, { DATABASE_URL: url.toString() })).toEqual([
      `The database at ${url.hostname}:${url.port}${url.pathname} refused the connection: role "recupera_no_such_role" does not exist (check DATABASE_URL).`,
    ]);
  });

  it('anything else: one line with the message and where in our code it came from', () => {
    const [line] = describeStartupFailure(new Error('something broke\nsecond line'));
    expect(line).toMatch(
      /^Recupera could not start: something broke \(at (packages\/api\/)?src\/core\/startup-failure\.test\.ts:\d+\)$/,
    );
    expect(describeStartupFailure('a string')).toEqual(['Recupera could not start: a string']);
  });
});

describe('describeUrl', () => {
  it('keeps host, port and database, drops user and password', () => {
    expect(describeUrl('postgresql://user:pw@db.example:6543/app')).toBe('db.example:6543/app');
    expect(describeUrl('redis://:pw@cache')).toBe('cache');
    expect(describeUrl('not a url')).toBeNull();
    expect(describeUrl(undefined)).toBeNull();
  });
});
