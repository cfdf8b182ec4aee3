import { describe, expect, it } from 'vitest';
import { dataFolderState, fallbackDataDir, parsePostmasterPid, serverFailure } from './embedded-postgres-files.ts';

const INITDB = [
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
];

describe('dataFolderState', () => {
  it('a missing or empty folder is made by initdb', () => {
    expect(dataFolderState(null)).toBe('empty');
    expect(dataFolderState([])).toBe('empty');
  });

  it('a folder a server has run on (postmaster.opts) is used as it is', () => {
    expect(dataFolderState([...INITDB, 'postmaster.opts'])).toBe('cluster');
    expect(dataFolderState([...INITDB, 'postmaster.opts', 'postmaster.pid', 'anything-else'])).toBe('cluster');
  });

  it("only initdb's files and no server ever started: an interrupted first start, made again", () => {
    expect(dataFolderState(INITDB)).toBe('interrupted');
    expect(dataFolderState(['PG_VERSION', 'base', 'global'])).toBe('interrupted');
    expect(dataFolderState([...INITDB, 'postgres.log', 'recupera-api.pid'])).toBe('interrupted');
  });

  it('anything else is never touched', () => {
    expect(dataFolderState(['notes.txt'])).toBe('foreign');
    expect(dataFolderState([...INITDB, 'notes.txt'])).toBe('foreign');
  });
});

describe('fallbackDataDir', () => {
  it('names one folder per checkout, the same one every time', () => {
    const first = fallbackDataDir('/var/lib/recupera', '/root/recupera');
    expect(first).toMatch(/^\/var\/lib\/recupera\/recupera-[0-9a-f]{10}\/postgres$/);
    expect(fallbackDataDir('/var/lib/recupera', '/root/recupera/')).toBe(first);
    expect(fallbackDataDir('/var/lib/recupera', '/root/other/recupera')).not.toBe(first);
    expect(fallbackDataDir('/var/lib/recupera', '/root/my checkout')).toMatch(/\/my_checkout-[0-9a-f]{10}\/postgres$/);
  });
});

describe('parsePostmasterPid', () => {
  it('reads the pid, port and status PostgreSQL writes', () => {
    const file = '4506\n/var/lib/recupera/x/postgres\n1796284379\n54401\n\n127.0.0.1\n 54401001    32772\nready   \n';
    expect(parsePostmasterPid(file)).toEqual({ pid: 4506, port: 54401, status: 'ready' });
    expect(parsePostmasterPid('4506\n/data\n')).toEqual({ pid: 4506, port: null, status: '' });
    expect(parsePostmasterPid('')).toBeNull();
    expect(parsePostmasterPid('garbage')).toBeNull();
  });
});

describe('serverFailure', () => {
  const at = { dataDir: '/data/pg', port: 54329, logFile: '/data/pg/postgres.log' };

  it('turns what PostgreSQL logged into one sentence', () => {
    expect(
      serverFailure(
        'LOG:  could not bind IPv4 address "127.0.0.1": Address already in use\nHINT:  Is another postmaster already running on port 54329?\nFATAL:  could not create any TCP/IP sockets\n',
        at,
      ),
    ).toBe(
      'EMBEDDED_PG_PORT 54329 is already in use by another program: stop it, or set EMBEDDED_PG_PORT to a free port.',
    );
    expect(
      serverFailure(
        'FATAL:  lock file "postmaster.pid" already exists\nHINT:  Is another postmaster (PID 812) running in data directory "/data/pg"?\n',
        at,
      ),
    ).toBe(
      'Another PostgreSQL (pid 812) runs on /data/pg: stop it (kill 812), or set EMBEDDED_PG_DIR to another folder.',
    );
    expect(
      serverFailure(
        'FATAL:  database files are incompatible with server\nDETAIL:  The data directory was initialized by PostgreSQL version 16',
        at,
      ),
    ).toMatch(/^\/data\/pg was made by another PostgreSQL version: delete it/);
    expect(
      serverFailure('2026-12-03 07:57:57.590 UTC [123] FATAL:  could not open file "x": Permission denied\n', at),
    ).toBe(
      'The embedded PostgreSQL stopped while starting (could not open file "x": Permission denied): see /data/pg/postgres.log.',
    );
    expect(serverFailure('', at)).toBe(
      'The embedded PostgreSQL stopped while starting (no message): see /data/pg/postgres.log.',
    );
  });
});
