import { Arg, Authorized, Ctx, FieldResolver, Float, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { jobsOf, principalOf, type RequestContext } from '../../core/graphql/context.ts';
import { ImportAccountInput } from './import.input.ts';
import { ImportJob } from './import-job.entity.ts';
import { findImportJob, importProgress, MAX_STAGED_IMPORT_ROWS, startImport } from './import-job.service.ts';

@Resolver(() => ImportJob)
export class ImportJobResolver {
  @Authorized('ADMIN', 'MANAGER')
  @Mutation(() => ImportJob, {
    description:
      `Queues a large import (up to ${MAX_STAGED_IMPORT_ROWS} accounts) and returns at once; poll importJob(id). ` +
      'All or nothing like importAccounts: every row is validated before anything is written, then one transaction ' +
      'writes them all.',
  })
  startImport(
    @Arg('creditorName', () => String) creditorName: string,
    @Arg('portfolioName', () => String) portfolioName: string,
    @Arg('accounts', () => [ImportAccountInput]) accounts: ImportAccountInput[],
    @Ctx() ctx: RequestContext,
  ): Promise<ImportJob> {
    return startImport(ctx.em, jobsOf(ctx), principalOf(ctx), { creditorName, portfolioName, accounts });
  }

  @Authorized('ADMIN', 'MANAGER')
  @Query(() => ImportJob, { nullable: true })
  importJob(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ImportJob | null> {
    return findImportJob(ctx.em, id);
  }

  @FieldResolver(() => Float, { description: 'From 0 to 1: validation is the first half, writing the second.' })
  progress(@Root() job: ImportJob): number {
    return importProgress(job);
  }
}
