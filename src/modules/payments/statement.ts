// Bank statement import (issue 5, item 3): pure parsing of a statement file into credit
// lines. No database, no HTTP. The caller decides "all or nothing" with `isImportable`.
//
// Amounts are integer Rupiah held in JavaScript `number`s that are checked to be safe
// integers (≤ Number.MAX_SAFE_INTEGER, i.e. about 9 × 10^15 Rupiah), the same shape the
// database layer gives for int8 columns. They are built digit by digit from the text; no
// floating-point parsing (`parseFloat`, `Number("1.5")`) is ever used on an amount.
//
// Bad data never throws: each problem is a `StatementIssue` with a message key and params
// (`payments.messages.ts`), with the 1-based physical line of the file where the record starts.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { type MessageKey } from '../../platform/views/i18n.ts';

// ---------------------------------------------------------------------------------------------
// Types

export type StatementEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export type Delimiter = ',' | ';' | '\t';

/**
 * How amounts are written.
 *  - `id`: Indonesian, `1.250.000,00` (thousands `.`, decimals `,`), also `1250000,00`.
 *  - `en`: English, `1,250,000.00` (thousands `,`, decimals `.`), also `1250000.00`.
 *  - `plain`: digits only, `1250000`, optionally with a 1–2 digit decimal part after `.` or `,`.
 * Thousands groups are checked (`1.25` is not an Indonesian amount), so a file in the other
 * format is reported instead of being read a hundred times too large. A decimal part must be
 * zero: Rupiah has no cents in practice, so `1.250.000,50` is an error, not a rounding.
 * A leading `Rp`/`IDR`, a sign (`-`, trailing `-`, or parentheses), spaces inside the number
 * and the Indonesian `,-` ending (`Rp 1.250.000,-`, no cents) are understood.
 */
export type AmountFormat = 'id' | 'en' | 'plain';

/**
 * Date formats, tried in the order given. Separators `/`, `-` and `.` are interchangeable for
 * the numeric formats; a trailing time (`10:22`, `10.22.33`) is ignored.
 *  - `DD/MM/YY` reads the year as 20YY.
 *  - `DD-MMM-YYYY` takes month names or abbreviations in Indonesian and English (Jan, Feb/Peb,
 *    Mar, Apr, Mei/May, Jun, Jul, Agu/Agt/Aug, Sep, Okt/Oct, Nov/Nop, Des/Dec, and full names),
 *    separated by `-`, `/` or spaces. `DD-MMM-YY` is the same with a two-digit year.
 */
export type DateFormat = 'DD/MM/YYYY' | 'DD/MM/YY' | 'YYYY-MM-DD' | 'DD-MMM-YYYY' | 'DD-MMM-YY';
export const dateFormats: readonly DateFormat[] = ['DD/MM/YYYY', 'DD/MM/YY', 'YYYY-MM-DD', 'DD-MMM-YYYY', 'DD-MMM-YY'];

/** A header name, or alternatives (first found wins). Compared without case or extra spaces. */
export type ColumnName = string | string[];

/** Which cells say whether a row is money in (credit) or out (debit), and how much. */
export type DirectionMapping =
  /** Separate debit and credit columns; the non-empty, non-zero one decides. */
  | { kind: 'columns'; debit: ColumnName; credit: ColumnName }
  /** One amount column and an indicator column (e.g. `CR`/`DB`, `K`/`D`). */
  | { kind: 'indicator'; amount: ColumnName; indicator: ColumnName; credit: string[]; debit: string[] }
  /**
   * The indicator is written after the amount in the same cell, e.g. `1,250,000.00 CR`, or —
   * when the amount cell has none — in the next cell, if that column has no header name.
   */
  | { kind: 'suffix'; amount: ColumnName; credit: string[]; debit: string[] }
  /** One signed amount column: negative is a debit. */
  | { kind: 'signed'; amount: ColumnName };

