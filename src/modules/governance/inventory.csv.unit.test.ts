// The asset CSV template (G-6): header mapping in any order, Indonesian words and codes,
// quoted cells, semicolon files, line numbers of records, and the refusals before any row.
import { describe, expect, it } from 'vitest';
import { assetCsvColumns, assetCsvTemplate, parseAssetCsv, parseCsvRecords } from './inventory.csv.ts';
import { parseCertifications } from './inventory.routes.tsx';

describe('asset CSV', () => {
  it('[G-6] maps columns by header in any order and translates the template words to codes', () => {
    const r = parseAssetCsv('Status;Kode;Nama;Kategori;Cara Perolehan;Sumber Dana;Kondisi\r\ndigunakan;A-1;"Router; inti";jaringan;hibah;APBN;rusak_ringan\r\n');
    expect(r).toEqual({
      ok: true,
      rows: [{ line: 2, values: { status: 'in_use', code: 'A-1', name: 'Router; inti', category: 'network', acquisitionMethod: 'grant', fundingSource: 'apbn', condition: 'light_damage' } }],
    });
  });

  it('[G-6] the template parses and names every column', () => {
    const r = parseAssetCsv(assetCsvTemplate);
    expect(r.ok && r.rows.map((x) => x.values.code)).toEqual(['LPT-001', 'LIS-OFFICE-01']);
    expect(assetCsvColumns).toHaveLength(13);
  });

  it('[G-6] refuses unknown and missing columns, over-long lines and an unclosed quote with line numbers', () => {
    expect(parseAssetCsv('kode,nama,warna\nA,B,C')).toEqual({
      ok: false,
      errors: [
        { line: 1, key: 'gov.inv.import.unknown_column', params: { column: 'warna' } },
        ...['kategori', 'cara_perolehan', 'sumber_dana', 'kondisi', 'status'].map((column) => ({ line: 1, key: 'gov.inv.import.missing_column', params: { column } })),
      ],
    });
    const header = 'kode,nama,kategori,cara_perolehan,sumber_dana,kondisi,status';
    const long = parseAssetCsv(`${header}\nA,B,jaringan,hibah,apbd,baik,digunakan\nA,B,jaringan,hibah,apbd,baik,digunakan,lebih`);
    expect(long).toEqual({ ok: false, errors: [{ line: 3, key: 'gov.inv.import.too_many_cells', params: { count: 8, expected: 7 } }] });
    expect(parseAssetCsv(`${header}\nA,"B\n`)).toEqual({ ok: false, errors: [{ line: 2, key: 'gov.inv.import.unclosed_quote' }] });
  });

  it('counts lines inside quoted cells so later records keep their physical line number', () => {
    const recs = parseCsvRecords('a,b\n"x\ny",z\nlast,1', ',');
    expect(Array.isArray(recs) && recs.map((r) => [r.line, r.cells])).toEqual([
      [1, ['a', 'b']],
      [2, ['x\ny', 'z']],
      [4, ['last', '1']],
    ]);
  });

  it('[G-5] certifications typed one per line: name; year; valid until', () => {
    expect(parseCertifications('CCNA; 2023; 2026-08-31\n\nITIL 4; 2022')).toEqual({
      ok: true,
      items: [
        { name: 'CCNA', year: 2023, expiresOn: '2026-08-31' },
        { name: 'ITIL 4', year: 2022, expiresOn: null },
      ],
    });
    expect(parseCertifications('CCNA\nITIL; 22')).toEqual({ ok: false, line: 1 });
  });
});
