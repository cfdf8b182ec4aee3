import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { related } from '../../core/database/relations.ts';
import { principalOf, type RequestContext } from '../../core/graphql/context.ts';
import { Agent } from '../agencies/agent.entity.ts';
import { Account } from '../portfolio/account.entity.ts';
import { PromiseToPay } from '../promises/promise-to-pay.entity.ts';
import { Interaction } from './interaction.entity.ts';
import { recordInteraction } from './interaction.service.ts';
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

  @Authorized('ADMIN', 'MANAGER', 'SUPERVISOR', 'AGENT', 'AGENCY')
  @Mutation(() => Interaction)
  recordInteraction(
    @Arg('input', () => RecordInteractionInput) input: RecordInteractionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Interaction> {
    return recordInteraction(
      ctx.em,
      principalOf(ctx),
      { clock: ctx.clock, businessDate: ctx.businessDate },
      { promiseMaxDays: ctx.settings.promiseMaxDays },
      input,
    );
  }
}
