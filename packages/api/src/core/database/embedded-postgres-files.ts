import { createHash } from 'node:crypto';
import path from 'node:path';

/**
 * The embedded PostgreSQL's files, read without side effects (embedded-postgres.ts acts on what these say;
 * embedded-postgres-files.test.ts covers them).
 */

/** Relative to the repository root, when EMBEDDED_PG_DIR is unset. */
export const DEFAULT_DATA_DIR = '.data/postgres';
/** In the data folder: the pid of the API that started the server, to tell a leftover from a running instance. */
export const OWNER_FILE = 'recupera-api.pid';
/** In the data folder: the server's output. */
export const SERVER_LOG = 'postgres.log';
/** In the data folder while the first start on its database has not reached "ready" (see embedded-postgres.ts). */
export const FIRST_START_FILE = 'recupera-first-start';

/** What initdb makes, and what we add next to it; anything else means the folder is not only ours. */
const INITDB_ENTRIES = new Set([
  'PG_VERSION',
  'base',
  'global',
  'pg_commit_ts',
  'pg_dynshmem',
  'pg_hba.conf',
  'pg_ident.conf',
  'pg_logical',
  'pg_multixact',
  'pg_notify',
  'pg_replslot',
  'pg_serial',
  'pg_snapshots',
  'pg_stat',
  'pg_stat_tmp',
  'pg_subtrans',
  'pg_tblspc',
  'pg_twophase',
  'pg_wal',
  'pg_xact',
  'postgresql.auto.conf',
  'postgresql.conf',
  'postmaster.pid',
  FIRST_START_FILE,
  OWNER_FILE,
  SERVER_LOG,
]);

export type DataFolderState = 'empty' | 'cluster' | 'interrupted' | 'foreign';

/**
 * - `empty`: missing or empty, initdb makes it;
 * - `cluster`: a server has run on it (PostgreSQL writes postmaster.opts at every start): use it;
 * - `interrupted`: only what initdb makes, and no server ever ran on it: a first start stopped half-way, so it
 *   holds no data and is made again;
 * - `foreign`: anything else, never touched.
 */
export function dataFolderState(entries: string[] | null): DataFolderState {
  if (entries === null || entries.length === 0) return 'empty';
  if (entries.includes('PG_VERSION') && entries.includes('postmaster.opts')) return 'cluster';
  if (entries.every((entry) => INITDB_ENTRIES.has(entry) || entry.startsWith('.initdb-password'))) {
    return 'interrupted';
  }
  return 'foreign';
}

/**
 * Where the data lives when the configured folder is out of reach of the server's user (root in a 0700 home):
 * one folder per checkout, named after it and a hash of its path, so two checkouts never share a database and
 * the same checkout finds its data again.
 */
export function fallbackDataDir(stateRoot: string, repoRoot: string): string {
  const resolved = path.resolve(repoRoot);
  const name = path.basename(resolved).replace(/[^A-Za-z0-9._-]/g, '_') || 'recupera';
  const hash = createHash('sha256').update(resolved).digest('hex').slice(0, 10);
  return path.join(stateRoot, `${name}-${hash}`, 'postgres');
}

export interface PostmasterPid {
  pid: number;
  port: number | null;
  /** `starting`, `ready`, `stopping` or `standby`; empty while the postmaster has not written it yet. */
  status: string;
}

/** postmaster.pid: pid, data folder, start time, port, socket folder, listen address, shared memory key, status. */
export function parsePostmasterPid(text: string): PostmasterPid | null {
  const lines = text.split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  if (!(pid > 0)) return null;
  const port = Number.parseInt(lines[3] ?? '', 10);
  return { pid, port: port > 0 ? port : null, status: (lines[7] ?? '').trim() };
}

/** One sentence for a server that exited while starting, from what it wrote to its log. */
export function serverFailure(output: string, at: { dataDir: string; port: number; logFile: string }): string {
  if (/could not bind .*Address already in use|could not create any TCP\/IP sockets/.test(output)) {
    return `EMBEDDED_PG_PORT ${at.port} is already in use by another program: stop it, or set EMBEDDED_PG_PORT to a free port.`;
  }
  const lock = /lock file "postmaster.pid" already exists[\s\S]*?PID (\d+)/.exec(output);
  if (lock) {
    return `Another PostgreSQL (pid ${lock[1]}) runs on ${at.dataDir}: stop it (kill ${lock[1]}), or set EMBEDDED_PG_DIR to another folder.`;
  }
  if (/pre-existing shared memory block .* is still in use/.test(output)) {
    return `Processes of an earlier PostgreSQL still use ${at.dataDir}: stop them (ps -ef | grep postgres shows their pids) and start again.`;
  }
  if (/database files are incompatible with server/.test(output)) {
    return `${at.dataDir} was made by another PostgreSQL version: delete it to start over with a fresh demo, or set EMBEDDED_PG_DIR to another folder.`;
  }
  if (/has wrong ownership|has invalid permissions/.test(output)) {
    return `PostgreSQL refuses the owner or mode of ${at.dataDir}: it must belong to the user running the server, mode 0700 (see ${at.logFile}).`;
  }
  const last = output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /\b(FATAL|PANIC|ERROR)\b/.test(line))
    .at(-1);
  const reason = last ? last.replace(/^.*?\b(FATAL|PANIC|ERROR):\s*/, '') : 'no message';
  return `The embedded PostgreSQL stopped while starting (${reason}): see ${at.logFile}.`;
}
