import Papa from 'papaparse';

/** One column of a downloadable table: its header and how a row reads in it. */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | null;
}

/** The outcome counts and rates an analytics table carries, under the same CSV headers in every file. */
export interface Outcomes {
  attempts: number;
  contacts: number;
  rightPartyContacts: number;
  promises: number;
  contactRate: number | null;
  rpcRate: number | null;
  promiseRate: number | null;
}

/** The columns of `Outcomes`, in the order every analytics CSV writes them. */
export function outcomeColumns<T extends Outcomes>(): CsvColumn<T>[] {
  return [
    { header: 'attempts', value: (r) => r.attempts },
    { header: 'contacts', value: (r) => r.contacts },
    { header: 'right_party_contacts', value: (r) => r.rightPartyContacts },
    { header: 'promises', value: (r) => r.promises },
    { header: 'contact_rate', value: (r) => r.contactRate },
    { header: 'rpc_rate', value: (r) => r.rpcRate },
    { header: 'promise_rate', value: (r) => r.promiseRate },
  ];
}

/** Amounts in several currencies in one cell: `120.50 PEN; 30.00 USD` (exact amounts, no locale). */
export function moneyListCell(list: readonly { amount: string; currency: string }[]): string {
  return list.map((m) => `${m.amount} ${m.currency}`).join('; ');
}

/**
 * A table as CSV text (papaparse's `unparse`: quoting and escaping done by a maintained library). Numbers are
 * written as they are (a dot for decimals, whatever the screen's language), so a spreadsheet reads them as numbers.
 */
export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  return Papa.unparse({
    fields: columns.map((column) => column.header),
    data: rows.map((row) => columns.map((column) => column.value(row) ?? '')),
  });
}

/** Offers `csv` as a file download (with a byte-order mark, so spreadsheets read the accents right). */
export function downloadCsv(fileName: string, csv: string): void {
  const blob = new Blob([`\ufeff${csv}`], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}