/** A saved column mapping (JSON-serialisable: it is stored per bank account). */
export interface ColumnMapping {
  /** `auto` picks `,`, `;` or tab from the header line. */
  delimiter: Delimiter | 'auto';
  /**
   * 1-based physical line of the header row. Omitted: the first of the first 100 records that
   * holds every mapped column (banks put a varying number of account lines above the table).
   */
  headerLine?: number;
  date: ColumnName;
  dateFormats: DateFormat[];
  description: ColumnName;
  reference?: ColumnName;
  balance?: ColumnName;
  direction: DirectionMapping;
  amountFormat: AmountFormat;
  /**
   * Rows whose first non-empty cell starts with one of these (as whole words) end the table:
   * summary lines. Everything after such a row is skipped.
   */
  stopAt?: string[];
  /** Rows whose first non-empty cell starts with one of these (as whole words) are skipped. */
  skipRowsStartingWith?: string[];
}

const columnNameSchema = z.union([z.string().max(100), z.array(z.string().max(100)).min(1).max(10)]);
const indicatorValues = z.array(z.string().trim().min(1).max(10)).min(1).max(10);

/** Validates a column mapping before it is saved (per bank account) or used. */
export const columnMappingSchema: z.ZodType<ColumnMapping> = z.object({
  delimiter: z.enum([',', ';', '\t', 'auto']),
  headerLine: z.number().int().min(1).max(1000).optional(),
  date: columnNameSchema,
  dateFormats: z.array(z.enum(dateFormats as [DateFormat, ...DateFormat[]])).min(1),
  description: columnNameSchema,
  reference: columnNameSchema.optional(),
  balance: columnNameSchema.optional(),
  direction: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('columns'), debit: columnNameSchema, credit: columnNameSchema }),
    z.object({ kind: z.literal('indicator'), amount: columnNameSchema, indicator: columnNameSchema, credit: indicatorValues, debit: indicatorValues }),
    z.object({ kind: z.literal('suffix'), amount: columnNameSchema, credit: indicatorValues, debit: indicatorValues }),
    z.object({ kind: z.literal('signed'), amount: columnNameSchema }),
  ]),
  amountFormat: z.enum(['id', 'en', 'plain']),
  stopAt: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
  skipRowsStartingWith: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
});

export interface StatementLine {
  /** 1-based physical line where the record starts. */
  line: number;
  /** `YYYY-MM-DD` */
  date: string;
  /** Integer Rupiah, > 0 (credits only). */
  amount: number;
  description: string;
  reference: string | null;
  /** Integer Rupiah, when the mapping has a balance column and the cell is filled. */
  balance: number | null;
  /** sha256 hex of the normalised date|amount|reference|description|occurrence. */
  fingerprint: string;
}

export interface StatementIssue {
  /** 1-based physical line, or null for a file-level problem. */
  line: number | null;
  key: MessageKey;
  params: Record<string, string | number>;
}
/** The same shape under the name the issue uses. */
export type LineError = StatementIssue;

export interface SkippedCounts {
  debit: number;
  blank: number;
  /** Summary rows: after a `stopAt` row, or matched by `skipRowsStartingWith`. */
  summary: number;
  /** Credit or debit rows with a zero amount. */
  zero: number;
  total: number;
}

export interface StatementParseResult {
  /** null when the bytes could not be read as text at all. */
  encoding: StatementEncoding | null;
  bom: boolean;
  delimiter: Delimiter | null;
  headerLine: number | null;
  lines: StatementLine[];
  /** Any error makes the file not importable (see `isImportable`). */
  errors: StatementIssue[];
  /** Worth showing, never blocking: e.g. identical rows (kept apart by their fingerprint). */
  warnings: StatementIssue[];
  skipped: SkippedCounts;
}

export interface ParseStatementOptions {
  /**
   * Mixed into every fingerprint, e.g. the receiving account's id, so identical-looking credits
   * of two different accounts stay apart. Must be the same on every import of that account.
   */
  fingerprintScope?: string;
}

