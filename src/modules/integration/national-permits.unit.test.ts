// Contract test of the OSS RBA / SiCantik connector: the shapes each national system sends
// (pinned by their local fakes), the notice the hub accepts and the receipt it answers.
import { describe, expect, it } from 'vitest';
import { fakeOssPermit, fakeSicantikPermit, fromOssRba, fromSicantik, nationalPermitNotice, nationalPermitReceipt, ossRbaPermit, permittedOf, sicantikPermit } from './national-permits.ts';

describe('OSS RBA / SiCantik connector contract', () => {
  it('[I-4] pins the OSS RBA fields and maps them onto the hub notice', () => {
    expect(Object.keys(ossRbaPermit.shape).sort()).toEqual(['id_izin', 'kbli', 'nama_izin', 'nama_penanggung_jawab', 'nib', 'nik_penanggung_jawab', 'nomor_izin', 'tgl_berlaku_izin', 'tgl_terbit_izin']);
    const n = fromOssRba(fakeOssPermit());
    expect(n).toEqual({
      source: 'oss',
      permitId: 'I-202612080001',
      permitNumber: '91200012345670001',
      permitName: 'Sertifikat Standar',
      nib: '9120001234567',
      kbli: [{ code: '56102', title: 'Rumah Minum/Kafe' }],
      issuedOn: '2026-12-01',
      validUntil: null,
      issuer: 'Lembaga OSS',
      holder: { nik: '3204010101900001', name: 'SITI AMINAH' },
    });
    expect(permittedOf(n)).toBe('NIB 9120001234567\nKBLI 56102 — Rumah Minum/Kafe');
  });

  it('[I-4] pins the SiCantik fields and maps them onto the hub notice', () => {
    expect(Object.keys(sicantikPermit.shape).sort()).toEqual(['id_izin', 'instansi', 'jenis_izin', 'nama_pemohon', 'nik_pemohon', 'no_izin', 'tgl_berakhir', 'tgl_penetapan']);
    expect(fromSicantik(fakeSicantikPermit())).toMatchObject({ source: 'sicantik', permitId: 'SC-2026-000123', permitNumber: '503/123/DPMPTSP/2026', nib: null, kbli: [], validUntil: '2027-11-19', issuer: 'DPMPTSP' });
  });

  it('[I-4] pins the notice and the receipt; a malformed notice names the field', () => {
    expect(Object.keys(nationalPermitNotice.shape).sort()).toEqual(['holder', 'issuedOn', 'issuer', 'kbli', 'nib', 'permitId', 'permitName', 'permitNumber', 'source', 'validUntil']);
    expect(Object.keys(nationalPermitReceipt.shape).sort()).toEqual(['documentId', 'duplicate', 'id', 'simulated', 'status']);
    const bad = nationalPermitNotice.safeParse({ ...fromOssRba(fakeOssPermit()), holder: { nik: '32040101019', name: 'X' } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['holder', 'nik']);
    expect(() => fromOssRba({ ...fakeOssPermit(), tgl_terbit_izin: '01-12-2026' })).toThrow();
  });
});
