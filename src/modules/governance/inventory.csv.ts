// The ICT-asset CSV template (G-6): columns are found by their header (any order, case and
// spaces ignored), values may be the Indonesian words of the template or the API's codes.
// The export uses the same headers, so an exported file can be imported again.
import { toCsv, type CsvColumn } from '../../platform/export/csv.ts';
import type { AssetView } from './inventory.service.ts';
import { type MessageKey } from '../../platform/views/i18n.ts';

/** Template header → field of the asset input. */
export const assetCsvColumns = [
  ['kode', 'code'],
  ['nama', 'name'],
  ['kategori', 'category'],
  ['lokasi', 'location'],
  ['tanggal_perolehan', 'acquiredOn'],
  ['cara_perolehan', 'acquisitionMethod'],
  ['nilai_rupiah', 'value'],
  ['sumber_dana', 'fundingSource'],
  ['kondisi', 'condition'],
  ['status', 'status'],
  ['tanggal_penghapusan', 'disposedOn'],
  ['alasan_penghapusan', 'disposalReason'],
  ['lisensi_berakhir', 'licenceExpiresOn'],
] as const;

const required = ['kode', 'nama', 'kategori', 'cara_perolehan', 'sumber_dana', 'kondisi', 'status'];

/** Indonesian words of the template → codes. */
const aliases: Record<string, Record<string, string>> = {
  category: { perangkat_keras: 'hardware', perangkat_lunak: 'software', jaringan: 'network' },
  acquisitionMethod: { pembelian: 'purchase', hibah: 'grant', sewa: 'lease', mutasi: 'transfer', lainnya: 'other' },
  fundingSource: { lainnya: 'other' },
  condition: { baik: 'good', rusak_ringan: 'light_damage', rusak_berat: 'heavy_damage' },
  status: { rencana: 'planned', digunakan: 'in_use', dihapus: 'disposed' },
};
const wordOf = (field: string, code: string) => Object.entries(aliases[field] ?? {}).find(([, c]) => c === code)?.[0] ?? code;

export const assetCsvTemplate =
  '\uFEFF' +
  assetCsvColumns.map(([h]) => h).join(',') +
  '\r\n' +
  'LPT-001,Laptop operator layanan,perangkat_keras,Ruang Pelayanan Lt. 1,2025-03-14,pembelian,15500000,apbd,baik,digunakan,,,\r\n' +
  'LIS-OFFICE-01,Lisensi perkantoran 25 pengguna,perangkat_lunak,Server aplikasi,2025-01-02,pembelian,42000000,apbd,baik,digunakan,,,2026-12-31\r\n';

export interface AssetCsvRow {
  line: number;
  values: Record<string, string>;
}

export type AssetCsvParse = { ok: true; rows: AssetCsvRow[] } | { ok: false; errors: { line: number; key: MessageKey; params?: Record<string, string | number> }[] };

/** RFC 4180 records with their starting line numbers; null on an unclosed quote. */
export function parseCsvRecords(text: string, delimiter: string): { line: number; cells: string[] }[] | { unclosedAt: number } {
  const out: { line: number; cells: string[] }[] = [];
  let i = 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const start = line;
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    let quoteLine = line;
    for (; i < n; i++) {
      const c = text[i]!;
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i++;
          } else quoted = false;
        } else {
          if (c === '\n') line++;
          cell += c;
        }
        continue;
      }
      if (c === '"' && cell === '') {
        quoted = true;
        quoteLine = line;
      } else if (c === delimiter) {
        cells.push(cell);
        cell = '';
      } else if (c === '\r' || c === '\n') {
        if (c === '\r' && text[i + 1] === '\n') i++;
        i++;
        line++;
        break;
      } else cell += c;
    }
    if (quoted) return { unclosedAt: quoteLine };
    cells.push(cell);
    out.push({ line: start, cells });
  }
  return out;
}

export function parseAssetCsv(input: string): AssetCsvParse {
  const text = input.replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records = parseCsvRecords(text, delimiter);
  if (!Array.isArray(records)) return { ok: false, errors: [{ line: records.unclosedAt, key: 'gov.inv.import.unclosed_quote' }] };
  const [header, ...rest] = records;
  if (!header) return { ok: false, errors: [{ line: 1, key: 'gov.inv.import.empty' }] };
  const names = header.cells.map((h) => h.trim().toLowerCase().replace(/\s+/g, '_'));
  const index = new Map<string, number>();
  const errs: { line: number; key: MessageKey; params?: Record<string, string | number> }[] = [];
  names.forEach((h, i) => {
    // `instansi` (in the export) is ignored: the import goes into the agency chosen on the form.
    if (!h || h === 'instansi') return;
    if (!assetCsvColumns.some(([c]) => c === h)) errs.push({ line: 1, key: 'gov.inv.import.unknown_column', params: { column: h } });
    else index.set(h, i);
  });
  for (const r of required) if (!index.has(r)) errs.push({ line: 1, key: 'gov.inv.import.missing_column', params: { column: r } });
  if (errs.length) return { ok: false, errors: errs };
  const rows: AssetCsvRow[] = [];
  for (const rec of rest) {
    if (rec.cells.every((c) => c.trim() === '')) continue; // blank lines
    if (rec.cells.length > names.length) {
      errs.push({ line: rec.line, key: 'gov.inv.import.too_many_cells', params: { count: rec.cells.length, expected: names.length } });
      continue;
    }
    const values: Record<string, string> = {};
    for (const [h, field] of assetCsvColumns) {
      const i = index.get(h);
      if (i === undefined) continue;
      let v = (rec.cells[i] ?? '').trim();
      const a = aliases[field];
      if (a) v = a[v.toLowerCase()] ?? v.toLowerCase();
      values[field] = v;
    }
    rows.push({ line: rec.line, values });
  }
  if (errs.length) return { ok: false, errors: errs };
  return { ok: true, rows };
}

/** The export: the template's columns (so it can be imported again) and the agency. */
export function assetsCsv(items: AssetView[]): string {
  const cols: CsvColumn<AssetView>[] = [
    { header: 'instansi', value: (a) => a.agencyName },
    { header: 'kode', value: (a) => a.code },
    { header: 'nama', value: (a) => a.name },
    { header: 'kategori', value: (a) => wordOf('category', a.category) },
    { header: 'lokasi', value: (a) => a.location },
    { header: 'tanggal_perolehan', value: (a) => a.acquiredOn },
    { header: 'cara_perolehan', value: (a) => wordOf('acquisitionMethod', a.acquisitionMethod) },
    { header: 'nilai_rupiah', value: (a) => a.value },
    { header: 'sumber_dana', value: (a) => wordOf('fundingSource', a.fundingSource) },
    { header: 'kondisi', value: (a) => wordOf('condition', a.condition) },
    { header: 'status', value: (a) => wordOf('status', a.status) },
    { header: 'tanggal_penghapusan', value: (a) => a.disposedOn },
    { header: 'alasan_penghapusan', value: (a) => a.disposalReason },
    { header: 'lisensi_berakhir', value: (a) => a.licenceExpiresOn },
  ];
  return toCsv(cols, items);
}