// ---------------------------------------------------------------------------------------------
// Encoding

export type DecodeResult =
  | { ok: true; text: string; encoding: StatementEncoding; bom: boolean }
  | { ok: false; key: MessageKey };

/**
 * UTF-8 (with or without BOM), UTF-16 with a BOM (LE, or BE), otherwise Windows-1252 when the
 * bytes are not valid UTF-8. A spreadsheet (XLSX/XLS) or other binary file is refused.
 */
export function decodeStatement(bytes: Uint8Array): DecodeResult {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    const text = tryUtf8(b.subarray(3));
    return text === null ? { ok: false, key: 'payments.statement.bad_encoding' } : { ok: true, text, encoding: 'utf-8', bom: true };
  }
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) {
    return { ok: true, text: new TextDecoder('utf-16le').decode(b.subarray(2)), encoding: 'utf-16le', bom: true };
  }
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
    const body = b.subarray(2);
    const swapped = new Uint8Array(body.length - (body.length % 2));
    for (let i = 0; i + 1 < body.length; i += 2) {
      swapped[i] = body[i + 1]!;
      swapped[i + 1] = body[i]!;
    }
    return { ok: true, text: new TextDecoder('utf-16le').decode(swapped), encoding: 'utf-16be', bom: true };
  }
  // Spreadsheets: XLSX/ODS are ZIP files, XLS is an OLE2 compound file.
  if ((b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) || (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0)) {
    return { ok: false, key: 'payments.statement.spreadsheet' };
  }
  if (b.includes(0)) return { ok: false, key: 'payments.statement.binary' };
  const utf8 = tryUtf8(b);
  if (utf8 !== null) return { ok: true, text: utf8, encoding: 'utf-8', bom: false };
  return { ok: true, text: decodeWindows1252(b), encoding: 'windows-1252', bom: false };
}

// Windows-1252 bytes 0x80–0x9F (WHATWG table; the five unassigned bytes keep their C1 code point).
const cp1252High = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * Windows-1252 by table rather than `TextDecoder('windows-1252')`: Node 20's decoder (ICU 78
 * build here) silently DROPS bytes 0x80–0x9F (€, curly quotes, dashes), which would lose text.
 */
export function decodeWindows1252(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length; i += 8192) {
    const chunk = b.subarray(i, i + 8192);
    const codes = new Array<number>(chunk.length);
    for (let j = 0; j < chunk.length; j++) {
      const x = chunk[j]!;
      codes[j] = x >= 0x80 && x <= 0x9f ? cp1252High.charCodeAt(x - 0x80) : x;
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}

function tryUtf8(b: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(b);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// CSV

export interface CsvRecord {
  /** 1-based physical line where the record starts. */
  line: number;
  cells: string[];
}

/** On an unclosed quote, `records` holds the records completed before it. */
export type CsvResult = { ok: true; records: CsvRecord[] } | { ok: false; line: number; records: CsvRecord[] };

/**
 * RFC 4180 records: fields may be quoted (`"a, b"`), a doubled quote is a quote, quoted fields
 * may hold line breaks; CRLF, LF and CR all end a line. A quote inside an unquoted field is a
 * plain character. An unclosed quote is reported with the line where its field began.
 */
export function parseCsv(text: string, delimiter: Delimiter): CsvResult {
  // Fields are sliced out of `text` (no character-by-character string building).
  const records: CsvRecord[] = [];
  const n = text.length;
  const d = delimiter.charCodeAt(0);
  let line = 1;
  let i = 0;
  while (i < n) {
    const recordLine = line;
    const cells: string[] = [];
    for (;;) {
      // one field, starting at i
      let field: string;
      if (text.charCodeAt(i) === 34 /* " */) {
        const quoteLine = line;
        let j = i + 1;
        let value = '';
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) return { ok: false, line: quoteLine, records };
          for (let k = j; k < q; k++) {
            const c = text.charCodeAt(k);
            if (c === 10 || (c === 13 && text.charCodeAt(k + 1) !== 10)) line++;
          }
          value += text.slice(j, q);
          if (text.charCodeAt(q + 1) === 34) {
            value += '"';
            j = q + 2;
          } else {
            j = q + 1;
            break;
          }
        }
        // Characters after a closing quote (`"a"b`) are kept, leniently.
        let k = j;
        while (k < n) {
          const c = text.charCodeAt(k);
          if (c === d || c === 10 || c === 13) break;
          k++;
        }
        field = value + text.slice(j, k);
        i = k;
      } else {
        let k = i;
        while (k < n) {
          const c = text.charCodeAt(k);
          if (c === d || c === 10 || c === 13) break;
          k++;
        }
        field = text.slice(i, k);
        i = k;
      }
      cells.push(field);
      if (i < n && text.charCodeAt(i) === d) {
        i++;
        continue;
      }
      break;
    }
    // end of record: a line break or the end of the text
    if (i < n) {
      if (text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10) i++;
      i++;
      line++;
    }
    records.push({ line: recordLine, cells });
  }
  return { ok: true, records };
}

