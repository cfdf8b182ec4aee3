import { PROMISE_RECORD_STATUSES, type FactAttribution } from '@recupera/shared';
import type { Opt } from '@mikro-orm/core';
import { Embedded, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';
import { FactPlacement } from '../portfolio/fact-placement.ts';
import { DateScalar } from '../../core/graphql/scalars.ts';
import { PromiseStatus } from '../../core/graphql/enums.ts';
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

  @Enum({ items: [...PROMISE_RECORD_STATUSES] })
  @Field(() => PromiseStatus)
  status: Opt<PromiseStatus> = 'PENDING';

  @Property({ type: 'datetime', nullable: true })
  resolvedAt: Date | null = null;

  /** Where the fact counts (campaign, queue, agency at the time): see FactPlacement. */
  @Embedded(() => FactPlacement, { prefix: false })
  placement: FactPlacement = new FactPlacement();

  /** The agent credited: for a promise, the one who took it; for a payment, the one whose promise it pays. */
  @Property({ type: 'uuid', nullable: true })
  agentId: string | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}

/** Where a promise was made and who took it: the KPI scopes its outcome counts in. */
export function attributionOf(promise: PromiseToPay): FactAttribution {
  return { ...promise.placement, agentId: promise.agentId };
}
