import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';

/** A collection team: the in-house one (`partner: false`) or a partner agency accounts are placed with. */
@Entity({ tableName: 'agency' })
@ObjectType('Agency')
export class Agency {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: Opt<string> = uuidv7();

  @Property({ type: 'string', length: 40, unique: true })
  @Field(() => String)
  code!: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String)
  name!: string;

  @Property({ type: 'boolean' })
  @Field(() => Boolean)
  partner!: boolean;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
