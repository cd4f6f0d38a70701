import { describe, expect, it } from 'vitest';
import { isCompletePdf, sniffContentType } from '../storage/sniff.ts';
import { columnWidths, pdfSafe, renderPdf, type PdfBlock, type PdfDocumentSpec } from './pdf.ts';
import { pdfContentStreams, pdfPageCount, pdfText } from './pdf-text.ts';

const at = new Date('2026-03-04T05:06:07Z');

function spec(blocks: PdfBlock[], extra: Partial<PdfDocumentSpec> = {}): PdfDocumentSpec {
  return { info: { title: 'Uji' }, createdAt: at, pageLabel: (p, n) => `Halaman ${p} dari ${n}`, blocks, ...extra };
}

const letterhead: PdfBlock = { kind: 'letterhead', region: 'Provinsi Contoh', agency: 'Dinas Penanaman Modal dan PTSP', lines: ['Jl. El Tari No. 1, Kupang', 'Telp. 0380-821234'] };

function longTable(n: number): PdfBlock {
  return {
    kind: 'table',
    columns: [{ header: 'Persyaratan', width: 2 }, { header: 'Berkas', width: 3 }],
    rows: Array.from({ length: n }, (_, i) => [`Dokumen nomor ${i + 1}`, `Isi sel yang cukup panjang sehingga dibungkus menjadi beberapa baris di dalam kolomnya (${i + 1})`]),
  };
}

