import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/**
 * The one launcher of the real API as a child process (`src/main.ts`, as production starts it), shared by the API
 * suite (support/api-process.ts: several instances on one database) and the browser suite (test/e2e imports this
 * file). Node built-ins only, so any suite can import it.
 *
 * The Node that runs the tests (22, as pnpm provides) runs main.ts with tsx as a loader: one process, so the pid we
 * signal is the API itself rather than a pnpm or tsx wrapper that may exit before the API finished shutting down.
 * Ready once `/healthz` answers `{ status: "ok" }`; stopped with SIGINT (the API's graceful shutdown: HTTP server,
 * relay, job workers, pool) and SIGKILL only if that hangs.
 */

const API_DIR = fileURLToPath(new URL('../../', import.meta.url));
const STOP_GRACE_MS = 10_000;
/** main.ts's start banner, with the URL it listens on (`PORT=0`: a port the system chose). */
const READY_LINE = /health\s+(http:\/\/\S+)\/healthz/;

export interface ApiLaunchOptions {
  /** Names the process in errors. */
  name: string;
  /** Added to this process's environment. */
  env: Record<string, string>;
  /** Where the API will answer when the caller chose its port; otherwise read from its start banner. */
  url?: string;
  startTimeoutMs: number;
  /** Everything the process prints (stdout and stderr), as it comes: e.g. to a log file. */
  onOutput?: (chunk: Buffer) => void;
  /** How much of the output to keep for `output()` and error messages, in characters (default: all of it). */
  keepOutput?: number;
}

export interface LaunchedApi {
  url: string;
  pid: number;
  /** Milliseconds from spawn to a healthy /healthz. */
  startupMs: number;
  /** What the process printed so far (or its last `keepOutput` characters). */
  output(): string;
  /** SIGINT, then SIGKILL if it has not exited after a grace period; resolves once it exited. */
  stop(): Promise<void>;
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
    const body = (await response.json()) as { status?: string };
    return response.ok && body.status === 'ok';
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Spawns the API and resolves once it is healthy; if it exits or times out first, stops it and rejects. */
export async function launchApi(options: ApiLaunchOptions): Promise<LaunchedApi> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: API_DIR,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exit = once(child, 'exit');
  exit.catch(() => {});
  let printed = '';
  let url = options.url ?? null;
  const collect = (chunk: Buffer) => {
    options.onOutput?.(chunk);
    printed += chunk.toString();
    if (url === null) url = READY_LINE.exec(printed)?.[1] ?? null;
    if (options.keepOutput !== undefined && printed.length > options.keepOutput) {
      printed = printed.slice(-options.keepOutput);
    }
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  // A test run interrupted before its teardown must not leave the API running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async () => {
    if (!hasExited(child)) {
      child.kill('SIGINT');
      const graceful = await Promise.race([exit.then(() => true), sleep(STOP_GRACE_MS).then(() => false)]);
      if (!graceful) {
        child.kill('SIGKILL');
        await exit;
      }
    }
    process.off('exit', killOnExit);
  };

  const deadline = started + options.startTimeoutMs;
  while (url === null || !(await healthy(url))) {
    if (hasExited(child) || Date.now() > deadline) {
      const why = hasExited(child)
        ? `exited with ${child.exitCode ?? child.signalCode} before it was ready`
        : `did not become healthy in ${options.startTimeoutMs} ms`;
      await stop();
      throw new Error(`${options.name} ${why}; it printed:\n${printed}`);
    }
    await sleep(50);
  }
  return {
    url,
    pid: child.pid!,
    startupMs: Date.now() - started,
    output: () => printed,
    stop,
  };
}
