import { Agency } from '../../modules/agencies/agency.entity.ts';
import { Agent } from '../../modules/agencies/agent.entity.ts';
import { AgentStatusPeriod } from '../../modules/agencies/agent-status-period.entity.ts';
import { ApiKey } from '../../modules/auth/api-key.entity.ts';
import { Campaign } from '../../modules/campaigns/campaign.entity.ts';
import { Interaction } from '../../modules/interactions/interaction.entity.ts';
import { OutboundMessage } from '../../modules/interactions/outbound-message.entity.ts';
import { Payment } from '../../modules/payments/payment.entity.ts';
import { Account } from '../../modules/portfolio/account.entity.ts';
import { BucketTransition } from '../../modules/portfolio/bucket-transition.entity.ts';
import { Creditor } from '../../modules/portfolio/creditor.entity.ts';
import { Debtor } from '../../modules/portfolio/debtor.entity.ts';
import { ImportJobChunk } from '../../modules/portfolio/import-job-chunk.entity.ts';
import { ImportJob } from '../../modules/portfolio/import-job.entity.ts';
import { Portfolio } from '../../modules/portfolio/portfolio.entity.ts';
import { PromiseToPay } from '../../modules/promises/promise-to-pay.entity.ts';
import { QueueMembership } from '../../modules/queues/queue-membership.entity.ts';
import { WorkQueue } from '../../modules/queues/work-queue.entity.ts';
import { DomainEvent } from '../events/domain-event.entity.ts';
import { FailedJob } from '../events/failed-job.entity.ts';

/** Listed explicitly: no folder scanning, so tsx, vitest and a bundled build all discover the same set. */
export const ENTITIES = [
  Agency,
  Agent,
  AgentStatusPeriod,
  ApiKey,
  Campaign,
  WorkQueue,
  QueueMembership,
  Creditor,
  Portfolio,
  Debtor,
  Account,
  BucketTransition,
  ImportJob,
  ImportJobChunk,
  Interaction,
  OutboundMessage,
  PromiseToPay,
  Payment,
  DomainEvent,
  FailedJob,
];
