import { type KpiWindowName } from '@recupera/shared';
import { Arg, Authorized, ID, Int, Resolver, Root, Subscription } from 'type-graphql';
import { badInput, notFound } from '../../core/errors.ts';
import type { RequestContext } from '../../core/graphql/context.ts';
import { KpiWindow } from '../../core/graphql/enums.ts';
import { DateTimeScalar } from '../../core/graphql/scalars.ts';
import { isUuid } from '../../core/ids.ts';
import { Agent } from '../agencies/agent.entity.ts';
import { Campaign } from '../campaigns/campaign.entity.ts';
import { WorkQueue } from '../queues/work-queue.entity.ts';
import { KPI_READER } from './kpi-reader.ts';
import { LIVE_HUB } from './live/live-services.ts';
import { Kpis, KpiScope } from './kpi.types.ts';
import { mapStream } from '../../core/graphql/map-stream.ts';

async function* ticks(intervalMs: number, count: number): AsyncGenerator<Date> {
  for (let sent = 0; sent < count; sent += 1) {
    if (sent > 0) await new Promise((resolve) => setTimeout(resolve, intervalMs));
    yield new Date();
  }
}

interface SubscribeData<Args> {
  args: Args;
  context: RequestContext;
}

/** The campaign, if the caller may see it (an agency sees only its own campaigns); NOT_FOUND otherwise. */
async function visibleCampaign(context: RequestContext, campaignId: string): Promise<Campaign> {
  const campaign = isUuid(campaignId) ? await context.em.findOne(Campaign, { id: campaignId }) : null;
  if (!campaign) throw notFound('Campaign', campaignId, 'campaignId');
  return campaign;
}

/**
 * The live subscriptions. Each sends a full snapshot first, then updates coalesced by the hub (at most one per
 * topic per KPI_PUSH_INTERVAL_MS), keeping only the newest for a slow client. They are authorised like queries:
 * ids are looked up through the caller's agency-scoped EntityManager, and an AGENCY key's KPI scope is always
 * held to its own agency.
 */
@Resolver()
export class LiveResolver {
  @Authorized()
  @Subscription(() => DateTimeScalar, {
    description: "The server's clock, `count` times every `intervalMs`: a liveness check for WebSocket clients.",
    subscribe: ({ args }) => {
      const { intervalMs, count } = args as { intervalMs: number; count: number };
      if (intervalMs < 100 || intervalMs > 60_000) throw badInput('intervalMs', 'must be between 100 and 60000');
      if (count < 1 || count > 1_000) throw badInput('count', 'must be between 1 and 1000');
      return ticks(intervalMs, count);
    },
  })
  serverTime(
    @Root() now: Date,
    @Arg('intervalMs', () => Int, { defaultValue: 1000 }) _intervalMs: number,
    @Arg('count', () => Int, { defaultValue: 10 }) _count: number,
  ): Date {
    return now;
  }

  @Authorized()
  @Subscription(() => Kpis, {
    description: "A full snapshot first, then the scope's updates as they happen (coalesced).",
    subscribe: async (data) => {
      const { args, context } = data as unknown as SubscribeData<{ scope: KpiScope; window: KpiWindowName }>;
      const scope = await context.services.get(KPI_READER).scopeFor(context.principal, args.scope, context);
      return context.services.get(LIVE_HUB).subscribeKpis(scope, args.window);
    },
  })
  kpiUpdated(
    @Root() kpis: Kpis,
    @Arg('scope', () => KpiScope) _scope: KpiScope,
    @Arg('window', () => KpiWindow) _window: KpiWindowName,
  ): Kpis {
    return kpis;
  }

  @Authorized()
  @Subscription(() => WorkQueue, {
    description: 'Every queue of the campaign first, then each queue whose card changed (size, agents, KPIs).',
    subscribe: async (data) => {
      const { args, context } = data as unknown as SubscribeData<{ campaignId: string }>;
      const campaign = await visibleCampaign(context, args.campaignId);
      const em = context.em;
      const queueIds = (await em.find(WorkQueue, { campaign })).map((queue) => queue.id);
      return mapStream(context.services.get(LIVE_HUB).subscribeQueues(campaign.id, queueIds), async (id) => {
        // A fresh read each time: the subscription's EntityManager lives as long as the subscription.
        em.clear();
        const where = id === '*' ? { campaign: campaign.id } : { id, campaign: campaign.id };
        return em.find(WorkQueue, where, { orderBy: { priority: 'desc', name: 'asc' } });
      });
    },
  })
  queueUpdated(@Root() queue: WorkQueue, @Arg('campaignId', () => ID) _campaignId: string): WorkQueue {
    return queue;
  }

  @Authorized()
  @Subscription(() => Agent, {
    description:
      "Every agent assigned to the campaign's queues first, then each agent that changed (status, assignment, " +
      'figures) — including one that just left the campaign, so a board can drop it.',
    subscribe: async (data) => {
      const { args, context } = data as unknown as SubscribeData<{ campaignId: string }>;
      const campaign = await visibleCampaign(context, args.campaignId);
      const em = context.em;
      const ofCampaign = { queue: { campaign: campaign.id } };
      const known = new Set((await em.find(Agent, ofCampaign)).map((agent) => agent.id));
      return mapStream(context.services.get(LIVE_HUB).subscribeAgents(campaign.id, [...known]), async (id) => {
        em.clear();
        const agents =
          id === '*'
            ? await em.find(Agent, { $or: [ofCampaign, { id: { $in: [...known] } }] }, { populate: ['queue'] })
            : await em.find(Agent, { id }, { populate: ['queue'] });
        return agents.filter((agent) => {
          const inCampaign = agent.queue?.campaign.id === campaign.id;
          const wasIn = known.has(agent.id);
          if (inCampaign) known.add(agent.id);
          else known.delete(agent.id);
          return inCampaign || wasIn;
        });
      });
    },
  })
  agentUpdated(@Root() agent: Agent, @Arg('campaignId', () => ID) _campaignId: string): Agent {
    return agent;
  }
}
