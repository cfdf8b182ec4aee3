import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { related } from '../../core/database/relations.ts';
import { principalOf, type RequestContext } from '../../core/graphql/context.ts';
import { Agent } from '../agencies/agent.entity.ts';
import { Account } from '../portfolio/account.entity.ts';
import { Campaign } from '../campaigns/campaign.entity.ts';
import { QueueMembership } from './queue-membership.entity.ts';
import { AccountFilterInput } from '../portfolio/account-filter.ts';
import { nextAccount } from './next-account.service.ts';
import { FAST_SQL } from '../../core/database/fast-sql.ts';
import { Debtor } from '../portfolio/debtor.entity.ts';
import { remainingInQueue } from './queue-membership.service.ts';
import { assignAgents, moveAccounts, updateQueue } from './reallocation.service.ts';
import { WorkQueue } from './work-queue.entity.ts';
import { isUuid } from '../../core/ids.ts';

@Resolver(() => WorkQueue)
export class WorkQueueResolver {
  @Authorized()
  @Query(() => [WorkQueue])
  workQueues(@Arg('campaignId', () => ID) campaignId: string, @Ctx() ctx: RequestContext): Promise<WorkQueue[]> {
    if (!isUuid(campaignId)) return Promise.resolve([]);
    return ctx.em.find(WorkQueue, { campaign: campaignId }, { orderBy: { priority: 'desc', name: 'asc' } });
  }

  @FieldResolver(() => Campaign)
  campaign(@Root() queue: WorkQueue, @Ctx() ctx: RequestContext): Promise<Campaign> {
    return related(ctx.em, queue, 'campaign');
  }

  @FieldResolver(() => Int, { complexity: 5, description: 'Accounts in the queue.' })
  size(@Root() queue: WorkQueue, @Ctx() ctx: RequestContext): Promise<number> {
    return ctx.em.count(QueueMembership, { queue });
  }

  @FieldResolver(() => Int, { complexity: 5, description: 'Accounts not yet worked today.' })
  remaining(@Root() queue: WorkQueue, @Ctx() ctx: RequestContext): Promise<number> {
    return remainingInQueue(ctx.em, queue, ctx.businessDate);
  }

  @FieldResolver(() => [Agent], { complexity: 3 })
  agents(@Root() queue: WorkQueue, @Ctx() ctx: RequestContext): Promise<Agent[]> {
    return ctx.em.find(Agent, { queue }, { orderBy: { name: 'asc' } });
  }

  @Authorized('ADMIN', 'MANAGER')
  @Mutation(() => WorkQueue, { description: 'Assigns agents to a queue; their next nextAccount follows it.' })
  assignAgents(
    @Arg('agentIds', () => [ID]) agentIds: string[],
    @Arg('queueId', () => ID) queueId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<WorkQueue> {
    return assignAgents(ctx.em, principalOf(ctx), agentIds, queueId);
  }

  @Authorized('ADMIN', 'MANAGER')
  @Mutation(() => Int, { description: 'Moves up to `count` of the best unreserved accounts; returns how many moved.' })
  moveAccounts(
    @Arg('fromQueueId', () => ID) fromQueueId: string,
    @Arg('toQueueId', () => ID) toQueueId: string,
    @Arg('count', () => Int) count: number,
    @Arg('filter', () => AccountFilterInput, { nullable: true }) filter: AccountFilterInput | null,
    @Ctx() ctx: RequestContext,
  ): Promise<number> {
    return moveAccounts(
      ctx.em,
      principalOf(ctx),
      { fromQueueId, toQueueId, count, filter },
      ctx.clock.now(),
      ctx.businessDate,
    );
  }

  @Authorized('ADMIN', 'MANAGER')
  @Mutation(() => WorkQueue)
  setQueuePriority(
    @Arg('queueId', () => ID) queueId: string,
    @Arg('priority', () => Int) priority: number,
    @Ctx() ctx: RequestContext,
  ): Promise<WorkQueue> {
    return updateQueue(ctx.em, principalOf(ctx), queueId, { priority });
  }

  @Authorized('ADMIN', 'MANAGER')
  @Mutation(() => WorkQueue, { description: 'A paused queue hands out no accounts until resumed.' })
  pauseQueue(@Arg('queueId', () => ID) queueId: string, @Ctx() ctx: RequestContext): Promise<WorkQueue> {
    return updateQueue(ctx.em, principalOf(ctx), queueId, { paused: true });
  }

  @Authorized('ADMIN', 'MANAGER')
  @Mutation(() => WorkQueue)
  resumeQueue(@Arg('queueId', () => ID) queueId: string, @Ctx() ctx: RequestContext): Promise<WorkQueue> {
    return updateQueue(ctx.em, principalOf(ctx), queueId, { paused: false });
  }

  @Authorized('ADMIN', 'MANAGER', 'AGENT', 'AGENCY')
  @Mutation(() => Account, {
    nullable: true,
    description:
      'Hands the agent the best account of its queue that may be contacted now, or null; never the same account to two agents at once.',
  })
  async nextAccount(@Arg('agentId', () => ID) agentId: string, @Ctx() ctx: RequestContext): Promise<Account | null> {
    const offer = await nextAccount(ctx.services.get(FAST_SQL), principalOf(ctx), agentId, ctx.clock.now());
    if (!offer) return null;
    // The rows as the statement read them, as the entities the field resolvers read (the debtor's fields at once).
    ctx.em.map(Debtor, offer.debtor);
    return ctx.em.map(Account, offer.account);
  }
}
