import type { AgingBucket as AgingBucketName, Channel as ChannelName } from '@recupera/shared';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { AgingBucket, Channel } from '../../core/graphql/enums.ts';
import { Money } from '../../core/graphql/money.type.ts';
import { DateScalar } from '../../core/graphql/scalars.ts';
import { Campaign } from '../campaigns/campaign.entity.ts';

@InputType('AnalyticsFilter', {
  description: "Business dates in the operation's zone, both ends included; every other field narrows the facts.",
})
export class AnalyticsFilter {
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar) to!: string;
  @Field(() => ID, { nullable: true }) campaignId?: string | null;
  @Field(() => ID, { nullable: true }) agencyId?: string | null;
  @Field(() => [AgingBucket], {
    nullable: true,
    description: "The account's aging bucket on the business date of the attempt.",
  })
  buckets?: AgingBucketName[] | null;
  @Field(() => [Channel], { nullable: true }) channels?: ChannelName[] | null;
}

@ObjectType('ContactHeatCell', {
  description:
    "Attempts by channel and by the debtor's local weekday (1 = Monday … 7 = Sunday) and hour (0–23) at which they started.",
})
export class ContactHeatCell {
  @Field(() => Channel) channel!: ChannelName;
  @Field(() => Int) weekday!: number;
  @Field(() => Int) hour!: number;
  @Field(() => Int) attempts!: number;
  @Field(() => Int) contacts!: number;
  @Field(() => Int) rightPartyContacts!: number;
  @Field(() => Int) promises!: number;
  @Field(() => Float, { nullable: true }) contactRate!: number | null;
  @Field(() => Float, { nullable: true }) rpcRate!: number | null;
  @Field(() => Float, { nullable: true }) promiseRate!: number | null;
  @Field(() => [Money], {
    description: 'Per currency: payments counted towards the promises obtained by these attempts, to date.',
  })
  collected!: Money[];
  @Field(() => [Money], {
    description:
      "Per currency: `collected` over the cell's attempts on accounts in that currency, rounded half up to the " +
      "currency's minor unit.",
  })
  collectedPerAttempt!: Money[];
}

@ObjectType('IntensityPoint', {
  description:
    "Outcomes by how many attempts the account had had before: attemptNumber 1 is an account's first attempt ever.",
})
export class IntensityPoint {
  @Field(() => Int) attemptNumber!: number;
  @Field(() => Int) attempts!: number;
  @Field(() => Int) contacts!: number;
  @Field(() => Int) rightPartyContacts!: number;
  @Field(() => Int) promises!: number;
  @Field(() => Float, { nullable: true }) contactRate!: number | null;
  @Field(() => Float, { nullable: true }) promiseRate!: number | null;
  @Field(() => Float, { nullable: true }) rpcRate!: number | null;
  @Field(() => Boolean, {
    description: 'This point counts every attempt from attemptNumber on (the tail of the curve, 20th and later).',
  })
  orMore!: boolean;
}

@ObjectType('VariantResult')
export class VariantResult {
  @Field(() => String, { description: 'CHAMPION or CHALLENGER.' }) variant!: string;
  @Field(() => Int, { description: 'Accounts the variant attempted at least once.' }) accounts!: number;
  @Field(() => Int) attempts!: number;
  @Field(() => Int) contacts!: number;
  @Field(() => Int) rightPartyContacts!: number;
  @Field(() => Int) promises!: number;
  @Field(() => Float, { nullable: true }) contactRate!: number | null;
  @Field(() => Float, { nullable: true }) promiseRate!: number | null;
  @Field(() => Float, { nullable: true }) rpcRate!: number | null;
  @Field(() => [Money], { description: "Payments counted towards the promises the variant's attempts obtained." })
  amountCollected!: Money[];
  @Field(() => String, { nullable: true, description: 'The script the variant follows.' })
  script!: string | null;
}

