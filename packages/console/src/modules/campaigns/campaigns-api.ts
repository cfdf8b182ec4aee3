import { graphql } from '../../api/generated/gql.ts';
import type { CampaignRowFragment, CampaignStatus, Channel } from '../../api/generated/graphql.ts';

// The API's result types, generated from the operations below (src/api/generated).
export type { CampaignStatus, Channel };
export type CampaignRow = CampaignRowFragment;

export const CHANNELS: readonly Channel[] = ['CALL', 'SMS', 'WHATSAPP', 'EMAIL'];

export const CAMPAIGN_ROW_FRAGMENT = graphql(`
  fragment CampaignRow on Campaign {
    id
    name
    status
    channel
    dailyTarget {
      amount
      currency
    }
    queues {
      id
      size
      remaining
    }
    kpis(window: TODAY) {
      asOf
      attempts
      contactRate
      promiseRate
      promisesKeptRate
      amountCollected {
        amount
        currency
      }
    }
  }
`);

export const CAMPAIGNS_QUERY = graphql(`
  query Campaigns {
    campaigns {
      ...CampaignRow
    }
  }
`);

export const AGENCIES_QUERY = graphql(`
  query CampaignAgencies {
    agencies {
      id
      code
      name
      partner
    }
  }
`);

export const SEGMENT_COUNT_QUERY = graphql(`
  query SegmentCount($filter: AccountFilter!) {
    accounts(filter: $filter, first: 1) {
      totalCount
    }
  }
`);

export const START_CAMPAIGN = graphql(`
  mutation StartCampaign($id: ID!) {
    startCampaign(id: $id) {
      ...CampaignRow
    }
  }
`);

export const PAUSE_CAMPAIGN = graphql(`
  mutation PauseCampaign($id: ID!) {
    pauseCampaign(id: $id) {
      ...CampaignRow
    }
  }
`);

export const CREATE_CAMPAIGN = graphql(`
  mutation CreateCampaign($input: CreateCampaignInput!) {
    createCampaign(input: $input) {
      ...CampaignRow
    }
  }
`);

/** Running first, then paused, drafts, finished; by name within a status. */
const STATUS_ORDER: Record<CampaignStatus, number> = { RUNNING: 0, PAUSED: 1, DRAFT: 2, FINISHED: 3 };
export function campaignOrder(a: CampaignRow, b: CampaignRow): number {
  return STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.name.localeCompare(b.name);
}
