import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { principalOf, type RequestContext } from '../../core/graphql/context.ts';
import { Money } from '../../core/graphql/money.type.ts';
import { RecordPaymentInput } from './payment.input.ts';
import { Payment } from './payment.entity.ts';
import { reversePayment } from './payment-reversal.service.ts';
import { writePayment } from './payment-writer.ts';
import { FAST_SQL } from '../../core/database/fast-sql.ts';
import { Account } from '../portfolio/account.entity.ts';

@Resolver(() => Payment)
export class PaymentResolver {
  @FieldResolver(() => Money)
  amount(@Root() payment: Payment): Money {
    return Money.fromStored(payment.amount, payment.currency);
  }

  /** Payment feeds post here; posting the same `reference` again returns the first payment. */
  @Authorized('ADMIN', 'MANAGER', 'AGENCY')
  @Mutation(() => Payment)
  async recordPayment(
    @Arg('input', () => RecordPaymentInput) input: RecordPaymentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Payment> {
    const { payment } = await writePayment(
      ctx.services.get(FAST_SQL),
      principalOf(ctx),
      { now: ctx.clock.now(), businessDate: ctx.businessDate, timeZone: ctx.clock.timeZone },
      { overpaymentTolerance: ctx.settings.overpaymentTolerance },
      input,
    );
    // The row as written (or as first written, for a replay), as the entity the field resolvers read.
    const { accountId, ...fields } = payment;
    return ctx.em.create(
      Payment,
      { ...fields, account: ctx.em.getReference(Account, accountId) },
      { managed: true, persist: false, partial: true },
    );
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
