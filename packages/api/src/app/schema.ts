import 'reflect-metadata';
import { createPubSub } from '@graphql-yoga/subscription';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AgencyResolver } from '../../modules/agencies/agency.resolver.ts';
import { AgentResolver } from '../../modules/agencies/agent.resolver.ts';
import { ApiKeyResolver } from '../../modules/auth/api-key.resolver.ts';
import { authChecker } from '../../modules/auth/auth-checker.ts';
import { CampaignResolver } from '../../modules/campaigns/campaign.resolver.ts';
import { InteractionResolver } from '../../modules/interactions/interaction.resolver.ts';
import { FailedJobResolver } from '../../modules/jobs/failed-job.resolver.ts';
import { KpiResolver } from '../../modules/kpi/kpi.resolver.ts';
import {
  AgentLiveFieldsResolver,
  CampaignLiveFieldsResolver,
  QueueLiveFieldsResolver,
} from '../../modules/kpi/live-fields.resolver.ts';
import { LiveResolver } from '../../modules/kpi/live.resolver.ts';
import { PaymentResolver } from '../../modules/payments/payment.resolver.ts';
import { AccountOffersResolver } from '../../modules/portfolio/account-offers.resolver.ts';
import { AccountConnectionResolver, AccountResolver } from '../../modules/portfolio/account.resolver.ts';
import { ImportJobResolver } from '../../modules/portfolio/import-job.resolver.ts';
import { PortfolioResolver } from '../../modules/portfolio/portfolio.resolver.ts';
import { PromiseResolver } from '../../modules/promises/promise.resolver.ts';
import { AccountInsightResolver } from '../../modules/queues/account-insight.resolver.ts';
import { WorkQueueResolver } from '../../modules/queues/work-queue.resolver.ts';
import { DateTimeScalar } from './scalars.ts';

export type ApiPubSub = ReturnType<typeof createPubSub>;

/** `pubSub` carries live events to subscribers: in-process by default, Redis-backed across instances. */
export function buildApiSchema(pubSub: ApiPubSub = createPubSub()): Promise<GraphQLSchema> {
  return buildSchema({
    pubSub,
    resolvers: [
      AccountResolver,
      AccountConnectionResolver,
      PortfolioResolver,
      ImportJobResolver,
      AgencyResolver,
      AgentResolver,
      ApiKeyResolver,
      CampaignResolver,
      WorkQueueResolver,
      AccountInsightResolver,
      AccountOffersResolver,
      InteractionResolver,
      PromiseResolver,
      PaymentResolver,
      KpiResolver,
      LiveResolver,
      QueueLiveFieldsResolver,
      CampaignLiveFieldsResolver,
      AgentLiveFieldsResolver,
      FailedJobResolver,
    ],
    authChecker,
    // Inputs are validated by the services, which name the offending field the way docs/design.md asks.
    validate: false,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    emitSchemaFile: false,
  });
}
