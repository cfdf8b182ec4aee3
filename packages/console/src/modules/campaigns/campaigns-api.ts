import type { Money } from '@recupera/shared';

export type CampaignStatus = 'DRAFT' | 'RUNNING' | 'PAUSED' | 'FINISHED';
export type Channel = 'CALL' | 'SMS' | 'WHATSAPP' | 'EMAIL';
export const CHANNELS: readonly Channel[] = ['CALL', 'SMS', 'WHATSAPP', 'EMAIL'];

export interface CampaignRow {
  id: string;
  name: string;
  status: CampaignStatus;
  channel: Channel;
  dailyTarget: Money | null;
  queues: { id: string; size: number; remaining: number }[];
  kpis: {
    asOf: string;
    attempts: number;
    contactRate: number | null;
    promiseRate: number | null;
    promisesKeptRate: number | null;
    amountCollected: Money[];
  };
}

const CAMPAIGN_FIELDS = `
  id name status channel dailyTarget { amount currency }
  queues { id size remaining }
  kpis(window: TODAY) { asOf attempts contactRate promiseRate promisesKeptRate amountCollected { amount currency } }`;

export const CAMPAIGNS_QUERY = `{ campaigns { ${CAMPAIGN_FIELDS} } }`;
export const AGENCIES_QUERY = `{ agencies { id code name partner } }`;
export const SEGMENT_COUNT_QUERY = `query SegmentCount($filter: AccountFilter!) { accounts(filter: $filter, first: 1) { totalCount } }`;
export const START_CAMPAIGN = `mutation Start($id: ID!) { startCampaign(id: $id) { ${CAMPAIGN_FIELDS} } }`;
export const PAUSE_CAMPAIGN = `mutation Pause($id: ID!) { pauseCampaign(id: $id) { ${CAMPAIGN_FIELDS} } }`;
export const CREATE_CAMPAIGN = `mutation Create($input: CreateCampaignInput!) { createCampaign(input: $input) { ${CAMPAIGN_FIELDS} } }`;

/** Running first, then paused, drafts, finished; by name within a status. */
const STATUS_ORDER: Record<CampaignStatus, number> = { RUNNING: 0, PAUSED: 1, DRAFT: 2, FINISHED: 3 };
export function campaignOrder(a: CampaignRow, b: CampaignRow): number {
  return STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.name.localeCompare(b.name);
}
