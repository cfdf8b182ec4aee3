import {
  formatCommissionRate,
  storedRateToTenThousandths,
  type AgingBucket as AgingBucketName,
} from '@recupera/shared';
import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { related } from '../../core/database/relations.ts';
import { principalOf, type RequestContext } from '../../core/graphql/context.ts';
import { AgingBucket } from '../../core/graphql/enums.ts';
import { DateScalar } from '../../core/graphql/scalars.ts';
import { Agency } from '../agencies/agency.entity.ts';
import { AccountFilterInput } from '../portfolio/account-filter.ts';
import { Account } from '../portfolio/account.entity.ts';
import {
  decidePlacementExtension,
  extendPlacement,
  requestPlacementExtension,
  returnAccount,
} from './placement-lifecycle.service.ts';
import { ExtensionRequestStatus, PlacementStatus, ReturnReason } from './placement-enums.ts';
import { PlacementExtensionRequest } from './placement-extension-request.entity.ts';
import { listPlacements, placementSummary } from './placement-query.service.ts';
import { Placement } from './placement.entity.ts';
import { placeAccounts, recallAccounts } from './placement.service.ts';
import { EndedPlacementType, PlacementConnection, PlacementSummary } from './placement.types.ts';

@ArgsType()
class PlacementsArgs {
  @Field(() => ID, { nullable: true })
  agencyId?: string | null;

  @Field(() => PlacementStatus, { nullable: true })
  status?: 'ACTIVE' | 'RECALLED' | 'RETURNED' | null;

  @Field(() => Int, { nullable: true })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Only placements due back on or before this date.' })
  recallBy?: string | null;

  @Field(() => [AgingBucket], { nullable: true, description: 'Only placements of accounts in these buckets today.' })
  buckets?: AgingBucketName[] | null;
}

@Resolver(() => PlacementConnection)
export class PlacementConnectionResolver {
  @FieldResolver(() => Int)
  totalCount(@Root() connection: PlacementConnection): Promise<number> {
    return connection.countTotal();
  }
}

