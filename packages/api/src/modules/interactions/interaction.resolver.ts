import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { FAST_SQL } from '../../core/database/fast-sql.ts';
import { related } from '../../core/database/relations.ts';
import { principalOf, type RequestContext } from '../../core/graphql/context.ts';
import { Agent } from '../agencies/agent.entity.ts';
import { Account } from '../portfolio/account.entity.ts';
import { PromiseToPay } from '../promises/promise-to-pay.entity.ts';
import { Interaction } from './interaction.entity.ts';
import { writeInteraction } from './interaction-writer.ts';
import { RecordInteractionInput } from './record-interaction.input.ts';

@Resolver(() => Interaction)
export class InteractionResolver {
  @FieldResolver(() => Account, { complexity: 2 })
  account(@Root() interaction: Interaction, @Ctx() ctx: RequestContext): Promise<Account> {
    return related(ctx.em, interaction, 'account');
  }

  @FieldResolver(() => Agent, { complexity: 2, nullable: true })
  agent(@Root() interaction: Interaction, @Ctx() ctx: RequestContext): Promise<Agent | null> {
    return related(ctx.em, interaction, 'agent');
  }

  @FieldResolver(() => PromiseToPay, { complexity: 3, nullable: true })
  promise(@Root() interaction: Interaction, @Ctx() ctx: RequestContext): Promise<PromiseToPay | null> {
    return ctx.em.findOne(PromiseToPay, { interaction });
  }

  @Authorized('ADMIN', 'MANAGER', 'AGENT', 'AGENCY')
  @Mutation(() => Interaction)
  async recordInteraction(
    @Arg('input', () => RecordInteractionInput) input: RecordInteractionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Interaction> {
    const { interaction } = await writeInteraction(
      ctx.services.get(FAST_SQL),
      principalOf(ctx),
      { now: ctx.clock.now(), businessDate: ctx.businessDate, timeZone: ctx.clock.timeZone },
      { promiseMaxDays: ctx.settings.promiseMaxDays },
      input,
    );
    // The row as written, as the entity the field resolvers read (its account and agent load when asked for).
    const { accountId, agentId, ...fields } = interaction;
    return ctx.em.create(
      Interaction,
      {
        ...fields,
        account: ctx.em.getReference(Account, accountId),
        agent: agentId ? ctx.em.getReference(Agent, agentId) : null,
      },
      { managed: true, persist: false },
    );
  }
}
