import type { EntityManager } from '@mikro-orm/postgresql';
import { DOMAIN_EVENT_AGGREGATES, type DomainEventPayloads, type DomainEventType } from '@recupera/shared';
import { currentRequestId } from '../observability/request-context.ts';
import { DomainEvent } from './domain-event.entity.ts';

/** One event of the catalogue (`@recupera/shared` events.ts), as a write describes it. */
export interface EventInput<T extends DomainEventType> {
  type: T;
  /** The id of the event's aggregate, of the kind the catalogue names for this type. */
  aggregateId: string;
  /** `apikey:<id>`, `admin-bootstrap` or `system`. */
  actor: string;
  payload: DomainEventPayloads[T];
}

/**
 * Stages an event in the caller's unit of work; it is written by the same flush, inside the same transaction,
 * as the change it describes. Callers always run inside `em.transactional`.
 */
export function recordEvent<T extends DomainEventType>(em: EntityManager, event: EventInput<T>): DomainEvent {
  const row = em.create(DomainEvent, {
    type: event.type,
    aggregateType: DOMAIN_EVENT_AGGREGATES[event.type],
    aggregateId: event.aggregateId,
    actor: event.actor,
    payload: event.payload as unknown as Record<string, unknown>,
    occurredAt: new Date(),
    publishedAt: null,
    requestId: currentRequestId(),
  });
  em.persist(row);
  return row;
}
