import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { toXlsx, xlsxCell, type XlsxColumn } from './xlsx.ts';

interface Row {
  name: string;
  count: number;
  amount: number;
  day: string;
}

const columns: XlsxColumn<Row>[] = [
  { header: 'Nama & "Dinas"', value: (r) => r.name, type: 'text' },
  { header: 'Jumlah', value: (r) => r.count, type: 'integer' },
  { header: 'Diterima', value: (r) => r.amount, type: 'rupiah' },
  { header: 'Tanggal', value: (r) => r.day, type: 'date' },
];

function open(buf: Buffer) {
  const files = unzipSync(new Uint8Array(buf));
  const read = (name: string) => (files[name] ? strFromU8(files[name]!) : '');
  return { names: Object.keys(files), sheet: read('xl/worksheets/sheet1.xml'), strings: read('xl/sharedStrings.xml'), styles: read('xl/styles.xml'), workbook: read('xl/workbook.xml') };
}

describe('XLSX export', () => {
  it('[P-7] writes a header, numbers as numbers with a Rupiah format, dates as dates, escaped text that is never a formula', async () => {
    const buf = await toXlsx([
      {
        name: 'Pendapatan',
        columns,
        rows: [
          { name: '=HYPERLINK("http://x","<klik>")', count: 3, amount: 1_250_000, day: '2026-11-23' },
          { name: 'Dinas A & B', count: 0, amount: 9_007_199_254_740_991, day: '2026-01-01' },
        ],
      },
    ]);
    expect(buf.subarray(0, 2).toString('latin1')).toBe('PK');
    const x = open(buf);
    expect(x.names).toContain('xl/worksheets/sheet1.xml');
    expect(x.workbook).toContain('name="Pendapatan"');
    // header and text are shared strings, XML-escaped
    expect(x.strings).toMatch(/Nama &amp; (&quot;|")Dinas(&quot;|")/);
    expect(x.strings).toMatch(/=HYPERLINK\((&quot;|")http:\/\/x(&quot;|"),(&quot;|")&lt;klik&gt;(&quot;|")\)/);
    expect(x.strings).toContain('Dinas A &amp; B');
    // no formula anywhere in the sheet
    expect(x.sheet).not.toContain('<f>');
    // A2 is a shared-string cell, B2 a number, C2 the amount as a plain number
    expect(x.sheet).toMatch(/<c r="A2"[^>]*t="s"/);
    expect(x.sheet).toMatch(/<c r="B2"[^>]*><v>3<\/v><\/c>/);
    expect(x.sheet).toMatch(/<c r="C2"[^>]*><v>1250000<\/v><\/c>/);
    expect(x.sheet).toMatch(/<c r="C3"[^>]*><v>9007199254740991<\/v><\/c>/);
    // 23 Nov 2026 = Excel serial 46349
    expect(x.sheet).toMatch(/<c r="D2"[^>]*><v>46349<\/v><\/c>/);
    expect(x.styles).toContain('&quot;Rp &quot;#,##0');
    expect(x.styles).toContain('dd/mm/yyyy');
  });

  it('keeps a number column usable when a value is not a safe integer, and leaves empty cells empty', () => {
    expect(xlsxCell(null, 'rupiah')).toBeNull();
    expect(xlsxCell('', 'text')).toBeNull();
    expect(xlsxCell('12a', 'integer')).toEqual({ value: '12a', type: String });
    expect(xlsxCell('-15', 'integer')).toMatchObject({ value: -15, type: Number });
    expect(xlsxCell('2026-02-30x', 'date')).toEqual({ value: '2026-02-30x', type: String });
    expect(xlsxCell(5, undefined)).toMatchObject({ value: 5, type: Number });
  });

  it('writes several sheets with distinct, cleaned names', async () => {
    const buf = await toXlsx([
      { name: 'Ringkasan: A/B', columns, rows: [] },
      { name: 'Ringkasan: A/B', columns, rows: [] },
    ]);
    const x = open(buf);
    expect(x.workbook).toContain('name="Ringkasan  A B"');
    expect(x.workbook).toContain('name="Ringkasan  A B 2"');
  });
});
