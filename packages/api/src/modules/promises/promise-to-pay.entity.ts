import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';
import { DateScalar } from '../../core/graphql/scalars.ts';
import { PROMISE_STATUSES, PromiseStatus } from '../../core/graphql/enums.ts';
import { Account } from '../portfolio/account.entity.ts';
import { Interaction } from '../interactions/interaction.entity.ts';

@Entity({ tableName: 'promise_to_pay' })
@ObjectType('PromiseToPay')
@Index({ properties: ['status', 'dueDate'] })
export class PromiseToPay {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: Opt<string> = uuidv7();

  @ManyToOne(() => Account)
  @Index()
  account!: Account;

  /** The PROMISE_TO_PAY interaction that made it. */
  @ManyToOne(() => Interaction, { nullable: true, unique: true })
  interaction: Interaction | null = null;

  @Property({ type: 'decimal', precision: 19, scale: 4 })
  amount!: string;

  @Property({ type: 'string', length: 3 })
  currency!: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar)
  dueDate!: string;

  /** Days after the due date a payment still keeps the promise (fixed when the promise is made). */
  @Property({ type: 'integer', default: 3 })
  graceDays: Opt<number> = 3;

  /** Payments on the account since the promise was made, up to its deadline. */
  @Property({ type: 'decimal', precision: 19, scale: 4, default: '0' })
  paidAmount: Opt<string> = '0';

  @Enum({ items: [...PROMISE_STATUSES] })
  @Field(() => PromiseStatus)
  status: Opt<PromiseStatus> = 'PENDING';

  @Property({ type: 'datetime', nullable: true })
  resolvedAt: Date | null = null;

  // Attribution at the time of the fact — the campaign, queue and agency it counted for then, whatever moves
  // later — so every KPI scope can be recomputed from the stored facts alone.
  @Property({ type: 'uuid', nullable: true })
  campaignId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  queueId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  agencyId: string | null = null;

  /** The agent credited: for a promise, the one who took it; for a payment, the one whose promise it pays. */
  @Property({ type: 'uuid', nullable: true })
  agentId: string | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}

/** The scope a promise was made in, as its outcome events carry it for the live KPIs. */
export function attributionOf(promise: PromiseToPay): {
  campaignId: string | null;
  queueId: string | null;
  agentId: string | null;
  agencyId: string | null;
} {
  return {
    campaignId: promise.campaignId,
    queueId: promise.queueId,
    agentId: promise.agentId,
    agencyId: promise.agencyId,
  };
}
