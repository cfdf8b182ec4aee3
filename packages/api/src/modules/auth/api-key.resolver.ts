import { Arg, Authorized, Ctx, Field, ID, Mutation, ObjectType, Resolver } from 'type-graphql';
import { principalOf, type RequestContext } from '../../core/graphql/context.ts';
import { Role, type Role as RoleName } from '../../core/graphql/enums.ts';
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

@Resolver()
export class ApiKeyResolver {
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
