import { describe, expect, it } from 'vitest';
import { allMessageKeys, t } from '../../platform/views/i18n.ts';
import {
  cleanCell,
  columnMappingSchema,
  decodeStatement,
  decodeWindows1252,
  detectDelimiter,
  isImportable,
  parseAmount,
  parseCsv,
  parseStatement,
  parseStatementDate,
  statementFingerprint,
  type ColumnMapping,
} from './statement.ts';

const enc = (s: string) => new TextEncoder().encode(s);

const simple: ColumnMapping = {
  delimiter: 'auto',
  date: 'Tanggal',
  dateFormats: ['DD/MM/YYYY'],
  description: 'Keterangan',
  reference: 'Referensi',
  direction: { kind: 'columns', debit: 'Debet', credit: 'Kredit' },
  amountFormat: 'id',
};

describe('decodeStatement', () => {
  it('reads UTF-8 with and without a BOM', () => {
    const plain = decodeStatement(enc('Keterangan café'));
    expect(plain).toEqual({ ok: true, text: 'Keterangan café', encoding: 'utf-8', bom: false });
    const withBom = decodeStatement(new Uint8Array([0xef, 0xbb, 0xbf, ...enc('Tanggal')]));
    expect(withBom).toEqual({ ok: true, text: 'Tanggal', encoding: 'utf-8', bom: true });
  });

  it('reads UTF-16LE and UTF-16BE with a BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Tanggal;é', 'utf16le')]);
    expect(decodeStatement(le)).toEqual({ ok: true, text: 'Tanggal;é', encoding: 'utf-16le', bom: true });
    const be = Buffer.from([0xfe, 0xff, 0x00, 0x41, 0x00, 0xe9]);
    expect(decodeStatement(be)).toEqual({ ok: true, text: 'Aé', encoding: 'utf-16be', bom: true });
  });

  it('falls back to Windows-1252 when the bytes are not valid UTF-8', () => {
    // "Pembayaran Ré" with é as the single byte 0xE9 and the euro sign 0x80.
    const bytes = new Uint8Array([...enc('Pembayaran R'), 0xe9, 0x20, 0x80]);
    expect(decodeStatement(bytes)).toEqual({ ok: true, text: 'Pembayaran Ré €', encoding: 'windows-1252', bom: false });
  });

  it('keeps Windows-1252 bytes 0x80–0x9F (curly quotes, dashes) that Node 20 would drop', () => {
    expect(decodeWindows1252(new Uint8Array([0x93, 0x41, 0x94, 0x20, 0x96, 0x20, 0x81, 0xff]))).toBe('\u201cA\u201d \u2013 \u0081\u00ff');
  });

  it('refuses spreadsheets, binary files and broken UTF-8 after a BOM', () => {
    expect(decodeStatement(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0]))).toEqual({ ok: false, key: 'payments.statement.spreadsheet' });
    expect(decodeStatement(new Uint8Array([0x41, 0x00, 0x42, 0x00]))).toEqual({ ok: false, key: 'payments.statement.binary' });
    expect(decodeStatement(new Uint8Array([0xef, 0xbb, 0xbf, 0xe9, 0x41]))).toEqual({ ok: false, key: 'payments.statement.bad_encoding' });
  });
});

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, embedded newlines and every line ending, with start lines', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\nlines"\r3,4,5\n"",,\n';
    const r = parseCsv(text, ',');
    expect(r).toEqual({
      ok: true,
      records: [
        { line: 1, cells: ['a', 'b', 'c'] },
        { line: 2, cells: ['x, y', 'say "hi"', 'two\nlines'] },
        { line: 4, cells: ['3', '4', '5'] },
        { line: 5, cells: ['', '', ''] },
      ],
    });
  });

  it('keeps empty trailing fields and text after a closing quote', () => {
    expect(parseCsv('a,b,\n"x"y,,"",', ',')).toEqual({
      ok: true,
      records: [
        { line: 1, cells: ['a', 'b', ''] },
        { line: 2, cells: ['xy', '', '', ''] },
      ],
    });
  });

  it('reports an unclosed quote with the line it began on', () => {
    expect(parseCsv('a;b\n1;"open\n2;3\n', ';')).toEqual({ ok: false, line: 2, records: [{ line: 1, cells: ['a', 'b'] }] });
  });

  it('detects the delimiter from the header line, ignoring quoted ones', () => {
    expect(detectDelimiter('Tanggal;Keterangan;"a,b,c";Jumlah')).toBe(';');
    expect(detectDelimiter('Tanggal\tKeterangan\tJumlah')).toBe('\t');
    expect(detectDelimiter('Tanggal,Keterangan')).toBe(',');
  });

  it('cleans spreadsheet text markers', () => {
    expect(cleanCell(" '01/11/2026 ")).toBe('01/11/2026');
    expect(cleanCell('="0012345"')).toBe('0012345');
  });
});

