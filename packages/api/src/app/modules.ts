import type { ApiModule } from '../core/api-module.ts';
import { DomainEvent } from '../core/events/domain-event.entity.ts';
import { FailedJob } from '../core/events/failed-job.entity.ts';
import { analyticsModule } from '../modules/analytics/analytics.module.ts';
import { agenciesModule } from '../modules/agencies/agencies.module.ts';
import { auditModule } from '../modules/audit/audit.module.ts';
import { authModule } from '../modules/auth/auth.module.ts';
import { campaignsModule } from '../modules/campaigns/campaigns.module.ts';
import { demoModule } from '../modules/demo/demo.module.ts';
import { exportsModule } from '../modules/exports/exports.module.ts';
import { interactionsModule } from '../modules/interactions/interactions.module.ts';
import { jobsModule } from '../modules/jobs/jobs.module.ts';
import { kpiModule } from '../modules/kpi/kpi.module.ts';
import { maintenanceModule } from '../modules/maintenance/maintenance.module.ts';
import { paymentsModule } from '../modules/payments/payments.module.ts';
import { placementsModule } from '../modules/placements/placements.module.ts';
import { portfolioModule } from '../modules/portfolio/portfolio.module.ts';
import { promisesModule } from '../modules/promises/promises.module.ts';
import { queuesModule } from '../modules/queues/queues.module.ts';

/**
 * Every domain module of the API, in the order their recurring jobs first run at a start (the aging roll before
 * the promise sweeps). The one list that knows them all: add a module here and its entities, resolvers and jobs
 * are part of the API.
 */
export const MODULES: readonly ApiModule[] = [
  agenciesModule,
  authModule,
  campaignsModule,
  queuesModule,
  portfolioModule,
  interactionsModule,
  promisesModule,
  paymentsModule,
  placementsModule,
  kpiModule,
  jobsModule,
  auditModule,
  exportsModule,
  maintenanceModule,
  analyticsModule,
  demoModule,
];

/**
 * Every entity: the modules' and core's own (the outbox and failed jobs). Listed explicitly — no folder scanning —
 * so tsx, vitest and a bundled build all discover the same set.
 */
/** Every read model kept from the outbox, in module order. */
export const PROJECTORS = MODULES.flatMap((module) => module.projectors ?? []);

export const ENTITIES = [DomainEvent, FailedJob, ...MODULES.flatMap((module) => module.entities ?? [])];
