import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { AgingBucket as AgingBucketName } from '@recupera/shared';
import { AgingBucket } from '../../core/graphql/enums.ts';
import { Money } from '../../core/graphql/money.type.ts';
import { DateScalar, DateTimeScalar } from '../../core/graphql/scalars.ts';

@InputType('KpiScope')
export class KpiScope {
  @Field(() => ID, { nullable: true })
  campaignId?: string | null;

  @Field(() => ID, { nullable: true })
  queueId?: string | null;

  @Field(() => ID, { nullable: true })
  agentId?: string | null;

  @Field(() => ID, { nullable: true })
  agencyId?: string | null;
}

@ObjectType('BucketRecovery', {
  description:
    'Collected in the window on accounts in the bucket at the start of the business day, over their balance then.',
})
export class BucketRecovery {
  @Field(() => AgingBucket) bucket!: AgingBucketName;
  @Field(() => Money) collected!: Money;
  @Field(() => Money) outstandingAtStart!: Money;
  @Field(() => Float, { nullable: true }) rate!: number | null;
}

@ObjectType('Kpis', { description: 'Rates are null when their denominator is zero.' })
export class Kpis {
  @Field(() => Int) attempts!: number;
  @Field(() => Int) contacts!: number;
  @Field(() => Int) rightPartyContacts!: number;
  @Field(() => Int) promises!: number;
  @Field(() => Int) promisesKept!: number;
  @Field(() => Int) promisesBroken!: number;
  @Field(() => Int, { description: 'Resolved promises partly paid: counted as broken in the kept rate.' })
  promisesPartiallyKept!: number;
  @Field(() => Float, { nullable: true }) contactRate!: number | null;
  @Field(() => Float, { nullable: true }) rpcRate!: number | null;
  @Field(() => Float, { nullable: true }) promiseRate!: number | null;
  @Field(() => Float, { nullable: true }) promisesKeptRate!: number | null;
  @Field(() => Float, { nullable: true }) youngDebtRecoveryRate!: number | null;
  @Field(() => [Money]) amountPromised!: Money[];
  @Field(() => [Money]) amountCollected!: Money[];
  @Field(() => [BucketRecovery], { description: 'Recovery per aging bucket and currency.' })
  recoveryByBucket!: BucketRecovery[];
  @Field(() => DateTimeScalar) asOf!: Date;
  @Field(() => Boolean, {
    description:
      'True when events committed before asOf may not be counted yet: the event bus (Redis) is unavailable or ' +
      'still catching up, so the figures are exact as of the last event this instance received and may lag. ' +
      'False when every committed event is counted.',
  })
  mayLag!: boolean;
}

@ObjectType('KpiTrendPoint', { description: "One step of today's trend: the step's own figures, not cumulative." })
export class KpiTrendPoint {
  @Field(() => DateTimeScalar) from!: Date;
  @Field(() => Int) attempts!: number;
  @Field(() => Int) contacts!: number;
  @Field(() => Int) rightPartyContacts!: number;
  @Field(() => Int) promises!: number;
  @Field(() => Int, { description: 'Always 0: outcomes count by due date (a whole day), see kpis.' })
  promisesKept!: number;
  @Field(() => Int, { description: 'Always 0, as promisesKept.' }) promisesBroken!: number;
  @Field(() => Int, { description: 'Always 0, as promisesKept.' }) promisesPartiallyKept!: number;
  @Field(() => Float, { nullable: true }) contactRate!: number | null;
  @Field(() => Float, { nullable: true }) rpcRate!: number | null;
  @Field(() => Float, { nullable: true }) promiseRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Always null, as promisesKept.' })
  promisesKeptRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Always null per step: see recoveryByBucket of kpis.' })
  youngDebtRecoveryRate!: number | null;
  @Field(() => [Money]) amountPromised!: Money[];
  @Field(() => [Money]) amountCollected!: Money[];
}

@ObjectType('AgentPerformance', { description: "An agent's figures in a window (docs/design.md, agent figures)." })
export class AgentPerformance {
  @Field(() => Int) attempts!: number;
  @Field(() => Int) contacts!: number;
  @Field(() => Int) rightPartyContacts!: number;
  @Field(() => Int) promises!: number;
  @Field(() => [Money]) amountPromised!: Money[];
  @Field(() => [Money], { description: 'Payments on promises the agent took.' }) amountCollected!: Money[];
  @Field(() => Float, { nullable: true }) promisesKeptRate!: number | null;
  @Field(() => Float, { nullable: true }) attemptsPerLoggedInHour!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean duration of the attempts, in seconds.' })
  averageHandleSeconds!: number | null;
  @Field(() => Float, { nullable: true, description: 'Time on contact over logged-in time.' })
  occupancy!: number | null;
  @Field(() => Int) loggedInSeconds!: number;
  @Field(() => Int, { description: 'Contacts in the last hour, whatever the window.' }) contactsLastHour!: number;
}

@ObjectType('OperationInfo', { description: 'How the operation counts time and money.' })
export class OperationInfo {
  @Field(() => String, { description: 'IANA zone of the business day and the TODAY window.' }) timeZone!: string;
  @Field(() => String, { description: 'Currency of the headline figures.' }) currency!: string;
  @Field(() => DateScalar) businessDate!: string;
}
