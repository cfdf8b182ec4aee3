import { bucketOf, daysPastDue, type AgingBucket as AgingBucketName } from '@recupera/shared';
import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Extensions,
  Field,
  FieldResolver,
  ID,
  Info,
  Int,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { AgingBucket } from '../../core/graphql/enums.ts';
import { related } from '../../core/database/relations.ts';
import type { RequestContext } from '../../core/graphql/context.ts';
import { Money } from '../../core/graphql/money.type.ts';
import { Agency } from '../agencies/agency.entity.ts';
import { Interaction } from '../interactions/interaction.entity.ts';
import { Payment } from '../payments/payment.entity.ts';
import { PromiseToPay } from '../promises/promise-to-pay.entity.ts';
import { Account } from './account.entity.ts';
import { AccountConnection, AccountHistorySummary } from './account-connection.type.ts';
import { AccountFilterInput } from './account-filter.ts';
import { findAccount, listAccounts } from './account.service.ts';
import { rowsAnswer, type AccountNode, type AgencyRow, type DebtorRow } from './account-rows.ts';
import { Debtor } from './debtor.entity.ts';

/** Rows an account's history lists are priced at (QUERY_TOO_COSTLY): most accounts have fewer. */
const ACCOUNT_HISTORY_LIST_SIZE = 10;

@ArgsType()
class AccountsArgs {
  @Field(() => AccountFilterInput, { nullable: true })
  filter?: AccountFilterInput | null;

  @Field(() => Int, { nullable: true })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@Resolver(() => AccountConnection)
export class AccountConnectionResolver {
  @FieldResolver(() => Int, { complexity: 10 })
  totalCount(@Root() connection: AccountConnection): Promise<number> {
    return connection.countTotal();
  }
}

@Resolver(() => Account)
export class AccountResolver {
  @Authorized()
  @Query(() => AccountConnection)
  accounts(
    @Args(() => AccountsArgs) args: AccountsArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<AccountConnection> {
    return listAccounts(ctx.em, ctx.businessDate, args, rowsAnswer(info) ? 'rows' : 'entities');
  }

  @Authorized()
  @Query(() => Account, { nullable: true })
  account(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Account | null> {
    return findAccount(ctx.em, id);
  }

  @FieldResolver(() => Debtor)
  debtor(@Root() account: AccountNode, @Ctx() ctx: RequestContext): Promise<Debtor | DebtorRow> | DebtorRow {
    // A page read as rows carries its debtor's row, and its agency's (account-rows.ts).
    return account instanceof Account ? related(ctx.em, account, 'debtor') : account.debtor;
  }

  @FieldResolver(() => Money)
  originalAmount(@Root() account: AccountNode): Money {
    return Money.fromStored(account.originalAmount, account.currency);
  }

  @FieldResolver(() => Money)
  balance(@Root() account: AccountNode): Money {
    return Money.fromStored(account.balance, account.currency);
  }

  @FieldResolver(() => Int)
  daysPastDue(@Root() account: AccountNode, @Ctx() ctx: RequestContext): number {
    return daysPastDue(account.dueDate, ctx.businessDate);
  }

  @FieldResolver(() => AgingBucket)
  bucket(@Root() account: AccountNode, @Ctx() ctx: RequestContext): AgingBucketName {
    return bucketOf(account.dueDate, ctx.businessDate);
  }

  @FieldResolver(() => Agency, { nullable: true })
  agency(@Root() account: AccountNode, @Ctx() ctx: RequestContext): Promise<Agency | null> | AgencyRow | null {
    return account instanceof Account ? related(ctx.em, account, 'agency') : account.agency;
  }

  @FieldResolver(() => AccountHistorySummary)
  history(@Root() account: AccountNode): AccountHistorySummary {
    return {
      paymentCount: account.paymentCount,
      lastPaymentAt: account.lastPaymentAt,
      promisesKept: account.promisesKept,
      promisesBroken: account.promisesBroken,
      lastAttemptAt: account.lastAttemptAt,
      lastRightPartyContactAt: account.lastRightPartyContactAt,
    };
  }

  @FieldResolver(() => [Interaction], { complexity: 5 })
  @Extensions({ listSize: ACCOUNT_HISTORY_LIST_SIZE })
  interactions(@Root() account: Account, @Ctx() ctx: RequestContext): Promise<Interaction[]> {
    return ctx.em.find(Interaction, { account }, { orderBy: { startedAt: 'desc', id: 'desc' } });
  }

  @FieldResolver(() => [PromiseToPay], { complexity: 20 })
  @Extensions({ listSize: ACCOUNT_HISTORY_LIST_SIZE })
  promises(@Root() account: Account, @Ctx() ctx: RequestContext): Promise<PromiseToPay[]> {
    return ctx.em.find(PromiseToPay, { account }, { orderBy: { createdAt: 'desc', id: 'desc' } });
  }

  @FieldResolver(() => [Payment], { complexity: 20 })
  @Extensions({ listSize: ACCOUNT_HISTORY_LIST_SIZE })
  payments(@Root() account: Account, @Ctx() ctx: RequestContext): Promise<Payment[]> {
    return ctx.em.find(Payment, { account }, { orderBy: { paidAt: 'desc', id: 'desc' } });
  }
}
