import type { ApiModule } from '../../core/api-module.ts';
import { KpiResolver } from './kpi.resolver.ts';
import {
  AgentLiveFieldsResolver,
  CampaignLiveFieldsResolver,
  QueueLiveFieldsResolver,
} from './live-fields.resolver.ts';
import { LiveResolver } from './live.resolver.ts';

/**
 * The KPIs: queries, live fields and subscriptions over the live engine. Its services (the reader and the hub,
 * started by `startLive`) are registered by the composition under KPI_READER and LIVE_HUB.
 */
export const kpiModule: ApiModule = {
  name: 'kpi',
  resolvers: [KpiResolver, LiveResolver, QueueLiveFieldsResolver, CampaignLiveFieldsResolver, AgentLiveFieldsResolver],
};
