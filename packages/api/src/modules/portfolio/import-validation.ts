import {
  canonicalTimeZone,
  isCurrencyCode,
  isIsoDate,
  MoneyError,
  normalizeAmount,
  parseAmount,
} from '@recupera/shared';
import { badInput } from '../../core/errors.ts';
import type { ImportAccountInput } from './import.input.ts';

export const MAX_IMPORT_ROWS = 10_000;

/** A row after validation: trimmed, amounts canonical, time zone resolved. */
export interface ValidImportRow {
  externalRef: string;
  debtorName: string;
  documentId: string;
  phones: string[];
  emails: string[];
  timeZone: string;
  originalAmount: string;
  balance: string;
  currency: string;
  dueDate: string;
}

// E.164: dialers and SMS gateways need the country code, so local formats are rejected at the door.
const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DOCUMENT_ID = /^[A-Za-z0-9-]{4,40}$/;

function text(field: string, value: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw badInput(field, 'must not be empty');
  if (trimmed.length > max) throw badInput(field, `must be at most ${max} characters`);
  return trimmed;
}

/** Longest creditor and portfolio name (their columns, and the import job's copies of them). */
const NAME_LENGTH = 200;

/** The creditor and portfolio an import names, trimmed: BAD_USER_INPUT naming the field when empty or too long. */
export function importHeader(request: { creditorName: string; portfolioName: string }): {
  creditorName: string;
  portfolioName: string;
} {
  return {
    creditorName: text('creditorName', request.creditorName, NAME_LENGTH),
    portfolioName: text('portfolioName', request.portfolioName, NAME_LENGTH),
  };
}

function amount(field: string, value: string, currency: string, allowZero: boolean): string {
  try {
    parseAmount(value, currency, { allowZero });
    return normalizeAmount(value, currency);
  } catch (error) {
    if (error instanceof MoneyError) {
      const why: Record<MoneyError['reason'], string> = {
        FORMAT: 'must be a decimal string such as "1234.50"',
        PRECISION: `has more decimals than ${currency} allows`,
        NEGATIVE: 'must not be negative',
        ZERO: 'must be greater than zero',
        TOO_LARGE: 'is too large',
        CURRENCY: `cannot be read for currency ${currency}`,
      };
      throw badInput(field, why[error.reason]);
    }
    throw error;
  }
}

/** Validates one row, naming the failing field as `accounts[<index>].<field>`. */
export function validateImportRow(row: ImportAccountInput, index: number, defaultTimeZone: string): ValidImportRow {
  const at = (name: string) => `accounts[${index}].${name}`;
  const currency = row.currency.trim().toUpperCase();
  if (!isCurrencyCode(currency)) throw badInput(at('currency'), `${row.currency} is not an ISO 4217 currency code`);
  const phones = (row.phones ?? []).map((phone, i) => {
    const compact = phone.replace(/[\s()-]/g, '');
    if (!E164.test(compact)) throw badInput(at(`phones[${i}]`), 'must be an international number such as +51987654321');
    return compact;
  });
  const emails = (row.emails ?? []).map((email, i) => {
    const trimmed = email.trim().toLowerCase();
    if (!EMAIL.test(trimmed)) throw badInput(at(`emails[${i}]`), 'is not an e-mail address');
    return trimmed;
  });
  // Stored in the canonical spelling (`america/lima` → `America/Lima`): Intl accepts any case, but one zone must
  // have one spelling for the contact rules and reports that group debtors by zone.
  const requestedZone = row.timeZone?.trim() || defaultTimeZone;
  const timeZone = canonicalTimeZone(requestedZone);
  if (!timeZone) throw badInput(at('timeZone'), `${requestedZone} is not an IANA time zone`);
  if (!isIsoDate(row.dueDate)) throw badInput(at('dueDate'), 'must be a date as YYYY-MM-DD');
  const documentId = text(at('documentId'), row.documentId, 40).toUpperCase();
  if (!DOCUMENT_ID.test(documentId)) throw badInput(at('documentId'), 'may hold only letters, digits and "-"');
  return {
    externalRef: text(at('externalRef'), row.externalRef, 80),
    debtorName: text(at('debtorName'), row.debtorName, 200),
    documentId,
    phones: [...new Set(phones)],
    emails: [...new Set(emails)],
    timeZone,
    originalAmount: amount(at('originalAmount'), row.originalAmount, currency, false),
    balance: amount(at('balance'), row.balance, currency, true),
    currency,
    dueDate: row.dueDate,
  };
}
