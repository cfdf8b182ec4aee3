import { graphql } from '../../api/generated/gql.ts';
import type { BoardQueueFragment, RunningCampaignsQuery } from '../../api/generated/graphql.ts';

// The API's result types, generated from the operations below (src/api/generated).
export type BoardQueue = BoardQueueFragment;
export type BoardCampaign = RunningCampaignsQuery['campaigns'][number];

export const BOARD_QUEUE_FRAGMENT = graphql(`
  fragment BoardQueue on WorkQueue {
    id
    name
    paused
    priority
    size
    remaining
    minutesToExhaust
    campaign {
      id
      name
    }
    agents {
      id
      name
      status
    }
    lastHour: kpis(window: LAST_HOUR) {
      attempts
      asOf
    }
    today: kpis(window: TODAY) {
      contactRate
      asOf
    }
  }
`);

export const RUNNING_CAMPAIGNS_QUERY = graphql(`
  query RunningCampaigns {
    campaigns(status: RUNNING) {
      id
      name
    }
  }
`);

export const WORK_QUEUES_QUERY = graphql(`
  query Board($campaignId: ID!) {
    workQueues(campaignId: $campaignId) {
      ...BoardQueue
    }
  }
`);

export const QUEUE_UPDATED_SUBSCRIPTION = graphql(`
  subscription BoardLive($campaignId: ID!) {
    queueUpdated(campaignId: $campaignId) {
      ...BoardQueue
    }
  }
`);

export const ASSIGN_AGENTS = graphql(`
  mutation AssignAgents($agentIds: [ID!]!, $queueId: ID!) {
    assignAgents(agentIds: $agentIds, queueId: $queueId) {
      ...BoardQueue
    }
  }
`);

export const MOVE_ACCOUNTS = graphql(`
  mutation MoveAccounts($from: ID!, $to: ID!, $count: Int!) {
    moveAccounts(fromQueueId: $from, toQueueId: $to, count: $count)
  }
`);

export const PAUSE_QUEUE = graphql(`
  mutation PauseQueue($queueId: ID!) {
    pauseQueue(queueId: $queueId) {
      ...BoardQueue
    }
  }
`);

export const RESUME_QUEUE = graphql(`
  mutation ResumeQueue($queueId: ID!) {
    resumeQueue(queueId: $queueId) {
      ...BoardQueue
    }
  }
`);

export const SET_PRIORITY = graphql(`
  mutation SetQueuePriority($queueId: ID!, $priority: Int!) {
    setQueuePriority(queueId: $queueId, priority: $priority) {
      ...BoardQueue
    }
  }
`);

/** Highest priority first, then by name, so the board reads in the order accounts are worked. */
export function boardOrder(a: BoardQueue, b: BoardQueue): number {
  return b.priority - a.priority || a.name.localeCompare(b.name);
}

/**
 * After an agent moves, the card it left may still list it until that queue's own update arrives;
 * an agent belongs to one queue, so it is shown only in the one written last.
 */
export function withoutAgentElsewhere(
  queues: readonly BoardQueue[],
  agentId: string,
  keepQueueId: string,
): BoardQueue[] {
  return queues.map((q) =>
    q.id !== keepQueueId && q.agents.some((a) => a.id === agentId)
      ? { ...q, agents: q.agents.filter((a) => a.id !== agentId) }
      : q,
  );
}
