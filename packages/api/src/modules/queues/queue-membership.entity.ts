import type { Opt } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { v7 as uuidv7 } from 'uuid';
import { Agent } from '../agencies/agent.entity.ts';
import { Campaign } from '../campaigns/campaign.entity.ts';
import { Account } from '../portfolio/account.entity.ts';
import { WorkQueue } from './work-queue.entity.ts';

/**
 * An account's place in a work queue. One row per account at most (the unique `account`): an account is
 * worked by one running queue at a time.
 */
@Entity({ tableName: 'queue_membership' })
@Index({ properties: ['queue', 'nextAttemptAt'] })
export class QueueMembership {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = uuidv7();

  @ManyToOne(() => Account, { unique: true })
  account!: Account;

  @ManyToOne(() => WorkQueue)
  queue!: WorkQueue;

  @ManyToOne(() => Campaign)
  @Index()
  campaign!: Campaign;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  enteredAt: Opt<Date> = new Date();

  /** Not offered before this instant (scheduled callbacks, retry spacing). */
  @Property({ type: 'datetime', nullable: true })
  nextAttemptAt: Date | null = null;

  /** Business date it was last worked: "remaining" counts the members not worked today. */
  @Property({ type: 'date', nullable: true })
  lastWorkedOn: string | null = null;

  /** The agent holding it until `reservedUntil`; no other agent is offered it meanwhile. */
  @ManyToOne(() => Agent, { nullable: true })
  reservedBy: Agent | null = null;

  @Property({ type: 'datetime', nullable: true })
  reservedUntil: Date | null = null;
}
