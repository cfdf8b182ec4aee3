import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { principalOf, type RequestContext } from '../../core/graphql/context.ts';
import { ImportAccountInput, ImportResult } from './import.input.ts';
import { IMPORTED_TABLES, importAccounts } from './import.service.ts';
import { refreshStatisticsAfter } from '../../core/database/statistics.ts';

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
    await refreshStatisticsAfter(ctx.em, IMPORTED_TABLES, imported);
    return { imported };
  }
}
