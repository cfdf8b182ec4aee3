import { Collection, type Opt } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, OneToMany, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';
import { Account } from './account.entity.ts';
import { Creditor } from './creditor.entity.ts';

/**
 * A person or company that owes. Scoped to the creditor: the same document id at two creditors is two
 * records, because contact data and consent come from each creditor's own customer file.
 */
@Entity({ tableName: 'debtor' })
@ObjectType('Debtor')
@Unique({ properties: ['creditor', 'documentId'] })
@Index({ properties: ['documentId'] })
// Trigram index: `search` matches any part of a name on a million debtors without a sequential scan.
@Index({
  name: 'debtor_name_trgm',
  expression: 'create index "debtor_name_trgm" on "debtor" using gin ("name" gin_trgm_ops)',
})
export class Debtor {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: Opt<string> = uuidv7();

  @ManyToOne(() => Creditor)
  creditor!: Creditor;

  @Property({ type: 'string', length: 200 })
  @Field(() => String)
  name!: string;

  @Property({ type: 'string', length: 40 })
  @Field(() => String)
  documentId!: string;

  @Property({ type: 'text[]' })
  @Field(() => [String])
  phones: Opt<string[]> = [];

  /**
   * Phones a WRONG_NUMBER disposition marked, per tenant (the partner agency that found it, or `IN_HOUSE`): a number
   * one tenant found wrong is wrong for that tenant's work only (docs/agencies.md). Kept apart from `phones` so the
   * next import cannot silently revive them. Read it through `invalidPhonesFor`.
   */
  @Property({ type: 'json', defaultRaw: `'{}'` })
  invalidPhonesByTenant: Opt<Record<string, string[]>> = {};

  @Property({ type: 'text[]' })
  @Field(() => [String])
  emails: Opt<string[]> = [];

  @Property({ type: 'string', length: 64 })
  @Field(() => String)
  timeZone!: string;

  @Property({ type: 'boolean', default: false })
  @Field(() => Boolean)
  doNotContact: Opt<boolean> = false;

  @OneToMany(() => Account, (account) => account.debtor)
  accounts = new Collection<Account>(this);

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