/** Counts delimiter candidates outside quotes in one line; the most frequent wins (`,` on a tie). */
export function detectDelimiter(headerText: string): Delimiter {
  const counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const c of headerText) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === ',' || c === ';' || c === '\t')) counts[c]++;
  }
  let best: Delimiter = ',';
  for (const d of [';', '\t'] as const) if (counts[d] > counts[best]) best = d;
  return best;
}

/** Trims a cell and removes spreadsheet text markers: a leading `'` and the `="…"` wrapper. */
export function cleanCell(raw: string | undefined): string {
  let s = (raw ?? '').replace(/^\uFEFF/, '').trim();
  const m = /^="(.*)"$/s.exec(s);
  if (m) s = m[1]!.trim();
  if (s.startsWith("'")) s = s.slice(1).trim();
  return s;
}

const normName = (s: string) => cleanCell(s).replace(/\s+/g, ' ').toLowerCase();
const alternatives = (c: ColumnName): string[] => (Array.isArray(c) ? c : [c]);
const label = (c: ColumnName): string => alternatives(c)[0] ?? '';

// ---------------------------------------------------------------------------------------------
// Amounts

export type AmountResult =
  | { ok: true; value: number }
  | { ok: false; key: 'payments.statement.bad_amount' | 'payments.statement.cents' | 'payments.statement.amount_too_large' };

/** Parses a Rupiah amount written in `format` into a signed safe integer; see `AmountFormat`. */
export function parseAmount(raw: string, format: AmountFormat): AmountResult {
  const bad = { ok: false, key: 'payments.statement.bad_amount' } as const;
  let s = cleanCell(raw).replace(/[\s\u00a0]/g, '');
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1);
  }
  if (s.startsWith('-')) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.startsWith('+')) s = s.slice(1);
  s = s.replace(/^(rp\.?|idr)/i, '');
  // Indonesian "no cents" notation: Rp 1.250.000,-
  if (format !== 'en' && s.endsWith(',-')) s = s.slice(0, -2);
  if (s.startsWith('-') && !negative) {
    negative = true;
    s = s.slice(1);
  }
  if (s.endsWith('-') && !negative) {
    negative = true;
    s = s.slice(0, -1);
  }
  if (s === '') return bad;

  let intPart: string;
  let fraction = '';
  if (format === 'plain') {
    const m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(s);
    if (!m) return bad;
    intPart = m[1]!;
    fraction = m[2] ?? '';
  } else {
    const thousands = format === 'id' ? '.' : ',';
    const decimal = format === 'id' ? ',' : '.';
    const parts = s.split(decimal);
    if (parts.length > 2) return bad;
    if (parts.length === 2) {
      fraction = parts[1]!;
      if (!/^\d{1,2}$/.test(fraction)) return bad;
    }
    const groups = parts[0]!.split(thousands);
    if (groups.length === 1) {
      if (!/^\d+$/.test(groups[0]!)) return bad;
    } else {
      if (!/^\d{1,3}$/.test(groups[0]!)) return bad;
      for (const g of groups.slice(1)) if (!/^\d{3}$/.test(g)) return bad;
    }
    intPart = groups.join('');
  }
  if (/[^0]/.test(fraction)) return { ok: false, key: 'payments.statement.cents' };
  let value = 0;
  for (const ch of intPart) {
    const d = ch.charCodeAt(0) - 48;
    if (d < 0 || d > 9) return bad;
    if (value > (Number.MAX_SAFE_INTEGER - d) / 10) return { ok: false, key: 'payments.statement.amount_too_large' };
    value = value * 10 + d;
  }
  return { ok: true, value: negative && value !== 0 ? -value : value };
}

