/**
 * Loaded into the API child of the hot-path bench: counts every statement the API process sends to PostgreSQL
 * (transaction control included: BEGIN and COMMIT are round trips too), and answers the count over IPC
 * (`'statement-count'` → `{ statementCount }`). It patches node-postgres as the API resolves it — from the API
 * package the process runs in, so another checkout's API (BENCH_BEFORE_ROOT) is counted by its own copy.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

type Query = (this: object, ...args: unknown[]) => unknown;

let statementCount = 0;

function patch(Client: { prototype: { query: Query } }): void {
  const original = Client.prototype.query;
  if ((original as { counted?: boolean }).counted) return;
  const counted: Query = function (this: object, ...args) {
    statementCount += 1;
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
  if (message === 'statement-count') process.send?.({ statementCount });
});
