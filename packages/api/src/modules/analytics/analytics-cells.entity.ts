import { Entity, Index, Property } from '@mikro-orm/decorators/legacy';
import type { AgingBucket } from '@recupera/shared';
import { ARM_DAYS, CONTACT_CELLS, HEAT_DAYS, HEAT_SEGMENTS, INTENSITY_CELLS, INTENSITY_DAYS } from './cell-keys.ts';
import { CellMeasures, uniqueKeyIndex } from './cell-measures.ts';

/**
 * The pre-aggregated analytics tables (docs/analytics.md): attempts summed per business date (the operation's) and
 * key. The heat-map and intensity tables come in a fine form, with the campaign, and coarser ones, so a question
 * reads the smallest table that still holds what it filters by. Kept by the analytics projector, rebuilt by the
 * build with the definitions of cell-keys.ts.
 */

/** What the heat-map tables add to every table's measures: the debtor's local weekday and hour, and money collected. */
abstract class HeatMeasures extends CellMeasures {
  /** The debtor's local ISO weekday (1 = Monday … 7 = Sunday) at the attempt's start. */
  @Property({ type: 'smallint' })
  weekday!: number;

  /** The debtor's local hour (0–23) at the attempt's start. */
  @Property({ type: 'smallint' })
  hour!: number;

  /** The account's currency: the currency of `collected`. */
  @Property({ type: 'string', length: 3 })
  currency!: string;

  /** Payments counted towards the promises these attempts obtained (promise_to_pay.paid_amount). */
  @Property({ type: 'decimal', precision: 19, scale: 4, default: '0' })
  collected = '0';
}

/** Attempts per campaign, agency, bucket, channel and the debtor's local weekday and hour, with money collected. */
@Entity({ tableName: CONTACT_CELLS.table })
@Index(uniqueKeyIndex(CONTACT_CELLS))
@Index({ properties: ['campaignId', 'businessDate'] })
export class ContactCell extends HeatMeasures {
  @Property({ type: 'uuid', nullable: true })
  campaignId: string | null = null;

  /** The account's aging bucket on the business date of the attempt. */
  @Property({ type: 'string', length: 10 })
  bucket!: AgingBucket;
}

/** {@link ContactCell} without the campaign. */
@Entity({ tableName: HEAT_SEGMENTS.table })
@Index(uniqueKeyIndex(HEAT_SEGMENTS))
export class HeatSegment extends HeatMeasures {
  @Property({ type: 'string', length: 10 })
  bucket!: AgingBucket;
}

/** {@link HeatSegment} without the bucket. */
@Entity({ tableName: HEAT_DAYS.table })
@Index(uniqueKeyIndex(HEAT_DAYS))
export class HeatDay extends HeatMeasures {}

/** A campaign's variant (champion or challenger) per day, agency, bucket and channel. */
@Entity({ tableName: ARM_DAYS.table })
@Index(uniqueKeyIndex(ARM_DAYS))
@Index({ properties: ['campaignId', 'businessDate'] })
export class ArmDay extends CellMeasures {
  @Property({ type: 'uuid', nullable: true })
  campaignId: string | null = null;

  /** CHAMPION or CHALLENGER within the campaign; null outside a campaign. */
  @Property({ type: 'string', length: 10, nullable: true })
  variant: string | null = null;

  @Property({ type: 'string', length: 10 })
  bucket!: AgingBucket;

  @Property({ type: 'string', length: 3 })
  currency!: string;

  /** Attempts that were the account's first in this campaign and variant: summed, the accounts reached. */
  @Property({ type: 'integer', default: 0 })
  accountsReached = 0;

  @Property({ type: 'decimal', precision: 19, scale: 4, default: '0' })
  collected = '0';
}

/** Attempts by the account's attempt number (1 = its first ever; INTENSITY_CAP counts the tail), per campaign. */
@Entity({ tableName: INTENSITY_CELLS.table })
@Index(uniqueKeyIndex(INTENSITY_CELLS))
@Index({ properties: ['campaignId', 'businessDate'] })
export class IntensityCell extends CellMeasures {
  @Property({ type: 'uuid', nullable: true })
  campaignId: string | null = null;

  @Property({ type: 'string', length: 10 })
  bucket!: AgingBucket;

  @Property({ type: 'smallint' })
  attemptNumber!: number;
}

/** {@link IntensityCell} without the campaign. */
@Entity({ tableName: INTENSITY_DAYS.table })
@Index(uniqueKeyIndex(INTENSITY_DAYS))
export class IntensityDay extends CellMeasures {
  @Property({ type: 'string', length: 10 })
  bucket!: AgingBucket;

  @Property({ type: 'smallint' })
  attemptNumber!: number;
}

export const ANALYTICS_CELL_ENTITIES = [ContactCell, HeatSegment, HeatDay, ArmDay, IntensityCell, IntensityDay];
