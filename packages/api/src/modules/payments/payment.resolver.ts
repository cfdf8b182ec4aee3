import { Authorized, Arg, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { notImplemented } from '../../core/errors.ts';
import { Money } from '../../core/graphql/money.type.ts';
import { RecordPaymentInput } from './payment.input.ts';
import { Payment } from './payment.entity.ts';

@Resolver(() => Payment)
export class PaymentResolver {
  @FieldResolver(() => Money)
  amount(@Root() payment: Payment): Money {
    return Money.fromStored(payment.amount, payment.currency);
  }

  @Authorized('ADMIN', 'MANAGER', 'AGENCY')
  @Mutation(() => Payment)
  recordPayment(@Arg('input', () => RecordPaymentInput) _input: RecordPaymentInput): Payment {
    throw notImplemented('recordPayment');
  }
}
