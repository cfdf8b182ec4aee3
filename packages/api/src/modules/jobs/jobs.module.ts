import type { ApiModule } from '../../core/api-module.ts';
import { FailedJobResolver } from './failed-job.resolver.ts';

/** Failed jobs, for an admin to see and run again (the job runtime itself is core/job-queue). */
export const jobsModule: ApiModule = {
  name: 'jobs',
  resolvers: [FailedJobResolver],
};