// ---------------------------------------------------------------------------------------------
// Dates

const monthNames: Record<string, number> = {};
for (const [n, names] of [
  [1, ['jan', 'januari', 'january']],
  [2, ['feb', 'peb', 'februari', 'pebruari', 'february']],
  [3, ['mar', 'maret', 'march']],
  [4, ['apr', 'april']],
  [5, ['mei', 'may']],
  [6, ['jun', 'juni', 'june']],
  [7, ['jul', 'juli', 'july']],
  [8, ['agu', 'agt', 'ags', 'aug', 'agustus', 'august']],
  [9, ['sep', 'sept', 'september']],
  [10, ['okt', 'oct', 'oktober', 'october']],
  [11, ['nov', 'nop', 'november', 'nopember']],
  [12, ['des', 'dec', 'desember', 'december']],
] as const) {
  for (const name of names) monthNames[name] = n;
}

function isoDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || y < 1900 || y > 2999) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Reads a statement date as `YYYY-MM-DD`, trying `formats` in order; null when none fits. */
export function parseStatementDate(raw: string, formats: readonly DateFormat[]): string | null {
  const s = cleanCell(raw).replace(/\s+\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*(?:WIB|WITA|WIT))?$/i, '');
  for (const f of formats) {
    let m: RegExpExecArray | null;
    let r: string | null = null;
    switch (f) {
      case 'DD/MM/YYYY':
        m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
        if (m) r = isoDate(+m[3]!, +m[2]!, +m[1]!);
        break;
      case 'DD/MM/YY':
        m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2})$/.exec(s);
        if (m) r = isoDate(2000 + +m[3]!, +m[2]!, +m[1]!);
        break;
      case 'YYYY-MM-DD':
        m = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/.exec(s);
        if (m) r = isoDate(+m[1]!, +m[2]!, +m[3]!);
        break;
      case 'DD-MMM-YYYY':
      case 'DD-MMM-YY': {
        m = /^(\d{1,2})[-/ ]+([A-Za-z]{3,9})\.?[-/ ]+(\d{2}|\d{4})$/.exec(s);
        const yearDigits = f === 'DD-MMM-YYYY' ? 4 : 2;
        if (m && m[3]!.length === yearDigits) {
          const month = monthNames[m[2]!.toLowerCase()];
          const year = yearDigits === 2 ? 2000 + +m[3]! : +m[3]!;
          if (month) r = isoDate(year, month, +m[1]!);
        }
        break;
      }
    }
    if (r) return r;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Fingerprints

const normText = (s: string) => s.replace(/\s+/g, ' ').trim().toUpperCase();

/**
 * sha256 (hex) of `scope|date|amount|reference|description|occurrence`, text upper-cased with
 * white space collapsed. `occurrence` is 0 for the first of identical rows in one file, 1 for
 * the second, …, so re-importing a file gives the same fingerprints and two genuinely
 * identical credits stay two.
 */
export function statementFingerprint(
  row: { date: string; amount: number; reference: string | null; description: string },
  occurrence: number,
  scope = '',
): string {
  return createHash('sha256').update(identityKey(row, scope) + '|' + occurrence).digest('hex');
}

