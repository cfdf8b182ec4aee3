import type { Channel as ChannelName } from '@recupera/shared';
import { Field, InputType, Int } from 'type-graphql';
import { Channel } from '../../core/graphql/enums.ts';
import { AccountFilterInput } from '../portfolio/account-filter.ts';

@InputType('QueueInput')
export class QueueInput {
  @Field(() => String)
  name!: string;

  @Field(() => AccountFilterInput, { nullable: true })
  filter?: AccountFilterInput | null;

  @Field(() => Int, { nullable: true })
  priority?: number | null;
}

@InputType('CreateCampaignInput')
export class CreateCampaignInput {
  @Field(() => String)
  name!: string;

  @Field(() => Channel)
  channel!: ChannelName;

  @Field(() => AccountFilterInput)
  filter!: AccountFilterInput;

  @Field(() => [QueueInput])
  queues!: QueueInput[];
}
