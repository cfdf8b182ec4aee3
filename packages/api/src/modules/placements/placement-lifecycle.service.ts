import { LockMode, UniqueConstraintViolationException, type EntityClass, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays, isIsoDate, RETURN_REASONS, type IsoDate, type ReturnReason } from '@recupera/shared';
import type { Clock } from '../../core/clock.ts';
import { badInput, conflict, notFound } from '../../core/errors.ts';
import { recordEvent } from '../../core/events/record-event.ts';
import { isUuid } from '../../core/ids.ts';
import type { Principal } from '../../core/principal.ts';
import { changeHolder } from './holder-change.ts';
import { PlacementExtensionRequest } from './placement-extension-request.entity.ts';
import { Placement } from './placement.entity.ts';

export const MAX_NOTE_LENGTH = 1_000;
/** An extension asks for at most a year more. */
export const MAX_EXTENSION_DAYS = 365;

/** A placement that has just ended: what its agency may still be told, since the account is no longer its own. */
export interface EndedPlacement {
  id: string;
  accountId: string;
  status: 'RECALLED' | 'RETURNED';
  endedAt: Date;
  endReason: string;
}

function checkNote(field: string, value: string | null | undefined, required: boolean): string | null {
  const text = value?.trim() ?? '';
  if (required && text === '') throw badInput(field, 'must not be empty');
  if (text.length > MAX_NOTE_LENGTH) throw badInput(field, `must be at most ${MAX_NOTE_LENGTH} characters`);
  return text === '' ? null : text;
}

/**
 * The row the caller names by `id`, as the caller may see it (an agency: only its own), row-locked and read
 * afresh; a malformed id is simply not found, like one of another agency.
 */
async function lockNamed<Entity extends object>(
  tx: EntityManager,
  entity: EntityClass<Entity>,
  where: FilterQuery<NoInfer<Entity>>,
  id: string,
  notFoundAs: { what: string; field: string },
): Promise<Entity> {
  const row = isUuid(id)
    ? await tx.findOne<Entity>(entity, where, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true })
    : null;
  if (!row) throw notFound(notFoundAs.what, id, notFoundAs.field);
  return row;
}

/** The account's ACTIVE placement as the caller may see it (an agency: only its own), row-locked. */
function lockActivePlacement(tx: EntityManager, accountId: string): Promise<Placement> {
  return lockNamed(tx, Placement, { account: accountId, status: 'ACTIVE' }, accountId, {
    what: 'Placement of account',
    field: 'accountId',
  });
}

/** Moves an ACTIVE placement's recall date later (a manager's word, or an approved request) and says so. */
function moveRecallDate(
  tx: EntityManager,
  actor: Principal,
  placement: Placement,
  to: IsoDate,
  requestId: string | null,
): void {
  const from = placement.recallDate;
  placement.recallDate = to;
  recordEvent(tx, {
    type: 'PlacementExtended',
    aggregateId: placement.id,
    actor: actor.actor,
    payload: { agencyId: placement.agency.id, accountId: placement.account.id, from, to, requestId },
  });
}

/**
 * The agency hands an account back with a coded reason (RETURNED): it comes back in-house at once, out of the
 * agency's queues. What it collected before stays in its statement.
 */
export async function returnAccount(
  em: EntityManager,
  actor: Principal,
  clock: Clock,
  input: { accountId: string; reason: ReturnReason; note?: string | null },
): Promise<EndedPlacement> {
  if (!RETURN_REASONS.includes(input.reason)) throw badInput('reason', `unknown reason ${input.reason}`);
  const note = checkNote('note', input.note, input.reason === 'OTHER');
  return em.transactional(async (tx) => {
    const placement = await lockActivePlacement(tx, input.accountId);
    const now = clock.now();
    placement.status = 'RETURNED';
    placement.endedAt = now;
    placement.endReason = input.reason;
    placement.endNote = note;
    await tx.flush();
    await changeHolder(tx, {
      accountIds: [placement.account.id],
      to: null,
      reason: 'RETURNED',
      now,
      actor: actor.actor,
    });
    recordEvent(tx, {
      type: 'PlacementsEnded',
      aggregateId: placement.agency.id,
      actor: actor.actor,
      payload: {
        agencyId: placement.agency.id,
        status: 'RETURNED',
        reason: input.reason,
        placementIds: [placement.id],
        accountIds: [placement.account.id],
        note,
      },
    });
    return {
      id: placement.id,
      accountId: placement.account.id,
      status: 'RETURNED',
      endedAt: now,
      endReason: input.reason,
    };
  });
}

