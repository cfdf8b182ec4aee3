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
    description: 'Idempotency key: posting the same reference again returns the first payment and changes nothing.',
  })
  reference!: string;
}