function identityKey(row: { date: string; amount: number; reference: string | null; description: string }, scope: string): string {
  return [scope, row.date, String(row.amount), normText(row.reference ?? ''), normText(row.description)].join('|');
}

// ---------------------------------------------------------------------------------------------
// The statement

const emptySkipped = (): SkippedCounts => ({ debit: 0, blank: 0, summary: 0, zero: 0, total: 0 });

function mappedColumns(m: ColumnMapping): ColumnName[] {
  const cols: ColumnName[] = [m.date, m.description];
  const d = m.direction;
  if (d.kind === 'columns') cols.push(d.debit, d.credit);
  else if (d.kind === 'indicator') cols.push(d.amount, d.indicator);
  else cols.push(d.amount);
  if (m.reference) cols.push(m.reference);
  if (m.balance) cols.push(m.balance);
  return cols;
}

interface HeaderFit {
  index: number;
  columns: Map<ColumnName, number>;
  missing: string[];
}

function fitHeader(cells: string[], cols: ColumnName[]): Omit<HeaderFit, 'index'> {
  const names = cells.map(normName);
  const columns = new Map<ColumnName, number>();
  const missing: string[] = [];
  for (const c of cols) {
    let at = -1;
    for (const alt of alternatives(c)) {
      at = names.indexOf(normName(alt));
      if (at >= 0) break;
    }
    if (at >= 0) columns.set(c, at);
    else missing.push(label(c));
  }
  return { columns, missing };
}

/** Finds the header record: the given line, or the first of the first 100 records fitting best. */
function findHeader(records: CsvRecord[], m: ColumnMapping, cols: ColumnName[]): HeaderFit | null {
  if (m.headerLine !== undefined) {
    const index = records.findIndex((r) => r.line === m.headerLine);
    if (index < 0) return null;
    return { index, ...fitHeader(records[index]!.cells, cols) };
  }
  let best: HeaderFit | null = null;
  for (let i = 0; i < Math.min(records.length, 100); i++) {
    const fit = fitHeader(records[i]!.cells, cols);
    if (fit.missing.length === 0) return { index: i, ...fit };
    if (fit.columns.size > 0 && (!best || fit.missing.length < best.missing.length)) best = { index: i, ...fit };
  }
  return best;
}

/** The first non-empty cell is one of `prefixes` or starts with one followed by a non-letter
 * (`Saldo Awal :` fits "Saldo Awal"; `PENDAPATAN` does not fit "PEND"). */
function startsWithAny(cells: string[], prefixes: string[] | undefined): boolean {
  if (!prefixes?.length) return false;
  const first = cells.map(cleanCell).find((c) => c !== '');
  if (first === undefined) return false;
  const f = first.toLowerCase();
  return prefixes.some((p) => {
    const q = p.toLowerCase();
    return f.startsWith(q) && (f.length === q.length || !/\p{L}/u.test(f[q.length]!));
  });
}

/**
 * Parses a bank statement into credit lines. Never throws for bad data: every problem is in
 * `errors` (line by line, or file-level with `line: null`).
 */
