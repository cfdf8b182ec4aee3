import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../core/graphql/context.ts';
import { DateScalar } from '../../core/graphql/scalars.ts';
import { compareAgencies } from './agency-comparison.service.ts';
import { agencyStatement } from './agency-statement.service.ts';
import { AgencyComparison, AgencyStatement } from './agency-statement.types.ts';

@Resolver()
export class AgencyStatementResolver {
  @Authorized('ADMIN', 'MANAGER', 'SUPERVISOR', 'AGENCY')
  @Query(() => AgencyStatement, {
    description: 'Business dates in the operation’s zone, both included; an agency reads its own statement only.',
  })
  agencyStatement(
    @Arg('agencyId', () => ID) agencyId: string,
    @Arg('from', () => DateScalar) from: string,
    @Arg('to', () => DateScalar) to: string,
    @Ctx() ctx: RequestContext,
  ): Promise<AgencyStatement> {
    return agencyStatement(ctx.em, ctx.clock.timeZone, { agencyId, from, to });
  }

  @Authorized('ADMIN', 'MANAGER')
  @Query(() => AgencyComparison, {
    description: 'Each partner agency beside the in-house team on comparable accounts (bucket and balance band).',
  })
  agencyComparison(
    @Arg('from', () => DateScalar) from: string,
    @Arg('to', () => DateScalar) to: string,
    @Ctx() ctx: RequestContext,
  ): Promise<AgencyComparison> {
    return compareAgencies(
      ctx.em,
      { timeZone: ctx.clock.timeZone, currency: ctx.settings.operationCurrency },
      { from, to },
    );
  }
}
