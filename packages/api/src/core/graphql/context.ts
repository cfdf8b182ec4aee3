import type { EntityManager } from '@mikro-orm/postgresql';
import type { IsoDate } from '@recupera/shared';
import type { Clock } from '../clock.ts';
import type { Orm } from '../database/orm.ts';
import type { JobQueue } from '../job-queue/job-queue.ts';
import type { Language } from '../language.ts';
import type { Principal } from '../principal.ts';
import type { Services } from '../services.ts';

/** Operation-wide settings resolvers pass to services, from the validated config (never read at import time). */
export interface OperationSettings {
  /** Furthest a promise to pay may be due, in days after the debtor's local today. */
  promiseMaxDays: number;
  /** Currency of the headline young-debt recovery rate. */
  operationCurrency: string;
  /** How much more than the balance a key that is not a manager's may post, as a fraction (0.1 = 10 %). */
  overpaymentTolerance: number;
}

export interface RequestContext {
  /** One fork per request, already scoped to the principal's agency. */
  em: EntityManager;
  principal: Principal | null;
  clock: Clock;
  /** The operation's business date when the request began: one value for every row of one answer. */
  businessDate: IsoDate;
  orm: Orm;
  /** The job runtime, for operations that queue work (large imports, retries); null where none runs. */
  jobs: JobQueue | null;
  settings: OperationSettings;
  /** What the modules provide to every request (see core/services.ts). */
  services: Services;
  /** The language to word sentences for people in (Accept-Language, or the WebSocket's `language` parameter). */
  language: Language;
  /** When the operation's time budget runs out (epoch ms; Infinity for a subscription), and the budget itself. */
  deadline: number;
  budgetMs: number;
  /** Carried from the HTTP request to its log line, the SQL it ran and the events it wrote. */
  requestId?: string;
}

/** The principal of a resolver guarded by `@Authorized`, which has already rejected anonymous calls. */
export function principalOf(context: RequestContext): Principal {
  if (!context.principal) throw new Error('principalOf() used on an unauthenticated request');
  return context.principal;
}

/** The job runtime of a resolver that queues work. */
export function jobsOf(context: RequestContext): JobQueue {
  if (!context.jobs) throw new Error('this server was started without a job queue');
  return context.jobs;
}
