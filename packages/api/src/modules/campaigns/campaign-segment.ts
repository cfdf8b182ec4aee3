import type { FilterQuery } from '@mikro-orm/core';
import type { IsoDate } from '@recupera/shared';
import type { Account } from '../portfolio/account.entity.ts';
import { accountWhere } from '../portfolio/account-filter.ts';
import type { Campaign } from './campaign.entity.ts';
import type { WorkQueue } from '../queues/work-queue.entity.ts';

/**
 * The accounts a campaign's queue may take: the campaign's segment and the queue's sub-filter, still active,
 * and belonging to whoever runs the campaign — a partner agency's campaign works only what is placed with it;
 * an in-house campaign works only what is not placed with a partner.
 */
export function queueSegmentWhere(campaign: Campaign, queue: WorkQueue, businessDate: IsoDate): FilterQuery<Account> {
  const owner: FilterQuery<Account> = campaign.agency
    ? { agency: campaign.agency.id }
    : { $or: [{ agency: null }, { agency: { partner: false } }] };
  return {
    $and: [
      accountWhere(campaign.filter, businessDate, 'input.filter'),
      accountWhere(queue.filter, businessDate, 'input.queues.filter'),
      { status: 'ACTIVE' },
      owner,
    ],
  };
}
