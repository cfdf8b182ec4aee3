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
// The queue's order, walked backwards (expected recovery, then id, both descending): nextAccount and
// moveAccounts read the best members straight off it instead of sorting the whole queue. It carries when each place
// is next due and until when it is held (never null in the index: -infinity), so nextAccount's walk passes over the
// places it may not offer yet — most of a queue's top late in the day — without visiting their rows.
@Index({
  name: 'queue_membership_workable_order',
  expression:
    'create index "queue_membership_workable_order" on "queue_membership" ("queue_id", "expected_recovery", "id", ' +
    `(coalesce("next_attempt_at", '-infinity'::timestamptz)), (coalesce("reserved_until", '-infinity'::timestamptz)))`,
})
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

  /** Balance × propensity score when last scored: the queue's order, highest first. */
  @Property({ type: 'decimal', precision: 19, scale: 4, default: '0' })
  expectedRecovery: Opt<string> = '0';

  /** Propensity to pay in [0, 1] when last scored (explained by `scoreFactors`). */
  @Property({ type: 'decimal', precision: 5, scale: 4, default: '0' })
  score: Opt<string> = '0';

  @Property({ type: 'json', nullable: true })
  scoreFactors: { factor: string; effect: number; detail: string }[] | null = null;

  /** Champion or challenger treatment, drawn when the account entered the campaign. */
  @Property({ type: 'string', length: 10, default: 'CHAMPION' })
  variant: Opt<'CHAMPION' | 'CHALLENGER'> = 'CHAMPION';

  /** Why `nextAccount` last passed over this account (contact rules), for supervisors; null when offered. */
  @Property({ type: 'json', nullable: true })
  skippedBecause: string[] | null = null;

  /** Not offered before this instant (scheduled callbacks, retry spacing, closed contact window). */
  @Property({ type: 'datetime', nullable: true })
  nextAttemptAt: Date | null = null;

  /** Business date it was last worked: "remaining" counts the members not worked today. */
  @Property({ type: 'date', nullable: true })
  lastWorkedOn: string | null = null;

  /**
   * The agent holding it until `reservedUntil`; no other agent is offered it meanwhile. Indexed: "what does
   * this agent hold" is asked on every nextAccount, logout and reassignment, and must not scan the queue.
   */
  @ManyToOne(() => Agent, { nullable: true })
  @Index()
  reservedBy: Agent | null = null;

  @Property({ type: 'datetime', nullable: true })
  reservedUntil: Date | null = null;
}
