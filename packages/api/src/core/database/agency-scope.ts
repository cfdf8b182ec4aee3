import { raw, type FilterDef } from '@mikro-orm/core';

/**
 * The one place partner-agency isolation is enforced. A global MikroORM filter, on by default, narrows
 * every read, update and delete — including relations loaded through populate — to what the agency bound
 * to the request may see. Resolvers never repeat these conditions. Hand-written SQL (hot paths, aggregates) takes
 * the same rule from here too, through {@link agencySqlCondition}.
 *
 * It takes a parameter and is fail-closed: an EntityManager fork that forgot to say whose request it
 * serves throws ("No arguments provided for filter") instead of reading everything. Entities without a rule
 * here are invisible to an agency, in the ORM and in SQL alike.
 */
export const AGENCY_SCOPE = 'agencyScope';

export interface AgencyScopeParams {
  /** The agency whose data the request may see, or null for a request that sees everything. */
  agencyId: string | null;
}

/** One entity's rule: as a MikroORM condition, and as SQL over a row alias with a `?` for each use of the agency id. */
interface ScopeRule {
  orm: (agencyId: string) => Record<string, unknown>;
  sql: (alias: string) => string;
}

/** A correlated EXISTS on the accounts of a debtor or creditor placed with the agency. */
const existsPlacedAccount = (column: 'debtor_id' | 'creditor_id') => (alias: string) =>
  `exists (select 1 from "account" as "scope_account" where "scope_account"."${column}" = ${alias}."id" and "scope_account"."agency_id" = ?)`;

/** Rows about an account (by `account_id`) placed with the agency. */
const throughAccount: ScopeRule = {
  orm: (agencyId) => ({ account: { agency: agencyId } }),
  sql: (alias) =>
    `exists (select 1 from "account" as "scope_account" where "scope_account"."id" = ${alias}."account_id" and "scope_account"."agency_id" = ?)`,
};

/**
 * The history rule (docs/agencies.md, "What an agency sees"): a fact about an account — an interaction, a promise,
 * a payment — is the agency's when it was attributed to the agency when it happened (the FactPlacement `agency_id`)
 * and the account is placed with the agency now. What the previous holders did stays theirs (the account's running
 * figures — payment count, promises kept and broken, last payment — travel with the account); once the account
 * leaves, the agency keeps its statement but sees the account's facts no more.
 */
const ownFactOnPlacedAccount: ScopeRule = {
  orm: (agencyId) => ({ placement: { agencyId }, account: { agency: agencyId } }),
  sql: (alias) => `${alias}."agency_id" = ? and ${throughAccount.sql(alias)}`,
};

/** Figures kept per the agency a fact was attributed to when it happened (analytics tables). */
const attributedToAgency: ScopeRule = {
  orm: (agencyId) => ({ agencyId }),
  sql: (alias) => `${alias}."agency_id" = ?`,
};