describe('parseAmount (integer Rupiah, digit by digit)', () => {
  it('reads Indonesian, English and plain formats', () => {
    expect(parseAmount('1.250.000,00', 'id')).toEqual({ ok: true, value: 1_250_000 });
    expect(parseAmount('1250000', 'id')).toEqual({ ok: true, value: 1_250_000 });
    expect(parseAmount('Rp 1.250.000', 'id')).toEqual({ ok: true, value: 1_250_000 });
    expect(parseAmount('1,250,000.00', 'en')).toEqual({ ok: true, value: 1_250_000 });
    expect(parseAmount('IDR 75,000', 'en')).toEqual({ ok: true, value: 75_000 });
    expect(parseAmount('1250000', 'plain')).toEqual({ ok: true, value: 1_250_000 });
    expect(parseAmount('1250000.00', 'plain')).toEqual({ ok: true, value: 1_250_000 });
    expect(parseAmount('-50.000', 'id')).toEqual({ ok: true, value: -50_000 });
    expect(parseAmount('(50,000.00)', 'en')).toEqual({ ok: true, value: -50_000 });
    expect(parseAmount('50.000-', 'id')).toEqual({ ok: true, value: -50_000 });
    expect(parseAmount('Rp 1.250.000,-', 'id')).toEqual({ ok: true, value: 1_250_000 });
    expect(parseAmount('-Rp 1.250.000,-', 'id')).toEqual({ ok: true, value: -1_250_000 });
    expect(parseAmount('1 250 000,00', 'id')).toEqual({ ok: true, value: 1_250_000 });
  });

  it('refuses amounts in the other format instead of misreading them', () => {
    expect(parseAmount('1,250,000.00', 'id').ok).toBe(false);
    expect(parseAmount('1.25', 'id').ok).toBe(false);
    expect(parseAmount('1.250.000,00', 'en').ok).toBe(false);
    expect(parseAmount('1,250,000', 'plain').ok).toBe(false);
  });

  it('refuses non-numeric text', () => {
    for (const v of ['', 'abc', '12a', '1..000', '--5', '1,2,3', '١٢٣']) expect(parseAmount(v, 'id')).toEqual({ ok: false, key: 'payments.statement.bad_amount' });
  });

  it('refuses cents: Rupiah has none in practice', () => {
    expect(parseAmount('1.250.000,50', 'id')).toEqual({ ok: false, key: 'payments.statement.cents' });
    expect(parseAmount('1,250,000.01', 'en')).toEqual({ ok: false, key: 'payments.statement.cents' });
    expect(parseAmount('100,0', 'id')).toEqual({ ok: true, value: 100 });
  });

  it('keeps to safe integers (no floating point)', () => {
    expect(parseAmount('9007199254740991', 'plain')).toEqual({ ok: true, value: Number.MAX_SAFE_INTEGER });
    expect(parseAmount('9007199254740992', 'plain')).toEqual({ ok: false, key: 'payments.statement.amount_too_large' });
    // A value float parsing would round: 0.1 + 0.2 style problems cannot arise.
    expect(parseAmount('1.234.567.890.123', 'id')).toEqual({ ok: true, value: 1_234_567_890_123 });
  });
});

