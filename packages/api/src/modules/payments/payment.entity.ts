import type { Opt } from '@mikro-orm/core';
import { Embedded, Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';
import { FactPlacement } from '../portfolio/fact-placement.ts';
import { DateTimeScalar } from '../../core/graphql/scalars.ts';
import { Account } from '../portfolio/account.entity.ts';

@Entity({ tableName: 'payment' })
@ObjectType('Payment')
@Index({ properties: ['account', 'paidAt'] })
@Index({ properties: ['paidAt'] })
// References are idempotency keys of the tenant and feed that post them, as Stripe's are of one account: another
// tenant's use of the same reference neither blocks nor reveals anything.
@Unique({ properties: ['idempotencyScope', 'reference'] })
export class Payment {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: Opt<string> = uuidv7();

  @ManyToOne(() => Account)
  account!: Account;

  @Property({ type: 'decimal', precision: 19, scale: 4 })
  amount!: string;

  @Property({ type: 'string', length: 3 })
  currency!: string;

  @Property({ type: 'datetime' })
  @Field(() => DateTimeScalar)
  paidAt!: Date;

  /** The feed's idempotency key: unique within its scope, so a retried post can never count twice. */
  @Property({ type: 'string', length: 120 })
  @Field(() => String)
  reference!: string;

  /**
   * Whose idempotency key `reference` is: the posting tenant (`in-house`, or the agency's id) and the feed it named
   * (`source`), e.g. `in-house|BCP`. Never shown: it says who posted, not what was paid.
   */
  @Property({ type: 'string', length: 160 })
  idempotencyScope!: string;

  /** The part that reduced the balance (the rest went to credit): start-of-day balances are rebuilt from it. */
  @Property({ type: 'decimal', precision: 19, scale: 4, default: '0' })
  appliedAmount: Opt<string> = '0';

  /** Where the fact counts (campaign, queue, agency at the time): see FactPlacement. */
  @Embedded(() => FactPlacement, { prefix: false })
  placement: FactPlacement = new FactPlacement();

  /** The agent credited: for a promise, the one who took it; for a payment, the one whose promise it pays. */
  @Property({ type: 'uuid', nullable: true })
  agentId: string | null = null;

  /**
   * On a reversal line (payment-reversal.service.ts): the payment it reverses. The line's amount is minus that
   * payment's, so every sum over payments nets the reversal out at the moment it happened. Unique: once each.
   */
  @Property({ type: 'uuid', nullable: true, unique: true })
  @Field(() => ID, { nullable: true, description: 'On a reversal line: the payment it takes back.' })
  reversalOf: string | null = null;

  /** On a reversed payment: when it was taken back. */
  @Property({ type: 'datetime', nullable: true })
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the payment was reversed, if it was.' })
  reversedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  reversalReason: string | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
