import type { ApiModule } from '../../core/api-module.ts';
import { AccountInsightResolver } from './account-insight.resolver.ts';
import { QueueMembership } from './queue-membership.entity.ts';
import { WorkQueue } from './work-queue.entity.ts';
import { WorkQueueResolver } from './work-queue.resolver.ts';

/** Work queues and their members: the next account for an agent, mid-day reallocation. */
export const queuesModule: ApiModule = {
  name: 'queues',
  entities: [WorkQueue, QueueMembership],
  resolvers: [WorkQueueResolver, AccountInsightResolver],
};
