import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';
import { DateTimeScalar } from '../../core/graphql/scalars.ts';

export const IMPORT_JOB_STATUSES = ['QUEUED', 'VALIDATING', 'IMPORTING', 'SUCCEEDED', 'FAILED'] as const;
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number];
export const ImportJobStatus = Object.fromEntries(IMPORT_JOB_STATUSES.map((status) => [status, status])) as {
  [K in ImportJobStatus]: K;
};
registerEnumType(ImportJobStatus, {
  name: 'ImportJobStatus',
  description:
    'QUEUED → VALIDATING (every row checked, nothing written) → IMPORTING (one transaction) → SUCCEEDED or FAILED.',
});

@ObjectType('ImportJobError', { description: 'Why an import failed. Nothing of the file was imported.' })
export class ImportJobError {
  @Field(() => String, {
    description: 'BAD_USER_INPUT or CONFLICT: the file must change. INTERNAL: an administrator may retry the job.',
  })
  code!: string;

  @Field(() => String)
  message!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The offending field as accounts[<row>].<field>, counting rows in the whole file from 0.',
  })
  field!: string | null;

  @Field(() => Int, { nullable: true, description: 'Index of the offending row in the whole file.' })
  row!: number | null;
}

/** A large import started with `startImport`: its rows wait in `import_job_chunk` until the job has run. */
@Entity({ tableName: 'import_job' })
@ObjectType('ImportJob')
@Index({ properties: ['createdAt'] })
export class ImportJob {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: Opt<string> = uuidv7();

  @Property({ type: 'string', length: 200 })
  @Field(() => String)
  creditorName!: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String)
  portfolioName!: string;

  @Enum({ items: [...IMPORT_JOB_STATUSES] })
  @Field(() => ImportJobStatus)
  status: Opt<ImportJobStatus> = 'QUEUED';

  @Property({ type: 'integer' })
  @Field(() => Int)
  totalRows!: number;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: 'Rows checked so far; all of them are before anything is written.' })
  validatedRows: Opt<number> = 0;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, {
    description: 'Rows written so far inside the import transaction: none of them is visible until it commits.',
  })
  importedRows: Opt<number> = 0;

  @Property({ type: 'json', nullable: true })
  @Field(() => ImportJobError, { nullable: true })
  error: ImportJobError | null = null;

  /** The principal that started it, written as the actor of the import's events. */
  @Property({ type: 'string', length: 80 })
  requestedBy!: string;

  @Property({ type: 'string', length: 16 })
  requestedRole!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  @Field(() => DateTimeScalar)
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', nullable: true })
  @Field(() => DateTimeScalar, { nullable: true })
  startedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => DateTimeScalar, { nullable: true })
  finishedAt: Date | null = null;
}
