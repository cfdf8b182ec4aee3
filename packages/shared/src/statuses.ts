/**
 * The API's vocabulary of roles and lifecycle states, shared by the API (entities, services, the GraphQL enums)
 * and the console. Each list is in the order the console shows it.
 */
import { PROMISE_STATUSES } from './promises.ts';

/** Who a key belongs to (docs/api.md, Auth). */
export const ROLES = ['ADMIN', 'MANAGER', 'SUPERVISOR', 'AGENT', 'AGENCY'] as const;
export type Role = (typeof ROLES)[number];

export const ACCOUNT_STATUSES = ['ACTIVE', 'PROMISED', 'PAID', 'DISPUTED', 'WRITTEN_OFF'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/**
 * A stored promise's status: what the settlement rule decides (`PROMISE_STATUSES` of promises.ts), or CANCELLED
 * when a new promise replaced it or a dispute put the account on hold.
 */
export const PROMISE_RECORD_STATUSES = [...PROMISE_STATUSES, 'CANCELLED'] as const;
export type PromiseRecordStatus = (typeof PROMISE_RECORD_STATUSES)[number];

export const CAMPAIGN_STATUSES = ['DRAFT', 'RUNNING', 'PAUSED', 'FINISHED'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const AGENT_STATUSES = ['LOGGED_OUT', 'AVAILABLE', 'ON_CONTACT', 'WRAP_UP', 'PAUSED'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];
