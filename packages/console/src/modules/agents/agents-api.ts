import type { Money } from '@recupera/shared';
import { graphql } from '../../api/generated/gql.ts';

export type AgentStatus = 'AVAILABLE' | 'LOGGED_OUT' | 'ON_CONTACT' | 'PAUSED' | 'WRAP_UP';

export interface AgentPerformance {
  attempts: number;
  contacts: number;
  rightPartyContacts: number;
  promises: number;
  amountPromised: Money[];
  amountCollected: Money[];
  promisesKeptRate: number | null;
  attemptsPerLoggedInHour: number | null;
  averageHandleSeconds: number | null;
  occupancy: number | null;
  loggedInSeconds: number;
  contactsLastHour: number;
}

export interface AgentRow {
  id: string;
  name: string;
  status: AgentStatus;
  statusSince: string;
  agency: { code: string; name: string };
  queue: { id: string; name: string; campaign: { id: string; name: string } } | null;
  performance: AgentPerformance;
}

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
