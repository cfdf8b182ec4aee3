import type pg from 'pg';
import { ServiceKey } from '../services.ts';
import type { Orm } from './orm.ts';

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

/** A transaction on one pooled connection of the ORM's own pool (the same connections, the same limit). */
export class FastTransaction {
  constructor(private readonly client: pg.PoolClient) {}

  async rows<T>(statement: Statement, values: readonly unknown[]): Promise<T[]> {
    const result = await this.client.query<T & pg.QueryResultRow>({
      name: statement.name,
      text: statement.text,
      values: values as unknown[],
    });
    return result.rows;
  }

  async one<T>(statement: Statement, values: readonly unknown[]): Promise<T | undefined> {
    return (await this.rows<T>(statement, values))[0];
  }
}

/**
 * Runs transactions of prepared statements on the pool MikroORM opened, so the hot paths and the rest of the API
 * share one set of connections (DB_POOL_MAX) and one statement timeout.
 */
export class FastSql {
  private constructor(private readonly pool: pg.Pool) {}

  static async of(orm: Orm): Promise<FastSql> {
    return new FastSql((await orm.em.getConnection().getNativeClient()) as unknown as pg.Pool);
  }

  /** BEGIN, `work`, COMMIT — or ROLLBACK if it throws (the error is rethrown). */
  async transaction<T>(work: (tx: FastTransaction) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('begin');
      const result = await work(new FastTransaction(client));
      await client.query('commit');
      return result;
    } catch (error) {
      try {
        await client.query('rollback');
      } catch {
        broken = true; // the connection itself failed: do not hand it to the next request
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }
}

/** The app's FastSql (registered by the composition, src/app). */
export const FAST_SQL = new ServiceKey<FastSql>('FastSql');
