import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * The demo clock's offset (demo time minus real time, in ms), one row, kept between runs so a restart never sets
 * demo time back (docs/demo.md). Only the embedded demo database has it; written with raw SQL (demo-offset-store.ts).
 */
@Entity({ tableName: 'demo_clock' })
export class DemoClockState {
  /** Always 1: there is one demo clock per database. */
  @PrimaryKey({ type: 'smallint' })
  id!: number;

  @Property({ type: 'bigint' })
  offsetMs!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Opt<Date> = new Date();
}
