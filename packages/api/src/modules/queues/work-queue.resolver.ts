import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { related } from '../../core/database/relations.ts';
import { notImplemented } from '../../core/errors.ts';
import type { RequestContext } from '../../core/graphql/context.ts';
import { Agent } from '../agencies/agent.entity.ts';
import { Account } from '../portfolio/account.entity.ts';
import { Campaign } from '../campaigns/campaign.entity.ts';
import { QueueMembership } from './queue-membership.entity.ts';
import { WorkQueue } from './work-queue.entity.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Resolver(() => WorkQueue)
export class WorkQueueResolver {
  @Authorized()
  @Query(() => [WorkQueue])
  workQueues(@Arg('campaignId', () => ID) campaignId: string, @Ctx() ctx: RequestContext): Promise<WorkQueue[]> {
    if (!UUID.test(campaignId)) return Promise.resolve([]);
    return ctx.em.find(WorkQueue, { campaign: campaignId }, { orderBy: { priority: 'desc', name: 'asc' } });
  }

  @FieldResolver(() => Campaign)
  campaign(@Root() queue: WorkQueue, @Ctx() ctx: RequestContext): Promise<Campaign> {
    return related(ctx.em, queue, 'campaign');
  }

  @FieldResolver(() => Int, { description: 'Accounts in the queue.' })
  size(@Root() queue: WorkQueue, @Ctx() ctx: RequestContext): Promise<number> {
    return ctx.em.count(QueueMembership, { queue });
  }

  @FieldResolver(() => Int, { description: 'Accounts not yet worked today.' })
  remaining(@Root() queue: WorkQueue, @Ctx() ctx: RequestContext): Promise<number> {
    const today = ctx.businessDate;
    return ctx.em.count(QueueMembership, { queue, $or: [{ lastWorkedOn: null }, { lastWorkedOn: { $lt: today } }] });
  }

  @FieldResolver(() => [Agent])
  agents(@Root() queue: WorkQueue, @Ctx() ctx: RequestContext): Promise<Agent[]> {
    return ctx.em.find(Agent, { queue }, { orderBy: { name: 'asc' } });
  }

  @Authorized('ADMIN', 'MANAGER')
  @Mutation(() => WorkQueue)
  assignAgents(
    @Arg('agentIds', () => [ID]) _agentIds: string[],
    @Arg('queueId', () => ID) _queueId: string,
  ): WorkQueue {
    throw notImplemented('assignAgents');
  }

  @Authorized('ADMIN', 'MANAGER')
  @Mutation(() => Int)
  moveAccounts(
    @Arg('fromQueueId', () => ID) _fromQueueId: string,
    @Arg('toQueueId', () => ID) _toQueueId: string,
    @Arg('count', () => Int) _count: number,
  ): number {
    throw notImplemented('moveAccounts');
  }

  @Authorized('ADMIN', 'MANAGER', 'SUPERVISOR', 'AGENT', 'AGENCY')
  @Mutation(() => Account, {
    nullable: true,
    description:
      'Hands the agent the best account of its queue that may be contacted now, or null; never the same account to two agents at once.',
  })
  nextAccount(@Arg('agentId', () => ID) _agentId: string): Account | null {
    throw notImplemented('nextAccount');
  }
}
