import { Field, ID, InputType } from 'type-graphql';
import { DateTimeScalar } from '../../core/graphql/scalars.ts';

@InputType('RecordPaymentInput')
export class RecordPaymentInput {
  @Field(() => ID)
  accountId!: string;

  @Field(() => String)
  amount!: string;

  @Field(() => String)
  currency!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  paidAt?: Date | null;

  @Field(() => String, {
    description:
      'Idempotency key of the poster (its tenant and `source`): posting the same reference again returns the first payment and changes nothing.',
  })
  reference!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "The feed posting it (e.g. a bank's collection file), when one tenant runs several: references are unique per tenant and source.",
  })
  source?: string | null;
}
