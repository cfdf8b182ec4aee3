import { constants } from 'node:os';
import { describeStartupFailure, StartupError } from './startup-failure.ts';

/**
 * What the API process does when it cannot go on, wrapped around main.ts:
 *
 * - an error during start-up (bad variable, taken port, unreachable database, …) prints one line per problem
 *   (startup-failure.ts) on stderr and exits with 1; a crash after start-up prints its stack;
 * - Ctrl-C (SIGINT) or SIGTERM during start-up exits at once (there is nothing to drain yet); once main.ts
 *   installs its own orderly shutdown, a second signal forces the exit (`isFirstStopSignal`);
 * - SIGHUP (the terminal went away) is a SIGTERM;
 * - however the process exits, the registered exit cleanups run (synchronously: the embedded PostgreSQL is
 *   told to stop, which it then does on its own), so nothing started by the API outlives it. main.ts's orderly
 *   shutdown stops the database itself, and waits for it.
 */

/** One Ctrl-C can arrive more than once: from the terminal and relayed by a wrapper (pnpm, tsx) a few ms later. */
const SAME_SIGNAL_MS = 250;

const cleanups: (() => void)[] = [];
let installed = false;
let failing = false;
let firstStopSignalAt: number | null = null;

/** Runs on every exit of the process, synchronously: send signals, remove files; no waiting. */
export function registerExitCleanup(cleanup: () => void): void {
  cleanups.push(cleanup);
}

/** Call first thing in main.ts. */
export function installProcessGuard(): void {
  if (installed) return;
  installed = true;
  process.on('uncaughtException', fail);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, onSignalDuringStartup);
  process.on('SIGHUP', () => void process.emit('SIGTERM', 'SIGTERM'));
  process.on('exit', () => runCleanups());
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
  process.stderr.write(`${signal} during start-up: stopped.\n`);
  process.exit(128 + (constants.signals[signal] ?? 2));
}

function fail(error: unknown): void {
  // An error while printing the first one (a closed terminal) changes nothing.
  if (failing) return;
  failing = true;
  const unexpected = !(error instanceof StartupError) && error instanceof Error;
  if (startingUp()) {
    for (const line of describeStartupFailure(error, process.env)) process.stderr.write(`${line}\n`);
    if (unexpected && process.env.LOG_LEVEL === 'debug') process.stderr.write(`${error.stack}\n`);
  } else {
    // After start-up this is a bug or a lost resource: the stack is what finds it.
    process.stderr.write(`Recupera stopped on an unexpected error: ${unexpected ? error.stack : String(error)}\n`);
  }
  process.exit(1);
}

function runCleanups(): void {
  for (const cleanup of cleanups) {
    try {
      cleanup();
    } catch {
      // Exiting anyway.
    }
  }
}
