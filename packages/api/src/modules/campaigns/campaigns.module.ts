import type { ApiModule } from '../../core/api-module.ts';
import { Campaign } from './campaign.entity.ts';
import { CampaignResolver } from './campaign.resolver.ts';

/** Campaigns: a treatment run on a segment, through its work queues. */
export const campaignsModule: ApiModule = {
  name: 'campaigns',
  entities: [Campaign],
  resolvers: [CampaignResolver],
};
