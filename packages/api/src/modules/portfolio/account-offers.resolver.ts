import { allowedOffers, daysPastDue, storedToMinor } from '@recupera/shared';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../core/graphql/context.ts';
import { Account } from './account.entity.ts';
import type { AccountNode } from './account-rows.ts';
import { OfferType, toOfferType } from './offer.types.ts';

/** What the agent may offer in the case view, from the account's running figures: no extra query. */
@Resolver(() => Account)
export class AccountOffersResolver {
  @FieldResolver(() => [OfferType], {
    complexity: 20,
    description: 'What may be offered to the debtor today: none on a settled or disputed account.',
  })
  offers(@Root() account: AccountNode, @Ctx() ctx: RequestContext): OfferType[] {
    return allowedOffers({
      balanceMinor: storedToMinor(account.balance, account.currency),
      currency: account.currency,
      daysPastDue: daysPastDue(account.dueDate, ctx.businessDate),
      promisesKept: account.promisesKept,
      promisesBroken: account.promisesBroken,
      paymentCount: account.paymentCount,
      disputed: account.status === 'DISPUTED',
      businessDate: ctx.businessDate,
    }).map(toOfferType);
  }
}