const rules: Record<string, ScopeRule> = {
  Account: { orm: (agencyId) => ({ agency: agencyId }), sql: (alias) => `${alias}."agency_id" = ?` },
  // A correlated EXISTS, not a join through `accounts`: a to-many join would make MikroORM wrap every account
  // page in a GROUP BY subquery that defeats the cursor index.
  Debtor: {
    orm: (agencyId) => ({ [raw((alias) => existsPlacedAccount('debtor_id')(alias), [agencyId])]: true }),
    sql: existsPlacedAccount('debtor_id'),
  },
  // The creditors whose debt the agency works (their contact rules apply to its calls), as for debtors.
  Creditor: {
    orm: (agencyId) => ({ [raw((alias) => existsPlacedAccount('creditor_id')(alias), [agencyId])]: true }),
    sql: existsPlacedAccount('creditor_id'),
  },
  Agency: { orm: (agencyId) => ({ id: agencyId }), sql: (alias) => `${alias}."id" = ?` },
  Agent: { orm: (agencyId) => ({ agency: agencyId }), sql: (alias) => `${alias}."agency_id" = ?` },
  Campaign: { orm: (agencyId) => ({ agency: agencyId }), sql: (alias) => `${alias}."agency_id" = ?` },
  WorkQueue: {
    orm: (agencyId) => ({ campaign: { agency: agencyId } }),
    sql: (alias) =>
      `exists (select 1 from "campaign" as "scope_campaign" where "scope_campaign"."id" = ${alias}."campaign_id" and "scope_campaign"."agency_id" = ?)`,
  },
  // A place in one of the agency's own campaigns, on an account placed with it: never a place in another holder's.
  QueueMembership: {
    orm: (agencyId) => ({ campaign: { agency: agencyId }, account: { agency: agencyId } }),
    sql: (alias) =>
      `exists (select 1 from "campaign" as "scope_campaign" where "scope_campaign"."id" = ${alias}."campaign_id" and "scope_campaign"."agency_id" = ?) and ${throughAccount.sql(alias)}`,
  },
  Interaction: ownFactOnPlacedAccount,
  PromiseToPay: ownFactOnPlacedAccount,
  Payment: ownFactOnPlacedAccount,
  // The agency's own placements of the accounts it holds now (an account it held before and holds again included).
  Placement: {
    orm: (agencyId) => ({ agency: agencyId, account: { agency: agencyId } }),
    sql: (alias) => `${alias}."agency_id" = ? and ${throughAccount.sql(alias)}`,
  },
  PlacementExtensionRequest: {
    orm: (agencyId) => ({ placement: { agency: agencyId, account: { agency: agencyId } } }),
    sql: (alias) =>
      `exists (select 1 from "placement" as "scope_placement" join "account" as "scope_account" on "scope_account"."id" = "scope_placement"."account_id" where "scope_placement"."id" = ${alias}."placement_id" and "scope_placement"."agency_id" = ? and "scope_account"."agency_id" = ?)`,
  },
  OutboundMessage: throughAccount,
  BucketTransition: throughAccount,
  // Analytics aggregates count each fact where it happened: an agency sees the figures of its own placements.
  ContactCell: attributedToAgency,
  HeatSegment: attributedToAgency,
  HeatDay: attributedToAgency,
  ArmDay: attributedToAgency,
  IntensityCell: attributedToAgency,
  IntensityDay: attributedToAgency,
  // The roll summary keys each account by the agency it is placed with now (re-keyed when it changes holder): an
  // agency's population is the accounts placed with it, as for Account.
  RollSummary: { orm: (agencyId) => ({ agencyId }), sql: (alias) => `${alias}."agency_id" = ?` },
  AgentStatusPeriod: {
    orm: (agencyId) => ({ agent: { agency: agencyId } }),
    sql: (alias) =>
      `exists (select 1 from "agent" as "scope_agent" where "scope_agent"."id" = ${alias}."agent_id" and "scope_agent"."agency_id" = ?)`,
  },
};

export const agencyScopeFilter: FilterDef = {
  name: AGENCY_SCOPE,
  default: true,
  cond: (args: Partial<AgencyScopeParams>, _type, _em, _options, entityName) => {
    if (!args || !('agencyId' in args)) {
      throw new Error(`${AGENCY_SCOPE}: the EntityManager fork has no agency scope set`);
    }
    if (args.agencyId === null || args.agencyId === undefined) return {};
    const rule = entityName ? rules[entityName] : undefined;
    // Anything without an explicit rule matches no row for an agency, rather than every row.
    return rule ? rule.orm(args.agencyId) : { id: null };
  },
};

/**
 * The rule for `entity`'s rows under the SQL alias `alias`, for hand-written SQL: `true` for a request that sees
 * everything, the entity's condition for an agency, and `false` for an entity without a rule (fail-closed).
 */
export function agencySqlCondition(
  entity: string,
  alias: string,
  scope: AgencyScopeParams,
): { sql: string; params: string[] } {
  if (scope.agencyId === null) return { sql: 'true', params: [] };
  const rule = rules[entity];
  if (!rule) return { sql: 'false', params: [] };
  const sql = rule.sql(alias);
  // Our rules hold no literal "?": each one is a use of the agency id.
  const uses = sql.split('?').length - 1;
  return { sql: `(${sql})`, params: Array.from({ length: uses }, () => scope.agencyId as string) };
}

/**
 * The rule for `entity`'s rows under `alias` in a prepared statement, whose parameter `param` (e.g. `$2`) is the
 * agency id — or null for a request that sees everything. One statement text serves every caller.
 */
export function agencySqlPredicate(entity: string, alias: string, param: string): string {
  const rule = rules[entity];
  const condition = rule ? rule.sql(alias).replaceAll('?', `${param}::uuid`) : 'false';
  return `(${param}::uuid is null or ${condition})`;
}
