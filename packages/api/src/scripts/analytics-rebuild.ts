/**
 * Rebuilds the strategy-analytics tables from the stored facts (interactions, promises, payments), with the
 * definitions the outbox projector uses, and prints what it counted. Safe while API instances run (see
 * modules/analytics/analytics-build.ts). Usage: DATABASE_URL=postgresql://… pnpm --filter @recupera/api analytics:rebuild
 */
import { loadConfig } from '../core/config.ts';
import { openOrm } from '../app/database.ts';
import { buildAnalytics } from '../modules/analytics/analytics-build.ts';

const config = loadConfig();
if (!config.DATABASE_URL) throw new Error('DATABASE_URL is required: this script never starts an embedded PostgreSQL');
const orm = await openOrm({ url: config.DATABASE_URL, poolMax: 2 });
try {
  const summary = await buildAnalytics(orm, config.OPERATION_TIME_ZONE);
  console.log(
    `analytics rebuilt in ${summary.ms} ms (${config.OPERATION_TIME_ZONE}): ${summary.attempts} attempts in ` +
      `${summary.contactCells} contact cells and ${summary.intensityCells} intensity cells` +
      (summary.pendingEvents > 0 ? `; ${summary.pendingEvents} unrelayed events left to the projector` : ''),
  );
} finally {
  await orm.close(true);
}