describe('parseStatementDate', () => {
  it('reads every documented format', () => {
    expect(parseStatementDate('01/11/2026', ['DD/MM/YYYY'])).toBe('2026-11-01');
    expect(parseStatementDate('1/2/26', ['DD/MM/YY'])).toBe('2026-02-01');
    expect(parseStatementDate('2026-11-01', ['YYYY-MM-DD'])).toBe('2026-11-01');
    expect(parseStatementDate('2026-11-01 10:22:33', ['YYYY-MM-DD'])).toBe('2026-11-01');
    expect(parseStatementDate('05/11/2026 14.05', ['DD/MM/YYYY'])).toBe('2026-11-05');
  });

  it('reads Indonesian and English month abbreviations', () => {
    const cases: [string, string][] = [
      ['01-Jan-2026', '01'], ['01-Feb-2026', '02'], ['01-Peb-2026', '02'], ['01-Mar-2026', '03'], ['01-Apr-2026', '04'],
      ['01-Mei-2026', '05'], ['01-May-2026', '05'], ['01-Jun-2026', '06'], ['01-Jul-2026', '07'], ['01-Agu-2026', '08'],
      ['01-Agt-2026', '08'], ['01-Aug-2026', '08'], ['01-Sep-2026', '09'], ['01-Okt-2026', '10'], ['01-Oct-2026', '10'],
      ['01-Nov-2026', '11'], ['01-Des-2026', '12'], ['01-DEC-2026', '12'], ['1 Agustus 2026', '08'],
    ];
    for (const [raw, month] of cases) expect(parseStatementDate(raw, ['DD-MMM-YYYY']), raw).toBe(`2026-${month}-01`);
    expect(parseStatementDate('17-Agt-26', ['DD-MMM-YY'])).toBe('2026-08-17');
    expect(parseStatementDate('17-Agt-26', ['DD-MMM-YYYY'])).toBeNull();
  });

  it('refuses impossible dates and unknown formats', () => {
    expect(parseStatementDate('31/02/2026', ['DD/MM/YYYY'])).toBeNull();
    expect(parseStatementDate('29/02/2028', ['DD/MM/YYYY'])).toBe('2028-02-29');
    expect(parseStatementDate('13/13/2026', ['DD/MM/YYYY'])).toBeNull();
    expect(parseStatementDate('01-Foo-2026', ['DD-MMM-YYYY'])).toBeNull();
    expect(parseStatementDate('2026-11-01', ['DD/MM/YYYY'])).toBeNull();
    expect(parseStatementDate('kemarin', ['DD/MM/YYYY', 'YYYY-MM-DD'])).toBeNull();
  });

  it('tries formats in order', () => {
    expect(parseStatementDate('2026-11-01', ['DD/MM/YYYY', 'YYYY-MM-DD'])).toBe('2026-11-01');
  });
});

