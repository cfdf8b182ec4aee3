import { Field, Int, ObjectType } from 'type-graphql';
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

  @Field(() => Int)
  totalCount!: number;
}
