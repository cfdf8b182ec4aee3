import type { Clock } from '../core/clock.ts';
import type { Config } from '../core/config.ts';
import { migrate, systemEm } from '../core/database/orm.ts';
import type { Logger } from '../core/logger.ts';
import { ApiKey } from '../modules/auth/api-key.entity.ts';
import { hashKey } from '../modules/auth/api-key-secret.ts';
import { Account } from '../modules/portfolio/account.entity.ts';
import { DEMO_KEYS, seedDemo, type DemoKey } from '../seed/demo-seeder.ts';
import { openOrm } from './database.ts';
import { openDemoClock } from './demo-clock.ts';

export interface PreparedDatabase {
  /** The migrations this run applied. */
  applied: string[];
  /** Whether the demo portfolio was seeded now. */
  seeded: boolean;
  /** Whether the database holds the published demo keys (the embedded demo, seeded now or before). */
  demoKeysStored: boolean;
  /** Random demo keys a seed of another database made now: shown once, never again. */
  newDemoKeys: DemoKey[];
  /** The clock to serve it with: the one given, or the demo clock (`demoClock` and a database with the demo keys). */
  clock: Clock;
}

/**
 * Applies the committed migrations and, when `seedDemoIfEmpty` and the database holds no account yet, seeds the
 * demo portfolio with its running, staffed campaigns (so `nextAccount` has work at once). What `pnpm start` and
 * the `migrate` script do before an API serves the database.
 */
export async function prepareDatabase(
  url: string,
  options: {
    config: Config;
    clock: Clock;
    logger: Logger;
    seedDemoIfEmpty: boolean;
    /** The embedded demo on localhost may store the published demo keys; any other database gets random ones. */
    publishedDemoKeys: boolean;
    /**
     * Run the demo operation on the demo clock (docs/demo.md) if this database holds, or is now seeded with, the
     * published demo keys: `pnpm start`'s embedded demo with DEMO_CLOCK=auto. Never for a real deployment.
     */
    demoClock?: boolean;
  },
): Promise<PreparedDatabase> {
  const { config, logger } = options;
  const orm = await openOrm({ url, poolMax: 2 });
  const publishedKeysStored = async () => (await systemEm(orm).count(ApiKey, { hash: hashKey(DEMO_KEYS[0]!.key) })) > 0;
  try {
    const applied = await migrate(orm);
    if (applied.length > 0) logger.info(`applied migrations: ${applied.join(', ')}`);
    const empty = (await systemEm(orm).count(Account, {})) === 0;
    const seeded = options.seedDemoIfEmpty && empty;
    // Decided before the seed, which dates the portfolio and starts the campaigns at the demo clock's time.
    const demo = options.demoClock === true && ((seeded && options.publishedDemoKeys) || (await publishedKeysStored()));
    const clock = demo ? await openDemoClock(orm, options.clock.timeZone, logger) : options.clock;
    let newDemoKeys: DemoKey[] = [];
    if (seeded) {
      logger.info(`seeding the demo portfolio (${config.DEMO_ACCOUNTS} accounts)`);
      const keys = await seedDemo(systemEm(orm), {
        accounts: config.DEMO_ACCOUNTS,
        businessDate: clock.businessDate(),
        campaigns: { now: clock.now(), timeZone: clock.timeZone },
        keys: options.publishedDemoKeys ? 'published' : 'random',
      });
      if (!options.publishedDemoKeys) newDemoKeys = keys;
      // A new database, filled at once: statistics for every table before the first request plans against it.
      await systemEm(orm).execute('analyze');
    } else if (options.seedDemoIfEmpty) {
      logger.info('demo seed skipped: the database already holds accounts');
    }
    const demoKeysStored = await publishedKeysStored();
    return { applied, seeded, demoKeysStored, newDemoKeys, clock };
  } finally {
    await orm.close(true);
  }
}
