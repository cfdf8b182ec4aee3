import type { Role as RoleName } from '@recupera/shared';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { related } from '../../core/database/relations.ts';
import { principalOf, type RequestContext } from '../../core/graphql/context.ts';
import { Role } from '../../core/graphql/enums.ts';
import { DateTimeScalar } from '../../core/graphql/scalars.ts';
import { Agency } from '../agencies/agency.entity.ts';
import { Agent } from '../agencies/agent.entity.ts';
import { ApiKey } from './api-key.entity.ts';
import { createApiKey, listApiKeys, revokeApiKey, rotateApiKey, type CreatedApiKey } from './api-key.service.ts';
import { KEY_DIRECTORY } from './key-directory.ts';

@ObjectType('ApiKeyCreated', { description: 'A new key: `key` is shown this once and never again.' })
class ApiKeyCreated {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  key!: string;

  @Field(() => Role)
  role!: RoleName;

  @Field(() => ID, { nullable: true })
  agencyId!: string | null;

  @Field(() => ID, { nullable: true })
  agentId!: string | null;

  static of(created: CreatedApiKey): ApiKeyCreated {
    return Object.assign(new ApiKeyCreated(), created);
  }
}

@ObjectType('Viewer', { description: 'Who the API key belongs to: what the console shows and hides.' })
class Viewer {
  @Field(() => Role)
  role!: RoleName;

  @Field(() => Agency, { nullable: true, description: 'The agency of an AGENCY key.' })
  agency!: Agency | null;

  @Field(() => Agent, { nullable: true, description: 'The agent of an AGENT key: the only one it acts as.' })
  agent!: Agent | null;
}

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Authorized()
  @Query(() => Viewer)
  async me(@Ctx() ctx: RequestContext): Promise<Viewer> {
    const principal = principalOf(ctx);
    const viewer = new Viewer();
    viewer.role = principal.role;
    viewer.agency =
      principal.role === 'AGENCY' && principal.agencyId
        ? await ctx.em.findOne(Agency, { id: principal.agencyId })
        : null;
    viewer.agent = principal.agentId ? await ctx.em.findOne(Agent, { id: principal.agentId }) : null;
    return viewer;
  }

  @Authorized('ADMIN')
  @Query(() => [ApiKey], { description: 'Stored keys, newest first (never their secrets); of one agency if given.' })
  apiKeys(
    @Arg('agencyId', () => ID, { nullable: true }) agencyId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ApiKey[]> {
    return listApiKeys(ctx.em, agencyId ?? null);
  }

  @Authorized('ADMIN')
  @Mutation(() => ApiKeyCreated, { description: 'Returns the key once; only its hash is stored.' })
  async createApiKey(
    @Arg('role', () => Role) role: RoleName,
    @Arg('agencyId', () => ID, { nullable: true }) agencyId: string | null,
    @Arg('agentId', () => ID, { nullable: true }) agentId: string | null,
    @Arg('label', () => String, { nullable: true }) label: string | null,
    @Arg('expiresAt', () => DateTimeScalar, { nullable: true }) expiresAt: Date | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ApiKeyCreated> {
    const created = await createApiKey(
      ctx.em,
      principalOf(ctx),
      {
        role,
        agencyId: agencyId ?? null,
        agentId: agentId ?? null,
        label: label ?? null,
        expiresAt: expiresAt ?? null,
      },
      ctx.clock.now(),
    );
    return ApiKeyCreated.of(created);
  }

  @Authorized('ADMIN')
  @Mutation(() => ApiKey, { description: 'Stops the key at once, its open WebSocket connections included.' })
  async revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ApiKey> {
    const key = await revokeApiKey(ctx.em, principalOf(ctx), id, ctx.clock.now());
    // Every instance forgets it when the table notifies; this one does not wait for that.
    ctx.services.get(KEY_DIRECTORY).forget(key.id);
    return key;
  }

  @Authorized('ADMIN')
  @Mutation(() => ApiKeyCreated, {
    description: 'A new secret for the same grant; the old one keeps working for overlapMinutes.',
  })
  async rotateApiKey(
    @Arg('id', () => ID) id: string,
    @Arg('overlapMinutes', () => Int, { nullable: true }) overlapMinutes: number | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ApiKeyCreated> {
    const created = await rotateApiKey(ctx.em, principalOf(ctx), id, overlapMinutes ?? 0, ctx.clock.now());
    ctx.services.get(KEY_DIRECTORY).forget(id);
    return ApiKeyCreated.of(created);
  }

  @FieldResolver(() => Agency, { nullable: true })
  agency(@Root() key: ApiKey, @Ctx() ctx: RequestContext): Promise<Agency | null> {
    return related(ctx.em, key, 'agency');
  }

  @FieldResolver(() => Agent, { nullable: true })
  agent(@Root() key: ApiKey, @Ctx() ctx: RequestContext): Promise<Agent | null> {
    return related(ctx.em, key, 'agent');
  }
}
