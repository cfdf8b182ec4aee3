import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import { currentRequestId } from './observability/request-context.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/**
 * What the code logs with: a message for people, and optionally a detail. A plain object's fields become fields of
 * the JSON line (the request line's operation, duration, statements…); an Error is serialised under `err` with its
 * stack; anything else goes under `detail`.
 */
export interface Logger {
  debug(message: string, detail?: unknown): void;
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

/** The fields of the JSON line a detail becomes (see {@link Logger}). */
function fieldsOf(detail: unknown): object {
  if (detail === undefined) return {};
  if (detail instanceof Error) return { err: detail };
  if (typeof detail === 'object' && detail !== null && !Array.isArray(detail)) return detail;
  return { detail };
}

const ignore = () => undefined;
const SILENT: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore };

/**
 * JSON lines (pino) on stderr, so stdout stays for what a user asked to see (URLs, keys, benchmark figures).
 * Written asynchronously in batches (pino flushes what is buffered when the process exits), so a request does not
 * wait for the terminal. Every line written while a request runs carries its `requestId`. Tests pass their own
 * `destination` to read the lines.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  if (level === 'silent' && !destination) return SILENT;
  const logger: PinoLogger = pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId === null ? {} : { requestId };
      },
    },
    destination ?? pino.destination({ dest: 2, sync: false }),
  );
  return {
    debug: (message, detail) => logger.debug(fieldsOf(detail), message),
    info: (message, detail) => logger.info(fieldsOf(detail), message),
    warn: (message, detail) => logger.warn(fieldsOf(detail), message),
    error: (message, detail) => logger.error(fieldsOf(detail), message),
  };
}
