import { ConfigError } from './config.ts';

/**
 * Why the API could not start, as the lines a person reads: one line per problem, each saying what is wrong
 * and what to do, never a stack trace. Pure (no I/O), so every case is unit-tested (startup-failure.test.ts);
 * core/process-guard.ts prints the lines and exits with 1.
 */

/** A failure we diagnosed ourselves: its lines are already what to print. */
export class StartupError extends Error {
  readonly lines: string[];

  constructor(lines: string | string[]) {
    const all = typeof lines === 'string' ? [lines] : lines;
    super(all.join('\n'));
    this.name = 'StartupError';
    this.lines = all;
  }
}

/** The environment variables whose URLs a connection error may be about. */
type Env = Record<string, string | undefined>;

interface NodeSystemError extends Error {
  code?: string;
  syscall?: string;
  address?: string;
  port?: number;
  hostname?: string;
}

interface PostgresError extends Error {
  code: string;
  severity: string;
}

const CONNECTION_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset',
};

const SERVICES = [
  { variable: 'DATABASE_URL', what: 'the database', defaultPort: 5432, fix: 'is PostgreSQL running there?' },
  {
    variable: 'REDIS_URL',
    what: 'Redis',
    defaultPort: 6379,
    fix: 'start Redis there, or unset REDIS_URL to run jobs in-process.',
  },
] as const;

export function describeStartupFailure(error: unknown, env: Env = {}): string[] {
  if (error instanceof StartupError) return error.lines;
  if (error instanceof ConfigError) {
    return error.problems.map((problem) => `Invalid ${problem.variable}: ${problem.message}; see .env.example.`);
  }
  const system = firstSystemError(error);
  if (system?.code === 'EADDRINUSE' && system.syscall === 'listen') {
    return [`Port ${system.port} is already in use: stop the program using it, or set PORT to a free port.`];
  }
  if (system?.code === 'EACCES' && system.syscall === 'listen') {
    return [`Port ${system.port} needs privileges this process does not have: set PORT to 1024 or above.`];
  }
  if (system?.code === 'EADDRNOTAVAIL' && system.syscall === 'listen') {
    return [`HOST ${system.address} is not an address of this machine: set HOST to one of its addresses, or 0.0.0.0.`];
  }
  if (system?.code && (system.code in CONNECTION_CODES || system.code === 'ENOTFOUND' || system.code === 'EAI_AGAIN')) {
    const service = serviceAt(env, system.hostname ?? system.address, system.port);
    const where = system.hostname ?? `${system.address}:${system.port}`;
    if (system.code === 'ENOTFOUND' || system.code === 'EAI_AGAIN') {
      const reason = `the host name ${system.hostname} does not resolve`;
      if (service)
        return [
          `Cannot reach ${service.what} (${service.variable}): ${reason}; check the host in ${service.variable}.`,
        ];
      return [`Cannot reach ${where}: ${reason}.`];
    }
    const reason = CONNECTION_CODES[system.code];
    if (service) return [`Cannot reach ${service.what} at ${where} (${service.variable}): ${reason}; ${service.fix}`];
    return [`Cannot reach ${where}: ${reason}.`];
  }
  if (isPostgresError(error)) {
    const target = describeUrl(env.DATABASE_URL);
    // Class 28: authentication, 3D: no such database, 08: connection, 57P03: the server is starting up.
    if (/^(28|3D|08)/.test(error.code) || error.code === '57P03') {
      return [
        `The database${target ? ` at ${target}` : ''} refused the connection: ${error.message} (check DATABASE_URL).`,
      ];
    }
    return [`The database reported an error while the API started: ${error.message} (SQLSTATE ${error.code}).`];
  }
  return [`Recupera could not start: ${firstLine(error)}${location(error)}`];
}

/** host:port/database of a connection URL, without its user and password. */
export function describeUrl(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return null;
  }
}

function serviceAt(env: Env, host: string | undefined, port: number | undefined) {
  for (const service of SERVICES) {
    const url = env[service.variable];
    if (!url) continue;
    try {
      const parsed = new URL(url);
      const samePort = port === undefined || Number(parsed.port || service.defaultPort) === port;
      const hostName = parsed.hostname.replace(/^\[|\]$/g, '');
      const sameHost = host === undefined || hostName === host || (hostName === 'localhost' && isLoopback(host));
      if (samePort && sameHost) return service;
    } catch {
      // Not a URL: config validation reports it.
    }
  }
  return null;
}

function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.');
}

/** The error itself, or the first of an AggregateError (a host name with several addresses, all refused). */
function firstSystemError(error: unknown): NodeSystemError | null {
  if (!(error instanceof Error)) return null;
  const withCode = error as NodeSystemError;
  if (error instanceof AggregateError && error.errors.length > 0) {
    const first = error.errors[0] as NodeSystemError;
    return { ...first, code: first.code ?? withCode.code } as NodeSystemError;
  }
  return withCode.code ? withCode : null;
}

function isPostgresError(error: unknown): error is PostgresError {
  const candidate = error as Partial<PostgresError> | null;
  return (
    error instanceof Error &&
    typeof candidate?.severity === 'string' &&
    typeof candidate.code === 'string' &&
    /^[0-9A-Z]{5}$/.test(candidate.code)
  );
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message || error.name : String(error);
  return message.split('\n')[0]!.trim() || 'unknown error';
}

/** " (at packages/api/src/x.ts:12)": the first frame of our own code, so a bug can be found without the stack. */
function location(error: unknown): string {
  if (!(error instanceof Error) || !error.stack) return '';
  for (const frame of error.stack.split('\n').slice(1)) {
    if (frame.includes('node_modules')) continue;
    const match = /((?:packages\/[^/\s]+\/)?src\/[^\s():]+:\d+)(?::\d+)?\)?$/.exec(frame);
    if (match) return ` (at ${match[1]})`;
  }
  return '';
}
