import { Collection, type Opt } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, OneToMany, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';
import { CampaignStatus, Channel } from '../../core/graphql/enums.ts';
import type { Channel as ChannelName } from '@recupera/shared';
import { CHANNELS, CAMPAIGN_STATUSES } from '@recupera/shared';
import type { AccountFilterData } from '../portfolio/account-filter.ts';
import { Agency } from '../agencies/agency.entity.ts';
import { WorkQueue } from '../queues/work-queue.entity.ts';

/** A treatment run on a segment of the portfolio through one or more work queues. */
@Entity({ tableName: 'campaign' })
@ObjectType('Campaign')
export class Campaign {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: Opt<string> = uuidv7();

  @Property({ type: 'string', length: 200 })
  @Field(() => String)
  name!: string;

  @Enum({ items: [...CAMPAIGN_STATUSES] })
  @Field(() => CampaignStatus)
  status: Opt<CampaignStatus> = 'DRAFT';

  @Enum({ items: [...CHANNELS] })
  @Field(() => Channel)
  channel!: ChannelName;

  /** The segment, as the `AccountFilter` it was created with. */
  @Property({ type: 'json' })
  filter: Opt<AccountFilterData> = {};

  /** Set when the campaign is run by a partner agency on its placed accounts; null for in-house campaigns. */
  @ManyToOne(() => Agency, { nullable: true })
  agency: Agency | null = null;

  @OneToMany(() => WorkQueue, (queue) => queue.campaign)
  queues = new Collection<WorkQueue>(this);

  /** What the agent says or the message reads (the "speech"). */
  @Property({ type: 'text', nullable: true })
  script: string | null = null;

  /**
   * Optional contact window tighter than the law's, in the debtor's local time (minutes from midnight). The
   * creditor's country profile always applies on top.
   */
  @Property({ type: 'integer', nullable: true })
  windowStartMinute: number | null = null;

  /** What the campaign should collect per day (the live floor's target), in `dailyTargetCurrency`. */
  @Property({ type: 'decimal', precision: 19, scale: 4, nullable: true })
  dailyTarget: string | null = null;

  @Property({ type: 'string', length: 3, nullable: true })
  dailyTargetCurrency: string | null = null;

  @Property({ type: 'integer', nullable: true })
  windowEndMinute: number | null = null;

  @Property({ type: 'date', nullable: true })
  startsOn: string | null = null;

  @Property({ type: 'date', nullable: true })
  endsOn: string | null = null;

  /** Champion/challenger: the challenger's share of accounts (0–1) and its own script; null without one. */
  @Property({ type: 'json', nullable: true })
  challenger: { name: string; share: number; script: string | null } | null = null;

  @Property({ type: 'datetime', nullable: true })
  startedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  finishedAt: Date | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
