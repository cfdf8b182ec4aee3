import type { Role } from '../api/generated/graphql.ts';

// The schema's roles: one added or dropped there fails the type check of SCREENS_BY_ROLE below.
export type { Role };
export const ROLES: readonly Role[] = ['ADMIN', 'MANAGER', 'SUPERVISOR', 'AGENT', 'AGENCY'];

export const SCREENS = [
  'floor',
  'queues',
  'agents',
  'campaigns',
  'accounts',
  'analytics',
  'agency',
  'agencies',
] as const;
export type Screen = (typeof SCREENS)[number];

// A partner agency (and an agent) sees its own portfolio and KPIs, nothing of the operation around it; an agency
// also reads the analytics of its own placements (docs/analytics.md). The agency workspace is the agency's own;
// the agencies screen (comparison, decisions) the managers'.
const SCREENS_BY_ROLE: Record<Role, readonly Screen[]> = {
  ADMIN: ['floor', 'queues', 'agents', 'campaigns', 'accounts', 'analytics', 'agencies'],
  MANAGER: ['floor', 'queues', 'agents', 'campaigns', 'accounts', 'analytics', 'agencies'],
  SUPERVISOR: ['floor', 'queues', 'agents', 'campaigns', 'accounts', 'analytics'],
  AGENT: ['floor', 'accounts'],
  AGENCY: ['floor', 'agency', 'agents', 'accounts', 'analytics'],
};

export function screensFor(role: Role): readonly Screen[] {
  return SCREENS_BY_ROLE[role];
}

export function canSee(role: Role, screen: Screen): boolean {
  return SCREENS_BY_ROLE[role].includes(screen);
}

/** Moving agents and accounts, pausing queues and changing priorities: the API allows managers only. */
export function canReallocate(role: Role): boolean {
  return role === 'ADMIN' || role === 'MANAGER';
}

export function canCreateCampaign(role: Role): boolean {
  return role === 'ADMIN' || role === 'MANAGER';
}

/** Starting and pausing campaigns is open to supervisors too. */
export function canRunCampaign(role: Role): boolean {
  return role === 'ADMIN' || role === 'MANAGER' || role === 'SUPERVISOR';
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
