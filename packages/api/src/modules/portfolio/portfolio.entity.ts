import type { Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { v7 as uuidv7 } from 'uuid';
import { Creditor } from './creditor.entity.ts';

/** One placement of overdue accounts from a creditor (an import batch is added to a named portfolio). */
@Entity({ tableName: 'portfolio' })
@Unique({ properties: ['creditor', 'name'] })
export class Portfolio {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = uuidv7();

  @ManyToOne(() => Creditor)
  creditor!: Creditor;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
