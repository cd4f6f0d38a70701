import { describe, expect, it } from 'vitest';
import { pdfText } from '../../platform/pdf/pdf-text.ts';
import type { PublishedService } from '../catalog/catalog.service.ts';
import type { ApplicationRow, AttachmentRow } from './applications.service.ts';
import { receiptData, receiptDocument, receiptPdf, trackingLink, type ReceiptData } from './applications.receipt.ts';

const data: ReceiptData = {
  region: { name: 'Provinsi Contoh', timeZone: 'Asia/Makassar' },
  agency: { name: 'Dinas Penanaman Modal dan PTSP', address: 'Jl. El Tari No. 52, Kupang', phone: '0380-821234', email: null },
  trackingNumber: '2026-DPMPTSP-000123',
  service: { name: 'Izin Usaha Mikro Kecil', nameEn: 'Micro and Small Business Licence', version: 3, publishedAt: new Date('2026-02-01T02:00:00Z') },
  applicant: { name: 'Maria Ndun', nikMasked: '5371********0001' },
  channel: 'counter',
  // 31 December 2026 16:30 UTC is already 1 January 2027 00:30 in WITA.
  submittedAt: new Date('2026-12-31T16:30:00Z'),
  documents: [
    { name: 'KTP pemohon', mandatory: true, file: { name: 'ktp.pdf', size: 120_000 } },
    { name: 'Surat keterangan domisili', mandatory: false, file: null },
  ],
  trackUrl: 'https://layanan.contohprov.go.id/lacak',
};

describe('receipt document', () => {
  it('[P-3] links the QR code to the tracking page with the number filled in', () => {
    const doc = receiptDocument(data, 'id');
    const qr = doc.blocks.find((b) => b.kind === 'qr');
    expect(qr).toMatchObject({ data: 'https://layanan.contohprov.go.id/lacak?nomor=2026-DPMPTSP-000123' });
    expect(trackingLink({ trackUrl: 'https://x.go.id/lacak', trackingNumber: 'A B' })).toBe('https://x.go.id/lacak?nomor=A%20B');
  });

  it('[P-3] shows the submission time in the region\'s time zone, Indonesian format, and is dated by it', async () => {
    const doc = receiptDocument(data, 'id');
    expect(doc.createdAt).toEqual(data.submittedAt);
    const text = pdfText(await receiptPdf(data, 'id'));
    expect(text).toContain('1 Januari 2027 00.30 WITA');
    expect(text).toContain('Versi 3, diterbitkan 1 Februari 2026');
    expect(text).toContain('Loket');
    expect(text).toContain('Telp. 0380-821234');
    expect(text).toContain('KTP pemohon (wajib)');
    expect(text).toContain('ktp.pdf (118 KB)');
    expect(text).toContain('Surat keterangan domisili (tidak wajib)');
    expect(text).toContain('Tidak dilampirkan');
  });

  it('is in English when asked, with the service\'s English name', async () => {
    const text = pdfText(await receiptPdf(data, 'en'));
    for (const s of ['APPLICATION RECEIPT', 'Micro and Small Business Licence', '1 January 2027 00:30 WITA', 'Counter', 'Page 1 of 1']) expect(text).toContain(s);
  });

  it('leaves out the NIK row when the applicant has none', () => {
    const doc = receiptDocument({ ...data, applicant: { name: 'PT Contoh', nikMasked: null } }, 'id');
    const facts = doc.blocks.find((b) => b.kind === 'keyValue');
    expect(facts && 'rows' in facts ? facts.rows.map((r) => r.label) : []).not.toContain('NIK pemohon');
  });
});

describe('receiptData', () => {
  const service = {
    id: 's1',
    slug: 'izin',
    agency: { id: 'a1', slug: 'dpmptsp', name: 'DPMPTSP', shortName: 'DPMPTSP', phone: null, email: 'x@contoh.go.id', address: null },
    version: 2,
    publishedAt: new Date('2026-01-01T00:00:00Z'),
    content: {
      name: 'Izin',
      requirements: [
        { key: 'ktp', name: 'KTP', kind: 'document', mandatory: true, fileTypes: [], maxSizeMb: 2, explanation: '' },
        { key: 'luas', name: 'Luas', kind: 'data', mandatory: true, fileTypes: [], maxSizeMb: 2, explanation: '' },
      ],
    },
    form: { sections: [{ key: 's', title: 'S', fields: [{ key: 'foto', type: 'file', label: 'Foto lokasi', labelEn: 'Site photo' }] }] },
  } as unknown as PublishedService;
  const row = { trackingNumber: '2026-DPMPTSP-000001', submittedAt: new Date('2026-05-05T01:00:00Z'), serviceVersion: 2, applicantName: 'Warga', applicantNikMasked: '5371********0002', channel: 'online' } as ApplicationRow;
  const att = (fieldKey: string, requirementKey: string | null, originalName: string): AttachmentRow => ({ fieldKey, requirementKey, originalName, contentType: 'application/pdf', size: 2048, sha256: '' });

  it('lists the document requirements (not data ones) with the file received, then files bound to none', () => {
    const d = receiptData({ row, service, attachments: [att('foto', null, 'foto.jpg'), att('ktp', 'ktp', 'ktp.pdf')], region: { name: 'Provinsi Contoh', timeZone: 'Asia/Makassar' }, baseUrl: 'https://contoh.go.id/' });
    expect(d.documents).toEqual([
      { name: 'KTP', mandatory: true, file: { name: 'ktp.pdf', size: 2048 } },
      { name: 'Foto lokasi', nameEn: 'Site photo', mandatory: null, file: { name: 'foto.jpg', size: 2048 } },
    ]);
    expect(d.trackUrl).toBe('https://contoh.go.id/lacak');
    expect(d.agency).toEqual({ name: 'DPMPTSP', address: null, phone: null, email: 'x@contoh.go.id' });
  });

  it('refuses a draft (no tracking number): 404', () => {
    expect(() => receiptData({ row: { ...row, trackingNumber: null }, service, attachments: [], region: { name: 'R', timeZone: 'Asia/Jakarta' }, baseUrl: 'http://x' })).toThrow(
      expect.objectContaining({ status: 404 }),
    );
  });
});
