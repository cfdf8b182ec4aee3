/**
 * Loaded into the API child of the live-KPI bench (`node --import tsx --import ./bench/live/sql-timing.preload.ts
 * src/main.ts`): times every statement the API sends to PostgreSQL, from the driver's side, and sorts it by the
 * part of the API that sent it. The bench asks for the totals over the IPC channel (`'sql-timing'`).
 *
 * pg_stat_statements would be the server's own figure, but it needs `shared_preload_libraries` (a restart of a
 * shared server); timing `Client.prototype.query` sees exactly this process's statements, server execution plus
 * one loopback round trip, without the wait for a pool connection.
 */
import { createRequire } from 'node:module';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

export type SqlCategory = 'relay' | 'engineSync' | 'outstanding' | 'kpiRecompute' | 'ledgerLoad' | 'other';

interface Totals {
  count: number;
  ms: number;
}

const totals = new Map<SqlCategory, Totals>();

/** The part of the API a statement comes from, by its text (see outbox-relay.ts, kpi-engine.ts, kpi-facts.ts). */
function categoryOf(text: string): SqlCategory | null {
  if (/^\s*(begin|commit|rollback|savepoint|release)/i.test(text)) return null;
  if (/published_at is null\s+order by id limit|update domain_event set published_at/.test(text)) return 'relay';
  if (
    /published_at is null and type in|from (interaction|promise_to_pay) where|from payment p join|agent_status_period/.test(
      text,
    )
  ) {
    return 'ledgerLoad';
  }
  if (text.includes('select max(id)::text as id from domain_event') || text.includes('from domain_event where id >'))
    return 'engineSync';
  if (text.includes('as outstanding')) return 'outstanding';
  if (/from interaction i\s|from promise_to_pay p\s|from payment pay\s/.test(text)) return 'kpiRecompute';
  return 'other';
}

function add(category: SqlCategory, ms: number): void {
  const entry = totals.get(category) ?? { count: 0, ms: 0 };
  entry.count += 1;
  entry.ms += ms;
  totals.set(category, entry);
}

type Query = (this: object, ...args: unknown[]) => unknown;

/** Transaction control belongs to the statement it wraps: begin waits for the next one, commit follows the last. */
const lastCategory = new WeakMap<object, SqlCategory>();
const pendingControl = new WeakMap<object, number>();

function patch(Client: { prototype: { query: Query } }): void {
  const original = Client.prototype.query;
  if ((original as { timed?: boolean }).timed) return;
  const timed: Query = function (this: object, ...args) {
    const first = args[0] as string | { text?: string } | undefined;
    const text = typeof first === 'string' ? first : (first?.text ?? '');
    const started = performance.now();
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      const done = () => {
        const ms = performance.now() - started;
        const category = categoryOf(text);
        if (category === null) {
          const previous = lastCategory.get(this);
          if (/^\s*begin/i.test(text) || !previous) pendingControl.set(this, (pendingControl.get(this) ?? 0) + ms);
          else add(previous, ms);
          return;
        }
        add(category, ms + (pendingControl.get(this) ?? 0));
        pendingControl.delete(this);
        lastCategory.set(this, category);
      };
      (result as Promise<unknown>).then(done, done);
    }
    return result;
  };
  (timed as { timed?: boolean }).timed = true;
  Client.prototype.query = timed;
}

// MikroORM's driver and the API's own `pg` may be different copies: patch each one that resolves.
for (const from of [import.meta.url, import.meta.resolve('@mikro-orm/postgresql')]) {
  try {
    patch((createRequire(from)('pg') as { Client: { prototype: { query: Query } } }).Client);
  } catch {
    // That copy is not installed here.
  }
}

process.on('message', (message) => {
  if (message !== 'sql-timing') return;
  process.send?.({ sqlTiming: Object.fromEntries(totals) });
});

// The API's memory by kind (V8 heap, buffers outside it), so RSS can be told apart: as it is, and the heap still
// live after a full collection (what is held, not garbage V8 has not collected yet); a heap snapshot on request.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
process.on('message', (message) => {
  if (message === 'memory') {
    const memory = process.memoryUsage();
    collectGarbage();
    process.send?.({ memory: { ...memory, liveHeapAfterGc: process.memoryUsage().heapUsed } });
  }
  if (typeof message === 'string' && message.startsWith('heap-snapshot:')) {
    process.send?.({ heapSnapshot: v8.writeHeapSnapshot(message.slice('heap-snapshot:'.length)) });
  }
});
