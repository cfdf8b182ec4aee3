import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep, waitFor } from './support/wait.ts';

/**
 * The README's first command as a new user runs it: the real main.ts on the embedded PostgreSQL (no DATABASE_URL),
 * from a checkout inside a folder nobody else may enter (mode 0700, like /root or a private home), as whoever runs
 * the tests: as root PostgreSQL runs as another user, who cannot reach that checkout. Then what a user meets next:
 * a restart (the data is kept), a taken port, a bad variable, Ctrl-C twice, an API killed hard, a stale
 * postmaster.pid, an interrupted first start. Real processes only.
 *
 * The checkout is a hard-linked copy of this one (package files, node_modules, packages/api and packages/shared)
 * in a fresh 0700 folder; as root its data ends up in /var/lib/recupera/<checkout>-<hash>/postgres, which is
 * removed afterwards.
 */

const sourceRoot = fileURLToPath(new URL('../../../', import.meta.url));
const asRoot = process.getuid?.() === 0;
const ADMIN = 'demo-admin-0000-recupera';
const COPIED = [
  'package.json',
  'pnpm-workspace.yaml',
  'tsconfig.base.json',
  'node_modules',
  'packages/api',
  'packages/shared',
];

let privateDir: string;
/** For an explicit EMBEDDED_PG_DIR: as root one the server's user can reach (not inside the 0700 folder). */
let reachableDir: string;
let checkout: string;
let pgPort: number;
/** The data folder the first start reported; every later start finds it again. */
let dataDir: string;
const children = new Set<ChildProcess>();
const extraDirs: string[] = [];

interface Run {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (a signal name when killed). */
  exited: Promise<number | string>;
}

function start(env: Record<string, string | undefined> = {}): Run {
  const base: Record<string, string | undefined> = { ...process.env };
  // Nothing from the caller's shell or the test run decides which database this start uses.
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'EMBEDDED_PG_DIR', 'ADMIN_API_KEY', 'SEED_DEMO', 'CONSOLE_DIST']) {
    delete base[name];
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: path.join(checkout, 'packages/api'),
    env: {
      ...base,
      DEMO_ACCOUNTS: '100',
      SIMULATE: '0',
      PORT: '0',
      HOST: '127.0.0.1',
      EMBEDDED_PG_PORT: String(pgPort),
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let printed = '';
  child.stdout!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve(code ?? signal ?? 'unknown');
    }),
  );
  return { child, output: () => printed, exited };
}

/** Waits for the ready banner; returns the API's URL. */
async function ready(run: Run, timeoutMs = 60_000): Promise<string> {
  let exitedWith: number | string | null = null;
  void run.exited.then((code) => (exitedWith = code));
  const url = await waitFor(
    'the ready banner',
    () => {
      if (exitedWith !== null)
        throw new Error(`main.ts exited with ${exitedWith} before it was ready:\n${run.output()}`);
      return /health\s+(http:\/\/\S+)\/healthz/.exec(run.output())?.[1];
    },
    timeoutMs,
  );
  expect(run.output()).toContain('Recupera is ready');
  return url;
}

/** A start that must fail: its exit code and every line it printed. */
async function failure(run: Run): Promise<{ code: number | string; lines: string[] }> {
  const code = await Promise.race([run.exited, sleep(60_000).then(() => 'timeout')]);
  const lines = run
    .output()
    .split('\n')
    .filter((line) => line.trim() !== '');
  // Never a stack trace: no "    at …" frames, no Node banner.
  expect(run.output(), run.output()).not.toMatch(/^\s+at .+:\d+/m);
  expect(run.output()).not.toContain('Node.js v');
  return { code, lines };
}

/** Log lines are JSON (pino); what a failure prints is the plain lines, and any line logged at error. */
function problemLines(lines: string[]): string[] {
  return lines.filter((line) => !/^\{"level":"(info|warn|debug)"/.test(line));
}

async function stop(run: Run, signal: NodeJS.Signals = 'SIGINT'): Promise<number | string> {
  run.child.kill(signal);
  return Promise.race([run.exited, sleep(30_000).then(() => 'still running after 30 s')]);
}

async function accountCount(url: string): Promise<number> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
    body: JSON.stringify({ query: '{ accounts(first: 1) { totalCount } }' }),
  });
  const body = (await response.json()) as { data?: { accounts: { totalCount: number } }; errors?: unknown };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!.accounts.totalCount;
}

