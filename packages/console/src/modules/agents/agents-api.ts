import { graphql } from '../../api/generated/gql.ts';
import type { AgentRowFragment, AgentStatus } from '../../api/generated/graphql.ts';

// The API's result types, generated from the operations below (src/api/generated).
export type { AgentStatus };
export type AgentRow = AgentRowFragment;

export const AGENT_ROW_FRAGMENT = graphql(`
  fragment AgentRow on Agent {
    id
    name
    status
    statusSince
    agency {
      code
      name
    }
    queue {
      id
      name
      campaign {
        id
        name
      }
    }
    performance(window: TODAY) {
      attempts
      contacts
      rightPartyContacts
      promises
      amountPromised {
        amount
        currency
      }
      amountCollected {
        amount
        currency
      }
      promisesKeptRate
      attemptsPerLoggedInHour
      averageHandleSeconds
      occupancy
      loggedInSeconds
      contactsLastHour
    }
  }
`);

export const AGENTS_QUERY = graphql(`
  query Agents {
    agents {
      ...AgentRow
    }
    campaigns(status: RUNNING) {
      id
    }
  }
`);

export const AGENT_UPDATED_SUBSCRIPTION = graphql(`
  subscription AgentsLive($campaignId: ID!) {
    agentUpdated(campaignId: $campaignId) {
      ...AgentRow
    }
  }
`);
