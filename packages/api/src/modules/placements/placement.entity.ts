import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { PLACEMENT_STATUSES, type PlacementStatus } from '@recupera/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';
import { DateScalar, DateTimeScalar } from '../../core/graphql/scalars.ts';
import { PlacementStatus as PlacementStatusEnum } from './placement-enums.ts';
import { Agency } from '../agencies/agency.entity.ts';
import { Account } from '../portfolio/account.entity.ts';

/**
 * One period an account spent with a partner agency (docs/agencies.md). History is kept: an account placed three
 * times has three rows, at most one of them ACTIVE (a partial unique index). `account.agency` mirrors the ACTIVE
 * one, so every existing read (filters, scope, KPIs) keeps reading the account's holder from the account.
 */
@Entity({ tableName: 'placement' })
@ObjectType('Placement')
@Index({ properties: ['agency', 'status', 'recallDate'] })
@Index({ properties: ['account', 'placedAt'] })
@Index({
  name: 'placement_one_active_per_account',
  expression: `create unique index "placement_one_active_per_account" on "placement" ("account_id") where "status" = 'ACTIVE'`,
})
// The recall job's read: the active placements whose recall date has come, oldest first.
@Index({
  name: 'placement_active_recall_date',
  expression: `create index "placement_active_recall_date" on "placement" ("recall_date", "id") where "status" = 'ACTIVE'`,
})
export class Placement {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: Opt<string> = uuidv7();

  @ManyToOne(() => Account)
  account!: Account;

  @ManyToOne(() => Agency)
  agency!: Agency;

  @Property({ type: 'datetime' })
  @Field(() => DateTimeScalar)
  placedAt!: Date;

  /** The business date the account comes back (null: open-ended). */
  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, {
    nullable: true,
    description: 'The business date the account comes back unless recalled or returned earlier.',
  })
  recallDate: string | null = null;

  /** A decimal fraction with at most 4 decimals, 0 ≤ rate < 1. */
  @Property({ type: 'decimal', precision: 5, scale: 4 })
  commissionRate!: string;

  @Enum({ items: [...PLACEMENT_STATUSES] })
  @Field(() => PlacementStatusEnum)
  status: Opt<PlacementStatus> = 'ACTIVE';

  @Property({ type: 'datetime', nullable: true })
  @Field(() => DateTimeScalar, { nullable: true })
  endedAt: Date | null = null;

  /** A recall reason (MANAGER_RECALL, REPLACED, RECALL_DATE_REACHED) or a return reason (PAID_IN_FULL, …). */
  @Property({ type: 'string', length: 40, nullable: true })
  @Field(() => String, { nullable: true })
  endReason: string | null = null;

  /** What the agency wrote with a return. */
  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  endNote: string | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
