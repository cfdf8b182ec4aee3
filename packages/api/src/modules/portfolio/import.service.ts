import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { RequiredEntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { v7 as uuidv7 } from 'uuid';
import { badInput, conflict } from '../../core/errors.ts';
import { recordEvent } from '../../core/events/record-event.ts';
import type { Principal } from '../../core/principal.ts';
import { Account } from './account.entity.ts';
import { Creditor } from './creditor.entity.ts';
import { Debtor } from './debtor.entity.ts';
import { importHeader, MAX_IMPORT_ROWS, validateImportRow, type ValidImportRow } from './import-validation.ts';
import type { ImportAccountInput } from './import.input.ts';
import { Portfolio } from './portfolio.entity.ts';

export interface ImportRequest {
  creditorName: string;
  portfolioName: string;
  accounts: ImportAccountInput[];
}

const INSERT_CHUNK = 1_000;

/** The tables an import grows (their planner statistics are refreshed after a large one). */
export const IMPORTED_TABLES = ['account', 'debtor'] as const;

/**
 * All or nothing: every row is validated before anything is written, then the creditor, portfolio, debtors,
 * accounts and the audit event go in one transaction. A debtor already known to the creditor (same document
 * id) is reused as it is; its contact data is not overwritten by an import.
 */
export async function importAccounts(em: EntityManager, actor: Principal, request: ImportRequest): Promise<number> {
  const { creditorName, portfolioName } = importHeader(request);
  if (request.accounts.length === 0) throw badInput('accounts', 'must hold at least one account');
  if (request.accounts.length > MAX_IMPORT_ROWS) {
    throw badInput('accounts', `at most ${MAX_IMPORT_ROWS} accounts per call; split the file into batches`);
  }

  try {
    return await em.transactional(async (tx) => {
      const creditor =
        (await tx.findOne(Creditor, { name: creditorName })) ?? tx.create(Creditor, { name: creditorName });
      const rows = request.accounts.map((row, index) => validateImportRow(row, index, creditor.defaultTimeZone));
      await rejectDuplicateRefs(tx, creditor, rows);

      const portfolio =
        (await tx.findOne(Portfolio, { creditor, name: portfolioName })) ??
        tx.create(Portfolio, { creditor, name: portfolioName });
      await tx.flush();

      const debtorIds = await upsertDebtors(tx, creditor, rows);
      const accounts = rows.map((row) => ({
        id: uuidv7(),
        creditor: creditor.id,
        portfolio: portfolio.id,
        debtor: debtorIds.get(row.documentId)!,
        externalRef: row.externalRef,
        originalAmount: row.originalAmount,
        balance: row.balance,
        currency: row.currency,
        dueDate: row.dueDate,
        status: /^0(\.0+)?$/.test(row.balance) ? ('PAID' as const) : ('ACTIVE' as const),
      }));
      for (let start = 0; start < accounts.length; start += INSERT_CHUNK) {
        await tx.insertMany(Account, accounts.slice(start, start + INSERT_CHUNK));
      }
      recordEvent(tx, {
        type: 'AccountsImported',
        aggregateId: portfolio.id,
        actor: actor.actor,
        payload: {
          creditor: creditorName,
          portfolio: portfolioName,
          count: accounts.length,
          accountIds: accounts.map((account) => account.id),
        },
      });
      return accounts.length;
    });
  } catch (error) {
    // A concurrent import of the same refs passed our check; the unique index caught it and nothing was kept.
    if (error instanceof UniqueConstraintViolationException) {
      throw conflict(
        'accounts',
        'another import wrote some of these external refs at the same time; nothing was imported',
      );
    }
    throw error;
  }
}

async function rejectDuplicateRefs(tx: EntityManager, creditor: Creditor, rows: ValidImportRow[]): Promise<void> {
  const firstSeen = new Map<string, number>();
  rows.forEach((row, index) => {
    const earlier = firstSeen.get(row.externalRef);
    if (earlier !== undefined) {
      throw badInput(`accounts[${index}].externalRef`, `${row.externalRef} repeats row ${earlier}`, { row: index });
    }
    firstSeen.set(row.externalRef, index);
  });
  const existing = await tx.find(
    Account,
    { creditor, externalRef: { $in: [...firstSeen.keys()] } },
    { fields: ['externalRef'], limit: 1 },
  );
  const clash = existing[0];
  if (clash) {
    const index = firstSeen.get(clash.externalRef)!;
    throw badInput(`accounts[${index}].externalRef`, `${clash.externalRef} already exists for ${creditor.name}`, {
      row: index,
    });
  }
}

async function upsertDebtors(
  tx: EntityManager,
  creditor: Creditor,
  rows: ValidImportRow[],
): Promise<Map<string, string>> {
  const documents = [...new Set(rows.map((row) => row.documentId))];
  const known = await tx.find(Debtor, { creditor, documentId: { $in: documents } }, { fields: ['documentId'] });
  const ids = new Map(known.map((debtor) => [debtor.documentId, debtor.id]));
  const fresh: RequiredEntityData<Debtor>[] = [];
  for (const row of rows) {
    if (ids.has(row.documentId)) continue;
    const id = uuidv7();
    ids.set(row.documentId, id);
    fresh.push({
      id,
      creditor: creditor.id,
      name: row.debtorName,
      documentId: row.documentId,
      phones: row.phones,
      emails: row.emails,
      timeZone: row.timeZone,
      doNotContact: false,
    });
  }
  for (let start = 0; start < fresh.length; start += INSERT_CHUNK) {
    await tx.insertMany(Debtor, fresh.slice(start, start + INSERT_CHUNK));
  }
  return ids;
}
