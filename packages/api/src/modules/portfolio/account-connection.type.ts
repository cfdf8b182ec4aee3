import { Field, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../core/graphql/scalars.ts';
import { PageInfo } from '../../core/graphql/page-info.type.ts';
import { Account } from './account.entity.ts';
import type { AccountNode } from './account-rows.ts';

@ObjectType('AccountEdge')
export class AccountEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Account)
  node!: AccountNode;
}

@ObjectType('AccountConnection')
export class AccountConnection {
  @Field(() => [AccountEdge])
  edges!: AccountEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  /**
   * Counting every match costs as much as the rest of the page on a large portfolio, so the count runs only
   * when a client selects `totalCount` (see AccountConnectionResolver).
   */
  countTotal!: () => Promise<number>;
}

@ObjectType('AccountHistorySummary', {
  description:
    "The account's running figures over its whole life, whoever held it: what a new holder learns of the history " +
    'before its placement (docs/agencies.md). The facts themselves stay with the holder that made them.',
})
export class AccountHistorySummary {
  @Field(() => Int)
  paymentCount!: number;

  @Field(() => DateTimeScalar, { nullable: true })
  lastPaymentAt!: Date | null;

  @Field(() => Int)
  promisesKept!: number;

  @Field(() => Int)
  promisesBroken!: number;

  @Field(() => DateTimeScalar, { nullable: true })
  lastAttemptAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  lastRightPartyContactAt!: Date | null;
}