@ObjectType('ChampionChallenger')
export class ChampionChallenger {
  @Field(() => Campaign) campaign!: Campaign;
  @Field(() => VariantResult) champion!: VariantResult;
  @Field(() => VariantResult, { nullable: true }) challenger!: VariantResult | null;
  @Field(() => Float, {
    nullable: true,
    description:
      "The challenger's promise rate minus the champion's, with its 95 % confidence interval; null without a challenger or data.",
  })
  difference!: number | null;
  @Field(() => Float, { nullable: true }) confidenceLow!: number | null;
  @Field(() => Float, { nullable: true }) confidenceHigh!: number | null;
  @Field(() => Boolean) significant!: boolean;
  @Field(() => String, {
    description:
      'A plain sentence for a manager: which variant leads, whether the difference is significant yet, and roughly how many more attempts it would take.',
  })
  statement!: string;
  @Field(() => String, { description: 'How the interval is computed (Newcombe hybrid score, 95 %).' })
  method!: string;
  @Field(() => Int, {
    nullable: true,
    description:
      'More right-party contacts, both variants together, for 80 % power at the observed promise rates (two-sided 5 %); null when already significant or not estimable.',
  })
  moreRightPartyContactsNeeded!: number | null;
  @Field(() => Int, {
    nullable: true,
    description: 'The same need in attempts, at each variant’s observed right-party contact rate.',
  })
  moreAttemptsNeeded!: number | null;
}

@ObjectType('CurrencyBalanceShare')
export class CurrencyBalanceShare {
  @Field(() => String) currency!: string;
  @Field(() => Money, { description: "The balance at the period's start of the accounts that moved this way." })
  balance!: Money;
  @Field(() => Float, { nullable: true }) share!: number | null;
}

@ObjectType('RollRate', {
  description:
    'Of the accounts (and balance) in fromBucket at the start of the period, the share that ended the period in toBucket.',
})
export class RollRate {
  @Field(() => AgingBucket) fromBucket!: AgingBucketName;
  @Field(() => AgingBucket, { description: 'CURRENT includes the accounts paid off (the cure).' })
  toBucket!: AgingBucketName;
  @Field(() => Int) accounts!: number;
  @Field(() => Float, { nullable: true }) accountShare!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: "Share of the balance in the operation's currency; every currency is in balanceShares.",
  })
  balanceShare!: number | null;
  @Field(() => Int, { description: 'Of `accounts`, those paid off by the end of the period (toBucket CURRENT).' })
  paidOffAccounts!: number;
  @Field(() => [CurrencyBalanceShare]) balanceShares!: CurrencyBalanceShare[];
}

@ObjectType('BucketLiquidation', {
  description:
    'Collected in the period on the accounts that were in the bucket at its start, over their balance then (one row per currency).',
})
export class BucketLiquidation {
  @Field(() => AgingBucket) bucket!: AgingBucketName;
  @Field(() => Int) accounts!: number;
  @Field(() => Money) balanceAtStart!: Money;
  @Field(() => Money) collected!: Money;
  @Field(() => Float, { nullable: true }) rate!: number | null;
}

@ObjectType('ScriptResult', {
  description: 'Attempts made with one script (the same text in any campaign or variant).',
})
export class ScriptResult {
  @Field(() => String, { nullable: true, description: 'The script text; null for attempts with no script.' })
  script!: string | null;
  @Field(() => [ID], { description: 'The campaigns that used it.' }) campaignIds!: string[];
  @Field(() => [String]) campaignNames!: string[];
  @Field(() => Int) accounts!: number;
  @Field(() => Int) attempts!: number;
  @Field(() => Int) contacts!: number;
  @Field(() => Int) rightPartyContacts!: number;
  @Field(() => Int) promises!: number;
  @Field(() => Float, { nullable: true }) contactRate!: number | null;
  @Field(() => Float, { nullable: true }) rpcRate!: number | null;
  @Field(() => Float, { nullable: true }) promiseRate!: number | null;
  @Field(() => [Money]) amountCollected!: Money[];
}
