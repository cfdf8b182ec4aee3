import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { related } from '../../core/database/relations.ts';
import type { RequestContext } from '../../core/graphql/context.ts';
import { Money } from '../../core/graphql/money.type.ts';
import { Account } from '../portfolio/account.entity.ts';
import { invalidPhonesFor, tenantOf } from '../portfolio/phone-validity.ts';
import { scoreAccount } from './account-scoring.ts';
import { ContactCheck, PropensityType, QueuePlace } from './account-insight.types.ts';
import { decideContact, effectiveProfile, loadContactHistory } from './contact-eligibility.ts';
import { PARKED } from './queue-membership.service.ts';
import { QueueMembership } from './queue-membership.entity.ts';

/** What a supervisor reads in the case view: why the account is where it is, and whether it may be called. */
@Resolver(() => Account)
export class AccountInsightResolver {
  @FieldResolver(() => PropensityType, {
    complexity: 20,
    description: 'Propensity to pay today, explained factor by factor.',
  })
  async propensity(@Root() account: Account, @Ctx() ctx: RequestContext): Promise<PropensityType> {
    const debtor = await related(ctx.em, account, 'debtor');
    const holder = await related(ctx.em, account, 'agency');
    return scoreAccount(
      account,
      debtor,
      invalidPhonesFor(debtor, tenantOf(holder)),
      ctx.businessDate,
      ctx.clock.timeZone,
    );
  }

  @FieldResolver(() => QueuePlace, {
    complexity: 40,
    nullable: true,
    description: 'Its place in a work queue, if it is in one.',
  })
  async queuePlace(@Root() account: Account, @Ctx() ctx: RequestContext): Promise<QueuePlace | null> {
    const membership = await ctx.em.findOne(QueueMembership, { account }, { populate: ['queue', 'reservedBy'] });
    if (!membership) return null;
    const now = ctx.clock.now();
    return {
      queue: membership.queue,
      score: Number(membership.score),
      expectedRecovery: Money.fromStored(membership.expectedRecovery, account.currency),
      factors: membership.scoreFactors ?? [],
      variant: membership.variant,
      nextAttemptAt:
        membership.nextAttemptAt && membership.nextAttemptAt.getTime() !== PARKED.getTime()
          ? membership.nextAttemptAt
          : null,
      skippedBecause: membership.skippedBecause ?? [],
      reservedBy: membership.reservedUntil && membership.reservedUntil > now ? membership.reservedBy : null,
    };
  }

  @FieldResolver(() => ContactCheck, {
    complexity: 100,
    description: "The contact rules (the creditor's country, holds, caps) applied now.",
  })
  async contactCheck(@Root() account: Account, @Ctx() ctx: RequestContext): Promise<ContactCheck> {
    const debtor = await related(ctx.em, account, 'debtor');
    const creditor = await related(ctx.em, account, 'creditor');
    const membership = await ctx.em.findOne(QueueMembership, { account }, { populate: ['campaign'] });
    const profile = effectiveProfile(creditor.contactProfile, {
      startMinute: membership?.campaign.windowStartMinute ?? null,
      endMinute: membership?.campaign.windowEndMinute ?? null,
    });
    const subject = {
      accountId: account.id,
      timeZone: debtor.timeZone,
      doNotContact: debtor.doNotContact,
      disputed: account.status === 'DISPUTED',
      country: creditor.contactProfile,
    };
    const now = ctx.clock.now();
    const history = await loadContactHistory(ctx.em, subject, profile, now);
    const decision = decideContact(subject, profile, history, now);
    return {
      allowed: decision.allowed,
      reasons: decision.reasons,
      nextOpportunity: decision.retryAt.getTime() === PARKED.getTime() ? null : decision.retryAt,
    };
  }
}
