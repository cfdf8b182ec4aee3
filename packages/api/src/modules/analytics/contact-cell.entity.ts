import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { AgingBucket, Channel } from '@recupera/shared';

/**
 * Attempts pre-aggregated per business date and heat-map cell: the channel, the debtor's local weekday and hour
 * the attempt started at, and the segments a manager filters by (campaign and variant, agency, the account's aging
 * bucket on that date, currency). Kept by the analytics projector from the outbox and rebuilt from the stored facts
 * with the same definitions (cell-keys.ts); docs/analytics.md.
 */
@Entity({ tableName: 'analytics_contact_cell' })
// One row per key. NULLS NOT DISTINCT: "no campaign" and "in-house" are keys like any other, so upserts find them.
@Index({
  name: 'analytics_contact_cell_key',
  expression:
    'create unique index "analytics_contact_cell_key" on "analytics_contact_cell" ("business_date", "campaign_id", ' +
    '"variant", "agency_id", "bucket", "channel", "weekday", "hour", "currency") nulls not distinct',
})
@Index({ properties: ['campaignId'] })
export class ContactCell {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  /** The operation's business date the attempt started on. */
  @Property({ type: 'date' })
  businessDate!: string;

  @Property({ type: 'uuid', nullable: true })
  campaignId: string | null = null;

  /** CHAMPION or CHALLENGER within the campaign; null outside a campaign. */
  @Property({ type: 'string', length: 10, nullable: true })
  variant: string | null = null;

  /** The agency the account was placed with at the attempt (null: in-house). */
  @Property({ type: 'uuid', nullable: true })
  agencyId: string | null = null;

  /** The account's aging bucket on the business date of the attempt. */
  @Property({ type: 'string', length: 10 })
  bucket!: AgingBucket;

  @Property({ type: 'string', length: 10 })
  channel!: Channel;

  /** The debtor's local ISO weekday (1 = Monday … 7 = Sunday) at the attempt's start. */
  @Property({ type: 'smallint' })
  weekday!: number;

  /** The debtor's local hour (0–23) at the attempt's start. */
  @Property({ type: 'smallint' })
  hour!: number;

  /** The account's currency, the currency of `collected`. */
  @Property({ type: 'string', length: 3 })
  currency!: string;

  @Property({ type: 'integer', default: 0 })
  attempts = 0;

  @Property({ type: 'integer', default: 0 })
  contacts = 0;

  @Property({ type: 'integer', default: 0 })
  rightPartyContacts = 0;

  @Property({ type: 'integer', default: 0 })
  promises = 0;

  /** Attempts that were the account's first in this campaign and variant: summed, the accounts reached. */
  @Property({ type: 'integer', default: 0 })
  accountsReached = 0;

  /** Payments counted towards the promises these attempts obtained (promise_to_pay.paid_amount). */
  @Property({ type: 'decimal', precision: 19, scale: 4, default: '0' })
  collected = '0';
}
