import {
  ACCOUNT_STATUSES,
  AGENT_STATUSES,
  AGING_BUCKETS,
  CAMPAIGN_STATUSES,
  CHANNELS,
  DISPOSITIONS,
  KPI_WINDOWS,
  PROMISE_RECORD_STATUSES,
  ROLES,
  type AccountStatus as AccountStatusName,
  type AgentStatus as AgentStatusName,
  type AgingBucket as AgingBucketName,
  type CampaignStatus as CampaignStatusName,
  type Channel as ChannelName,
  type Disposition as DispositionName,
  type KpiWindowName,
  type PromiseRecordStatus as PromiseStatusName,
  type Role as RoleName,
} from '@recupera/shared';
import { registerEnumType } from 'type-graphql';

/**
 * The GraphQL enums, from the value lists of `@recupera/shared` (statuses.ts and the rest). Each is a const that
 * `@Field(() => Role)` takes and the type of its values, so an entity field reads `status: AccountStatus`.
 */

/** Turns a list of names into the `{ NAME: 'NAME' }` object type-graphql and MikroORM expect of an enum. */
function enumOf<const T extends readonly string[]>(values: T): { [K in T[number]]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { [K in T[number]]: K };
}

export const Role = enumOf(ROLES);
export type Role = RoleName;
export const AccountStatus = enumOf(ACCOUNT_STATUSES);
export type AccountStatus = AccountStatusName;
export const PromiseStatus = enumOf(PROMISE_RECORD_STATUSES);
export type PromiseStatus = PromiseStatusName;
export const CampaignStatus = enumOf(CAMPAIGN_STATUSES);
export type CampaignStatus = CampaignStatusName;
export const AgentStatus = enumOf(AGENT_STATUSES);
export type AgentStatus = AgentStatusName;
export const KpiWindow = enumOf(KPI_WINDOWS);
export type KpiWindow = KpiWindowName;
export const Channel = enumOf(CHANNELS);
export type Channel = ChannelName;
export const Disposition = enumOf(DISPOSITIONS);
export type Disposition = DispositionName;
export const AgingBucket = enumOf(AGING_BUCKETS);
export type AgingBucket = AgingBucketName;

registerEnumType(Role, { name: 'Role' });
registerEnumType(AccountStatus, { name: 'AccountStatus' });
registerEnumType(PromiseStatus, { name: 'PromiseStatus' });
registerEnumType(CampaignStatus, { name: 'CampaignStatus' });
registerEnumType(AgentStatus, { name: 'AgentStatus' });
registerEnumType(KpiWindow, { name: 'KpiWindow' });
registerEnumType(Channel, { name: 'Channel' });
registerEnumType(Disposition, { name: 'Disposition' });
registerEnumType(AgingBucket, { name: 'AgingBucket' });
