import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { v7 as uuidv7 } from 'uuid';

/** The company that owns the debt and places portfolios with us. */
@Entity({ tableName: 'creditor' })
export class Creditor {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = uuidv7();

  @Property({ type: 'string', length: 200, unique: true })
  name!: string;

  /** Country whose contact rules (hours, days, caps, holidays) apply to this creditor's debtors. */
  @Property({ type: 'string', length: 2 })
  contactProfile: Opt<string> = 'PE';

  /** Time zone assumed for a debtor imported without one. */
  @Property({ type: 'string', length: 64 })
  defaultTimeZone: Opt<string> = 'America/Lima';

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
