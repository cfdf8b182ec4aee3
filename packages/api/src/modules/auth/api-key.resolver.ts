import { type Role as RoleName } from '@recupera/shared';
import { Arg, Authorized, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { principalOf, type RequestContext } from '../../core/graphql/context.ts';
import { Role } from '../../core/graphql/enums.ts';
import { Agency } from '../agencies/agency.entity.ts';
import { createApiKey } from './api-key.service.ts';

@ObjectType('ApiKeyCreated')
class ApiKeyCreated {
  @Field(() => String)
  key!: string;

  @Field(() => Role)
  role!: RoleName;

  @Field(() => ID, { nullable: true })
  agencyId!: string | null;
}

@ObjectType('Viewer', { description: 'Who the API key belongs to: what the console shows and hides.' })
class Viewer {
  @Field(() => Role)
  role!: RoleName;

  @Field(() => Agency, { nullable: true, description: 'The agency of an AGENCY key.' })
  agency!: Agency | null;
}

@Resolver()
export class ApiKeyResolver {
  @Authorized()
  @Query(() => Viewer)
  async me(@Ctx() ctx: RequestContext): Promise<Viewer> {
    const principal = principalOf(ctx);
    const viewer = new Viewer();
    viewer.role = principal.role;
    viewer.agency = principal.agencyId ? await ctx.em.findOne(Agency, { id: principal.agencyId }) : null;
    return viewer;
  }

  @Authorized('ADMIN')
  @Mutation(() => ApiKeyCreated, { description: 'Returns the key once; only its hash is stored.' })
  createApiKey(
    @Arg('role', () => Role) role: RoleName,
    @Arg('agencyId', () => ID, { nullable: true }) agencyId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ApiKeyCreated> {
    return createApiKey(ctx.em, principalOf(ctx), { role, agencyId: agencyId ?? null });
  }
}
