import type { Agency } from '../agencies/agency.entity.ts';
import type { Debtor } from './debtor.entity.ts';

/** The tenant key of work done in-house (an unplaced account, or one held by the non-partner team). */
export const IN_HOUSE_TENANT = 'IN_HOUSE';

/**
 * Whose work an account is: its partner agency's, or the in-house team's. A phone's invalidity, found by one tenant,
 * applies to that tenant's work only; do-not-contact stays the debtor's, for everyone (docs/agencies.md).
 */
export function tenantOf(agency: Pick<Agency, 'id' | 'partner'> | null): string {
  return agency?.partner ? agency.id : IN_HOUSE_TENANT;
}

/** The debtor's phones the tenant found wrong. */
export function invalidPhonesFor(debtor: Pick<Debtor, 'invalidPhonesByTenant'>, tenant: string): string[] {
  return debtor.invalidPhonesByTenant[tenant] ?? [];
}

/**
 * The same in SQL, for hand-written reads: the tenant's list from `debtor_alias`, given the account's agency under
 * `agency_alias` (left-joined: null for an unplaced account).
 */
export function invalidPhonesSql(debtorAlias: string, agencyAlias: string): string {
  return `coalesce(array(select jsonb_array_elements_text(${debtorAlias}.invalid_phones_by_tenant::jsonb -> (case when ${agencyAlias}.partner then ${agencyAlias}.id::text else '${IN_HOUSE_TENANT}' end))), '{}')`;
}
