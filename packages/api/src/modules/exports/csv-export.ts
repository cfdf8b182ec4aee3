import { stringify } from 'csv-stringify';
import type { Writable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import QueryStream from 'pg-query-stream';
import { exportQuery, type ExportKind, type ExportRequest } from './export-kinds.ts';

/** Rows fetched per round trip from the server-side cursor: memory stays at this many rows, whatever the total. */
export const CURSOR_BATCH = 5_000;

/**
 * Streams one export as CSV into `out` at constant memory: a server-side cursor (pg-query-stream) over one
 * read-only snapshot, each row mapped and written by csv-stringify (RFC 4180 quoting), with backpressure from `out`
 * all the way back to the cursor — a slow client slows the reads instead of filling the heap. Resolves with the
 * number of rows written; rejects if the client goes away (the caller then discards the connection).
 */
export async function streamCsv(
  client: pg.PoolClient,
  kind: ExportKind,
  request: ExportRequest,
  out: Writable,
): Promise<number> {
  const query = exportQuery(kind, request);
  await client.query('begin isolation level repeatable read read only');
  const rows = client.query(new QueryStream(query.sql, query.params, { batchSize: CURSOR_BATCH }));
  let count = 0;
  const toValues = new Transform({
    objectMode: true,
    transform(row: Record<string, unknown>, _encoding, done) {
      count += 1;
      done(null, query.values(row));
    },
  });
  await pipeline(rows, toValues, stringify({ header: true, columns: [...query.columns] }), out);
  await client.query('commit');
  return count;
}
