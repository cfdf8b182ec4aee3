import { CAMPAIGN_STATUSES, type CampaignStatus as CampaignStatusName } from '@recupera/shared';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { principalOf, type RequestContext } from '../../core/graphql/context.ts';
import { CampaignStatus } from '../../core/graphql/enums.ts';
import { badInput } from '../../core/errors.ts';
import { Money } from '../../core/graphql/money.type.ts';
import { WorkQueue } from '../queues/work-queue.entity.ts';
import { CreateCampaignInput } from './campaign.input.ts';
import { Campaign } from './campaign.entity.ts';
import { changeCampaignStatus, createCampaign } from './campaign.service.ts';
import { isUuid } from '../../core/ids.ts';

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
    return isUuid(id) ? ctx.em.findOne(Campaign, { id }) : Promise.resolve(null);
  }

  @FieldResolver(() => Money, { nullable: true, description: 'Collections per day the campaign aims at.' })
  dailyTarget(@Root() campaign: Campaign): Money | null {
    if (campaign.dailyTarget === null || campaign.dailyTargetCurrency === null) return null;
    return Money.fromStored(campaign.dailyTarget, campaign.dailyTargetCurrency);
  }

  @FieldResolver(() => [WorkQueue])
  queues(@Root() campaign: Campaign, @Ctx() ctx: RequestContext): Promise<WorkQueue[]> {
    return ctx.em.find(WorkQueue, { campaign }, { orderBy: { priority: 'desc', name: 'asc' } });
  }

  @Authorized('ADMIN', 'MANAGER')
  @Mutation(() => Campaign)
  createCampaign(
    @Arg('input', () => CreateCampaignInput) input: CreateCampaignInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Campaign> {
    return createCampaign(ctx.em, principalOf(ctx), input, ctx.businessDate, ctx.settings.operationCurrency);
  }

  @Authorized('ADMIN', 'MANAGER', 'SUPERVISOR')
  @Mutation(() => Campaign, { description: 'Starts a DRAFT campaign (filling its queues) or resumes a PAUSED one.' })
  startCampaign(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Campaign> {
    return changeCampaignStatus(ctx.em, principalOf(ctx), id, 'start', campaignClock(ctx));
  }

  @Authorized('ADMIN', 'MANAGER', 'SUPERVISOR')
  @Mutation(() => Campaign)
  pauseCampaign(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Campaign> {
    return changeCampaignStatus(ctx.em, principalOf(ctx), id, 'pause', campaignClock(ctx));
  }

  @Authorized('ADMIN', 'MANAGER')
  @Mutation(() => Campaign, {
    description: 'Ends a campaign: its accounts leave the queues and its agents are unassigned.',
  })
  finishCampaign(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Campaign> {
    return changeCampaignStatus(ctx.em, principalOf(ctx), id, 'finish', campaignClock(ctx));
  }
}

function campaignClock(ctx: RequestContext) {
  return { now: ctx.clock.now(), businessDate: ctx.businessDate, timeZone: ctx.clock.timeZone };
}
