import { Embeddable, Property } from '@mikro-orm/decorators/legacy';
import type { Agency } from '../agencies/agency.entity.ts';

/**
 * Where a fact about an account (an interaction, a promise, a payment) counts: the campaign, queue and agency it
 * was recorded in — fixed at the time of the fact, whatever moves later, so every KPI scope can be recomputed from
 * the stored facts alone. Embedded without a prefix: the columns are `campaign_id`, `queue_id`, `agency_id`.
 */
@Embeddable()
export class FactPlacement {
  @Property({ type: 'uuid', nullable: true })
  campaignId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  queueId: string | null = null;

  /** The agency the account was placed with (null: in-house). */
  @Property({ type: 'uuid', nullable: true })
  agencyId: string | null = null;
}

/** Where a fact about `account` counts now: its agency, and the campaign and queue of its queue place (if any). */
export function placementNow(
  account: { agency: Pick<Agency, 'id'> | null },
  queuePlace: { campaign: { id: string }; queue: { id: string } } | null,
): FactPlacement {
  const placement = new FactPlacement();
  placement.campaignId = queuePlace?.campaign.id ?? null;
  placement.queueId = queuePlace?.queue.id ?? null;
  placement.agencyId = account.agency?.id ?? null;
  return placement;
}
