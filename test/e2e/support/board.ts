import type { Locator, Page } from 'playwright-core';
import { byTestId } from './browser.ts';
import { graphqlData } from './graphql.ts';

export interface QueueAgents {
  id: string;
  name: string;
  agentIds: string[];
}

export interface AgentMove {
  campaignId: string;
  agentId: string;
  from: string;
  to: string;
}

const RUNNING = `{ campaigns(status: RUNNING) { id name queues { id name agents { id } } } }`;

/**
 * An agent to move on the board: from the queue with the most agents to another queue of the same running
 * campaign, chosen from the API's answer so the test holds whatever earlier tests (or runs) moved.
 */
export async function planAgentMove(baseUrl: string, apiKey: string): Promise<AgentMove> {
  const { campaigns } = await graphqlData<{
    campaigns: { id: string; queues: { id: string; agents: { id: string }[] }[] }[];
  }>(baseUrl, apiKey, RUNNING);
  for (const campaign of campaigns) {
    if (campaign.queues.length < 2) continue;
    const [from, to] = [...campaign.queues].sort((a, b) => b.agents.length - a.agents.length);
    const agent = from!.agents.at(-1);
    if (agent) return { campaignId: campaign.id, agentId: agent.id, from: from!.id, to: to!.id };
  }
  throw new Error('no running campaign has two queues and an agent to move');
}

/** Where the API says the agent is now, asked both ways: the agent's own queue and each queue's roster. */
export async function agentPlacement(
  baseUrl: string,
  apiKey: string,
  move: AgentMove,
): Promise<{ agentQueue: string | null; queuesListing: string[] }> {
  const data = await graphqlData<{
    agents: { id: string; queue: { id: string } | null }[];
    workQueues: { id: string; agents: { id: string }[] }[];
  }>(
    baseUrl,
    apiKey,
    `query ($campaignId: ID!) { agents { id queue { id } } workQueues(campaignId: $campaignId) { id agents { id } } }`,
    { campaignId: move.campaignId },
  );
  return {
    agentQueue: data.agents.find((a) => a.id === move.agentId)?.queue?.id ?? null,
    queuesListing: data.workQueues.filter((q) => q.agents.some((a) => a.id === move.agentId)).map((q) => q.id),
  };
}

export function queueCard(page: Page, queueId: string): Locator {
  return byTestId(page, `queue-card-${queueId}`);
}

export function agentChip(page: Page, agentId: string): Locator {
  return byTestId(page, `queue-agent-${agentId}`);
}

/**
 * Drags a chip onto a card with the mouse, as a person does: Chromium turns it into the HTML5 dragstart,
 * dragover and drop the board listens to (no synthetic events, so a chip that stops being draggable fails).
 */
export async function dragChipOnto(chip: Locator, card: Locator): Promise<void> {
  await chip.dragTo(card);
}
