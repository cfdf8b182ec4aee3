import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { API_PACKAGE_DIR, ARTIFACTS_DIR } from './paths.ts';

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

const STOP_GRACE_MS = 10_000;

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

async function healthy(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
    const body = (await response.json()) as { status?: string };
    return response.ok && body.status === 'ok';
  } catch {
    return false;
  }
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (exited(child)) return;
  const exit = once(child, 'exit');
  // SIGINT runs the API's own shutdown (HTTP server, relay, job workers, pool); SIGKILL only if it hangs.
  child.kill('SIGINT');
  const graceful = await Promise.race([exit.then(() => true), sleep(STOP_GRACE_MS).then(() => false)]);
  if (!graceful) {
    child.kill('SIGKILL');
    await exit;
  }
}

/**
 * Starts the real API (`src/main.ts` under tsx) on a free port and resolves once `/healthz` answers ok.
 * Node is this process's own (pnpm's Node 22) and runs main.ts directly, so SIGINT reaches the API itself
 * rather than a wrapper that might not forward it.
 */
export async function startApi(options: ApiProcessOptions): Promise<ApiProcess> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const logFile = path.join(ARTIFACTS_DIR, 'e2e-api.log');
  const log = createWriteStream(logFile);
  let recent = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: API_PACKAGE_DIR,
    env: {
      ...process.env,
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
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    log.write(chunk);
    recent = (recent + chunk.toString()).slice(-4_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  // A test run interrupted before teardown must not leave the API running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async () => {
    await stopChild(child);
    process.off('exit', killOnExit);
    log.end();
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 90_000);
  while (!(await healthy(baseUrl))) {
    if (exited(child) || Date.now() > deadline) {
      await stop();
      const why = exited(child) ? `exited (${child.exitCode ?? child.signalCode})` : 'did not become healthy in time';
      throw new Error(`the API ${why}; last output (full log in ${logFile}):\n${recent}`);
    }
    await sleep(200);
  }
  return { baseUrl, logFile, stop };
}
