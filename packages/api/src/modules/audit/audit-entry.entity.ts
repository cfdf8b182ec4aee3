import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { ROLES } from '@recupera/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';
import { Role } from '../../core/graphql/enums.ts';
import { DateTimeScalar } from '../../core/graphql/scalars.ts';
import { Agency } from '../agencies/agency.entity.ts';

/**
 * One attributable act: every write (mutation), whatever its outcome, and every agency read of account details.
 * Written apart from the act's own transaction, so a refused or failed request is kept too.
 */
@Entity({ tableName: 'audit_entry' })
@ObjectType('AuditEntry', {
  description: 'One attributable act: every write, and every agency read of account details.',
})
@Index({ properties: ['at'] })
@Index({ properties: ['agency', 'at'] })
export class AuditEntry {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: Opt<string> = uuidv7();

  @Property({ type: 'datetime' })
  @Field(() => DateTimeScalar)
  at!: Date;

  @Property({ type: 'string', length: 16, nullable: true })
  @Field(() => String, { nullable: true })
  keyPrefix: string | null = null;

  @Enum({ items: [...ROLES], nullable: true })
  @Field(() => Role, { nullable: true })
  role: Role | null = null;

  @ManyToOne(() => Agency, { nullable: true })
  agency: Agency | null = null;

  /** The GraphQL operation field, e.g. recordPayment. */
  @Property({ type: 'string', length: 80 })
  @Field(() => String, { description: 'The GraphQL operation field, e.g. recordPayment.' })
  operation!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: 'The id of what was read or changed, when there is one.' })
  target: string | null = null;

  @Property({ type: 'string', length: 40 })
  @Field(() => String, { description: 'OK, or the error code the request ended with.' })
  outcome!: string;

  @Property({ type: 'string', length: 4 })
  transport!: 'http' | 'ws';

  @Property({ type: 'uuid', nullable: true })
  requestId: string | null = null;
}
