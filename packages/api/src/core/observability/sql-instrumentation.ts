import { poolConnections, poolMax, statementDuration } from './metrics.ts';
import { currentRequest } from './request-context.ts';

type QueryCallback = (error: Error | null, result: unknown) => void;
type Query = (this: unknown, config: unknown, values?: unknown, callback?: unknown) => unknown;

/** The parts of a pg Pool read here (MikroORM's pool: its own copy of pg, so not our `pg` import's types). */
export interface InstrumentedPool {
  Client: { prototype: object };
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options: { max?: number };
}

const INSTRUMENTED = Symbol.for('recupera.sql-instrumented');

/**
 * Wraps `query` of the pool's Client class, the one place every statement of the ORM and of FastSql passes: each
 * statement is timed (recupera_db_statement_duration_seconds) and, inside a request, counted for it and tagged
 * with its id. The tag is a leading `/* request_id=… *\/` comment on unnamed statements only: it costs no round
 * trip (SET application_name would cost one per request) and PostgreSQL shows it in pg_stat_activity and its logs,
 * while pg_stat_statements ignores comments when it groups statements. Named (prepared) statements keep their fixed
 * text: pg refuses a name reused with another text, and a new text per request would be a new statement to parse
 * and plan each time; their transaction's `begin` carries the comment instead. FastSql's pipelines (several
 * statements in one round trip: core/database/statement-pipeline.ts) count as the statements they carry, their
 * unnamed `begin`/`commit` tagged, and are timed as one `pipeline`. Cursors and streams (`submit`) pass through
 * untouched. Patching the class (once) covers connections the pool opened before this ran.
 */
export function instrumentPool(pool: InstrumentedPool): { detach(): void } {
  const prototype = pool.Client.prototype as Record<PropertyKey, unknown> & { query: Query };
  if (!prototype[INSTRUMENTED]) {
    prototype[INSTRUMENTED] = true;
    prototype.query = instrumentedQuery(prototype.query);
  }
  const removeConnections = poolConnections.add(() => [
    { labels: { state: 'total' }, value: pool.totalCount },
    { labels: { state: 'idle' }, value: pool.idleCount },
    { labels: { state: 'waiting' }, value: pool.waitingCount },
  ]);
  const removeMax = poolMax.add(() => [{ value: pool.options.max ?? 10 }]);
  return {
    detach: () => {
      removeConnections();
      removeMax();
    },
  };
}

function instrumentedQuery(query: Query): Query {
  const prepared = statementDuration.labels('prepared');
  const text = statementDuration.labels('text');
  const pipeline = statementDuration.labels('pipeline');
  return function (this: unknown, config: unknown, values?: unknown, callback?: unknown) {
    if (config == null || typeof (config as { submit?: unknown }).submit === 'function') {
      if (typeof (config as Partial<CountedSubmittable> | null)?.statementCount === 'number') {
        instrumentPipeline(config as CountedSubmittable, pipeline);
      }
      return query.call(this, config, values, callback);
    }
    const named = typeof config === 'object' && typeof (config as { name?: unknown }).name === 'string';
    const request = currentRequest();
    if (request) {
      request.statements += 1;
      if (typeof config === 'string') config = request.sqlComment + config;
      else if (!named && typeof (config as { text?: unknown }).text === 'string') {
        config = { ...(config as object), text: request.sqlComment + (config as { text: string }).text };
      }
    }
    const startedAt = performance.now();
    const done = () => {
      const seconds = (performance.now() - startedAt) / 1000;
      (named ? prepared : text).observe(seconds);
      if (request) request.statementSeconds += seconds;
    };
    const last = typeof values === 'function' ? values : callback;
    if (typeof last === 'function') {
      const timed: QueryCallback = (error, result) => {
        done();
        (last as QueryCallback)(error, result);
      };
      return typeof values === 'function' ? query.call(this, config, timed) : query.call(this, config, values, timed);
    }
    const result = query.call(this, config, values) as Promise<unknown>;
    result.then(done, done);
    return result;
  };
}

/** What a submittable that carries several statements shows (StatementPipeline). */
interface CountedSubmittable {
  readonly statementCount: number;
  tagUnnamed(comment: string): void;
  callback: QueryCallback | undefined;
}

function instrumentPipeline(submittable: CountedSubmittable, timing: { observe(seconds: number): void }): void {
  const request = currentRequest();
  if (request) {
    request.statements += submittable.statementCount;
    submittable.tagUnnamed(request.sqlComment);
  }
  const startedAt = performance.now();
  const answer = submittable.callback;
  submittable.callback = (error, result) => {
    const seconds = (performance.now() - startedAt) / 1000;
    timing.observe(seconds);
    if (request) request.statementSeconds += seconds;
    answer?.(error, result);
  };
}
