import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainEvent } from './domain-event.entity.ts';

export interface EventInput {
  type: string;
  aggregateType: string;
  aggregateId: string;
  actor: string;
  payload: Record<string, unknown>;
}

/**
 * Stages an event in the caller's unit of work; it is written by the same flush, inside the same transaction,
 * as the change it describes. Callers always run inside `em.transactional`.
 */
export function recordEvent(em: EntityManager, input: EventInput): DomainEvent {
  const event = em.create(DomainEvent, { ...input, occurredAt: new Date(), publishedAt: null });
  em.persist(event);
  return event;
}
