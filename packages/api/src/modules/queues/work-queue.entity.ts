import type { Opt } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';
import { Campaign } from '../campaigns/campaign.entity.ts';
import type { AccountFilterData } from '../portfolio/account-filter.ts';

@Entity({ tableName: 'work_queue' })
@ObjectType('WorkQueue')
export class WorkQueue {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: Opt<string> = uuidv7();

  @ManyToOne(() => Campaign)
  @Index()
  campaign!: Campaign;

  @Property({ type: 'string', length: 200 })
  @Field(() => String)
  name!: string;

  /** Higher first when an agent can serve several queues. */
  @Property({ type: 'integer', default: 0 })
  @Field(() => Int)
  priority: Opt<number> = 0;

  @Property({ type: 'boolean', default: false })
  @Field(() => Boolean)
  paused: Opt<boolean> = false;

  /** Order given at creation: an account goes to the first queue whose filter it matches. */
  @Property({ type: 'integer', default: 0 })
  position: Opt<number> = 0;

  /** The queue's sub-filter within its campaign's segment. */
  @Property({ type: 'json' })
  filter: Opt<AccountFilterData> = {};

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
