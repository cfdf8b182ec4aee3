import { type AgentStatus as AgentStatusName } from '@recupera/shared';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { related } from '../../core/database/relations.ts';
import { principalOf, type RequestContext } from '../../core/graphql/context.ts';
import { AgentStatus } from '../../core/graphql/enums.ts';
import { WorkQueue } from '../queues/work-queue.entity.ts';
import { Agency } from './agency.entity.ts';
import { Agent } from './agent.entity.ts';
import { createAgent, setAgentStatus } from './agency.service.ts';
import { DateTimeScalar } from '../../core/graphql/scalars.ts';
import { isUuid } from '../../core/ids.ts';

@Resolver(() => Agent)
export class AgentResolver {
  @Authorized()
  @Query(() => [Agent])
  agents(
    @Arg('campaignId', () => ID, { nullable: true }) campaignId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Agent[]> {
    if (campaignId && !isUuid(campaignId)) return Promise.resolve([]);
    const where = campaignId ? { queue: { campaign: campaignId } } : {};
    return ctx.em.find(Agent, where, { orderBy: { name: 'asc', id: 'asc' }, populate: ['agency'] });
  }

  @Authorized('ADMIN', 'MANAGER', 'AGENCY')
  @Mutation(() => Agent)
  createAgent(
    @Arg('name', () => String) name: string,
    @Arg('agencyId', () => ID) agencyId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Agent> {
    return createAgent(ctx.em, principalOf(ctx), { name, agencyId });
  }

  @Authorized('ADMIN', 'MANAGER', 'AGENT', 'AGENCY')
  @Mutation(() => Agent)
  setAgentStatus(
    @Arg('agentId', () => ID) agentId: string,
    @Arg('status', () => AgentStatus) status: AgentStatusName,
    @Ctx() ctx: RequestContext,
  ): Promise<Agent> {
    return setAgentStatus(ctx.em, principalOf(ctx), agentId, status, ctx.clock.now());
  }

  @FieldResolver(() => DateTimeScalar, { description: 'When the current status began.' })
  statusSince(@Root() agent: Agent): Date {
    return agent.statusSince;
  }

  @FieldResolver(() => Agency)
  agency(@Root() agent: Agent, @Ctx() ctx: RequestContext): Promise<Agency> {
    return related(ctx.em, agent, 'agency');
  }

  @FieldResolver(() => WorkQueue, { nullable: true })
  queue(@Root() agent: Agent, @Ctx() ctx: RequestContext): Promise<WorkQueue | null> {
    return related(ctx.em, agent, 'queue');
  }
}
