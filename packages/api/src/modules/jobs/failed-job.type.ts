import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../../core/graphql/page-info.type.ts';
import { DateTimeScalar } from '../../core/graphql/scalars.ts';
import type { FailedJob } from '../../core/events/failed-job.entity.ts';

@ObjectType('FailedJob', {
  description: 'A job that exhausted its retries. Its effect did not happen; retryFailedJob runs it again.',
})
export class FailedJobNode {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The job name (one queue per job), e.g. promise-due-sweep.' })
  queue!: string;

  @Field(() => String)
  jobId!: string;

  @Field(() => GraphQLJSONObject)
  data!: Record<string, unknown>;

  @Field(() => Int)
  attempts!: number;

  @Field(() => String, { description: 'The last error, with its stack.' })
  error!: string;

  @Field(() => DateTimeScalar)
  failedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When an admin queued it again, if ever.' })
  retriedAt!: Date | null;

  static of(row: FailedJob): FailedJobNode {
    return Object.assign(new FailedJobNode(), {
      id: row.id,
      queue: row.queue,
      jobId: row.jobId,
      data: row.data,
      attempts: row.attempts,
      error: row.error,
      failedAt: row.failedAt,
      retriedAt: row.retriedAt,
    });
  }
}

@ObjectType('FailedJobEdge')
export class FailedJobEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => FailedJobNode)
  node!: FailedJobNode;
}

@ObjectType('FailedJobConnection')
export class FailedJobConnection {
  @Field(() => [FailedJobEdge])
  edges!: FailedJobEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}
