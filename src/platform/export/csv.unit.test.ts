import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.ts';

describe('CSV export', () => {
  it('quotes separators, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('plain')).toBe('plain');
  });

  it('[S-2] defuses cells a spreadsheet would run as a formula, but keeps negative numbers', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('+62 812')).toBe("'+62 812");
    expect(csvCell('-1500')).toBe('-1500');
    expect(csvCell(-1500)).toBe('-1500');
  });

  it('writes a BOM, a header row and CRLF line ends', () => {
    const csv = toCsv([{ header: 'Nama', value: (r: { n: string; v: number | null }) => r.n }, { header: 'Nilai', value: (r) => r.v }], [
      { n: 'Dinas Kominfo', v: 3 },
      { n: 'Bappeda', v: null },
    ]);
    expect(csv).toBe('\uFEFFNama,Nilai\r\nDinas Kominfo,3\r\nBappeda,\r\n');
  });
});
