import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { AGING_BUCKETS, type AgingBucket } from '@recupera/shared';
import { v7 as uuidv7 } from 'uuid';
import { Account } from './account.entity.ts';

/**
 * An account moving from one aging bucket to the next at a business-day change, written by the daily aging
 * roll: roll rates (how much of D1_30 rolls into D31_60) are counted from these.
 */
@Entity({ tableName: 'bucket_transition' })
@Unique({ properties: ['account', 'businessDate'] })
@Index({ properties: ['businessDate', 'fromBucket'] })
export class BucketTransition {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = uuidv7();

  @ManyToOne(() => Account)
  account!: Account;

  @Property({ type: 'date' })
  businessDate!: string;

  @Enum({ items: [...AGING_BUCKETS] })
  fromBucket!: AgingBucket;

  @Enum({ items: [...AGING_BUCKETS] })
  toBucket!: AgingBucket;

  @Property({ type: 'decimal', precision: 19, scale: 4 })
  balance!: string;

  @Property({ type: 'string', length: 3 })
  currency!: string;
}
