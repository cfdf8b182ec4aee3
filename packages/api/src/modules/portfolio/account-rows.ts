import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager, QBFilterQuery } from '@mikro-orm/postgresql';
import type { GraphQLResolveInfo } from 'graphql';
import { selectedFieldsAt } from '../../core/graphql/selection.ts';
import type { Agency } from '../agencies/agency.entity.ts';
import { Account } from './account.entity.ts';
import type { Debtor } from './debtor.entity.ts';

/**
 * An account page read as plain rows (issue 14). Making entities of a page — 51 accounts and their debtors, each
 * registered, snapshotted for change tracking and hydrated field by field — costs the API about ten times the
 * query: ~6 ms of CPU against ~0.7 ms for the same rows mapped by the query builder, and most of an agency's page.
 * A page is read-only, so when everything a query selects of its nodes can be answered from the account's own
 * columns, its debtor's and its agency's, the page is read as rows; anything else (the insight fields, the history
 * lists) gets entities as before. The rows are read through the request's EntityManager and its agency scope, like
 * a find.
 */

/** The debtor's fields a row carries: every field of the GraphQL `Debtor` type. */
export type DebtorRow = Pick<Debtor, 'id' | 'name' | 'documentId' | 'phones' | 'emails' | 'timeZone' | 'doNotContact'>;

/** The agency's fields a row carries: every field of the GraphQL `Agency` type. */
export type AgencyRow = Pick<Agency, 'id' | 'code' | 'name' | 'partner'>;

/** The account's columns the row-answerable fields read, its debtor and the agency it is placed with. */
export type AccountRow = Pick<
  Account,
  | 'id'
  | 'externalRef'
  | 'originalAmount'
  | 'balance'
  | 'currency'
  | 'dueDate'
  | 'status'
  | 'lastAttemptAt'
  | 'lastRightPartyContactAt'
  | 'lastPaymentAt'
  | 'paymentCount'
  | 'promisesKept'
  | 'promisesBroken'
> & { debtor: DebtorRow; agency: AgencyRow | null };

/** What a page's node is: an entity, or a row when the query asks nothing a row cannot answer. */
export type AccountNode = Account | AccountRow;

const ACCOUNT_COLUMNS = [
  'id',
  'externalRef',
  'originalAmount',
  'balance',
  'currency',
  'dueDate',
  'status',
  'lastAttemptAt',
  'lastRightPartyContactAt',
  'lastPaymentAt',
  'paymentCount',
  'promisesKept',
  'promisesBroken',
] as const satisfies readonly (keyof AccountRow)[];
const DEBTOR_COLUMNS = [
  'id',
  'name',
  'documentId',
  'phones',
  'emails',
  'timeZone',
  'doNotContact',
] as const satisfies readonly (keyof DebtorRow)[];
const AGENCY_COLUMNS = ['id', 'code', 'name', 'partner'] as const satisfies readonly (keyof AgencyRow)[];

/**
 * The `Account` fields a row answers: its own columns, and the fields resolved from them alone (account.resolver.ts,
 * account-offers.resolver.ts). A field added to `Account` later is not here, so it gets entities until it is.
 */
const ROW_ANSWERS_NODE = new Set([
  '__typename',
  'id',
  'externalRef',
  'dueDate',
  'status',
  'balance',
  'originalAmount',
  'daysPastDue',
  'bucket',
  'history',
  'offers',
  'debtor',
  'agency',
]);
const ROW_ANSWERS_DEBTOR = new Set<string>(['__typename', ...DEBTOR_COLUMNS]);
const ROW_ANSWERS_AGENCY = new Set<string>(['__typename', ...AGENCY_COLUMNS]);

/** Whether the nodes of the connection being resolved ask only for what a row answers. */
export function rowsAnswer(info: GraphQLResolveInfo): boolean {
  const within = (path: string[], answered: ReadonlySet<string>) =>
    [...selectedFieldsAt(info, path)].every((field) => answered.has(field));
  return (
    within(['edges', 'node'], ROW_ANSWERS_NODE) &&
    within(['edges', 'node', 'debtor'], ROW_ANSWERS_DEBTOR) &&
    within(['edges', 'node', 'agency'], ROW_ANSWERS_AGENCY)
  );
}

/** The aliases a debtor's and an agency's columns are read under, apart from the account's own. */
const debtorAlias = (property: string) => `of_debtor_${property}`;
const agencyAlias = (property: string) => `of_agency_${property}`;

/** The `properties` of one result row, each read under its alias. */
function pick(row: Record<string, unknown>, properties: readonly string[], alias = (property: string) => property) {
  return Object.fromEntries(properties.map((property) => [property, row[alias(property)]]));
}

/** Up to `limit` accounts matching `where` in id order, with their debtors and agencies, as rows. */
export async function readAccountRows(
  em: EntityManager,
  where: FilterQuery<Account>,
  limit: number,
): Promise<AccountRow[]> {
  const query = em
    .createQueryBuilder(Account, 'a')
    // Built from the typed property lists above; the builder's types cannot follow template strings.
    .select([
      ...ACCOUNT_COLUMNS.map((property) => `a.${property}`),
      ...DEBTOR_COLUMNS.map((property) => `d.${property} as ${debtorAlias(property)}`),
      ...AGENCY_COLUMNS.map((property) => `g.${property} as ${agencyAlias(property)}`),
    ] as never)
    // Visible account, visible debtor and agency: the debtor's own scope rule is an account of it placed with the
    // agency, and an agency sees the accounts placed with itself only, so the agency a row names is its own.
    .join('a.debtor', 'd')
    .leftJoin('a.agency', 'g')
    .where(where as QBFilterQuery<Account, 'a'>)
    .orderBy({ id: 'asc' })
    .limit(limit);
  await query.applyFilters();
  const rows = await query.execute<Record<string, unknown>[]>('all', true);
  return rows.map(
    (row) =>
      ({
        ...pick(row, ACCOUNT_COLUMNS),
        debtor: pick(row, DEBTOR_COLUMNS, debtorAlias),
        // An account worked in-house is placed with no agency: the left join's columns are all null.
        agency: row[agencyAlias('id')] === null ? null : pick(row, AGENCY_COLUMNS, agencyAlias),
      }) as AccountRow,
  );
}
