import { raw, type FilterDef } from '@mikro-orm/core';

/**
 * The one place partner-agency isolation is enforced. A global MikroORM filter, on by default, narrows
 * every read, update and delete — including relations loaded through populate — to what the agency bound
 * to the request may see. Resolvers never repeat these conditions.
 *
 * It takes a parameter and is fail-closed: an EntityManager fork that forgot to say whose request it
 * serves throws ("No arguments provided for filter") instead of reading everything. Entities without a rule
 * here are invisible to an agency.
 */
export const AGENCY_SCOPE = 'agencyScope';

export interface AgencyScopeParams {
  /** The agency whose data the request may see, or null for a request that sees everything. */
  agencyId: string | null;
}

type Condition = (agencyId: string) => Record<string, unknown>;

const throughAccount: Condition = (agencyId) => ({ account: { agency: agencyId } });

const conditionsByEntity: Record<string, Condition> = {
  Account: (agencyId) => ({ agency: agencyId }),
  // A correlated EXISTS, not a join through `accounts`: a to-many join would make MikroORM wrap every account
  // page in a GROUP BY subquery that defeats the cursor index.
  Debtor: (agencyId) => ({
    [raw(
      (alias) =>
        `exists (select 1 from "account" as "scope_account" where "scope_account"."debtor_id" = ${alias}."id" and "scope_account"."agency_id" = ?)`,
      [agencyId],
    )]: true,
  }),
  // The creditors whose debt the agency works (their contact rules apply to its calls), as for debtors.
  Creditor: (agencyId) => ({
    [raw(
      (alias) =>
        `exists (select 1 from "account" as "scope_account" where "scope_account"."creditor_id" = ${alias}."id" and "scope_account"."agency_id" = ?)`,
      [agencyId],
    )]: true,
  }),
  Agency: (agencyId) => ({ id: agencyId }),
  Agent: (agencyId) => ({ agency: agencyId }),
  Campaign: (agencyId) => ({ agency: agencyId }),
  WorkQueue: (agencyId) => ({ campaign: { agency: agencyId } }),
  QueueMembership: throughAccount,
  Interaction: throughAccount,
  PromiseToPay: throughAccount,
  Payment: throughAccount,
  OutboundMessage: throughAccount,
  BucketTransition: throughAccount,
  AgentStatusPeriod: (agencyId) => ({ agent: { agency: agencyId } }),
};

export const agencyScopeFilter: FilterDef = {
  name: AGENCY_SCOPE,
  default: true,
  cond: (args: Partial<AgencyScopeParams>, _type, _em, _options, entityName) => {
    if (!args || !('agencyId' in args)) {
      throw new Error(`${AGENCY_SCOPE}: the EntityManager fork has no agency scope set`);
    }
    if (args.agencyId === null || args.agencyId === undefined) return {};
    const condition = entityName ? conditionsByEntity[entityName] : undefined;
    // Anything without an explicit rule matches no row for an agency, rather than every row.
    return condition ? condition(args.agencyId) : { id: null };
  },
};
