import { isIsoDate, startOfLocalDay, addDays } from '@recupera/shared';
import express from 'express';
import pg from 'pg';
import type { HttpRouteDeps, HttpRoutes } from '../../core/api-module.ts';
import { DomainError } from '../../core/errors.ts';
import { isUuid } from '../../core/ids.ts';
import type { Principal } from '../../core/principal.ts';
import { streamCsv } from './csv-export.ts';
import { isExportKind, type ExportRequest } from './export-kinds.ts';

/**
 * Connections kept for exports, apart from the API's pool: a million-row download holds its connection for seconds,
 * and must never starve the GraphQL requests. A further export waits for one to free up.
 */
export const EXPORT_CONNECTIONS = 4;

const ROLES_THAT_EXPORT: ReadonlySet<Principal['role']> = new Set(['ADMIN', 'MANAGER', 'AGENCY']);

function refuse(res: express.Response, status: number, code: string, message: string, field?: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code, ...(field ? { field } : {}) } }] });
}

/**
 * `GET /exports/<kind>.csv` (kinds: placements, accounts, interactions, promises, payments) with
 * `Authorization: Bearer <key>`, as the console and partner systems download them. An AGENCY key exports what the
 * agency scope lets it read; ADMIN and MANAGER keys export everything, or one agency's with `?agencyId=`. Activity
 * kinds take `?from=&to=` business dates (both included, in the operation's zone).
 */
export function exportRoutes(deps: HttpRouteDeps): HttpRoutes[] {
  const pool = new pg.Pool({ connectionString: deps.databaseUrl, max: EXPORT_CONNECTIONS });
  const router = express.Router();
  router.get('/:file', async (req, res) => {
    const match = /^([a-z]+)\.csv$/.exec(req.params.file);
    const kind = match?.[1];
    if (!kind || !isExportKind(kind)) return refuse(res, 404, 'NOT_FOUND', `no export named ${req.params.file}`);
    let principal: Principal | null;
    try {
      principal = await deps.principalFrom(req.headers.authorization);
    } catch (error) {
      if (error instanceof DomainError) return refuse(res, 401, error.code, error.message);
      throw error;
    }
    if (!principal)
      return refuse(res, 401, 'UNAUTHENTICATED', 'A valid API key is required (Authorization: Bearer <key>)');
    if (!ROLES_THAT_EXPORT.has(principal.role)) return refuse(res, 403, 'FORBIDDEN', 'Your role may not export');

    const query = req.query as Record<string, unknown>;
    const text = (name: string) => (typeof query[name] === 'string' ? (query[name] as string) : null);
    const agencyId = text('agencyId');
    if (agencyId !== null && !isUuid(agencyId))
      return refuse(res, 400, 'BAD_USER_INPUT', 'is not a valid id', 'agencyId');
    const bound = (name: 'from' | 'to') => {
      const date = text(name);
      if (date === null) return null;
      if (!isIsoDate(date)) throw new DomainError('BAD_USER_INPUT', `${name}: must be a date YYYY-MM-DD`, name);
      return startOfLocalDay(name === 'to' ? addDays(date, 1) : date, deps.clock.timeZone);
    };
    let request: ExportRequest;
    try {
      request = {
        scopeAgencyId: principal.role === 'AGENCY' ? principal.agencyId : null,
        agencyId,
        from: bound('from'),
        to: bound('to'),
      };
    } catch (error) {
      if (error instanceof DomainError) return refuse(res, 400, error.code, error.message, error.field);
      throw error;
    }

    const client = await pool.connect();
    let broken = false;
    try {
      res.status(200);
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader('content-disposition', `attachment; filename="${kind}-${deps.clock.businessDate()}.csv"`);
      res.setHeader('cache-control', 'no-store');
      await streamCsv(client, kind, request, res);
    } catch {
      // The client went away or the read failed mid-stream: the status is sent, so end the response abruptly (a
      // truncated download must not look complete) and drop the connection, whose transaction may be open.
      broken = true;
      res.destroy();
    } finally {
      client.release(broken);
    }
  });
  return [{ path: '/exports', router, close: () => pool.end() }];
}