@Resolver(() => Placement)
export class PlacementResolver {
  @Authorized('ADMIN', 'MANAGER', 'SUPERVISOR', 'AGENCY')
  @Query(() => PlacementConnection, {
    description: 'Placements in creation order; an agency sees its own placements of the accounts it holds.',
  })
  placements(
    @Args(() => PlacementsArgs) args: PlacementsArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<PlacementConnection> {
    return listPlacements(ctx.em, ctx.businessDate, args);
  }

  @Authorized('ADMIN', 'MANAGER', 'SUPERVISOR', 'AGENCY')
  @Query(() => PlacementSummary, { description: 'Active placements, recalls due within 7 days, requests waiting.' })
  placementSummary(
    @Arg('agencyId', () => ID, { nullable: true }) agencyId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<PlacementSummary> {
    return placementSummary(ctx.em, ctx.businessDate, agencyId ?? null);
  }

  @Authorized('ADMIN', 'MANAGER', 'SUPERVISOR', 'AGENCY')
  @Query(() => [PlacementExtensionRequest], { description: 'Extension requests, newest first.' })
  placementExtensionRequests(
    @Arg('status', () => ExtensionRequestStatus, { nullable: true }) status: 'PENDING' | 'APPROVED' | 'REFUSED' | null,
    @Ctx() ctx: RequestContext,
  ): Promise<PlacementExtensionRequest[]> {
    return ctx.em.find(PlacementExtensionRequest, status ? { status } : {}, {
      orderBy: { requestedAt: 'desc', id: 'desc' },
      limit: 500,
      populate: ['placement'],
    });
  }

  @Authorized('ADMIN', 'MANAGER')
  @Mutation(() => Int, {
    description: 'Places the matching accounts with the agency (out of every queue of their previous holder).',
  })
  placeAccounts(
    @Arg('filter', () => AccountFilterInput) filter: AccountFilterInput,
    @Arg('agencyId', () => ID) agencyId: string,
    @Arg('recallAfterDays', () => Int, { nullable: true }) recallAfterDays: number | null,
    @Arg('commissionRate', () => String, { nullable: true }) commissionRate: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<number> {
    return placeAccounts(
      ctx.em,
      principalOf(ctx),
      { clock: ctx.clock, businessDate: ctx.businessDate },
      filter,
      agencyId,
      { recallAfterDays, commissionRate },
    );
  }

  @Authorized('ADMIN', 'MANAGER')
  @Mutation(() => Int, {
    description: "Ends the agency's active placements of the matching accounts; they come back in-house.",
  })
  recallAccounts(
    @Arg('filter', () => AccountFilterInput) filter: AccountFilterInput,
    @Arg('agencyId', () => ID) agencyId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<number> {
    return recallAccounts(
      ctx.em,
      principalOf(ctx),
      { clock: ctx.clock, businessDate: ctx.businessDate },
      filter,
      agencyId,
    );
  }

  @Authorized('ADMIN', 'MANAGER', 'AGENCY')
  @Mutation(() => EndedPlacementType, {
    description: 'The agency hands the account back with a coded reason (a note is required for OTHER).',
  })
  returnAccount(
    @Arg('accountId', () => ID) accountId: string,
    @Arg('reason', () => ReturnReason)
    reason: 'PAID_IN_FULL' | 'DECEASED' | 'BANKRUPT' | 'DISPUTE' | 'CANNOT_LOCATE' | 'OTHER',
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<EndedPlacementType> {
    return returnAccount(ctx.em, principalOf(ctx), ctx.clock, { accountId, reason, note });
  }

  @Authorized('ADMIN', 'MANAGER')
  @Mutation(() => Placement, { description: 'Moves an active placement’s recall date later.' })
  extendPlacement(
    @Arg('id', () => ID) id: string,
    @Arg('recallDate', () => DateScalar) recallDate: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Placement> {
    return extendPlacement(ctx.em, principalOf(ctx), ctx.businessDate, { id, recallDate });
  }

  @Authorized('AGENCY')
  @Mutation(() => PlacementExtensionRequest, { description: 'The agency asks for more days, with a reason.' })
  requestPlacementExtension(
    @Arg('placementId', () => ID) placementId: string,
    @Arg('days', () => Int) days: number,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: RequestContext,
  ): Promise<PlacementExtensionRequest> {
    return requestPlacementExtension(ctx.em, principalOf(ctx), ctx.clock, { placementId, days, reason });
  }

  @Authorized('ADMIN', 'MANAGER')
  @Mutation(() => PlacementExtensionRequest, { description: 'Approves (the recall date moves) or refuses a request.' })
  decidePlacementExtension(
    @Arg('requestId', () => ID) requestId: string,
    @Arg('approve', () => Boolean) approve: boolean,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<PlacementExtensionRequest> {
    return decidePlacementExtension(ctx.em, principalOf(ctx), ctx.clock, { requestId, approve, note });
  }

  @FieldResolver(() => Account)
  account(@Root() placement: Placement, @Ctx() ctx: RequestContext): Promise<Account> {
    return related(ctx.em, placement, 'account');
  }

  @FieldResolver(() => Agency)
  agency(@Root() placement: Placement, @Ctx() ctx: RequestContext): Promise<Agency> {
    return related(ctx.em, placement, 'agency');
  }

  @FieldResolver(() => String, {
    description: 'Commission on what is collected during the placement, a decimal fraction such as "0.15".',
  })
  commissionRate(@Root() placement: Placement): string {
    return formatCommissionRate(storedRateToTenThousandths(placement.commissionRate));
  }
}

@Resolver(() => PlacementExtensionRequest)
export class PlacementExtensionRequestResolver {
  @FieldResolver(() => Placement)
  placement(@Root() request: PlacementExtensionRequest, @Ctx() ctx: RequestContext): Promise<Placement> {
    return related(ctx.em, request, 'placement');
  }
}
