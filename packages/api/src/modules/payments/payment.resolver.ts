import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { principalOf, type RequestContext } from '../../core/graphql/context.ts';
import { Money } from '../../core/graphql/money.type.ts';
import { RecordPaymentInput } from './payment.input.ts';
import { Payment } from './payment.entity.ts';
import { reversePayment } from './payment-reversal.service.ts';
import { recordPayment } from './payment.service.ts';

@Resolver(() => Payment)
export class PaymentResolver {
  @FieldResolver(() => Money)
  amount(@Root() payment: Payment): Money {
    return Money.fromStored(payment.amount, payment.currency);
  }

  /** Payment feeds post here; posting the same `reference` again returns the first payment. */
  @Authorized('ADMIN', 'MANAGER', 'AGENCY')
  @Mutation(() => Payment)
  recordPayment(
    @Arg('input', () => RecordPaymentInput) input: RecordPaymentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Payment> {
    return recordPayment(ctx.em, principalOf(ctx), { clock: ctx.clock, businessDate: ctx.businessDate }, input);
  }

  @Authorized('ADMIN', 'MANAGER')
  @Mutation(() => Payment, {
    description:
      'Takes a payment back (a chargeback): a negative line at this moment, the balance and the promises it paid ' +
      'restored, its commission reversed. Once per payment.',
  })
  reversePayment(
    @Arg('paymentId', () => ID) paymentId: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Payment> {
    return reversePayment(ctx.em, principalOf(ctx), ctx.clock, { paymentId, reason });
  }
}
