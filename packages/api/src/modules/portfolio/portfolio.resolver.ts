import { Arg, Authorized, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import { principalOf, type RequestContext } from '../../core/graphql/context.ts';
import { AccountFilterInput } from './account-filter.ts';
import { ImportAccountInput, ImportResult } from './import.input.ts';
import { importAccounts } from './import.service.ts';
import { placeAccounts } from './placement.service.ts';

@Resolver()
export class PortfolioResolver {
  @Authorized('ADMIN', 'MANAGER')
  @Mutation(() => ImportResult, {
    description: 'All or nothing: one invalid row rejects the batch with BAD_USER_INPUT naming the row.',
  })
  async importAccounts(
    @Arg('creditorName', () => String) creditorName: string,
    @Arg('portfolioName', () => String) portfolioName: string,
    @Arg('accounts', () => [ImportAccountInput]) accounts: ImportAccountInput[],
    @Ctx() ctx: RequestContext,
  ): Promise<ImportResult> {
    const imported = await importAccounts(ctx.em, principalOf(ctx), { creditorName, portfolioName, accounts });
    return { imported };
  }

  @Authorized('ADMIN', 'MANAGER')
  @Mutation(() => Int)
  placeAccounts(
    @Arg('filter', () => AccountFilterInput) filter: AccountFilterInput,
    @Arg('agencyId', () => ID) agencyId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<number> {
    return placeAccounts(ctx.em, principalOf(ctx), ctx.businessDate, filter, agencyId);
  }
}
