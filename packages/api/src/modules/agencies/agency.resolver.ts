import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { principalOf, type RequestContext } from '../../core/graphql/context.ts';
import { Agency } from './agency.entity.ts';
import { createAgency } from './agency.service.ts';

@Resolver(() => Agency)
export class AgencyResolver {
  @Authorized()
  @Query(() => [Agency])
  agencies(@Ctx() ctx: RequestContext): Promise<Agency[]> {
    return ctx.em.find(Agency, {}, { orderBy: { code: 'asc' } });
  }

  @Authorized('ADMIN')
  @Mutation(() => Agency)
  createAgency(
    @Arg('code', () => String) code: string,
    @Arg('name', () => String) name: string,
    @Arg('partner', () => Boolean) partner: boolean,
    @Ctx() ctx: RequestContext,
  ): Promise<Agency> {
    return createAgency(ctx.em, principalOf(ctx), { code, name, partner });
  }
}
