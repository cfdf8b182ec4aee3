import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * Every write appends one of these in the same transaction as the change: the audit trail (who, what,
 * when) and the transactional outbox the live KPIs are fed from (`publishedAt` null = not relayed yet).
 */
@Entity({ tableName: 'domain_event' })
@Index({
  name: 'domain_event_unpublished',
  expression: 'create index "domain_event_unpublished" on "domain_event" ("id") where "published_at" is null',
})
@Index({ properties: ['aggregateType', 'aggregateId'] })
export class DomainEvent {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'string', length: 80 })
  type!: string;

  @Property({ type: 'string', length: 40 })
  aggregateType!: string;

  @Property({ type: 'string', length: 64 })
  aggregateId!: string;

  /** `apikey:<id>`, `admin-bootstrap` or `system`. */
  @Property({ type: 'string', length: 80 })
  actor!: string;

  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  occurredAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', nullable: true })
  publishedAt: Date | null = null;

  /** The request that wrote it (its `x-request-id`); null for jobs, the seeder and other work no request started. */
  @Property({ type: 'string', length: 64, nullable: true })
  requestId: string | null = null;
}
