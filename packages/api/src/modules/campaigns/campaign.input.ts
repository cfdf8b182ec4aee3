import type { Channel as ChannelName } from '@recupera/shared';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { Channel } from '../../core/graphql/enums.ts';
import { DateScalar } from '../../core/graphql/scalars.ts';
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

@InputType('ChallengerInput', { description: 'A variant of the treatment tried on a share of the accounts.' })
export class ChallengerInput {
  @Field(() => String)
  name!: string;

  @Field(() => Float, { description: 'Share of the accounts that get the challenger, between 0 and 1 (exclusive).' })
  share!: number;

  @Field(() => String, { nullable: true })
  script?: string | null;
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

  @Field(() => String, { nullable: true, description: 'What the agent says or the message reads.' })
  script?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Collections per day the campaign aims at, a decimal in the operation's currency.",
  })
  dailyTarget?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Earliest local time to contact (HH:MM, debtor's time zone); the country's law always applies too.",
  })
  windowStart?: string | null;

  @Field(() => String, { nullable: true, description: 'Latest local time to contact (HH:MM, exclusive).' })
  windowEnd?: string | null;

  @Field(() => DateScalar, { nullable: true })
  startsOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  endsOn?: string | null;

  @Field(() => ChallengerInput, { nullable: true })
  challenger?: ChallengerInput | null;

  @Field(() => ID, {
    nullable: true,
    description: 'A partner agency running the campaign on the accounts placed with it.',
  })
  agencyId?: string | null;
}