function postmasterPid(folder: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(path.join(folder, 'postmaster.pid'), 'utf8').split('\n')[0]!, 10);
    return pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The embedded server has stopped: its postmaster.pid is gone (PostgreSQL removes it last). */
async function serverStopped(folder: string): Promise<void> {
  await waitFor(`the PostgreSQL of ${folder} to stop`, () => postmasterPid(folder) === null, 15_000);
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function linkCopy(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  // Hard links: a second; a real copy when the temporary folder is on another file system.
  const linked = spawnSync('cp', ['-al', from, to]);
  if (linked.status !== 0) execFileSync('cp', ['-a', from, to]);
}

function privateFolder(prefix: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(folder, 0o700);
  return folder;
}

beforeAll(async () => {
  privateDir = privateFolder('recupera-first-run-');
  checkout = path.join(privateDir, 'recupera');
  if (asRoot) {
    reachableDir = fs.mkdtempSync(path.join(os.tmpdir(), 'recupera-first-run-data-'));
    fs.chmodSync(reachableDir, 0o755);
    extraDirs.push(reachableDir);
  } else {
    reachableDir = privateDir;
  }
  for (const entry of COPIED) linkCopy(path.join(sourceRoot, entry), path.join(checkout, entry));
  pgPort = await freePort();
});

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  // Whatever server a failed test left running: ask it to stop, then remove what this suite made.
  for (const folder of [dataDir, ...extraDirs]) {
    const pid = folder ? postmasterPid(folder) : null;
    if (pid && isAlive(pid)) {
      process.kill(pid, 'SIGINT');
      await waitFor('a leftover PostgreSQL to stop', () => !isAlive(pid), 15_000).catch(() => undefined);
    }
  }
  if (asRoot && dataDir?.startsWith('/var/lib/recupera/'))
    fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
  for (const folder of [privateDir, ...extraDirs]) if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

describe(`pnpm start's first run, as ${asRoot ? 'root' : 'a normal user'}, from a checkout in a 0700 folder`, () => {
  it('starts the embedded PostgreSQL, seeds the demo and serves it; Ctrl-C stops the API, then the database', async () => {
    const run = start();
    const url = await ready(run, 90_000);
    // The path ends the log line's message: the JSON line's closing quote is not part of it.
    const reported = /data in ([^\s"]+)/.exec(run.output());
    expect(reported, run.output()).not.toBeNull();
    dataDir = reported![1]!;
    if (asRoot) {
      // PostgreSQL runs as `postgres`, who cannot enter the 0700 folder: the data lives where it can, said so.
      expect(dataDir).toMatch(/^\/var\/lib\/recupera\/recupera-[0-9a-f]{10}\/postgres$/);
      expect(run.output()).toContain(`${checkout}/.data/postgres is out of reach of the user postgres`);
      expect(fs.statSync(dataDir).uid).not.toBe(0);
    } else {
      expect(dataDir).toBe(path.join(checkout, '.data/postgres'));
    }
    expect(run.output()).toContain('seeding the demo portfolio (100 accounts)');

    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    // With one worker per core the answer also names the worker that gave it (docs/api.md).
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'up' });
    expect(await accountCount(url)).toBe(100);

    // The server runs in its own session, so a terminal's Ctrl-C reaches the API only; the API stops it last.
    const postmaster = postmasterPid(dataDir)!;
    expect(isAlive(postmaster)).toBe(true);
    expect(execFileSync('ps', ['-o', 'sid=', '-p', String(postmaster)], { encoding: 'utf8' }).trim()).toBe(
      String(postmaster),
    );
    expect(await stop(run)).toBe(0);
    expect(run.output()).toContain('SIGINT: shutting down');
    // The demo logs no line per request (REQUEST_LOG=auto): its simulator's traffic would bury the banner. The next
    // start, with REQUEST_LOG=on, shows the same request does get its line when asked.
    expect(run.output()).not.toContain('"msg":"request"');
    expect(postmasterPid(dataDir)).toBeNull();
    expect(isAlive(postmaster)).toBe(false);
  }, 120_000);

  it('starts again on the same data: nothing seeded, the same accounts; a taken PORT or a second instance is one line', async () => {
    const run = start({ REQUEST_LOG: 'on' });
    const url = await ready(run);
    expect(run.output()).not.toContain('seeding the demo portfolio');
    expect(run.output()).toContain(`data in ${dataDir}`);
    expect(await accountCount(url)).toBe(100);
    await waitFor('the request line', () => run.output().includes('"msg":"request"'), 10_000);

    // Both at once (each loads the whole API before it fails): the suite stays short.
    const port = new URL(url).port;
    const [taken, second] = await Promise.all([failure(start({ PORT: port })), failure(start())]);
    expect(taken.code).toBe(1);
    expect(taken.lines).toEqual([
      `PORT ${port} is already in use by another program: stop it, or set PORT to a free port.`,
    ]);
    expect(second.code).toBe(1);
    expect(problemLines(second.lines)).toEqual([
      `Another Recupera (pid ${run.child.pid}) is already running on ${dataDir}: stop it first (Ctrl-C in its terminal, or kill ${run.child.pid}), or set EMBEDDED_PG_DIR to another folder.`,
    ]);

    expect(await stop(run)).toBe(0);
    await serverStopped(dataDir);
  }, 120_000);

  it('an invalid variable, an unreachable DATABASE_URL or a taken EMBEDDED_PG_PORT is one line per problem', async () => {
    const nobody = await freePort();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(pgPort, '127.0.0.1', resolve));
    try {
      // All at once (each loads the whole API before it fails): the suite stays short.
      const [invalid, unreachable, portTaken] = await Promise.all([
        failure(start({ ADMIN_API_KEY: 'short', SEED_DEMO: 'sometimes' })),
        failure(start({ DATABASE_URL: `postgresql://app:secret@127.0.0.1:${nobody}/recupera` })),
        failure(start()),
      ]);
      expect(invalid.code).toBe(1);
      expect(invalid.lines).toEqual([
        'Invalid ADMIN_API_KEY: must be at least 16 characters long (openssl rand -hex 24 makes one); see .env.example.',
        'Invalid SEED_DEMO: expected one of "auto"|"always"|"never"; see .env.example.',
      ]);
      expect(unreachable.code).toBe(1);
      expect(unreachable.lines).toEqual([
        `Cannot reach the database at 127.0.0.1:${nobody} (DATABASE_URL): connection refused; is PostgreSQL running there?`,
      ]);
      expect(portTaken.code).toBe(1);
      expect(problemLines(portTaken.lines)).toEqual([
        `EMBEDDED_PG_PORT ${pgPort} is already in use by another program: stop it, or set EMBEDDED_PG_PORT to a free port.`,
      ]);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  }, 120_000);

  it('after the API was killed hard, the next start stops the server it left and starts; a second Ctrl-C forces the exit', async () => {
    const killed = start();
    await ready(killed);
    const orphan = postmasterPid(dataDir)!;
    expect(await stop(killed, 'SIGKILL')).toBe('SIGKILL');
    await sleep(200);
    expect(isAlive(orphan)).toBe(true);

    const run = start();
    const url = await ready(run);
    expect(run.output()).toContain(`stopping the PostgreSQL (pid ${orphan}) that an earlier run left running`);
    expect(isAlive(orphan)).toBe(false);
    expect(await accountCount(url)).toBe(100);

    // A request still arriving holds the orderly shutdown (the HTTP server drains it): the second Ctrl-C must not wait.
    // "Expect: 100-continue" makes the server answer once it handles the request, so it is in flight for sure.
    const { hostname, port } = new URL(url);
    const socket = net.connect(Number(port), hostname);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const continued = new Promise<void>((resolve) =>
      socket.on('data', (chunk: Buffer) => chunk.toString().includes('100 Continue') && resolve()),
    );
    socket.write(
      'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\nExpect: 100-continue\r\n\r\n',
    );
    await continued;
    socket.write('{');
    try {
      run.child.kill('SIGINT');
      await waitFor('the orderly shutdown to begin', () => run.output().includes('SIGINT: shutting down'));
      await sleep(400);
      const started = Date.now();
      run.child.kill('SIGINT');
      expect(await Promise.race([run.exited, sleep(5_000).then(() => 'still running')])).toBe(130);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(run.output()).toContain('SIGINT again: exiting now, without waiting for the orderly shutdown.');
    } finally {
      socket.destroy();
    }
    // The database was told to stop on its own as the API exited.
    await serverStopped(dataDir);
  }, 120_000);

  it('a stale postmaster.pid (a crash, a reboot, a reused pid) does not stop the next start', async () => {
    const dead = spawnSync('true').pid!;
    for (const stalePid of [dead, process.pid]) {
      fs.writeFileSync(
        path.join(dataDir, 'postmaster.pid'),
        `${stalePid}\n${dataDir}\n${Math.floor(Date.now() / 1000)}\n${pgPort}\n\n127.0.0.1\n  ${pgPort}001 2147483640\nready   \n`,
        { mode: 0o600 },
      );
      const run = start();
      const url = await ready(run);
      if (stalePid === process.pid) expect(run.output()).toContain('removing a stale');
      expect(await accountCount(url)).toBe(100);
      expect(await stop(run)).toBe(0);
      await serverStopped(dataDir);
    }
  }, 120_000);

  it('a data folder left half-initialised by an interrupted first start is made again; a folder of other files is refused', async () => {
    const parent = reachableDir;
    const partial = path.join(parent, 'interrupted');
    extraDirs.push(partial);
    for (const folder of ['base/1', 'global', 'pg_wal', 'pg_xact'])
      fs.mkdirSync(path.join(partial, folder), { recursive: true });
    fs.writeFileSync(path.join(partial, 'PG_VERSION'), '18\n');
    fs.writeFileSync(path.join(partial, 'postgresql.conf'), '');

    const foreign = path.join(parent, 'notes');
    fs.mkdirSync(foreign);
    fs.writeFileSync(path.join(foreign, 'todo.txt'), 'not a database\n');
    const refusing = failure(start({ EMBEDDED_PG_DIR: foreign }));

    const run = start({ EMBEDDED_PG_DIR: partial });
    const url = await ready(run, 90_000);
    expect(run.output()).toContain(
      `${partial} was left half-initialised by an interrupted first start: making it again`,
    );
    expect(await accountCount(url)).toBe(100);
    expect(await stop(run)).toBe(0);
    await serverStopped(partial);

    const refused = await refusing;
    expect(refused.code).toBe(1);
    expect(problemLines(refused.lines)).toEqual([
      `${foreign} is not empty and is not a PostgreSQL data folder: move it away, or set EMBEDDED_PG_DIR to another folder.`,
    ]);
    expect(fs.readdirSync(foreign)).toEqual(['todo.txt']);
  }, 120_000);

  it('a first start interrupted while seeding the demo is seeded again by the next start', async () => {
    const folder = path.join(reachableDir, 'seeding');
    extraDirs.push(folder);
    const first = start({ EMBEDDED_PG_DIR: folder, DEMO_ACCOUNTS: '20000' });
    await waitFor('the seeding to begin', () => first.output().includes('seeding the demo portfolio'), 60_000);
    await sleep(300);
    // Ctrl-C during start-up: nothing to drain yet, the API exits at once and its database stops on its own.
    expect(await stop(first)).toBe(130);
    expect(first.output()).toContain('SIGINT during start-up: stopped.');
    await serverStopped(folder);

    const run = start({ EMBEDDED_PG_DIR: folder });
    const url = await ready(run, 90_000);
    expect(run.output()).toContain(
      'the demo seeding of the first start was interrupted: making the demo database again',
    );
    expect(run.output()).toContain('seeding the demo portfolio (100 accounts)');
    expect(await accountCount(url)).toBe(100);
    expect(await stop(run)).toBe(0);
    await serverStopped(folder);
  }, 120_000);

  it.runIf(asRoot)(
    'as root, an explicit EMBEDDED_PG_DIR the server user cannot reach is one line saying what to do',
    async () => {
      const unreachable = path.join(privateDir, 'pgdata');
      const result = await failure(start({ EMBEDDED_PG_DIR: unreachable }));
      expect(result.code).toBe(1);
      const [line, ...rest] = problemLines(result.lines);
      expect(rest).toEqual([]);
      expect(line).toMatch(
        new RegExp(
          `^EMBEDDED_PG_DIR ${unreachable} is out of reach of the user postgres, who runs the embedded PostgreSQL`,
        ),
      );
      expect(line).toContain('unset EMBEDDED_PG_DIR to keep the data in /var/lib/recupera/');
      expect(fs.existsSync(unreachable)).toBe(false);
    },
  );
});
