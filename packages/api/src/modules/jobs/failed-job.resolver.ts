import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { jobsOf, principalOf, type RequestContext } from '../../core/graphql/context.ts';
import { listFailedJobs, retryFailedJob } from './failed-job.service.ts';
import { FailedJobConnection, FailedJobNode } from './failed-job.type.ts';

@Resolver(() => FailedJobNode)
export class FailedJobResolver {
  @Authorized('ADMIN')
  @Query(() => FailedJobConnection, { description: 'Jobs that failed for good, newest first.' })
  failedJobs(
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<FailedJobConnection> {
    return listFailedJobs(ctx.em, { first, after });
  }

  @Authorized('ADMIN')
  @Mutation(() => FailedJobNode, { description: 'Queues a failed job again with the data it failed with.' })
  retryFailedJob(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<FailedJobNode> {
    return retryFailedJob(ctx.em, jobsOf(ctx), principalOf(ctx), id, ctx.clock.now());
  }
}
