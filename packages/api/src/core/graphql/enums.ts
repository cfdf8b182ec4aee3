import { AGING_BUCKETS, CHANNELS, DISPOSITIONS, KPI_WINDOWS, type KpiWindowName } from '@recupera/shared';
import { registerEnumType } from 'type-graphql';

/** Turns a list of names into the `{ NAME: 'NAME' }` object type-graphql and MikroORM expect of an enum. */
function enumOf<const T extends readonly string[]>(values: T): { [K in T[number]]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { [K in T[number]]: K };
}

export const ROLES = ['ADMIN', 'MANAGER', 'SUPERVISOR', 'AGENT', 'AGENCY'] as const;
export type Role = (typeof ROLES)[number];
export const Role = enumOf(ROLES);

export const ACCOUNT_STATUSES = ['ACTIVE', 'PROMISED', 'PAID', 'DISPUTED', 'WRITTEN_OFF'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];
export const AccountStatus = enumOf(ACCOUNT_STATUSES);

export const PROMISE_STATUSES = ['PENDING', 'KEPT', 'PARTIALLY_KEPT', 'BROKEN', 'CANCELLED'] as const;
export type PromiseStatus = (typeof PROMISE_STATUSES)[number];
export const PromiseStatus = enumOf(PROMISE_STATUSES);

export const CAMPAIGN_STATUSES = ['DRAFT', 'RUNNING', 'PAUSED', 'FINISHED'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const CampaignStatus = enumOf(CAMPAIGN_STATUSES);

export const AGENT_STATUSES = ['LOGGED_OUT', 'AVAILABLE', 'ON_CONTACT', 'WRAP_UP', 'PAUSED'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];
export const AgentStatus = enumOf(AGENT_STATUSES);

export type KpiWindow = KpiWindowName;
export const KpiWindow = enumOf(KPI_WINDOWS);

export const Channel = enumOf(CHANNELS);
export const Disposition = enumOf(DISPOSITIONS);
export const AgingBucket = enumOf(AGING_BUCKETS);

registerEnumType(Role, { name: 'Role' });
registerEnumType(AccountStatus, { name: 'AccountStatus' });
registerEnumType(PromiseStatus, { name: 'PromiseStatus' });
registerEnumType(CampaignStatus, { name: 'CampaignStatus' });
registerEnumType(AgentStatus, { name: 'AgentStatus' });
registerEnumType(KpiWindow, { name: 'KpiWindow' });
registerEnumType(Channel, { name: 'Channel' });
registerEnumType(Disposition, { name: 'Disposition' });
registerEnumType(AgingBucket, { name: 'AgingBucket' });
