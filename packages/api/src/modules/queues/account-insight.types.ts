import { Field, Float, ObjectType } from 'type-graphql';
import { Money } from '../../core/graphql/money.type.ts';
import { DateTimeScalar } from '../../core/graphql/scalars.ts';
import { Agent } from '../agencies/agent.entity.ts';
import { WorkQueue } from './work-queue.entity.ts';

@ObjectType('ScoreFactor', { description: 'One named contribution to the propensity-to-pay score.' })
export class ScoreFactor {
  @Field(() => String) factor!: string;
  @Field(() => Float) effect!: number;
  @Field(() => String) detail!: string;
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
  @Field(() => [String], { description: 'Every rule that blocks contact now (hours, day, holiday, caps, holds).' })
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
  @Field(() => [String], { description: 'Why nextAccount last passed the account over; empty when it was not.' })
  skippedBecause!: string[];
  @Field(() => Agent, { nullable: true, description: 'The agent holding it right now.' }) reservedBy!: Agent | null;
}
