import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Money } from '../../core/graphql/money.type.ts';
import { DateScalar } from '../../core/graphql/scalars.ts';
import { AgingBucket } from '../../core/graphql/enums.ts';
import { Agency } from '../agencies/agency.entity.ts';

@ObjectType('AgencyStatement', {
  description: 'What an agency collected in a period on accounts placed with it, and the commission it earned.',
})
export class AgencyStatement {
  @Field(() => Agency)
  agency!: Agency;

  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;

  @Field(() => Int)
  placedAccounts!: number;

  @Field(() => [Money])
  collected!: Money[];

  @Field(() => [Money])
  commission!: Money[];

  @Field(() => Int, { description: 'Payment lines in the period, reversal lines included.' })
  payments!: number;

  @Field(() => Int, { description: 'Reversal lines in the period: each takes back a payment and its commission.' })
  reversals!: number;
}

@ObjectType('AgencyComparisonRow', {
  description:
    'One team (a partner agency, or the in-house team) on the accounts it held when the period began, in one ' +
    'bucket and balance band (both null on a team total).',
})
export class AgencyComparisonRow {
  @Field(() => Agency, { nullable: true, description: 'Null for the in-house team.' })
  agency!: Agency | null;

  @Field(() => Boolean)
  inHouse!: boolean;

  @Field(() => AgingBucket, { nullable: true })
  bucket!: string | null;

  @Field(() => String, { nullable: true })
  balanceBand!: string | null;

  @Field(() => Int)
  accounts!: number;

  @Field(() => Money)
  balanceAtStart!: Money;

  @Field(() => Money)
  collected!: Money;

  @Field(() => Money)
  collectedPerAccount!: Money;

  @Field(() => Float, { nullable: true })
  recoveryRate!: number | null;

  @Field(() => Int)
  attempts!: number;

  @Field(() => Float, { nullable: true })
  contactRate!: number | null;

  @Field(() => Float, { nullable: true })
  promisesKeptRate!: number | null;
}

@ObjectType('AgencyComparison')
export class AgencyComparison {
  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;

  @Field(() => String, { description: "The operation's currency: accounts in other currencies are not compared." })
  currency!: string;

  @Field(() => [AgencyComparisonRow], { description: 'Team by team, bucket by bucket, band by band.' })
  rows!: AgencyComparisonRow[];

  @Field(() => [AgencyComparisonRow], { description: 'Each team over every bucket and band.' })
  totals!: AgencyComparisonRow[];
}
