/**
 * Applies the committed migrations to DATABASE_URL, seeds the demo portfolio into an empty database when
 * SEED_DEMO=always, and exits. Deployments with several API instances run this once before the instances
 * start (docker/compose.yaml's `migrate` service); each instance's own migration step then finds nothing to do.
 * Usage: DATABASE_URL=postgresql://… pnpm --filter @recupera/api migrate
 */
import pg from 'pg';
import { SystemClock } from '../core/clock.ts';
import { loadConfig } from '../core/config.ts';
import { prepareDatabase } from '../app/prepare-database.ts';
import { createLogger } from '../core/logger.ts';
import { isLoopbackHost, listenHost } from '../core/net.ts';

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

try {
  // `auto` seeds the embedded database only, which this script never uses: here it means no seeding.
  const prepared = await prepareDatabase(config.DATABASE_URL, {
    config,
    clock: new SystemClock(config.OPERATION_TIME_ZONE),
    logger,
    seedDemoIfEmpty: config.SEED_DEMO === 'always',
    // Well-known keys only for an API that will listen on this machine alone.
    publishedDemoKeys: isLoopbackHost(listenHost(config.HOST, false)),
  });
  if (prepared.applied.length === 0) logger.info('migrations: up to date');
  if (prepared.newDemoKeys.length > 0) {
    console.log('Demo API keys, generated for this database (shown once, now: keep them):');
    for (const demoKey of prepared.newDemoKeys) console.log(`  ${demoKey.label.padEnd(28)} ${demoKey.key}`);
  }
} finally {
  await lock.end();
}
