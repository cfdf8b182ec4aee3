import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { launchApi } from '../../../packages/api/test/support/api-launcher.ts';
import { ARTIFACTS_DIR } from './paths.ts';

export interface ApiProcessOptions {
  databaseUrl: string;
  redisUrl: string;
  consoleDist: string;
  /** Small enough that migrating and seeding take a few seconds. */
  demoAccounts?: number;
  startTimeoutMs?: number;
}

export interface ApiProcess {
  baseUrl: string;
  logFile: string;
  stop(): Promise<void>;
}

/** A port nothing listens on right now; the API binds it a moment later. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * Starts the real API (`src/main.ts`, through the launcher the API suite uses too) on a free port, seeded with the
 * demo data, and resolves once `/healthz` answers ok. Everything it prints goes to artifacts/e2e-api.log.
 */
export async function startApi(options: ApiProcessOptions): Promise<ApiProcess> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const logFile = path.join(ARTIFACTS_DIR, 'e2e-api.log');
  const log = createWriteStream(logFile);
  try {
    const api = await launchApi({
      name: 'the API',
      url: baseUrl,
      env: {
        DATABASE_URL: options.databaseUrl,
        REDIS_URL: options.redisUrl,
        // Jobs and events of its own on the shared Redis: no other API or test run takes them, nor they theirs.
        REDIS_PREFIX: `recupera_e2e_${process.pid}_${port}`,
        PORT: String(port),
        HOST: '127.0.0.1',
        SEED_DEMO: 'always',
        DEMO_ACCOUNTS: String(options.demoAccounts ?? 2_000),
        // Screens must show the seeded data only, not figures a traffic simulator keeps moving.
        SIMULATE: '0',
        CONSOLE_DIST: options.consoleDist,
        LOG_LEVEL: 'info',
      },
      startTimeoutMs: options.startTimeoutMs ?? 90_000,
      onOutput: (chunk) => log.write(chunk),
      keepOutput: 4_000,
    });
    return {
      baseUrl,
      logFile,
      stop: async () => {
        await api.stop();
        log.end();
      },
    };
  } catch (error) {
    log.end();
    throw new Error(`${(error as Error).message}\n(full log in ${logFile})`, { cause: error });
  }
}
