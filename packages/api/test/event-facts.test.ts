import {
  DOMAIN_EVENT_AGGREGATES,
  type DomainEventPayloads,
  type DomainEventType,
  type PublishedEvent,
} from '@recupera/shared';
import { describe, expect, it } from 'vitest';
import { effectOf, type EventEffect } from '../src/modules/kpi/live/event-facts.ts';

/**
 * What each committed event means to the live KPIs (`effectOf`), one event at a time, against effects written out
 * by hand. No database: the function is pure.
 */

const LEDGER_DATE = '2026-11-24';
/** Local midnight of 2026-11-24 in Lima (UTC−5). */
const DAY_START = new Date('2026-11-24T05:00:00.000Z');

const CAMPAIGN = 'c0000000-0000-7000-8000-000000000001';
const QUEUE = 'q0000000-0000-7000-8000-000000000001';
const OTHER_QUEUE = 'q0000000-0000-7000-8000-000000000002';
const AGENT = 'a0000000-0000-7000-8000-000000000001';
const AGENCY = 'g0000000-0000-7000-8000-000000000001';
const ACCOUNT = 'e0000000-0000-7000-8000-000000000001';

const ATTRIBUTED = { campaignId: CAMPAIGN, queueId: QUEUE, agentId: AGENT, agencyId: AGENCY };

let nextId = 0;
function event<T extends DomainEventType>(
  type: T,
  aggregateId: string,
  payload: DomainEventPayloads[T],
): PublishedEvent {
  nextId += 1;
  return {
    id: String(nextId),
    type,
    aggregateType: DOMAIN_EVENT_AGGREGATES[type],
    aggregateId,
    payload,
    occurredAt: '2026-11-24T15:00:00.000Z',
  } as PublishedEvent;
}

/** The effect of an event that changes nothing, with the given fields changed. */
function effect(changes: Partial<EventEffect> = {}): EventEffect {
  return {
    timed: null,
    outcome: null,
    agentStatus: null,
    portfolioChanged: false,
    queueIds: [],
    campaignIds: [],
    agentIds: [],
    ...changes,
  };
}

const of = (published: PublishedEvent) => effectOf(published, LEDGER_DATE, DAY_START);

function payment(overrides: Partial<DomainEventPayloads['PaymentRecorded']> = {}): PublishedEvent {
  return event('PaymentRecorded', 'p0000000-0000-7000-8000-000000000001', {
    accountId: ACCOUNT,
    ...ATTRIBUTED,
    reference: 'REF-1',
    amount: '150.25',
    currency: 'PEN',
    paidAt: '2026-11-24T16:30:00.000Z',
    appliedToBalance: '150.25',
    toCredit: '0.00',
    balanceAfter: '849.75',
    reconciliationCleared: false,
    accountDueDate: '2026-11-10',
    accountCreatedAt: '2026-11-23T14:00:00.000Z',
    accountStatus: 'ACTIVE',
    ...overrides,
  });
}

const UNATTRIBUTED = { campaignId: null, queueId: null, agentId: null, agencyId: null };

/** A refused payment on a call in ATTRIBUTED, with the given fields changed. */
function interaction(id: string, overrides: Partial<DomainEventPayloads['InteractionRecorded']> = {}): PublishedEvent {
  return event('InteractionRecorded', id, {
    accountId: ACCOUNT,
    ...ATTRIBUTED,
    variant: 'CHALLENGER',
    channel: 'CALL',
    disposition: 'REFUSED_TO_PAY',
    contact: true,
    rightPartyContact: true,
    startedAt: '2026-11-24T15:04:05.678Z',
    durationSeconds: 187,
    callbackAt: null,
    ...overrides,
  });
}

