// XLSX export of any list (P-7 reports, …), the spreadsheet twin of csv.ts: the same column
// definition (`header` + `value`) serves both, with an optional `type` for the spreadsheet.
//  - 'integer' and 'rupiah' cells are numbers (Rupiah with a thousands format, `Rp 1.250.000`
//    as the region's spreadsheets show it), so sums work in the spreadsheet;
//  - 'date' cells are dates (a `YYYY-MM-DD` string or a Date, its UTC calendar day);
//  - 'text' cells are shared strings: a value starting with `=` is text, never a formula (a
//    formula is only written when asked for, which this module never does).
// Without `type`, a number is an integer cell, a Date a date cell, anything else text.
import type { FastifyReply } from 'fastify';
import type { Cell, Row } from 'write-excel-file/node';
import type { CsvCell, CsvColumn } from './csv.ts';

export type XlsxCellType = 'text' | 'integer' | 'date' | 'rupiah';

export interface XlsxColumn<T> extends CsvColumn<T> {
  type?: XlsxCellType;
  /** Column width in characters (default from the header). */
  width?: number;
}

export interface XlsxSheet<T> {
  /** Sheet name: at most 31 characters, no `[]:*?/\` (cleaned here). */
  name: string;
  columns: readonly XlsxColumn<T>[];
  rows: Iterable<T>;
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Excel number format of Rupiah: `"Rp "#,##0` (the grouping sign follows the reader's locale). */
export const RUPIAH_FORMAT = '"Rp "#,##0;-"Rp "#,##0';
export const INTEGER_FORMAT = '#,##0';
export const DATE_FORMAT = 'dd/mm/yyyy';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function textOf(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 'ya' : 'tidak';
  return String(value);
}

/** One cell of the sheet; `null` leaves it empty. */
export function xlsxCell(value: CsvCell, type: XlsxCellType | undefined): Cell {
  if (value === null || value === undefined || value === '') return null;
  const kind: XlsxCellType = type ?? (typeof value === 'number' ? 'integer' : value instanceof Date ? 'date' : 'text');
  switch (kind) {
    case 'integer':
    case 'rupiah': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : NaN;
      if (!Number.isSafeInteger(n)) return { value: textOf(value), type: String };
      return { value: n, type: Number, format: kind === 'rupiah' ? RUPIAH_FORMAT : INTEGER_FORMAT };
    }
    case 'date': {
      let d: Date | null = null;
      if (value instanceof Date) d = new Date(Date.UTC(value.getUTCFullYear(), value.getUTCMonth(), value.getUTCDate()));
      else if (typeof value === 'string') {
        const m = ISO_DATE.exec(value);
        if (m) d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      }
      if (!d || Number.isNaN(d.getTime())) return { value: textOf(value), type: String };
      return { value: d, type: Date, format: DATE_FORMAT };
    }
    default:
      return { value: textOf(value), type: String };
  }
}

function sheetName(name: string, used: Set<string>): string {
  let base = name.replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 31) || 'Sheet';
  let out = base;
  for (let i = 2; used.has(out.toLowerCase()); i++) out = `${base.slice(0, 28)} ${i}`;
  used.add(out.toLowerCase());
  return out;
}

/** The workbook: one sheet per entry, a bold header row frozen at the top. */
export async function toXlsx(sheets: readonly XlsxSheet<any>[]): Promise<Buffer> {
  const used = new Set<string>();
  const out = sheets.map((s) => {
    const header: Row = s.columns.map((c) => ({ value: c.header, type: String, fontWeight: 'bold' as const }));
    const data: Row[] = [header];
    for (const row of s.rows) data.push(s.columns.map((c) => xlsxCell(c.value(row), c.type)));
    return {
      data,
      sheet: sheetName(s.name, used),
      stickyRowsCount: 1,
      columns: s.columns.map((c) => ({ width: c.width ?? Math.min(60, Math.max(10, c.header.length + 2)) })),
    };
  });
  if (!out.length) throw new Error('toXlsx needs at least one sheet');
  // Loaded on first use (kept out of the idle memory of every node).
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  return writeXlsxFile(out).toBuffer();
}

/** Sends the workbook as a download named `fileName` (ASCII, e.g. `pendapatan-2026-11.xlsx`). */
export function sendXlsx(reply: FastifyReply, fileName: string, buf: Buffer): FastifyReply {
  return reply
    .header('content-type', XLSX_CONTENT_TYPE)
    .header('content-disposition', `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
    .header('cache-control', 'private, no-store')
    .send(buf);
}
