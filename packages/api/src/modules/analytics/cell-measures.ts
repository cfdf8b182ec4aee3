import { PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Rollup } from './cell-keys.ts';

/**
 * What every analytics table counts, summed over the facts of its key. The columns are written by SQL only (the
 * projector and the build); the entities exist for the schema, the migrations and the agency-scope rules.
 */
export abstract class CellMeasures {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'date' })
  businessDate!: string;

  /** The agency the account was placed with at the attempt (null: in-house). */
  @Property({ type: 'uuid', nullable: true })
  agencyId: string | null = null;

  @Property({ type: 'string', length: 10 })
  channel!: string;

  @Property({ type: 'integer', default: 0 })
  attempts = 0;

  @Property({ type: 'integer', default: 0 })
  contacts = 0;

  @Property({ type: 'integer', default: 0 })
  rightPartyContacts = 0;

  @Property({ type: 'integer', default: 0 })
  promises = 0;
}

/**
 * The unique index of a table's key, NULLS NOT DISTINCT: "no campaign" and "in-house" are keys like any other, so
 * the upserts find them.
 */
export function uniqueKeyIndex(rollup: Rollup): { name: string; expression: string } {
  const name = `${rollup.table}_key`;
  return {
    name,
    expression: `create unique index "${name}" on "${rollup.table}" (${rollup.keys
      .map((key) => `"${key}"`)
      .join(', ')}) nulls not distinct`,
  };
}
