// CSV export of any list (G-*, P-7 reports): RFC 4180 quoting, CRLF, a UTF-8 byte-order mark
// so spreadsheet programs read Indonesian text right, and cells that a spreadsheet would run
// as a formula (=, +, -, @, tab, CR) prefixed with an apostrophe (CSV injection).
import type { FastifyReply } from 'fastify';

export type CsvCell = string | number | boolean | Date | null | undefined;

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => CsvCell;
}

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  let s: string;
  if (value instanceof Date) s = value.toISOString();
  else if (typeof value === 'number') s = Number.isFinite(value) ? String(value) : '';
  else if (typeof value === 'boolean') s = value ? 'ya' : 'tidak';
  else {
    s = value;
    // Numbers stay numbers (a negative amount is data, not a formula); text does not.
    if (FORMULA_START.test(s) && !/^[-+]?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  }
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The whole document, BOM included. */
export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: Iterable<T>): string {
  const out = ['\uFEFF' + columns.map((c) => csvCell(c.header)).join(',')];
  for (const row of rows) out.push(columns.map((c) => csvCell(c.value(row))).join(','));
  return out.join('\r\n') + '\r\n';
}

/** Sends `csv` as a download named `fileName` (ASCII, e.g. `aplikasi-2026-11-23.csv`). */
export function sendCsv(reply: FastifyReply, fileName: string, csv: string): FastifyReply {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
    .header('cache-control', 'private, no-store')
    .send(csv);
}
