import { Field, ObjectType } from 'type-graphql';
import { PageInfo } from '../../core/graphql/page-info.type.ts';
import { Account } from './account.entity.ts';

@ObjectType('AccountEdge')
export class AccountEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Account)
  node!: Account;
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
