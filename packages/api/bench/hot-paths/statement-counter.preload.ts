/**
 * Loaded into the API child of the hot-path bench: counts every statement the API process sends to PostgreSQL
 * (transaction control included: BEGIN and COMMIT are statements too) and every round trip (one `query` call: a
 * FastSql pipeline carries several statements — its `statementCount` — in one), and answers the counts over IPC
 * (`'statement-count'` → `{ statementCount, requestStatementCount, roundTripCount, requestRoundTripCount }`). It
 * patches node-postgres as the API resolves it — from the API package the process runs in, so another checkout's
 * API (BENCH_BEFORE_ROOT) is counted by its own copy.
 *
 * `requestStatementCount` (and `requestRoundTripCount`) counts only the statements sent while answering an HTTP
 * request (in its async context, from the server's 'request' event until its response is sent): what a request
 * itself costs the database, apart from the work a write sets off in the background (the outbox relay publishing
 * its event, the projectors, the audit trail's batches, timers the request armed), which the total includes.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';

type Query = (this: object, ...args: unknown[]) => unknown;

let statementCount = 0;
let requestStatementCount = 0;
let roundTripCount = 0;
let requestRoundTripCount = 0;
/** The request being answered; `open` turns false when its response is sent (timers it set run later). */
const answeringRequest = new AsyncLocalStorage<{ open: boolean }>();

const emit = http.Server.prototype.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
  if (event !== 'request') return emit.call(this, event, ...args);
  const request = { open: true };
  (args[1] as http.ServerResponse).once('close', () => (request.open = false));
  return answeringRequest.run(request, () => emit.call(this, event, ...args));
} as typeof http.Server.prototype.emit;

function patch(Client: { prototype: { query: Query } }): void {
  const original = Client.prototype.query;
  if ((original as { counted?: boolean }).counted) return;
  const counted: Query = function (this: object, ...args) {
    const carried = (args[0] as { statementCount?: unknown } | null)?.statementCount;
    const statements = typeof carried === 'number' ? carried : 1;
    statementCount += statements;
    roundTripCount += 1;
    if (answeringRequest.getStore()?.open) {
      requestStatementCount += statements;
      requestRoundTripCount += 1;
    }
    return original.apply(this, args);
  };
  (counted as { counted?: boolean }).counted = true;
  Client.prototype.query = counted;
}

const fromApi = createRequire(path.join(process.cwd(), 'package.json'));
// MikroORM's driver and the API's own `pg` may be different copies: patch each one that resolves.
for (const require of [fromApi, createRequire(fromApi.resolve('@mikro-orm/postgresql'))]) {
  try {
    patch((require('pg') as { Client: { prototype: { query: Query } } }).Client);
  } catch {
    // That copy is not installed there.
  }
}

process.on('message', (message) => {
  if (message === 'statement-count') {
    process.send?.({ statementCount, requestStatementCount, roundTripCount, requestRoundTripCount });
  }
});
