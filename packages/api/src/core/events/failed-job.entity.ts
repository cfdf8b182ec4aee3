import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { v7 as uuidv7 } from 'uuid';

/** A job that exhausted its retries: kept for an admin to see and re-run, never silently dropped. */
@Entity({ tableName: 'failed_job' })
@Index({ properties: ['failedAt'] })
export class FailedJob {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = uuidv7();

  @Property({ type: 'string', length: 80 })
  queue!: string;

  @Property({ type: 'string', length: 200 })
  jobId!: string;

  @Property({ type: 'json' })
  data!: Record<string, unknown>;

  @Property({ type: 'integer' })
  attempts!: number;

  @Property({ type: 'text' })
  error!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  failedAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', nullable: true })
  retriedAt: Date | null = null;
}
