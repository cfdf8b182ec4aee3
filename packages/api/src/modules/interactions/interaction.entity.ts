import type { Opt } from '@mikro-orm/core';
import { Embedded, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import {
  CHANNELS,
  DISPOSITIONS,
  type Channel as ChannelName,
  type Disposition as DispositionName,
} from '@recupera/shared';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';
import { FactPlacement } from '../portfolio/fact-placement.ts';
import { Channel, Disposition } from '../../core/graphql/enums.ts';
import { DateTimeScalar } from '../../core/graphql/scalars.ts';
import { Agent } from '../agencies/agent.entity.ts';
import { Account } from '../portfolio/account.entity.ts';

/** One contact attempt and its disposition ("tipificación"). */
@Entity({ tableName: 'interaction' })
@ObjectType('Interaction')
@Index({ properties: ['account', 'startedAt'] })
@Index({ properties: ['agent', 'startedAt'] })
@Index({ properties: ['startedAt'] })
export class Interaction {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: Opt<string> = uuidv7();

  @ManyToOne(() => Account)
  account!: Account;

  @ManyToOne(() => Agent, { nullable: true })
  agent: Agent | null = null;

  @Enum({ items: [...CHANNELS] })
  @Field(() => Channel)
  channel!: ChannelName;

  @Enum({ items: [...DISPOSITIONS] })
  @Field(() => Disposition)
  disposition!: DispositionName;

  @Property({ type: 'datetime' })
  @Field(() => DateTimeScalar)
  startedAt!: Date;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int)
  durationSeconds: Opt<number> = 0;

  @Property({ type: 'text', nullable: true })
  notes: string | null = null;

  /** The phone number or address used, so a WRONG_NUMBER can mark exactly that one invalid. */
  @Property({ type: 'string', length: 200, nullable: true })
  contactPoint: string | null = null;

  /** The campaign treatment the attempt belonged to, for champion/challenger comparison. */
  @Property({ type: 'string', length: 10, nullable: true })
  variant: 'CHAMPION' | 'CHALLENGER' | null = null;

  /** For CALLBACK_REQUESTED: when the debtor asked to be called back. */
  @Property({ type: 'datetime', nullable: true })
  callbackAt: Date | null = null;

  /** Where the fact counts (campaign, queue, agency at the time): see FactPlacement. */
  @Embedded(() => FactPlacement, { prefix: false })
  placement: FactPlacement = new FactPlacement();

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
