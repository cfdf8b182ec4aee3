import { describe, expect, it } from 'vitest';
import type { AgentRow, AgentStatus } from './agents-api.ts';
import { attentionReasons, secondsInStatus } from './attention.ts';

const NOW = Date.parse('2026-11-24T15:00:00Z');

function agent(status: AgentStatus, minutesInStatus: number, loggedInMinutes = 30, contactsLastHour = 3): AgentRow {
  return {
    id: 'a1',
    name: 'Rosa Ramos',
    status,
    statusSince: new Date(NOW - minutesInStatus * 60_000).toISOString(),
    agency: { code: 'INT', name: 'Interno' },
    queue: null,
    performance: {
      attempts: 10,
      contacts: 4,
      rightPartyContacts: 3,
      promises: 1,
      amountPromised: [],
      amountCollected: [],
      promisesKeptRate: null,
      attemptsPerLoggedInHour: 20,
      averageHandleSeconds: 180,
      occupancy: 0.6,
      loggedInSeconds: loggedInMinutes * 60,
      contactsLastHour,
    },
  };
}

describe('attention rules', () => {
  it('counts time in status from statusSince', () => {
    expect(secondsInStatus(agent('PAUSED', 7), NOW)).toBe(420);
  });

  it('flags a pause of 15 minutes or more, not a shorter one', () => {
    expect(attentionReasons(agent('PAUSED', 14.9), NOW)).toEqual([]);
    expect(attentionReasons(agent('PAUSED', 15), NOW)).toEqual(['longPause']);
  });

  it('flags a call of 10 minutes or more', () => {
    expect(attentionReasons(agent('ON_CONTACT', 9), NOW)).toEqual([]);
    expect(attentionReasons(agent('ON_CONTACT', 12), NOW)).toEqual(['longCall']);
    // A long time available or in wrap-up is not a long call.
    expect(attentionReasons(agent('AVAILABLE', 40), NOW)).toEqual([]);
  });

  it('flags an agent logged in for an hour without a contact in the last hour', () => {
    expect(attentionReasons(agent('AVAILABLE', 1, 59, 0), NOW)).toEqual([]);
    expect(attentionReasons(agent('AVAILABLE', 1, 60, 0), NOW)).toEqual(['noContacts']);
    expect(attentionReasons(agent('AVAILABLE', 1, 90, 1), NOW)).toEqual([]);
    expect(attentionReasons(agent('PAUSED', 20, 120, 0), NOW)).toEqual(['longPause', 'noContacts']);
  });

  it('never flags a logged-out agent', () => {
    expect(attentionReasons(agent('LOGGED_OUT', 300, 120, 0), NOW)).toEqual([]);
  });
});
