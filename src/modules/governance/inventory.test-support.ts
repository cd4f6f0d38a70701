// Test factories of the ICT inventories: a valid application body, a hand-over completed
// through the service, and asset CSV text.
import type { Actor } from '../../platform/auth/actor.ts';
import type { StaffRole } from '../../platform/db/schema.ts';
import type { TestApp } from '../../../test/harness.ts';
import { tinyPdf } from '../../../test/http.ts';
import { fileFromBytes } from '../../platform/storage/upload-file.ts';
import { handoverItems } from './inventory.schemas.ts';

let n = 0;

/** A valid application body (API shape) for `agencyId`. */
export function applicationBody(agencyId: string, overrides: Record<string, unknown> = {}) {
  n++;
  return {
    agencyId,
    name: `Aplikasi Uji ${Date.now().toString(36)}${n}`,
    kind: 'core',
    developerKind: 'vendor',
    developerName: 'PT Solusi Nusantara',
    relatedIds: [],
    purpose: 'Pelayanan perizinan daring',
    userGroups: ['internal', 'public'],
    usersNote: 'Pemohon izin',
    url: 'https://izin.ujiprov.go.id',
    hosting: 'regional_dc',
    security: ['ssl', 'waf'],
    securityNote: '',
    documentation: 'Manual pengguna',
    sourceLocation: 'https://git.ujiprov.go.id/dinas/izin',
    status: 'live',
    plannedOn: '2024-01-10',
    liveOn: '2025-02-01',
    ...overrides,
  };
}

export const staffActor = (userId: string, role: StaffRole, agencyId: string | null, name = 'Petugas Uji'): Actor => ({
  userId,
  kind: 'staff',
  name,
  locale: 'id',
  grants: [{ role, agencyId }],
  mfaPassed: true,
  mfaEnrolled: false,
  sessionId: null,
  via: 'session',
});

/** Provides every hand-over item except `skip` through the service (links, one PDF). */
export async function provideHandover(t: TestApp, actor: Actor, applicationId: string, skip: string[] = []) {
  for (const item of handoverItems) {
    if (skip.includes(item)) continue;
    await t.deps.inventory.provideHandoverItem({ actor }, applicationId, item, item === 'source_code' ? { file: fileFromBytes(tinyPdf, { filename: 'kode.pdf' }) } : { link: `https://dok.ujiprov.go.id/${item}` });
  }
}

export const assetCsvHeader = 'kode,nama,kategori,lokasi,tanggal_perolehan,cara_perolehan,nilai_rupiah,sumber_dana,kondisi,status,tanggal_penghapusan,alasan_penghapusan,lisensi_berakhir';

export const goodAssetCsv = [
  assetCsvHeader,
  'PC-001,Komputer meja operator,perangkat_keras,Ruang Pelayanan,2025-03-14,pembelian,12500000,apbd,baik,digunakan,,,',
  'LIS-01,"Lisensi antivirus, 50 pengguna",perangkat_lunak,Server,2025-01-02,pembelian,7500000,apbd,baik,digunakan,,,2026-12-31',
  'NET-01,Jaringan fiber kantor,jaringan,Gedung A,2024-07-01,hibah,0,apbn,rusak_ringan,digunakan,,,',
].join('\r\n');
