import type express from 'express';
import type { Logger } from '../logger.ts';

/**
 * Errors Express meets before Apollo runs (a body that is not JSON, or is too large) get the GraphQL error
 * shape. Express's default handler would answer with an HTML page holding the stack trace outside production.
 */
export function httpErrorHandler(logger: Logger): express.ErrorRequestHandler {
  return (error: { status?: unknown; type?: unknown }, _req, res, next) => {
    if (res.headersSent) return next(error);
    const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) logger.error('unexpected error in an HTTP request', error);
    const message =
      status === 500
        ? 'Internal server error'
        : error.type === 'entity.parse.failed'
          ? 'The request body is not valid JSON'
          : error.type === 'entity.too.large'
            ? 'The request body is too large'
            : 'Bad request';
    const code = status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}
