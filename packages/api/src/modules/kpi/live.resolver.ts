import { Arg, Authorized, ID, Int, Resolver, Root, Subscription } from 'type-graphql';
import { badInput, notImplemented } from '../../core/errors.ts';
import { KpiWindow, type KpiWindow as KpiWindowName } from '../../core/graphql/enums.ts';
import { DateTimeScalar } from '../../core/graphql/scalars.ts';
import { Agent } from '../agencies/agent.entity.ts';
import { WorkQueue } from '../queues/work-queue.entity.ts';
import { Kpis, KpiScope } from './kpi.types.ts';

async function* ticks(intervalMs: number, count: number): AsyncGenerator<Date> {
  for (let sent = 0; sent < count; sent += 1) {
    if (sent > 0) await new Promise((resolve) => setTimeout(resolve, intervalMs));
    yield new Date();
  }
}

function unavailable(operation: string): () => AsyncIterable<never> {
  return () => {
    throw notImplemented(operation);
  };
}

/** The live subscriptions of the contract. Their engine is a later issue; `serverTime` proves the transport. */
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
    description: "A full snapshot first, then the scope's updates as they happen.",
    subscribe: unavailable('kpiUpdated'),
  })
  kpiUpdated(
    @Root() kpis: Kpis,
    @Arg('scope', () => KpiScope) _scope: KpiScope,
    @Arg('window', () => KpiWindow) _window: KpiWindowName,
  ): Kpis {
    return kpis;
  }

  @Authorized()
  @Subscription(() => WorkQueue, { subscribe: unavailable('queueUpdated') })
  queueUpdated(@Root() queue: WorkQueue, @Arg('campaignId', () => ID) _campaignId: string): WorkQueue {
    return queue;
  }

  @Authorized()
  @Subscription(() => Agent, { subscribe: unavailable('agentUpdated') })
  agentUpdated(@Root() agent: Agent, @Arg('campaignId', () => ID) _campaignId: string): Agent {
    return agent;
  }
}
