import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { AgingBucket, Channel } from '@recupera/shared';

/**
 * Attempts pre-aggregated per business date and the account's attempt number (1 = its first attempt ever; the tail
 * from INTENSITY_CAP on is one row), with the same segments as the contact cells. docs/analytics.md.
 */
@Entity({ tableName: 'analytics_intensity_cell' })
@Index({
  name: 'analytics_intensity_cell_key',
  expression:
    'create unique index "analytics_intensity_cell_key" on "analytics_intensity_cell" ("business_date", ' +
    '"campaign_id", "agency_id", "bucket", "channel", "attempt_number") nulls not distinct',
})
export class IntensityCell {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'date' })
  businessDate!: string;

  @Property({ type: 'uuid', nullable: true })
  campaignId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  agencyId: string | null = null;

  @Property({ type: 'string', length: 10 })
  bucket!: AgingBucket;

  @Property({ type: 'string', length: 10 })
  channel!: Channel;

  /** 1 + the account's interactions recorded before this one (smaller id), capped at INTENSITY_CAP. */
  @Property({ type: 'smallint' })
  attemptNumber!: number;

  @Property({ type: 'integer', default: 0 })
  attempts = 0;

  @Property({ type: 'integer', default: 0 })
  contacts = 0;

  @Property({ type: 'integer', default: 0 })
  rightPartyContacts = 0;

  @Property({ type: 'integer', default: 0 })
  promises = 0;
}
