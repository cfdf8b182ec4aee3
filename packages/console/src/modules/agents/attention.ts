import type { AgentRow } from './agents-api.ts';

export type AttentionReason = 'longPause' | 'longCall' | 'noContacts';

/** A pause past a break's length. */
export const LONG_PAUSE_SECONDS = 15 * 60;
/** Twice a typical collections call: worth a supervisor listening in. */
export const LONG_CALL_SECONDS = 10 * 60;
/** Logged in for at least this long with no contact in the last hour. */
export const NO_CONTACT_SECONDS = 60 * 60;

export function secondsInStatus(agent: Pick<AgentRow, 'statusSince'>, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(agent.statusSince)) / 1000));
}

/** Why an agent needs a supervisor's look now; empty when it does not. */
export function attentionReasons(agent: AgentRow, now: number): AttentionReason[] {
  const reasons: AttentionReason[] = [];
  const inStatus = secondsInStatus(agent, now);
  if (agent.status === 'PAUSED' && inStatus >= LONG_PAUSE_SECONDS) reasons.push('longPause');
  if (agent.status === 'ON_CONTACT' && inStatus >= LONG_CALL_SECONDS) reasons.push('longCall');
  if (
    agent.status !== 'LOGGED_OUT' &&
    agent.performance.loggedInSeconds >= NO_CONTACT_SECONDS &&
    agent.performance.contactsLastHour === 0
  ) {
    reasons.push('noContacts');
  }
  return reasons;
}
