import type { Channel as ChannelName, Disposition as DispositionName } from '@recupera/shared';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Channel, Disposition } from '../../core/graphql/enums.ts';
import { DateScalar, DateTimeScalar } from '../../core/graphql/scalars.ts';

@InputType('PromiseInput')
export class PromiseInput {
  @Field(() => String)
  amount!: string;

  @Field(() => DateScalar)
  dueDate!: string;
}

@InputType('RecordInteractionInput')
export class RecordInteractionInput {
  @Field(() => ID)
  accountId!: string;

  @Field(() => ID, { nullable: true })
  agentId?: string | null;

  @Field(() => Channel)
  channel!: ChannelName;

  @Field(() => Disposition)
  disposition!: DispositionName;

  @Field(() => DateTimeScalar, { nullable: true })
  startedAt?: Date | null;

  @Field(() => Int, { nullable: true })
  durationSeconds?: number | null;

  @Field(() => String, { nullable: true })
  notes?: string | null;

  @Field(() => PromiseInput, { nullable: true, description: 'Required when the disposition is PROMISE_TO_PAY.' })
  promise?: PromiseInput | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The phone number or address used. For WRONG_NUMBER, the number to mark invalid; may be left out when the debtor has exactly one phone.',
  })
  contactPoint?: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      'Required when the disposition is CALLBACK_REQUESTED (and refused otherwise): when the debtor asked to be called back, in the future and within 30 days.',
  })
  callbackAt?: Date | null;
}
