import Papa from 'papaparse';

/** One column of a downloadable table: its header and how a row reads in it. */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | null;
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
