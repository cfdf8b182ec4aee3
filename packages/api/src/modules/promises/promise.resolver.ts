import { FieldResolver, Resolver, Root } from 'type-graphql';
import { Money } from '../../core/graphql/money.type.ts';
import { PromiseToPay } from './promise-to-pay.entity.ts';

@Resolver(() => PromiseToPay)
export class PromiseResolver {
  @FieldResolver(() => Money)
  amount(@Root() promise: PromiseToPay): Money {
    return Money.fromStored(promise.amount, promise.currency);
  }
}
