import type pg from 'pg';
import { ServiceKey } from '../services.ts';
import type { Orm } from './orm.ts';
import { StatementPipeline, type PipelineStep, type Row, type TypeParsers } from './statement-pipeline.ts';

/**
 * A named SQL statement: PostgreSQL parses and plans it once per connection, then runs it by name with new
 * values. The hot write paths (an interaction, a payment, the next account) send a handful of these instead of
 * what the ORM would build and send for them.
 */
export interface Statement {
  readonly name: string;
  readonly text: string;
}

/** Declares a statement; `$1`, `$2`… placeholders. Names must be unique across the API. */
export function statement(name: string, text: string): Statement {
  return { name, text };
}

/** A statement with its values; `R` is the type of its rows. */
export interface Run<R> {
  readonly statement: Statement;
  readonly values: readonly unknown[];
  /** Never set: carries the row type to `batch`. */
  readonly rowType?: R;
}

export function run<R>(statement: Statement, values: readonly unknown[]): Run<R> {
  return { statement, values };
}

type RowsOf<T extends readonly Run<unknown>[]> = { -readonly [K in keyof T]: T[K] extends Run<infer R> ? R[] : never };

const BEGIN: PipelineStep = { name: '', text: 'begin', values: [], rows: false };
const COMMIT: PipelineStep = { name: '', text: 'commit', values: [], rows: false };

/** The statements each pooled connection has parsed: those are sent by name alone, and may share a round trip. */
const parsedOn = new WeakMap<pg.PoolClient, Set<string>>();

/**
 * A transaction on one pooled connection of the ORM's own pool (the same connections, the same limit). Its BEGIN
 * goes out with its first statements and, through `rowsThenCommit`, its COMMIT with its last ones: a transaction of
 * two steps costs two round trips, not four.
 */
export class FastTransaction {
  private state: 'not begun' | 'open' | 'committed' = 'not begun';
  private readonly parsed: Set<string>;

  constructor(private readonly client: pg.PoolClient) {
    let parsed = parsedOn.get(client);
    if (!parsed) parsedOn.set(client, (parsed = new Set()));
    this.parsed = parsed;
  }

  async rows<T>(statement: Statement, values: readonly unknown[]): Promise<T[]> {
    const [rows] = await this.batch(run<T>(statement, values));
    return rows;
  }

  async one<T>(statement: Statement, values: readonly unknown[]): Promise<T | undefined> {
    return (await this.rows<T>(statement, values))[0];
  }

  /**
   * Runs the statements one after another in one round trip — each a statement of its own, so each sees what was
   * committed before it started (one after a lock wait sees what the holder committed) — and returns each one's
   * rows. After an error the rest do not run.
   */
  batch<const T extends readonly Run<unknown>[]>(...runs: T): Promise<RowsOf<T>> {
    return this.send(runs, false) as Promise<RowsOf<T>>;
  }

  /**
   * The transaction's last statement, with its COMMIT in the same round trip. The transaction is over once it
   * answers: nothing runs in it afterwards (and what the caller does next cannot roll it back).
   */
  async rowsThenCommit<T>(statement: Statement, values: readonly unknown[]): Promise<T[]> {
    const [rows] = (await this.send([run<T>(statement, values)], true)) as [T[]];
    return rows;
  }

  /** Commits what is still open (nothing when no statement ran or the last one committed). */
  async commit(): Promise<void> {
    if (this.state === 'open') await this.client.query('commit');
    this.state = 'committed';
  }

  /** Rolls back what is open; false when the connection itself failed meanwhile. */
  async rollback(): Promise<boolean> {
    if (this.state !== 'open') return true;
    try {
      await this.client.query('rollback');
      return true;
    } catch {
      return false;
    }
  }

  private async send(runs: readonly Run<unknown>[], commit: boolean): Promise<Row[][]> {
    if (this.state === 'committed') throw new Error('the transaction is over: it committed with its last statement');
    const begin = this.state === 'not begun';
    this.state = 'open';
    let results: Row[][];
    if (runs.every((each) => this.parsed.has(each.statement.name))) {
      const steps: PipelineStep[] = runs.map(({ statement, values }) => ({ ...statement, values, rows: true }));
      const pipeline = new StatementPipeline(
        [...(begin ? [BEGIN] : []), ...steps, ...(commit ? [COMMIT] : [])],
        this.client as unknown as TypeParsers,
      );
      const answered = pipeline.promise();
      this.client.query(pipeline);
      const first = begin ? 1 : 0; // BEGIN's (empty) result is not the caller's
      results = (await answered).slice(first, first + runs.length);
    } else {
      // A statement this connection has not parsed yet goes the ordinary way, one round trip each, once: pg
      // parses it and keeps track of it; from then on it is sent by name alone.
      if (begin) await this.client.query('begin');
      results = [];
      for (const { statement, values } of runs) {
        const result = await this.client.query<Row>({ ...statement, values: values as unknown[] });
        this.parsed.add(statement.name);
        results.push(result.rows);
      }
      if (commit) await this.client.query('commit');
    }
    if (commit) this.state = 'committed';
    return results;
  }
}

/**
 * Runs transactions of prepared statements on the pool MikroORM opened, so the hot paths and the rest of the API
 * share one set of connections (DB_POOL_MAX) and one statement timeout.
 */
export class FastSql {
  constructor(private readonly pool: pg.Pool) {}

  static async of(orm: Orm): Promise<FastSql> {
    return new FastSql((await orm.em.getConnection().getNativeClient()) as unknown as pg.Pool);
  }

  /** BEGIN, `work`, COMMIT — or ROLLBACK if it throws before its transaction committed (the error is rethrown). */
  async transaction<T>(work: (tx: FastTransaction) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const tx = new FastTransaction(client);
    let broken = false;
    try {
      const result = await work(tx);
      await tx.commit();
      return result;
    } catch (error) {
      // the connection itself failed: do not hand it to the next request
      broken = !(await tx.rollback());
      throw error;
    } finally {
      client.release(broken);
    }
  }
}

/** The app's FastSql (registered by the composition, src/app). */
export const FAST_SQL = new ServiceKey<FastSql>('FastSql');
