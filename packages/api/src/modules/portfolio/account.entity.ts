import { ACCOUNT_STATUSES } from '@recupera/shared';
import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';
import { DateScalar } from '../../core/graphql/scalars.ts';
import { AccountStatus } from '../../core/graphql/enums.ts';
import { Agency } from '../agencies/agency.entity.ts';
import { Creditor } from './creditor.entity.ts';
import { Debtor } from './debtor.entity.ts';
import { Portfolio } from './portfolio.entity.ts';

/**
 * One debt. Money columns are `numeric(19,4)`: exact, and wide enough for any ISO currency's minor unit;
 * the GraphQL layer formats them to the currency's own precision.
 *
 * Indexes: every `AccountFilter` field is a range or equality on an indexed column, and the pagination key
 * is `id` (UUIDv7, so time-ordered): `(agency_id, id)` serves the partner-agency view, the most frequent
 * filtered listing, straight from the index in cursor order.
 */
@Entity({ tableName: 'account' })
@ObjectType('Account')
@Unique({ properties: ['creditor', 'externalRef'] })
@Index({ properties: ['agency', 'id'] })
@Index({ properties: ['status', 'id'] })
// Bucket and days-past-due filters are due-date ranges; carrying balance, status, agency and id in the index lets
// `totalCount` of those filters, and the due-date probe of an accounts page (account.service.ts), run as index-only
// scans instead of visiting a third of the table. The agency's own copy serves its pages the same way.
@Index({
  name: 'account_due_date_covering',
  expression:
    'create index "account_due_date_covering" on "account" ("due_date") include ("balance", "status", "agency_id", "id")',
})
@Index({
  name: 'account_agency_due_date_covering',
  expression:
    'create index "account_agency_due_date_covering" on "account" ("agency_id", "due_date") include ("balance", "status", "id")',
})
@Index({ properties: ['balance'] })
@Index({ properties: ['debtor'] })
@Index({ properties: ['portfolio'] })
export class Account {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: Opt<string> = uuidv7();

  @ManyToOne(() => Creditor)
  creditor!: Creditor;

  @ManyToOne(() => Portfolio)
  portfolio!: Portfolio;

  @ManyToOne(() => Debtor)
  debtor!: Debtor;

  @Property({ type: 'string', length: 80 })
  @Field(() => String)
  externalRef!: string;

  @Property({ type: 'decimal', precision: 19, scale: 4 })
  originalAmount!: string;

  @Property({ type: 'decimal', precision: 19, scale: 4 })
  balance!: string;

  @Property({ type: 'string', length: 3 })
  currency!: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar)
  dueDate!: string;

  @Enum({ items: [...ACCOUNT_STATUSES] })
  @Field(() => AccountStatus)
  status: Opt<AccountStatus> = 'ACTIVE';

  /** The agency the account is placed with; null while it is worked in-house only. */
  @ManyToOne(() => Agency, { nullable: true })
  agency: Agency | null = null;

  @Property({ type: 'datetime', nullable: true })
  placedAt: Date | null = null;

  /** Overpayment kept in the customer's favour: the balance never goes below zero. */
  @Property({ type: 'decimal', precision: 19, scale: 4, default: '0' })
  credit: Opt<string> = '0';

  /** Set by an ALREADY_PAID disposition: someone must find the payment before the account is worked again. */
  @Property({ type: 'boolean', default: false })
  reconciliationPending: Opt<boolean> = false;

  // Contact and payment history kept as running figures, so queue ordering and the propensity score never
  // rescan the interaction or payment tables. Each is updated in the transaction that records the fact.
  @Property({ type: 'datetime', nullable: true })
  lastAttemptAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  lastRightPartyContactAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  lastPaymentAt: Date | null = null;

  @Property({ type: 'integer', default: 0 })
  paymentCount: Opt<number> = 0;

  @Property({ type: 'integer', default: 0 })
  promisesKept: Opt<number> = 0;

  @Property({ type: 'integer', default: 0 })
  promisesBroken: Opt<number> = 0;

  @Property({ type: 'integer', default: 0 })
  refusals: Opt<number> = 0;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
