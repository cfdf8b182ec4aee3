import type { AgingBucket as AgingBucketName } from '@recupera/shared';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { AgingBucket } from '../../core/graphql/enums.ts';
import { Money } from '../../core/graphql/money.type.ts';
import { DateTimeScalar } from '../../core/graphql/scalars.ts';
import { Agent } from '../agencies/agent.entity.ts';
import { WorkQueue } from './work-queue.entity.ts';

@ObjectType('ScoreFactorParams', { description: "The facts a score factor's sentence is made of." })
export class ScoreFactorParams {
  @Field(() => AgingBucket, { nullable: true, description: 'BUCKET: the bucket whose base odds apply.' })
  bucket?: AgingBucketName;

  @Field(() => Int, {
    nullable: true,
    description: 'RECENT_PAYMENT, JUST_REACHED, RESTED: days since the payment, the contact, the last attempt.',
  })
  days?: number;

  @Field(() => Int, { nullable: true, description: 'PROMISES_KEPT, PROMISES_BROKEN, REFUSALS: how many.' })
  count?: number;
}

@ObjectType('ScoreFactor', {
  description:
    'One named contribution to the propensity-to-pay score: a code and its parameters, which a client words in ' +
    "its reader's language (docs/api.md).",
})
export class ScoreFactor {
  @Field(() => String, {
    description:
      'The code: BUCKET, RECENT_PAYMENT, PROMISES_KEPT, PROMISES_BROKEN, REFUSALS, JUST_REACHED, NEVER_ATTEMPTED, ' +
      'RESTED or NO_VALID_CONTACT (a client shows an unknown one by its detail).',
  })
  factor!: string;

  @Field(() => Float) effect!: number;

  @Field(() => String, { description: 'The factor in one English sentence, whatever the language asked for.' })
  detail!: string;

  @Field(() => ScoreFactorParams, {
    nullable: true,
    description: 'What the sentence is made of; null on a queue place scored before parameters were kept.',
  })
  params?: ScoreFactorParams | null;
}

@ObjectType('Propensity', { description: 'Propensity to pay in [0, 1] and the factors that make it up.' })
export class PropensityType {
  @Field(() => Float) score!: number;
  @Field(() => [ScoreFactor]) factors!: ScoreFactor[];
}

@ObjectType('ContactCheck', {
  description: 'Whether the contact rules allow contacting the account right now, and why not.',
})
export class ContactCheck {
  @Field(() => Boolean) allowed!: boolean;
  @Field(() => [String], {
    description:
      'The code of every rule that blocks contact now: DO_NOT_CONTACT, DISPUTED, OUTSIDE_HOURS, NOT_A_CONTACT_DAY, ' +
      'PUBLIC_HOLIDAY, DAILY_CAP, ROLLING_CAP, QUIET_AFTER_CONVERSATION (a client words them).',
  })
  reasons!: string[];
  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When contact may next be possible; null while on hold.',
  })
  nextOpportunity!: Date | null;
}

@ObjectType('QueuePlace', { description: "The account's place in a work queue." })
export class QueuePlace {
  @Field(() => WorkQueue) queue!: WorkQueue;
  @Field(() => Float) score!: number;
  @Field(() => Money) expectedRecovery!: Money;
  @Field(() => [ScoreFactor]) factors!: ScoreFactor[];
  @Field(() => String, { description: 'CHAMPION or CHALLENGER treatment.' }) variant!: string;
  @Field(() => DateTimeScalar, { nullable: true }) nextAttemptAt!: Date | null;
  @Field(() => [String], {
    description: 'Why nextAccount last passed the account over (ContactCheck.reasons codes); empty when it was not.',
  })
  skippedBecause!: string[];
  @Field(() => Agent, { nullable: true, description: 'The agent holding it right now.' }) reservedBy!: Agent | null;
}
