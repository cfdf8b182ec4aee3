import { constants } from 'node:os';
import { describeStartupFailure, StartupError } from './startup-failure.ts';

/**
 * What the API process does when it cannot go on, wrapped around main.ts:
 *
 * - an error during start-up (bad variable, taken port, unreachable database, …) prints one line per problem
 *   (startup-failure.ts) on stderr, stops what was already started (the embedded PostgreSQL) and exits with 1;
 *   a crash after start-up prints the same line and the stack;
 * - Ctrl-C (SIGINT) or SIGTERM during start-up stops what was started and exits; once main.ts installs its own
 *   orderly shutdown, a second signal forces the exit (`isFirstStopSignal`);
 * - SIGHUP (the terminal went away) is a SIGTERM;
 * - on any exit, cleanups that must not be skipped get their synchronous part (the embedded PostgreSQL is asked
 *   to stop on its own, so it does not outlive the API).
 */

export interface ExitCleanup {
  /** The orderly way: awaited (bounded) before a failed start-up exits. */
  stop(): Promise<void>;
  /** The last resort, synchronous: on a forced exit and on every process exit. */
  now(): void;
}

/** One Ctrl-C can arrive more than once: from the terminal and relayed by a wrapper (pnpm, tsx) a few ms later. */
const SAME_SIGNAL_MS = 250;
const CLEANUP_TIMEOUT_MS = 15_000;

const cleanups: ExitCleanup[] = [];
let installed = false;
let failing = false;
let firstStopSignalAt: number | null = null;

export function registerExitCleanup(cleanup: ExitCleanup): void {
  cleanups.push(cleanup);
}

/** Call first thing in main.ts. */
export function installProcessGuard(): void {
  if (installed) return;
  installed = true;
  process.on('uncaughtException', (error) => void fail(error));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, onSignalDuringStartup);
  process.on('SIGHUP', () => void process.emit('SIGTERM', 'SIGTERM'));
  process.on('exit', () => runSyncCleanups());
}

/**
 * For main.ts's shutdown handler: true for the first stop signal (begin the orderly shutdown); false for the same
 * Ctrl-C delivered twice; a later signal exits at once (the embedded PostgreSQL is told to stop on its own).
 */
export function isFirstStopSignal(signal: string): boolean {
  const now = Date.now();
  if (firstStopSignalAt === null) {
    firstStopSignalAt = now;
    return true;
  }
  if (now - firstStopSignalAt < SAME_SIGNAL_MS) return false;
  process.stderr.write(`${signal} again: exiting now, without waiting for the orderly shutdown.\n`);
  process.exit(128 + (constants.signals[signal as NodeJS.Signals] ?? 2));
}

/** main.ts replaces the start-up signal handlers with its orderly shutdown once everything runs. */
function startingUp(): boolean {
  return process.listeners('SIGINT').includes(onSignalDuringStartup);
}

function onSignalDuringStartup(signal: NodeJS.Signals): void {
  if (!isFirstStopSignal(signal)) return;
  process.stderr.write(`${signal} during start-up: stopping.\n`);
  void runCleanups().then(() => process.exit(128 + (constants.signals[signal] ?? 2)));
}

async function fail(error: unknown): Promise<void> {
  // A second error while we clean up (a pool noticing its server stopped) changes nothing.
  if (failing) return;
  failing = true;
  const duringStartup = startingUp();
  for (const line of describeStartupFailure(error, process.env)) process.stderr.write(`${line}\n`);
  const unexpected = !(error instanceof StartupError) && error instanceof Error;
  if (unexpected && (!duringStartup || process.env.LOG_LEVEL === 'debug')) process.stderr.write(`${error.stack}\n`);
  await runCleanups();
  process.exit(1);
}

async function runCleanups(): Promise<void> {
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, CLEANUP_TIMEOUT_MS).unref());
  await Promise.race([Promise.allSettled(cleanups.map((cleanup) => cleanup.stop())).then(() => undefined), timeout]);
}

function runSyncCleanups(): void {
  for (const cleanup of cleanups) {
    try {
      cleanup.now();
    } catch {
      // Exiting anyway.
    }
  }
}
