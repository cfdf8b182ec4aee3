/**
 * Applies the committed migrations to DATABASE_URL, seeds the demo portfolio into an empty database when
 * SEED_DEMO=always, and exits. Deployments with several API instances run this once before the instances
 * start (docker/compose.yaml's `migrate` service); each instance's own migration step then finds nothing to do.
 * Usage: DATABASE_URL=postgresql://… pnpm --filter @recupera/api migrate
 */
import pg from 'pg';
import { SystemClock } from '../core/clock.ts';
import { loadConfig } from '../core/config.ts';
import { createOrm, migrate, systemEm } from '../core/database/orm.ts';
import { createLogger } from '../core/logger.ts';
import { Account } from '../modules/portfolio/account.entity.ts';
import { seedDemo } from '../seed/demo-seeder.ts';

// Any fixed 64-bit key works; it only has to be the same for every copy of this script.
const MIGRATE_LOCK_KEY = '7262756970657261';

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
if (!config.DATABASE_URL) throw new Error('DATABASE_URL is required: this script never starts an embedded PostgreSQL');

// MikroORM's migrator takes no lock, and the seeder commits in chunks after checking that the portfolio is
// empty, so two copies at once (a re-run while another is still going) could both apply the first migration or
// both seed. A session-level advisory lock on a connection of its own makes them take turns; it is released
// when that connection ends, even if this process is killed.
const lock = new pg.Client({ connectionString: config.DATABASE_URL });
await lock.connect();
await lock.query('select pg_advisory_lock($1::bigint)', [MIGRATE_LOCK_KEY]);

const orm = await createOrm({ url: config.DATABASE_URL, poolMax: 2 });
try {
  const applied = await migrate(orm);
  logger.info(applied.length > 0 ? `applied migrations: ${applied.join(', ')}` : 'migrations: up to date');

  // `auto` seeds the embedded database only, which this script never uses: here it means no seeding.
  if (config.SEED_DEMO === 'always') {
    if ((await systemEm(orm).count(Account, {})) === 0) {
      logger.info(`seeding the demo portfolio (${config.DEMO_ACCOUNTS} accounts)`);
      const clock = new SystemClock(config.OPERATION_TIME_ZONE);
      // The same demo as `pnpm start`: running, staffed campaigns, so `nextAccount` has work at once.
      await seedDemo(systemEm(orm), {
        accounts: config.DEMO_ACCOUNTS,
        businessDate: clock.businessDate(),
        campaigns: { now: clock.now(), timeZone: clock.timeZone },
      });
    } else {
      logger.info('demo seed skipped: the database already holds accounts');
    }
  }
} finally {
  await orm.close(true);
  await lock.end();
}