describe('parseStatement', () => {
  const file = [
    'Rekening: 0123456789',
    'Periode: 01/11/2026 - 30/11/2026',
    '',
    'Tanggal;Keterangan;Referensi;Debet;Kredit',
    '01/11/2026;Transfer 1234 5678 9012 BUDI;TRX001;;1.250.000,00',
    '02/11/2026;Biaya admin;;10.000,00;',
    '03/11/2026;"Setoran; tunai ""loket""";TRX002;;500.000',
    '',
  ].join('\r\n');

  it('finds the header below account lines, detects the delimiter, keeps credits and counts debits', () => {
    const r = parseStatement(enc(file), simple);
    expect(r.errors).toEqual([]);
    expect(isImportable(r)).toBe(true);
    expect(r).toMatchObject({ encoding: 'utf-8', delimiter: ';', headerLine: 4 });
    expect(r.lines.map(({ fingerprint, ...l }) => l)).toEqual([
      { line: 5, date: '2026-11-01', amount: 1_250_000, description: 'Transfer 1234 5678 9012 BUDI', reference: 'TRX001', balance: null },
      { line: 7, date: '2026-11-03', amount: 500_000, description: 'Setoran; tunai "loket"', reference: 'TRX002', balance: null },
    ]);
    expect(r.skipped).toEqual({ debit: 1, blank: 0, summary: 0, zero: 0, total: 1 });
    for (const l of r.lines) expect(l.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('honours a configured header line and delimiter', () => {
    const r = parseStatement(enc(file), { ...simple, delimiter: ';', headerLine: 4 });
    expect(r.errors).toEqual([]);
    expect(r.lines).toHaveLength(2);
    const wrong = parseStatement(enc(file), { ...simple, headerLine: 2 });
    expect(wrong.errors).toEqual([{ line: null, key: 'payments.statement.missing_columns', params: { columns: 'Tanggal, Keterangan, Debet, Kredit, Referensi' } }]);
    const none = parseStatement(enc(file), { ...simple, headerLine: 99 });
    expect(none.errors[0]!.key).toBe('payments.statement.header_not_found');
  });

  it('reads the same file in UTF-16LE and Windows-1252 with the same fingerprints', () => {
    const utf8 = parseStatement(enc(file), simple);
    const le = parseStatement(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(file, 'utf16le')]), simple);
    expect(le.encoding).toBe('utf-16le');
    expect(le.lines).toEqual(utf8.lines);
    const cp = parseStatement(new Uint8Array([...enc(file.replace('BUDI', 'ANDR')), 0xc9]), simple);
    expect(cp.encoding).toBe('windows-1252');
    expect(cp.lines[0]!.description).toBe('Transfer 1234 5678 9012 ANDR');
  });

  it('importing the same file twice gives the same fingerprints; identical rows stay distinct', () => {
    const twin = file.replace('03/11/2026;"Setoran; tunai ""loket""";TRX002;;500.000', '01/11/2026;Transfer 1234 5678 9012 BUDI;TRX001;;1.250.000,00');
    const a = parseStatement(enc(twin), simple);
    const b = parseStatement(enc(twin), simple);
    expect(a.errors).toEqual([]);
    expect(a.lines.map((l) => l.fingerprint)).toEqual(b.lines.map((l) => l.fingerprint));
    expect(a.lines).toHaveLength(2);
    expect(a.lines[0]!.fingerprint).not.toBe(a.lines[1]!.fingerprint);
    expect(a.warnings).toEqual([{ line: 7, key: 'payments.statement.identical_rows', params: { line: 7, first: 5 } }]);
    expect(isImportable(a)).toBe(true);
    // Normalisation: case and spacing of the text do not change a fingerprint.
    const row = { date: '2026-11-01', amount: 1_250_000, reference: 'TRX001', description: 'Transfer 1234 5678 9012 BUDI' };
    expect(statementFingerprint(row, 0)).toBe(a.lines[0]!.fingerprint);
    expect(statementFingerprint({ ...row, description: ' transfer  1234 5678 9012 budi ' }, 0)).toBe(a.lines[0]!.fingerprint);
    expect(statementFingerprint(row, 0, 'account-2')).not.toBe(a.lines[0]!.fingerprint);
  });

  it('reports bad dates, non-numeric amounts, cents and extra cells line by line, and is then not importable', () => {
    const bad = [
      'Tanggal,Keterangan,Referensi,Debet,Kredit',
      '31/02/2026,A,R1,,100.000',
      '01/11/2026,B,R2,,seratus',
      '01/11/2026,C,R3,,100.000,50',
      '01/11/2026,D,R4,,"100.000,50"',
      '01/11/2026,E,R5,5.000,100.000',
      '01/11/2026,F,R6,,',
      '02/11/2026,G,R7,,200.000',
    ].join('\n');
    const r = parseStatement(enc(bad), simple);
    expect(r.errors).toEqual([
      { line: 2, key: 'payments.statement.bad_date', params: { line: 2, value: '31/02/2026', formats: 'DD/MM/YYYY' } },
      { line: 3, key: 'payments.statement.bad_amount', params: { line: 3, value: 'seratus' } },
      { line: 4, key: 'payments.statement.extra_cells', params: { line: 4, expected: 5, found: 6 } },
      { line: 5, key: 'payments.statement.cents', params: { line: 5, value: '100.000,50' } },
      { line: 6, key: 'payments.statement.debit_and_credit', params: { line: 6 } },
      { line: 7, key: 'payments.statement.no_amount', params: { line: 7 } },
    ]);
    expect(r.lines.map((l) => l.line)).toEqual([8]);
    expect(isImportable(r)).toBe(false);
    // Every key has a text in both languages that names the line.
    for (const e of r.errors) {
      expect(t('id', e.key, e.params)).toContain(String(e.line));
      expect(t('en', e.key, e.params)).toContain(String(e.line));
    }
  });

  it('names the missing columns when the header does not fit (wrong bank or wrong file)', () => {
    const r = parseStatement(enc('Tanggal,Uraian,Debet,Kredit\n01/11/2026,A,,1.000\n'), simple);
    expect(r.errors).toEqual([{ line: null, key: 'payments.statement.missing_columns', params: { columns: 'Keterangan, Referensi' } }]);
    expect(r.lines).toEqual([]);
    expect(isImportable(r)).toBe(false);
    expect(t('id', r.errors[0]!.key, r.errors[0]!.params)).toContain('Keterangan, Referensi');
  });

  it('reports file-level problems: empty, spreadsheet, unclosed quote', () => {
    expect(parseStatement(enc(' \n\n'), simple).errors).toEqual([{ line: null, key: 'payments.statement.empty', params: {} }]);
    expect(parseStatement(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]), simple).errors[0]!.key).toBe('payments.statement.spreadsheet');
    const r = parseStatement(enc('Tanggal,Keterangan,Referensi,Debet,Kredit\n01/11/2026,"A,R1,,1.000\n'), simple);
    expect(r.errors).toEqual([{ line: null, key: 'payments.statement.unclosed_quote', params: { line: 2 } }]);
    expect(isImportable(r)).toBe(false);
  });

  it('reads indicator and signed amount columns and a balance; summary rows end the table', () => {
    const mapping: ColumnMapping = {
      delimiter: '\t',
      date: 'Date',
      dateFormats: ['YYYY-MM-DD'],
      description: 'Remarks',
      balance: 'Balance',
      direction: { kind: 'indicator', amount: 'Amount', indicator: 'D/K', credit: ['K'], debit: ['D'] },
      amountFormat: 'plain',
      stopAt: ['Total'],
    };
    const text = 'Date\tRemarks\tAmount\tD/K\tBalance\n2026-11-01\tA\t1000\tK\t5000\n2026-11-01\tB\t200\tD\t4800\n2026-11-02\tC\t50\tX\t4850\nTotal\t\t1050\t\t\n2026-11-03\tafter total\t1\tK\t1\n';
    const r = parseStatement(enc(text), mapping);
    expect(r.lines.map((l) => [l.line, l.amount, l.balance])).toEqual([[2, 1000, 5000]]);
    expect(r.errors).toEqual([{ line: 4, key: 'payments.statement.bad_direction', params: { line: 4, value: 'X', expected: 'K/D' } }]);
    expect(r.skipped).toMatchObject({ debit: 1, summary: 2 });

    const signed = parseStatement(enc('Date,Remarks,Amount\n2026-11-01,A,-5000\n2026-11-01,B,7000\n2026-11-01,C,0\n'), {
      ...mapping,
      delimiter: ',',
      balance: undefined,
      direction: { kind: 'signed', amount: 'Amount' },
    });
    expect(signed.errors).toEqual([]);
    expect(signed.lines.map((l) => l.amount)).toEqual([7000]);
    expect(signed.skipped).toMatchObject({ debit: 1, zero: 1 });
  });

  it('every message key used by the parser exists in Indonesian and English', () => {
    const id = new Set(allMessageKeys('id'));
    const en = new Set(allMessageKeys('en'));
    const keys = [...id].filter((k) => k.startsWith('payments.'));
    expect(keys.length).toBeGreaterThan(20);
    for (const k of keys) expect(en.has(k), k).toBe(true);
    for (const k of [...en].filter((k) => k.startsWith('payments.'))) expect(id.has(k), k).toBe(true);
  });

  it('KlikBCA personal layout: CR/DB in the unnamed column after Jumlah', () => {
    const mapping: ColumnMapping = { ...simple, delimiter: ',', date: 'Tanggal', reference: undefined, direction: { kind: 'suffix', amount: 'Jumlah', credit: ['CR'], debit: ['DB'] }, amountFormat: 'en', stopAt: ['Saldo Awal'], skipRowsStartingWith: ['PEND'] };
    const text = 'Tanggal,Keterangan,Cabang,Jumlah,,Saldo\n01/11/2026,TRSF CR,0000,"100,000.00",CR,"1,100,000.00"\n02/11/2026,ADM,0000,"1,000.00",DB,"1,099,000.00"\nPENDAPATAN,x,0000,"1.00",CR,\nPEND,TRSF,0000,"5.00",CR,\nSaldo Awal :,"1,000,000.00"\n';
    const r = parseStatement(enc(text), mapping);
    expect(r.lines.map((l) => [l.line, l.amount])).toEqual([[2, 100_000]]);
    // "PENDAPATAN" is not the "PEND" marker: it is read, and its date is wrong.
    expect(r.errors).toEqual([{ line: 4, key: 'payments.statement.bad_date', params: { line: 4, value: 'PENDAPATAN', formats: 'DD/MM/YYYY' } }]);
    expect(r.skipped).toMatchObject({ debit: 1, summary: 2 });
  });
});

describe('columnMappingSchema', () => {
  it('accepts a saved mapping and refuses an incomplete one', () => {
    expect(columnMappingSchema.safeParse(JSON.parse(JSON.stringify(simple))).success).toBe(true);
    expect(columnMappingSchema.safeParse({ ...simple, dateFormats: [] }).success).toBe(false);
    expect(columnMappingSchema.safeParse({ ...simple, dateFormats: ['MM/DD/YYYY'] }).success).toBe(false);
    expect(columnMappingSchema.safeParse({ ...simple, direction: { kind: 'indicator', amount: 'A', indicator: 'B', credit: [], debit: ['D'] } }).success).toBe(false);
    expect(columnMappingSchema.safeParse({ ...simple, delimiter: '|' }).success).toBe(false);
  });
});
