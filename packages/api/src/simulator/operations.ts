/**
 * The public operations the simulator sends (schema.graphql), and the shapes of their answers it reads.
 */
import type { AgingBucket, Channel, Disposition } from '@recupera/shared';

export const FLOOR_AGENTS = `query {
  agents { id name status queue { id paused campaign { id status channel } } }
}`;

export interface FloorAgent {
  id: string;
  name: string;
  status: string;
  queue: { id: string; paused: boolean; campaign: { id: string; status: string; channel: Channel } } | null;
}

export const SET_AGENT_STATUS = `mutation ($agentId: ID!, $status: AgentStatus!) {
  setAgentStatus(agentId: $agentId, status: $status) { id status }
}`;

export const NEXT_ACCOUNT = `mutation ($agentId: ID!) {
  nextAccount(agentId: $agentId) {
    id externalRef bucket balance { amount currency } debtor { timeZone phones emails }
  }
}`;

export interface OfferedAccount {
  id: string;
  externalRef: string;
  bucket: AgingBucket;
  balance: { amount: string; currency: string };
  debtor: { timeZone: string; phones: string[]; emails: string[] };
}

export const RECORD_INTERACTION = `mutation ($input: RecordInteractionInput!) {
  recordInteraction(input: $input) { id disposition }
}`;

/** `RecordInteractionInput`, as far as the simulator fills it. */
export interface InteractionInput {
  accountId: string;
  agentId: string;
  channel: Channel;
  disposition: Disposition;
  durationSeconds: number;
  contactPoint?: string;
  callbackAt?: string;
  promise?: { amount: string; dueDate: string };
}

export const RECORD_PAYMENT = `mutation ($input: RecordPaymentInput!) {
  recordPayment(input: $input) { id }
}`;

export interface PaymentInput {
  accountId: string;
  amount: string;
  currency: string;
  reference: string;
}