/** A manager moves an ACTIVE placement's recall date later. */
export async function extendPlacement(
  em: EntityManager,
  actor: Principal,
  businessDate: IsoDate,
  input: { id: string; recallDate: IsoDate },
): Promise<Placement> {
  if (!isIsoDate(input.recallDate)) throw badInput('recallDate', 'must be a date YYYY-MM-DD');
  return em.transactional(async (tx) => {
    const placement = await lockNamed(tx, Placement, { id: input.id }, input.id, { what: 'Placement', field: 'id' });
    if (placement.status !== 'ACTIVE') throw conflict('id', `the placement is ${placement.status}`);
    const from = placement.recallDate;
    if (input.recallDate <= businessDate) throw badInput('recallDate', 'must be after today');
    if (from !== null && input.recallDate <= from) {
      throw badInput('recallDate', `must be after the current recall date, ${from}`);
    }
    moveRecallDate(tx, actor, placement, input.recallDate, null);
    return placement;
  });
}

/** The agency asks for `days` more on one of its placements that has a recall date, with a reason. */
export async function requestPlacementExtension(
  em: EntityManager,
  actor: Principal,
  clock: Clock,
  input: { placementId: string; days: number; reason: string },
): Promise<PlacementExtensionRequest> {
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > MAX_EXTENSION_DAYS) {
    throw badInput('days', `must be a whole number of days from 1 to ${MAX_EXTENSION_DAYS}`);
  }
  const reason = checkNote('reason', input.reason, true)!;
  try {
    return await em.transactional(async (tx) => {
      const placement = await lockNamed(tx, Placement, { id: input.placementId }, input.placementId, {
        what: 'Placement',
        field: 'placementId',
      });
      if (placement.status !== 'ACTIVE') throw conflict('placementId', `the placement is ${placement.status}`);
      if (placement.recallDate === null) throw conflict('placementId', 'the placement is open-ended');
      if (await tx.count(PlacementExtensionRequest, { placement, status: 'PENDING' })) {
        throw conflict('placementId', 'an extension request is already waiting for a decision');
      }
      const request = tx.create(PlacementExtensionRequest, {
        placement,
        days: input.days,
        reason,
        requestedAt: clock.now(),
      });
      recordEvent(tx, {
        type: 'PlacementExtensionRequested',
        aggregateId: request.id,
        actor: actor.actor,
        payload: {
          placementId: placement.id,
          agencyId: placement.agency.id,
          accountId: placement.account.id,
          days: input.days,
          reason,
        },
      });
      return request;
    });
  } catch (error) {
    // Two requests at once: the partial unique index lets one through; the other gets the same answer as above.
    if (error instanceof UniqueConstraintViolationException) {
      throw conflict('placementId', 'an extension request is already waiting for a decision');
    }
    throw error;
  }
}

/** A manager approves (the recall date moves `days` later) or refuses an agency's extension request. */
export async function decidePlacementExtension(
  em: EntityManager,
  actor: Principal,
  clock: Clock,
  input: { requestId: string; approve: boolean; note?: string | null },
): Promise<PlacementExtensionRequest> {
  const note = checkNote('note', input.note, false);
  return em.transactional(async (tx) => {
    const request = await lockNamed(tx, PlacementExtensionRequest, { id: input.requestId }, input.requestId, {
      what: 'PlacementExtensionRequest',
      field: 'requestId',
    });
    if (request.status !== 'PENDING') throw conflict('requestId', `the request is already ${request.status}`);
    const placement = await tx.findOneOrFail(
      Placement,
      { id: request.placement.id },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    if (input.approve && placement.status !== 'ACTIVE') {
      throw conflict('requestId', `the placement is ${placement.status}: there is nothing to extend`);
    }
    request.status = input.approve ? 'APPROVED' : 'REFUSED';
    request.decidedAt = clock.now();
    request.decisionNote = note;
    if (input.approve && placement.recallDate !== null) {
      moveRecallDate(tx, actor, placement, addDays(placement.recallDate, request.days), request.id);
    }
    recordEvent(tx, {
      type: 'PlacementExtensionDecided',
      aggregateId: request.id,
      actor: actor.actor,
      payload: {
        placementId: placement.id,
        agencyId: placement.agency.id,
        accountId: placement.account.id,
        approved: input.approve,
        note,
        recallDate: placement.recallDate,
      },
    });
    return request;
  });
}
