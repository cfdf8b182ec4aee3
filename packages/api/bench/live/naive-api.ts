/**
 * The API as `src/main.ts` serves it on DATABASE_URL, except that every pushed `kpiUpdated` update is recomputed
 * with SQL aggregates over the stored facts (naive-kpis.ts): the live-KPI benchmark's baseline, started by
 * api-process.ts in the same run as the real API.
 */
import { createApp } from '../../src/app/create-app.ts';
import { loadConfig } from '../../src/core/config.ts';
import { sqlPushedKpis } from './naive-kpis.ts';

const config = loadConfig();
if (!config.DATABASE_URL) throw new Error('naive-api: DATABASE_URL is required');
const app = await createApp({
  config,
  databaseUrl: config.DATABASE_URL,
  pushedKpis: (orm, clock) => sqlPushedKpis(orm, clock, config.OPERATION_CURRENCY),
});
console.log(`Recupera is ready (naive KPI baseline): ${app.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void app.close().then(() => process.exit(0)));
}