/** A promise of 1234.50 USD made in CAMPAIGN/QUEUE by AGENT, with the given fields changed. */
function promiseMade(id: string, overrides: Partial<DomainEventPayloads['PromiseMade']> = {}): PublishedEvent {
  return event('PromiseMade', id, {
    accountId: ACCOUNT,
    campaignId: CAMPAIGN,
    queueId: QUEUE,
    agencyId: null,
    interactionId: 'i0000000-0000-7000-8000-000000000002',
    agentId: AGENT,
    madeAt: '2026-11-24T15:00:00.000Z',
    amount: '1234.50',
    currency: 'USD',
    dueDate: '2026-11-27',
    graceDays: 3,
    ...overrides,
  });
}

/** A promise outcome event: the promise was made in OTHER_QUEUE, due 2026-11-21. */
function promiseOutcome(
  type: 'PromiseKept' | 'PromiseBroken' | 'PromisePartiallyKept',
  extra: Record<string, unknown>,
): PublishedEvent {
  return event(type, 'r0000000-0000-7000-8000-000000000001', {
    accountId: ACCOUNT,
    agencyId: AGENCY,
    agentId: AGENT,
    attribution: { campaignId: CAMPAIGN, queueId: OTHER_QUEUE, agentId: AGENT, agencyId: AGENCY },
    interactionId: 'i0000000-0000-7000-8000-000000000001',
    amount: '300.00',
    paidAmount: '0.00',
    currency: 'PEN',
    dueDate: '2026-11-21',
    ...extra,
  } as never);
}

