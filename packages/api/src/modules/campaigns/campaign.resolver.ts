import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { notImplemented } from '../../core/errors.ts';
import type { RequestContext } from '../../core/graphql/context.ts';
import {
  CAMPAIGN_STATUSES,
  CampaignStatus,
  type CampaignStatus as CampaignStatusName,
} from '../../core/graphql/enums.ts';
import { badInput } from '../../core/errors.ts';
import { WorkQueue } from '../queues/work-queue.entity.ts';
import { CreateCampaignInput } from './campaign.input.ts';
import { Campaign } from './campaign.entity.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Resolver(() => Campaign)
export class CampaignResolver {
  @Authorized()
  @Query(() => [Campaign])
  campaigns(
    @Arg('status', () => CampaignStatus, { nullable: true }) status: CampaignStatusName | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Campaign[]> {
    if (status && !CAMPAIGN_STATUSES.includes(status)) throw badInput('status', `unknown status ${status}`);
    return ctx.em.find(Campaign, status ? { status } : {}, { orderBy: { createdAt: 'desc', id: 'desc' } });
  }

  @Authorized()
  @Query(() => Campaign, { nullable: true })
  campaign(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Campaign | null> {
    return UUID.test(id) ? ctx.em.findOne(Campaign, { id }) : Promise.resolve(null);
  }

  @FieldResolver(() => [WorkQueue])
  queues(@Root() campaign: Campaign, @Ctx() ctx: RequestContext): Promise<WorkQueue[]> {
    return ctx.em.find(WorkQueue, { campaign }, { orderBy: { priority: 'desc', name: 'asc' } });
  }

  @Authorized('ADMIN', 'MANAGER')
  @Mutation(() => Campaign)
  createCampaign(@Arg('input', () => CreateCampaignInput) _input: CreateCampaignInput): Campaign {
    throw notImplemented('createCampaign');
  }

  @Authorized('ADMIN', 'MANAGER', 'SUPERVISOR')
  @Mutation(() => Campaign)
  startCampaign(@Arg('id', () => ID) _id: string): Campaign {
    throw notImplemented('startCampaign');
  }

  @Authorized('ADMIN', 'MANAGER', 'SUPERVISOR')
  @Mutation(() => Campaign)
  pauseCampaign(@Arg('id', () => ID) _id: string): Campaign {
    throw notImplemented('pauseCampaign');
  }
}
