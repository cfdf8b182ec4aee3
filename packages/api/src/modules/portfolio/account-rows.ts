import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager, QBFilterQuery } from '@mikro-orm/postgresql';
import type { GraphQLResolveInfo } from 'graphql';
import { selectedFieldsAt } from '../../core/graphql/selection.ts';
import { Account } from './account.entity.ts';
import type { Debtor } from './debtor.entity.ts';

/**
 * An account page read as plain rows (issue 14). Making entities of a page — 51 accounts and their debtors, each
 * registered, snapshotted for change tracking and hydrated field by field — costs the API about ten times the
 * query: ~6 ms of CPU against ~0.7 ms for the same rows mapped by the query builder, and most of an agency's page.
 * A page is read-only, so when everything a query selects of its nodes can be answered from the account's own
 * columns and its debtor's, the page is read as rows; anything else (the agency, the insight and history lists)
 * gets entities as before. The rows are read through the request's EntityManager and its agency scope, like a find.
 */

/** The debtor's fields a row carries: every field of the GraphQL `Debtor` type. */
export type DebtorRow = Pick<Debtor, 'id' | 'name' | 'documentId' | 'phones' | 'emails' | 'timeZone' | 'doNotContact'>;

/** The account's columns the row-answerable fields read, and its debtor. */
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
> & { debtor: DebtorRow };

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
]);
const ROW_ANSWERS_DEBTOR = new Set<string>(['__typename', ...DEBTOR_COLUMNS]);

/** Whether the nodes of the connection being resolved ask only for what a row answers. */
export function rowsAnswer(info: GraphQLResolveInfo): boolean {
  const within = (path: string[], answered: ReadonlySet<string>) =>
    [...selectedFieldsAt(info, path)].every((field) => answered.has(field));
  return within(['edges', 'node'], ROW_ANSWERS_NODE) && within(['edges', 'node', 'debtor'], ROW_ANSWERS_DEBTOR);
}

/** The alias a debtor column is read under, apart from the account's own. */
const debtorAlias = (property: string) => `of_debtor_${property}`;

/** Up to `limit` accounts matching `where` in id order, with their debtors, as rows. */
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
    ] as never)
    // Visible account, visible debtor: the debtor's own scope rule is an account of it placed with the agency.
    .join('a.debtor', 'd')
    .where(where as QBFilterQuery<Account, 'a'>)
    .orderBy({ id: 'asc' })
    .limit(limit);
  await query.applyFilters();
  const rows = await query.execute<Record<string, unknown>[]>('all', true);
  return rows.map((row) => {
    const account = {} as Record<string, unknown>;
    for (const property of ACCOUNT_COLUMNS) account[property] = row[property];
    const debtor = {} as Record<string, unknown>;
    for (const property of DEBTOR_COLUMNS) debtor[property] = row[debtorAlias(property)];
    account.debtor = debtor;
    return account as AccountRow;
  });
}
