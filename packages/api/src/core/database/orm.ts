import type { EntityClass } from '@mikro-orm/core';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { fileURLToPath } from 'node:url';
import { MIGRATIONS } from '../../migrations/index.ts';
import { AGENCY_SCOPE, agencyScopeFilter, type AgencyScopeParams } from './agency-scope.ts';

export type Orm = MikroORM;

export interface OrmOptions {
  url: string;
  /** Every entity class of the API (src/app/modules.ts assembles them). */
  entities: readonly EntityClass<object>[];
  poolMax?: number;
  /** Longest one SQL statement may run before PostgreSQL cancels it (the operation time budget); none if absent. */
  statementTimeoutMs?: number;
  debug?: boolean;
}

/**
 * What the planner charges for starting parallel workers on the API's connections (PostgreSQL's default: 1,000).
 * An agency's page of 50 accounts filtered by a debtor's name was planned with two workers once fresh statistics
 * made the serial plan look 2 % dearer: 147 ms against 33 ms serial, most of it launching the workers on a busy
 * machine, and the page's p95 went from ~35 to ~250 ms. Ten times the default keeps workers for the scans that
 * gain from them (analytics over millions of rows costs hundreds of thousands) and off the pages and lookups an
 * online request makes.
 */
export const OLTP_PARALLEL_SETUP_COST = 10_000;

/**
 * How long a pooled connection may sit unused before it is closed (node-postgres closes them after 10 s). A new
 * connection is a new PostgreSQL process that knows none of the tables yet and has planned none of the hot paths'
 * prepared statements: its first `nextAccount` costs PostgreSQL ~50 ms of CPU and its next four 6–30 ms each
 * (custom plans), against ~3.5 ms once warm. Closed after 10 s idle, the connections a burst opened were cold again
 * at the next burst, and 100 agents asking every 2 seconds saw p95s of hundreds of ms each time the pool grew.
 * Five minutes keeps the pool of a working floor warm and still gives the connections back when the floor stops.
 */
export const POOL_IDLE_TIMEOUT_MS = 5 * 60_000;

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

export async function createOrm({
  url,
  entities,
  poolMax = 20,
  statementTimeoutMs,
  debug = false,
}: OrmOptions): Promise<Orm> {
  const orm = await MikroORM.init({
    clientUrl: url,
    entities: [...entities],
    extensions: [Migrator],
    filters: { [AGENCY_SCOPE]: agencyScopeFilter },
    // Visibility is decided by the queried entity's own rule (an account is visible when it is placed with the
    // agency). Auto-joining every to-one relation to re-check its filter would add a join per relation to
    // each query, and would hide an agency's accounts behind the creditor/portfolio rows it may not list.
    autoJoinRefsForFilters: false,
    pool: { min: 0, max: poolMax, idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS },
    // Sent with each connection's start-up (node-postgres passes them to the server), so every connection has them
    // from its first statement — the one MikroORM opens while it starts included: PostgreSQL shows whose it is
    // (pg_stat_activity), no statement of a request outlives the request's budget, and small queries stay on one
    // process (see OLTP_PARALLEL_SETUP_COST).
    driverOptions: {
      // MikroORM reads host, port, user and database from the URL and drops its other parameters.
      application_name: new URL(url).searchParams.get('application_name') ?? 'recupera-api',
      options: `-c parallel_setup_cost=${OLTP_PARALLEL_SETUP_COST}`,
      ...(statementTimeoutMs ? { statement_timeout: Math.round(statementTimeoutMs) } : {}),
    },
    debug,
    // Explicit list (see migrations/index.ts) instead of a folder glob, so tsx and tests need no build step.
    migrations: {
      migrationsList: MIGRATIONS,
      path: MIGRATIONS_DIR,
      snapshot: false,
      transactional: true,
      allOrNothing: true,
      silent: true,
    },
  });
  return orm;
}

/** Applies the committed migrations; the schema is never synchronised from entities at run time. */
export async function migrate(orm: Orm): Promise<string[]> {
  const applied = await orm.migrator.up();
  return applied.map((migration) => migration.name);
}

/**
 * A fresh EntityManager for one unit of work, bound to the agency whose data it may see (null: all).
 * Every request, job and script gets its EntityManager from here, so none can forget the agency scope.
 */
export function scopedEm(orm: Orm, scope: AgencyScopeParams): EntityManager {
  const em = orm.em.fork();
  em.setFilterParams(AGENCY_SCOPE, scope);
  return em;
}

/** For trusted server-side work (migrations, the seeder, jobs, authentication itself). */
export function systemEm(orm: Orm): EntityManager {
  return scopedEm(orm, { agencyId: null });
}
