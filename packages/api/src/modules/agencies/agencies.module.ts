import type { ApiModule } from '../../core/api-module.ts';
import { Agency } from './agency.entity.ts';
import { AgencyResolver } from './agency.resolver.ts';
import { AgentStatusPeriod } from './agent-status-period.entity.ts';
import { Agent } from './agent.entity.ts';
import { AgentResolver } from './agent.resolver.ts';

/** The in-house team and partner agencies, their agents and the agents' status periods. */
export const agenciesModule: ApiModule = {
  name: 'agencies',
  entities: [Agency, Agent, AgentStatusPeriod],
  resolvers: [AgencyResolver, AgentResolver],
};