describe('effectOf', () => {
  it('InteractionRecorded: an interaction fact at startedAt, in its attribution, touching its queue and agent', () => {
    const recorded = interaction('i0000000-0000-7000-8000-000000000009');
    expect(of(recorded)).toEqual(
      effect({
        timed: {
          kind: 'interaction',
          at: Date.UTC(2026, 10, 24, 15, 4, 5, 678),
          attribution: { campaignId: CAMPAIGN, queueId: QUEUE, agentId: AGENT, agencyId: AGENCY },
          disposition: 'REFUSED_TO_PAY',
          count: 1,
          durationSeconds: 187,
        },
        queueIds: [QUEUE],
        agentIds: [AGENT],
      }),
    );
  });

  it('InteractionRecorded without queue or agent touches no queue or agent', () => {
    const recorded = interaction('i0000000-0000-7000-8000-000000000010', {
      ...UNATTRIBUTED,
      variant: null,
      channel: 'SMS',
      disposition: 'MESSAGE_SENT',
      contact: false,
      rightPartyContact: false,
      startedAt: '2026-11-24T05:00:00.000Z',
      durationSeconds: 0,
    });
    expect(of(recorded)).toEqual(
      effect({
        timed: {
          kind: 'interaction',
          at: DAY_START.getTime(),
          attribution: { campaignId: null, queueId: null, agentId: null, agencyId: null },
          disposition: 'MESSAGE_SENT',
          count: 1,
          durationSeconds: 0,
        },
      }),
    );
  });

  it('PromiseMade: the amount promised in minor units at madeAt', () => {
    const made = promiseMade('r0000000-0000-7000-8000-000000000002');
    expect(of(made)).toEqual(
      effect({
        timed: {
          kind: 'promiseMade',
          at: Date.UTC(2026, 10, 24, 15, 0, 0),
          attribution: { campaignId: CAMPAIGN, queueId: QUEUE, agentId: AGENT, agencyId: null },
          currency: 'USD',
          amountMinor: 123_450n,
        },
        queueIds: [QUEUE],
        agentIds: [AGENT],
      }),
    );
  });

  it('PromiseMade in a currency without decimals: minor units are whole yen', () => {
    const made = promiseMade('r0000000-0000-7000-8000-000000000003', {
      ...UNATTRIBUTED,
      interactionId: 'i0000000-0000-7000-8000-000000000003',
      amount: '1500',
      currency: 'JPY',
    });
    expect(of(made).timed).toMatchObject({ kind: 'promiseMade', currency: 'JPY', amountMinor: 1_500n });
  });

  it('PaymentRecorded on an account that existed when the day began: recovered in its bucket at day start', () => {
    // Due 2026-11-10: 14 days past due on 2026-11-24.
    expect(of(payment())).toEqual(
      effect({
        timed: {
          kind: 'payment',
          at: Date.UTC(2026, 10, 24, 16, 30, 0),
          attribution: { campaignId: CAMPAIGN, queueId: QUEUE, agentId: AGENT, agencyId: AGENCY },
          currency: 'PEN',
          amountMinor: 15_025n,
          recoveryBucket: 'D1_30',
        },
        queueIds: [QUEUE],
        agentIds: [AGENT],
      }),
    );
  });

  it('PaymentRecorded: the bucket is the one on the ledger date, not on the day it was paid', () => {
    // Due 2026-10-25: 30 days past due on 2026-11-24 (D1_30), 31 on 2026-11-25 when the payment was made.
    const late = payment({ accountDueDate: '2026-10-25', paidAt: '2026-11-25T15:00:00.000Z' });
    expect(of(late).timed).toMatchObject({ kind: 'payment', recoveryBucket: 'D1_30' });
    // The same account counted for the business day 2026-11-25 is in D31_60.
    const nextDay = effectOf(late, '2026-11-25', new Date('2026-11-25T05:00:00.000Z'));
    expect(nextDay.timed).toMatchObject({ kind: 'payment', recoveryBucket: 'D31_60' });
  });

  it.each([
    ['2026-11-24', 'CURRENT'], // due today
    ['2026-12-01', 'CURRENT'], // not yet due
    ['2026-11-23', 'D1_30'],
    ['2026-09-25', 'D31_60'], // 60 days
    ['2026-09-24', 'D61_90'], // 61 days
    ['2026-07-27', 'D91_120'], // 120 days
    ['2026-07-26', 'D121_PLUS'], // 121 days
  ])('PaymentRecorded on an account due %s: recovered in %s', (accountDueDate, bucket) => {
    expect(of(payment({ accountDueDate })).timed).toMatchObject({ recoveryBucket: bucket });
  });

  it('PaymentRecorded on an account created after the day began: collected, but not in recovery', () => {
    const young = payment({ accountCreatedAt: '2026-11-24T14:00:00.000Z' });
    expect(of(young)).toEqual(
      effect({
        timed: {
          kind: 'payment',
          at: Date.UTC(2026, 10, 24, 16, 30, 0),
          attribution: { campaignId: CAMPAIGN, queueId: QUEUE, agentId: AGENT, agencyId: AGENCY },
          currency: 'PEN',
          amountMinor: 15_025n,
          recoveryBucket: null,
        },
        queueIds: [QUEUE],
        agentIds: [AGENT],
      }),
    );
    // Created exactly at the start of the day: it did not exist *before* the day began.
    expect(of(payment({ accountCreatedAt: DAY_START.toISOString() })).timed).toMatchObject({ recoveryBucket: null });
    // One millisecond before: it did.
    expect(of(payment({ accountCreatedAt: '2026-11-24T04:59:59.999Z' })).timed).toMatchObject({
      recoveryBucket: 'D1_30',
    });
  });

  it('PaymentRecorded of an overpayment counts the whole amount paid, not only what reduced the balance', () => {
    const over = payment({ amount: '500.00', appliedToBalance: '120.00', toCredit: '380.00', balanceAfter: '0.00' });
    expect(of(over).timed).toMatchObject({ amountMinor: 50_000n });
  });

  it.each([
    ['PromiseKept', 'KEPT', { status: 'KEPT', paymentId: 'p1', paymentAmount: '300.00', paidAmount: '300.00' }],
    ['PromiseBroken', 'BROKEN', { status: 'BROKEN', deadline: '2026-11-24' }],
    [
      'PromisePartiallyKept',
      'PARTIALLY_KEPT',
      { status: 'PARTIALLY_KEPT', deadline: '2026-11-24', paidAmount: '1.00' },
    ],
  ] as const)(
    '%s: an outcome %s on the promise due date, in the scopes the promise was made in',
    (type, outcome, extra) => {
      expect(of(promiseOutcome(type, extra))).toEqual(
        effect({
          outcome: {
            attribution: { campaignId: CAMPAIGN, queueId: OTHER_QUEUE, agentId: AGENT, agencyId: AGENCY },
            dueDate: '2026-11-21',
            outcome,
            count: 1,
          },
          agentIds: [AGENT],
          queueIds: [OTHER_QUEUE],
        }),
      );
    },
  );

  it('AgentStatusChanged: the agent, its new status and when', () => {
    const changed = event('AgentStatusChanged', AGENT, {
      from: 'AVAILABLE',
      to: 'ON_CONTACT',
      at: '2026-11-24T15:10:00.000Z',
    });
    expect(of(changed)).toEqual(
      effect({
        agentStatus: { agentId: AGENT, status: 'ON_CONTACT', at: Date.UTC(2026, 10, 24, 15, 10, 0) },
        agentIds: [AGENT],
      }),
    );
  });

  it('AgentAssigned: the agent and both queues (only the new one for a first assignment)', () => {
    expect(of(event('AgentAssigned', AGENT, { fromQueueId: QUEUE, toQueueId: OTHER_QUEUE }))).toEqual(
      effect({ agentIds: [AGENT], queueIds: [QUEUE, OTHER_QUEUE] }),
    );
    expect(of(event('AgentAssigned', AGENT, { fromQueueId: null, toQueueId: OTHER_QUEUE }))).toEqual(
      effect({ agentIds: [AGENT], queueIds: [OTHER_QUEUE] }),
    );
  });

  it('AccountsMoved: the portfolio behind recovery changed, in the queue and both ends of the move', () => {
    const moved = event('AccountsMoved', QUEUE, { fromQueueId: QUEUE, toQueueId: OTHER_QUEUE, requested: 5, moved: 3 });
    const { queueIds, ...rest } = of(moved);
    const { queueIds: _none, ...expected } = effect({ portfolioChanged: true });
    expect(rest).toEqual(expected);
    // The moving queue is also the aggregate: listed once or twice, the queues touched are the two.
    expect(new Set(queueIds)).toEqual(new Set([QUEUE, OTHER_QUEUE]));
  });

  it('CampaignStarted and CampaignFinished change the portfolio; CampaignPaused only the campaign', () => {
    const transition = { from: 'DRAFT', to: 'RUNNING', queued: 40 };
    expect(of(event('CampaignStarted', CAMPAIGN, transition))).toEqual(
      effect({ portfolioChanged: true, campaignIds: [CAMPAIGN] }),
    );
    expect(of(event('CampaignFinished', CAMPAIGN, { from: 'RUNNING', to: 'FINISHED' }))).toEqual(
      effect({ portfolioChanged: true, campaignIds: [CAMPAIGN] }),
    );
    expect(of(event('CampaignPaused', CAMPAIGN, { from: 'RUNNING', to: 'PAUSED' }))).toEqual(
      effect({ campaignIds: [CAMPAIGN] }),
    );
  });

  it('AccountsPlaced changes the portfolio (agency scopes) and nothing else', () => {
    expect(of(event('AccountsPlaced', AGENCY, { filter: { search: 'x' }, count: 12 }))).toEqual(
      effect({ portfolioChanged: true }),
    );
  });

  it('events without figures change nothing', () => {
    expect(of(event('AgencyCreated', AGENCY, { code: 'AG1', name: 'Agencia', partner: true }))).toEqual(effect());
    expect(of(event('AccountsImported', 'f0000000', { creditor: 'C', portfolio: 'P', count: 3 }))).toEqual(effect());
  });

  it('an event type from a newer build changes nothing (rolling upgrade)', () => {
    const unknown = {
      id: '99',
      // A name no build of ours has used: what a newer build's event looks like to this one.
      type: 'PaymentSplitAcrossAccounts',
      aggregateType: 'Payment',
      aggregateId: 'p0000000-0000-7000-8000-000000000001',
      payload: { accountId: ACCOUNT, ...ATTRIBUTED, amount: '10.00', currency: 'PEN' },
      occurredAt: '2026-11-24T15:00:00.000Z',
    } as unknown as PublishedEvent;
    expect(of(unknown)).toEqual(effect());
  });
});
