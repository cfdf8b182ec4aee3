import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { CHANNELS, type Channel } from '@recupera/shared';
import { v7 as uuidv7 } from 'uuid';
import { Account } from '../portfolio/account.entity.ts';

/**
 * A message sent to a debtor through a channel adapter (reminders before a due date, after a broken promise).
 * The default adapter only records it here; a real SMS/e-mail provider would also deliver it.
 */
@Entity({ tableName: 'outbound_message' })
@Index({ properties: ['account', 'createdAt'] })
export class OutboundMessage {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = uuidv7();

  @ManyToOne(() => Account)
  account!: Account;

  @Enum({ items: [...CHANNELS] })
  channel!: Channel;

  /** Which reminder this is (e.g. `PROMISE_DUE_SOON`, `PROMISE_BROKEN`); with `dedupeKey`, never sent twice. */
  @Property({ type: 'string', length: 60 })
  template!: string;

  @Property({ type: 'string', length: 200, unique: true })
  dedupeKey!: string;

  @Property({ type: 'string', length: 200 })
  recipient!: string;

  @Property({ type: 'text' })
  body!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
