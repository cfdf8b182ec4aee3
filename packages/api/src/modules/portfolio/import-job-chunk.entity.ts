import type { Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { v7 as uuidv7 } from 'uuid';
import type { ImportAccountInput } from './import.input.ts';
import { ImportJob } from './import-job.entity.ts';

/**
 * Staging for a large import: the file's rows in slices, as they arrived. Kept in PostgreSQL rather than in
 * the job's data so a 200,000-row file never travels through Redis; deleted by the transaction that imports them.
 */
@Entity({ tableName: 'import_job_chunk' })
@Unique({ properties: ['importJob', 'seq'] })
export class ImportJobChunk {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = uuidv7();

  @ManyToOne(() => ImportJob, { deleteRule: 'cascade' })
  importJob!: ImportJob;

  @Property({ type: 'integer' })
  seq!: number;

  /** Index in the whole file of this slice's first row, so errors name the row the user knows. */
  @Property({ type: 'integer' })
  firstRow!: number;

  @Property({ type: 'json' })
  rows!: ImportAccountInput[];
}
