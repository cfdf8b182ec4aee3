import type express from 'express';
import {
  DATABASE_RETRY_AFTER_SECONDS,
  isDatabaseUnavailable,
  SERVICE_UNAVAILABLE_MESSAGE,
  serviceUnavailableExtensions,
} from '../database/unavailable.ts';
import type { Logger } from '../logger.ts';
import { noteRefusal } from '../observability/http-observation.ts';

/**
 * Errors Express meets before Apollo runs (a body that is not JSON, or is too large) get the GraphQL error
 * shape. Express's default handler would answer with an HTML page holding the stack trace outside production.
 */
export function httpErrorHandler(
  logger: Logger,
  limits: { bodyLimit: string; importBodyLimit: string },
): express.ErrorRequestHandler {
  return (error: { status?: unknown; type?: unknown; limit?: unknown }, _req, res, next) => {
    if (res.headersSent) return next(error);
    if (isDatabaseUnavailable(error)) {
      // Before Apollo (reading the key, a module's route): no GraphQL response exists yet, so 503 whatever the
      // Accept header, like this handler's other refusals; the same code and retry hint as inside an operation.
      logger.warn(`database unavailable during an HTTP request: ${(error as unknown as Error).message}`);
      noteRefusal(res, 'SERVICE_UNAVAILABLE');
      res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      res
        .status(503)
        .json({ errors: [{ message: SERVICE_UNAVAILABLE_MESSAGE, extensions: serviceUnavailableExtensions() }] });
      return;
    }
    const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) logger.error('unexpected error in an HTTP request', error);
    if (error.type === 'entity.too.large') {
      noteRefusal(res, 'BODY_TOO_LARGE');
      // The limit depends on the key: 16kb without one, the import limit for roles that import portfolios.
      const limit = typeof error.limit === 'number' ? error.limit : null;
      res.status(413).json({
        errors: [
          {
            message: `The request body is too large${limit ? ` (at most ${limit} bytes for this key)` : ''}`,
            extensions: { code: 'BODY_TOO_LARGE', limit, bodyLimit: limits.bodyLimit },
          },
        ],
      });
      return;
    }
    const message =
      status === 500
        ? 'Internal server error'
        : error.type === 'entity.parse.failed'
          ? 'The request body is not valid JSON'
          : 'Bad request';
    const code = status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
    noteRefusal(res, code);
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}