export function parseStatement(bytes: Uint8Array, mapping: ColumnMapping, options: ParseStatementOptions = {}): StatementParseResult {
  const result: StatementParseResult = {
    encoding: null,
    bom: false,
    delimiter: null,
    headerLine: null,
    lines: [],
    errors: [],
    warnings: [],
    skipped: emptySkipped(),
  };
  const fileError = (key: MessageKey, params: Record<string, string | number> = {}) => {
    result.errors.push({ line: null, key, params });
    return result;
  };

  const decoded = decodeStatement(bytes);
  if (!decoded.ok) return fileError(decoded.key);
  result.encoding = decoded.encoding;
  result.bom = decoded.bom;
  const text = decoded.text;
  if (text.trim() === '') return fileError('payments.statement.empty');

  const cols = mappedColumns(mapping);
  let delimiter: Delimiter;
  let records: CsvRecord[];
  let header: HeaderFit | null;
  if (mapping.delimiter !== 'auto' || mapping.headerLine !== undefined) {
    if (mapping.delimiter !== 'auto') delimiter = mapping.delimiter;
    else delimiter = detectDelimiter(text.split(/\r\n|\n|\r/)[mapping.headerLine! - 1] ?? '');
    const csv = parseCsv(text, delimiter);
    if (!csv.ok) return fileError('payments.statement.unclosed_quote', { line: csv.line });
    records = csv.records;
    header = findHeader(records, mapping, cols);
  } else {
    // Try each delimiter; the one whose header holds every mapped column wins. A delimiter
    // whose parse hit an unclosed quote still competes on the records read before it.
    let best: { delimiter: Delimiter; records: CsvRecord[]; header: HeaderFit | null; unclosed: number | null } | null = null;
    const score = (x: HeaderFit | null) => (x ? x.columns.size : -1);
    for (const d of [',', ';', '\t'] as const) {
      const csv = parseCsv(text, d);
      const h = findHeader(csv.records, mapping, cols);
      if (!best || score(h) > score(best.header)) best = { delimiter: d, records: csv.records, header: h, unclosed: csv.ok ? null : csv.line };
      if (h && h.missing.length === 0) break;
    }
    if (best!.unclosed !== null) return fileError('payments.statement.unclosed_quote', { line: best!.unclosed });
    delimiter = best!.delimiter;
    records = best!.records;
    header = best!.header;
  }
  result.delimiter = delimiter;
  if (!header) {
    if (mapping.headerLine !== undefined) return fileError('payments.statement.header_not_found', { line: mapping.headerLine });
    return fileError('payments.statement.missing_columns', { columns: cols.map(label).join(', ') });
  }
  if (header.missing.length > 0) {
    return fileError('payments.statement.missing_columns', { columns: header.missing.join(', ') });
  }
  const headerRecord = records[header.index]!;
  result.headerLine = headerRecord.line;
  const width = headerRecord.cells.length;
  const col = (cells: string[], c: ColumnName | undefined): string => (c === undefined ? '' : cleanCell(cells[header.columns.get(c)!]));

  type Row = Omit<StatementLine, 'fingerprint'>;
  const rows: Row[] = [];
  let stopped = false;
  for (const rec of records.slice(header.index + 1)) {
    const { cells, line } = rec;
    if (cells.every((c) => cleanCell(c) === '')) {
      result.skipped.blank++;
      continue;
    }
    if (stopped || startsWithAny(cells, mapping.stopAt)) {
      stopped = true;
      result.skipped.summary++;
      continue;
    }
    if (startsWithAny(cells, mapping.skipRowsStartingWith)) {
      result.skipped.summary++;
      continue;
    }
    const before = result.errors.length;
    const err = (key: MessageKey, params: Record<string, string | number> = {}) => result.errors.push({ line, key, params: { line, ...params } });
    if (cells.length > width && cells.slice(width).some((c) => cleanCell(c) !== '')) {
      err('payments.statement.extra_cells', { expected: width, found: cells.length });
      continue;
    }

    // Direction and amount first: debits are not validated further.
    const dir = mapping.direction;
    let amount: number | null = null;
    let isCredit = false;
    const amountOf = (raw: string): number | null => {
      const a = parseAmount(raw, mapping.amountFormat);
      if (!a.ok) {
        err(a.key, { value: raw });
        return null;
      }
      return a.value;
    };
    if (dir.kind === 'columns') {
      const dRaw = col(cells, dir.debit);
      const cRaw = col(cells, dir.credit);
      const d = dRaw === '' ? 0 : amountOf(dRaw);
      const c = cRaw === '' ? 0 : amountOf(cRaw);
      if (d === null || c === null) continue;
      if (d !== 0 && c !== 0) {
        err('payments.statement.debit_and_credit');
        continue;
      }
      if (d === 0 && c === 0) {
        if (dRaw === '' && cRaw === '') err('payments.statement.no_amount');
        else result.skipped.zero++;
        continue;
      }
      // Some banks write debits as negative numbers in the debit column; a negative credit is wrong.
      if (c < 0) {
        err('payments.statement.bad_amount', { value: cRaw });
        continue;
      }
      isCredit = c > 0;
      amount = isCredit ? c : Math.abs(d);
    } else {
      let raw = col(cells, dir.amount);
      let indicator: string | null = null;
      if (dir.kind === 'indicator') indicator = col(cells, dir.indicator);
      if (dir.kind === 'suffix') {
        const m = /^(.*?)[\s]*([A-Za-z]+)$/s.exec(raw);
        indicator = m ? m[2]! : '';
        raw = m ? m[1]!.trim() : raw;
        // Some exports (KlikBCA personal) put CR/DB in an unnamed column right after the amount.
        const next = header.columns.get(dir.amount)! + 1;
        if (!m && next < width && cleanCell(headerRecord.cells[next]) === '') indicator = cleanCell(cells[next]);
      }
      if (raw === '') {
        err('payments.statement.no_amount');
        continue;
      }
      const a = amountOf(raw);
      if (a === null) continue;
      if (dir.kind === 'signed') {
        isCredit = a > 0;
      } else {
        const ind = (indicator ?? '').toUpperCase();
        if (dir.credit.some((x) => x.toUpperCase() === ind)) isCredit = true;
        else if (dir.debit.some((x) => x.toUpperCase() === ind)) isCredit = false;
        else {
          err('payments.statement.bad_direction', { value: indicator ?? '', expected: [...dir.credit, ...dir.debit].join('/') });
          continue;
        }
        if (a < 0) {
          err('payments.statement.bad_amount', { value: raw });
          continue;
        }
      }
      if (a === 0) {
        result.skipped.zero++;
        continue;
      }
      amount = Math.abs(a);
    }
    if (!isCredit) {
      result.skipped.debit++;
      continue;
    }

    const dateRaw = col(cells, mapping.date);
    const date = parseStatementDate(dateRaw, mapping.dateFormats);
    if (!date) err('payments.statement.bad_date', { value: dateRaw, formats: mapping.dateFormats.join(', ') });
    let balance: number | null = null;
    if (mapping.balance) {
      const bRaw = col(cells, mapping.balance).replace(/\s*(CR|DB|K|D)$/i, '');
      if (bRaw !== '') {
        const b = parseAmount(bRaw, mapping.amountFormat);
        if (b.ok) balance = b.value;
        else err(b.key === 'payments.statement.bad_amount' ? 'payments.statement.bad_balance' : b.key, { value: bRaw });
      }
    }
    if (result.errors.length > before || !date || amount === null) continue;
    const reference = mapping.reference ? col(cells, mapping.reference) || null : null;
    rows.push({ line, date, amount, description: col(cells, mapping.description).replace(/\s+/g, ' '), reference, balance });
  }
  result.skipped.total = result.skipped.debit + result.skipped.blank + result.skipped.summary + result.skipped.zero;

  const seen = new Map<string, { count: number; first: number }>();
  const scope = options.fingerprintScope ?? '';
  for (const row of rows) {
    const key = identityKey(row, scope);
    const prior = seen.get(key);
    const occurrence = prior ? prior.count : 0;
    if (prior) {
      prior.count++;
      result.warnings.push({ line: row.line, key: 'payments.statement.identical_rows', params: { line: row.line, first: prior.first } });
    } else seen.set(key, { count: 1, first: row.line });
    result.lines.push({ ...row, fingerprint: statementFingerprint(row, occurrence, scope) });
  }
  return result;
}

/** True when the whole file can be imported: no errors at all ("all or nothing"). */
export function isImportable(result: StatementParseResult): boolean {
  return result.errors.length === 0 && result.encoding !== null;
}
