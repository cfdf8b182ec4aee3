import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { formatAmount, MoneyError, parseAmount, type IsoDate, type CampaignStatus } from '@recupera/shared';
import { badInput, conflict, notFound } from '../../core/errors.ts';
import { recordEvent } from '../../core/events/record-event.ts';
import type { Principal } from '../../core/principal.ts';
import { getVisibleAgency } from '../agencies/agency.service.ts';
import { Agent } from '../agencies/agent.entity.ts';
import { accountWhere } from '../portfolio/account-filter.ts';
import { QueueMembership } from '../queues/queue-membership.entity.ts';
import { WorkQueue } from '../queues/work-queue.entity.ts';
import { fillQueues } from './campaign-filling.ts';
import { refreshStatisticsAfter } from '../../core/database/statistics.ts';
import type { CreateCampaignInput } from './campaign.input.ts';
import { Campaign } from './campaign.entity.ts';
import { validateCampaignInput } from './campaign-validation.ts';
import { isUuid } from '../../core/ids.ts';

/** Members added by a start beyond which the queue table's statistics are refreshed at once. */

export interface CampaignClock {
  now: Date;
  businessDate: IsoDate;
  timeZone: string;
}

/** A new campaign in DRAFT with its queues; nothing is queued until it starts. */
export async function createCampaign(
  em: EntityManager,
  actor: Principal,
  input: CreateCampaignInput,
  businessDate: IsoDate,
  /** The currency of `input.dailyTarget`. */
  operationCurrency = 'PEN',
): Promise<Campaign> {
  const valid = validateCampaignInput(input);
  const dailyTarget = dailyTargetOf(input.dailyTarget, operationCurrency);
  // Turning the filters into conditions validates them, naming the offending field.
  accountWhere(input.filter, businessDate, 'input.filter');
  input.queues.forEach((queue, index) => accountWhere(queue.filter, businessDate, `input.queues[${index}].filter`));
  return em.transactional(async (tx) => {
    const agency = input.agencyId ? await getVisibleAgency(tx, input.agencyId, 'input.agencyId') : null;
    if (agency && !agency.partner) {
      throw badInput('input.agencyId', 'only a partner agency runs its own campaigns; in-house ones have no agency');
    }
    const campaign = tx.create(Campaign, {
      name: valid.name,
      channel: input.channel,
      filter: { ...input.filter },
      agency,
      script: input.script ?? null,
      dailyTarget,
      dailyTargetCurrency: dailyTarget === null ? null : operationCurrency,
      windowStartMinute: valid.windowStartMinute,
      windowEndMinute: valid.windowEndMinute,
      startsOn: input.startsOn ?? null,
      endsOn: input.endsOn ?? null,
      challenger: input.challenger
        ? { name: input.challenger.name.trim(), share: input.challenger.share, script: input.challenger.script ?? null }
        : null,
    });
    valid.queues.forEach((queue, index) => {
      tx.create(WorkQueue, {
        campaign,
        name: queue.name,
        priority: queue.priority,
        filter: { ...(input.queues[index]!.filter ?? {}) },
        position: index,
      });
    });
    recordEvent(tx, {
      type: 'CampaignCreated',
      aggregateId: campaign.id,
      actor: actor.actor,
      payload: { name: valid.name, channel: input.channel, queues: valid.queues.map((queue) => queue.name) },
    });
    return campaign;
  });
}

const TRANSITIONS: Record<'start' | 'pause' | 'finish', { from: CampaignStatus[]; to: CampaignStatus }> = {
  start: { from: ['DRAFT', 'PAUSED'], to: 'RUNNING' },
  pause: { from: ['RUNNING'], to: 'PAUSED' },
  finish: { from: ['DRAFT', 'RUNNING', 'PAUSED'], to: 'FINISHED' },
};

/**
 * Starts (first time: fills and scores the queues), pauses, or finishes a campaign. The campaign row is
 * locked for the change, so two managers pressing "start" at once fill the queues once.
 */
export async function changeCampaignStatus(
  em: EntityManager,
  actor: Principal,
  id: string,
  action: 'start' | 'pause' | 'finish',
  clock: CampaignClock,
): Promise<Campaign> {
  let queued: number | null = null;
  const changed = await em.transactional(async (tx) => {
    const campaign = isUuid(id) ? await tx.findOne(Campaign, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE }) : null;
    if (!campaign) throw notFound('Campaign', id);
    const transition = TRANSITIONS[action];
    if (!transition.from.includes(campaign.status)) {
      throw conflict('id', `a ${campaign.status} campaign cannot ${action}`);
    }
    if (action === 'start' && campaign.endsOn && campaign.endsOn < clock.businessDate) {
      throw conflict('id', `the campaign ended on ${campaign.endsOn}`);
    }
    if (action === 'start' && campaign.startedAt === null) {
      const queues = await tx.find(WorkQueue, { campaign }, { orderBy: { position: 'asc' } });
      queued = await fillQueues(tx, campaign, queues, clock);
      campaign.startedAt = clock.now;
    }
    if (action === 'finish') {
      // Its accounts become free for other campaigns, its agents for other queues.
      await tx.nativeDelete(QueueMembership, { campaign });
      await tx.nativeUpdate(Agent, { queue: { campaign } }, { queue: null });
      campaign.finishedAt = clock.now;
    }
    const from = campaign.status;
    campaign.status = transition.to;
    recordEvent(tx, {
      type: `Campaign${transition.to === 'RUNNING' ? 'Started' : transition.to === 'PAUSED' ? 'Paused' : 'Finished'}`,
      aggregateId: campaign.id,
      actor: actor.actor,
      payload: { from, to: transition.to, ...(queued === null ? {} : { queued }) },
    });
    return campaign;
  });
  // A large fill changes the table's shape at once; fresh statistics keep the planner on the queue's index for
  // the requests that follow, without waiting for autovacuum (which may lag, or be off).
  if (queued !== null) await refreshStatisticsAfter(em, ['queue_membership'], queued);
  return changed;
}

/** The daily target as stored, or BAD_USER_INPUT naming `input.dailyTarget`. */
function dailyTargetOf(amount: string | null | undefined, currency: string): string | null {
  if (amount === null || amount === undefined || amount.trim() === '') return null;
  try {
    return formatAmount(parseAmount(amount.trim(), currency, { allowZero: false }), currency);
  } catch (error) {
    if (error instanceof MoneyError) throw badInput('input.dailyTarget', `${error.message}`);
    throw error;
  }
}