describe('renderPdf', () => {
  it('writes a complete PDF (starts with %PDF, ends with %%EOF)', async () => {
    const pdf = await renderPdf(spec([letterhead, { kind: 'title', text: 'TANDA TERIMA' }]));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1').trim()).toBe('%%EOF');
    expect(sniffContentType(pdf)).toBe('application/pdf');
    expect(isCompletePdf(pdf)).toBe(true);
  });

  it('is deterministic: the same input and date give the same bytes', async () => {
    const blocks: PdfBlock[] = [letterhead, { kind: 'paragraph', text: 'Sama.' }, { kind: 'qr', data: 'https://contoh.go.id/lacak?nomor=X', caption: 'QR' }];
    const a = await renderPdf(spec(blocks));
    const b = await renderPdf(spec(blocks));
    const c = await renderPdf(spec(blocks, { createdAt: new Date('2026-03-04T05:06:08Z') }));
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
    expect(a.toString('latin1')).toContain('(D:20260304050607Z)');
  });

  it('draws the letterhead, title, facts and table text (compressed streams, read back)', async () => {
    const pdf = await renderPdf(
      spec([
        letterhead,
        { kind: 'title', text: 'TANDA TERIMA PERMOHONAN', subtitle: 'Nomor 2026-DPMPTSP-000001' },
        { kind: 'keyValue', rows: [{ label: 'Layanan', value: 'Izin Usaha Mikro' }] },
        { kind: 'table', columns: [{ header: 'Persyaratan' }, { header: 'Berkas' }], rows: [['KTP', 'ktp.pdf (120 KB)']] },
      ]),
    );
    // Compressed: the words are not in the raw bytes...
    expect(pdf.toString('latin1')).not.toContain('Izin Usaha');
    const text = pdfText(pdf);
    for (const s of ['PROVINSI CONTOH', 'DINAS PENANAMAN MODAL DAN PTSP', 'Jl. El Tari No. 1, Kupang', 'TANDA TERIMA PERMOHONAN', 'Layanan', 'Izin Usaha Mikro', 'Persyaratan', 'Berkas', 'KTP', 'ktp.pdf (120 KB)', 'Halaman 1 dari 1']) {
      expect(text).toContain(s);
    }
  });

  it('with compress: false the content streams are plain', async () => {
    const pdf = await renderPdf(spec([{ kind: 'paragraph', text: 'Halo' }]), { compress: false });
    expect(pdf.toString('latin1')).not.toContain('/FlateDecode');
    expect(pdfText(pdf)).toContain('Halo');
  });

  it('breaks a long table across pages and repeats the header row on each page', async () => {
    const pdf = await renderPdf(spec([letterhead, longTable(60)]));
    const pages = pdfPageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(3);
    const text = pdfText(pdf);
    // Header once per page; every row present exactly once.
    expect(text.split('\n').filter((l) => l === 'Persyaratan')).toHaveLength(pages);
    for (let i = 1; i <= 60; i++) expect(text.split('\n').filter((l) => l === `Dokumen nomor ${i}`)).toHaveLength(1);
    expect(text).toContain(`Halaman ${pages} dari ${pages}`);
    for (let p = 1; p <= pages; p++) expect(text).toContain(`Halaman ${p} dari ${pages}`);
  });

  it('wraps a long cell over several lines instead of running out of its column', async () => {
    const long = 'kata '.repeat(60).trim();
    const pdf = await renderPdf(spec([{ kind: 'table', columns: [{ header: 'A', width: 1 }, { header: 'B', width: 1 }], rows: [[long, 'x']] }]));
    const lines = pdfText(pdf).split('\n').filter((l) => l.includes('kata'));
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.join(' ').replace(/\s+/g, ' ').trim()).toBe(long);
  });

  it('never breaks a header cell inside a word: narrow columns widen, the header font shrinks if needed', async () => {
    // The roadmap matrix of a long plan: a wide name column and many narrow year columns.
    const columns = [{ header: 'Nama inisiatif', width: 6 }, ...Array.from({ length: 7 }, (_, i) => ({ header: `Kemajuan ${2026 + i}`, width: 0.6 })), { header: 'Jumlah', width: 1 }];
    const pdf = await renderPdf(spec([{ kind: 'table', columns, rows: [['Satu Data', '10', '20', '30', '40', '50', '60', '70', '280']] }]));
    const lines = pdfText(pdf).split('\n');
    expect(lines.filter((l) => l.trim() === 'Kemajuan')).toHaveLength(7);
    expect(lines.some((l) => /^(Kemaju|Kema|Kemajua)$/.test(l.trim()))).toBe(false);
    const measure = (w: string, size: number) => w.length * size * 0.6;
    const r = columnWidths([6, 1, 1], ['Nama', 'Kemajuan', 'X'], 300, measure);
    expect(r.headerSize).toBe(9);
    expect(r.widths[1]).toBeGreaterThanOrEqual(8 * 9 * 0.6 + 8);
    expect(r.widths.reduce((a, w) => a + w, 0)).toBeCloseTo(300, 5);
    const tight = columnWidths([1, 1, 1, 1], ['Kemajuan', 'Kemajuan', 'Kemajuan', 'Kemajuan'], 4 * (8 * 7 * 0.6 + 9), measure);
    expect(tight.headerSize).toBeLessThan(9);
  });

  it('draws the watermark on every page', async () => {
    const pdf = await renderPdf(spec([longTable(40)], { watermark: 'PRATINJAU' }));
    const pages = pdfPageCount(pdf);
    expect(pages).toBeGreaterThan(1);
    expect(pdfText(pdf).split('\n').filter((l) => l === 'PRATINJAU')).toHaveLength(pages);
    expect(pdfText(await renderPdf(spec([longTable(2)])))).not.toContain('PRATINJAU');
  });

  it('embeds the QR code as an image with its caption', async () => {
    const without = await renderPdf(spec([{ kind: 'paragraph', text: 'Tanpa QR' }]));
    expect(without.toString('latin1')).not.toMatch(/\/Subtype \/Image/);
    const pdf = await renderPdf(spec([{ kind: 'qr', data: 'https://contoh.go.id/lacak?nomor=2026-X-000001', caption: 'Pindai untuk melacak' }]));
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/Subtype \/Image/);
    expect(pdfContentStreams(pdf).some((s) => /\/I\d+ Do/.test(s))).toBe(true);
    expect(pdfText(pdf)).toContain('Pindai untuk melacak');
  });

  it('shows the empty text of a table without rows', async () => {
    const pdf = await renderPdf(spec([{ kind: 'table', columns: [{ header: 'A' }], rows: [], emptyText: 'Tidak ada dokumen' }]));
    expect(pdfText(pdf)).toContain('Tidak ada dokumen');
  });

  it('puts the footer note and page label on every page', async () => {
    const pdf = await renderPdf(spec([longTable(40)], { footerNote: '2026-DPMPTSP-000009', pageLabel: (p, n) => `Page ${p} of ${n}` }));
    const pages = pdfPageCount(pdf);
    const text = pdfText(pdf);
    expect(text.split('\n').filter((l) => l === '2026-DPMPTSP-000009')).toHaveLength(pages);
    expect(text).toContain(`Page 1 of ${pages}`);
  });
});

describe('pdfSafe', () => {
  it('keeps Latin-1 and WinAnsi signs, strips accents outside them, replaces the rest', () => {
    expect(pdfSafe('Sabtu — “Kupang” · é ü')).toBe('Sabtu — “Kupang” · é ü');
    expect(pdfSafe('Şahin Đạt')).toBe('Sahin ?at');
    expect(pdfSafe('a\tb\u00a0c 中')).toBe('a b\u00a0c ?');
  });
});
