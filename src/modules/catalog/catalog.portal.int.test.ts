import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { TestClient, textOf } from '../../../test/http.ts';
import type { Actor } from '../../platform/auth/actor.ts';

let t: TestApp;
let agencyId: string;

const content = {
  name: 'Izin Usaha Mikro Kecil',
  nameEn: 'Micro and Small Business Permit',
  summary: 'Izin bagi usaha mikro dan kecil di Provinsi Uji.',
  sectors: ['penanaman-modal', 'industri-perdagangan-ukm'],
  keywords: ['umkm', 'izin usaha'],
  channels: ['online', 'counter'],
  counterInfo: 'Mal Pelayanan Publik, Senin–Jumat 08.00–15.00 WITA',
  requirements: [
    { key: 'ktp', name: 'KTP pemohon', kind: 'document', mandatory: true, fileTypes: ['application/pdf', 'image/jpeg'], maxSizeMb: 2 },
    { key: 'luas', name: 'Luas tempat usaha', kind: 'data', mandatory: true },
  ],
  procedure: [{ title: 'Isi formulir daring', description: 'Lengkapi data usaha.' }, { title: 'Verifikasi berkas' }, { title: 'Izin terbit' }],
  completionDays: 3,
  fee: { kind: 'tariff', regulation: 'Perda Provinsi Uji 3/2024', lines: [{ label: 'Retribusi per m²', amount: 1250000, unit: 'per m²', quantityField: 'luas' }] },
  product: { name: 'Surat Izin Usaha Mikro Kecil', validity: { years: 5, months: 0 } },
  complaintHandling: 'Portal pengaduan, SMS 0812-0000-0000, e-mail pengaduan@uji.go.id',
  legalBasis: [{ citation: 'UU 20/2008 tentang UMKM' }],
  facilities: 'Ruang tunggu ber-AC, loket prioritas',
  staffCompetence: 'Memahami regulasi perizinan UMKM',
  internalSupervision: 'Kepala Bidang Perizinan',
  staffCount: 4,
  serviceGuarantee: 'Selesai 3 hari kerja',
  securityGuarantee: 'Data pemohon dilindungi',
  performanceEvaluation: 'Survei kepuasan tiap semester',
};
const form = { sections: [{ key: 'usaha', title: 'Data usaha', fields: [{ key: 'luas', type: 'number', label: 'Luas (m²)', required: true }, { key: 'ktp', type: 'file', label: 'KTP', requirementKey: 'ktp' }] }] };

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const region = await db.insertInto('regions').values({ name: 'Provinsi Uji', level: 'province', kode_wilayah: '53', timezone: 'Asia/Makassar', domain: 'uji.go.id' }).returning('id').executeTakeFirstOrThrow();
  agencyId = (await db.insertInto('agencies').values({ region_id: region.id, slug: 'dpmptsp', name: 'Dinas Penanaman Modal dan PTSP', short_name: 'DPMPTSP', type: 'dinas' }).returning('id').executeTakeFirstOrThrow()).id;
  const u = await db.insertInto('users').values({ kind: 'staff', name: 'Operator Uji' }).returning('id').executeTakeFirstOrThrow();
  const op: Actor = { userId: u.id, kind: 'staff', name: 'Operator Uji', locale: 'id', grants: [{ role: 'operator', agencyId }], mfaPassed: true, mfaEnrolled: false, sessionId: null, via: 'session' };
  await db.transaction().execute(async (trx) => {
    await t.deps.catalog.createService(trx, { actor: op }, { agencyId, slug: 'izin-usaha-mikro', content, form });
    await t.deps.catalog.publish(trx, { actor: op }, 'izin-usaha-mikro');
    await t.deps.catalog.createService(trx, { actor: op }, { agencyId, slug: 'draf-rahasia', content: { ...content, name: 'Layanan Draf Rahasia' } });
  });
});
afterAll(async () => t?.close());

describe(`public catalogue pages (${engine})`, () => {
  it('[P-1] the service page shows everything needed before applying', async () => {
    const c = new TestClient(t.app);
    const res = await c.get('/layanan/izin-usaha-mikro');
    expect(res.statusCode).toBe(200);
    const text = textOf(res.body);
    for (const s of ['Izin Usaha Mikro Kecil', 'Persyaratan', 'KTP pemohon', 'wajib', 'PDF/JPG', 'Rp 1.250.000', '3 hari kerja', 'Isi formulir daring', 'Surat Izin Usaha Mikro Kecil', '5 tahun', 'UU 20/2008', 'Portal pengaduan', 'Jaminan pelayanan', 'Mal Pelayanan Publik', 'Versi 1']) {
      expect(text).toContain(s);
    }
    expect(res.body).toContain('href="/layanan/izin-usaha-mikro/ajukan"');
    expect(res.body).not.toContain('<script');
  });

  it('[P-11] shows the English name when the person chose English', async () => {
    const c = new TestClient(t.app);
    await c.get('/bahasa/en?kembali=/');
    const res = await c.get('/layanan/izin-usaha-mikro');
    expect(textOf(res.body)).toContain('Micro and Small Business Permit');
    expect(textOf(res.body)).toContain('3 working days');
  });

  it('[P-1] drafts are not public', async () => {
    const c = new TestClient(t.app);
    expect((await c.get('/layanan/draf-rahasia')).statusCode).toBe(404);
    const list = await c.get('/layanan');
    expect(textOf(list.body)).toContain('Izin Usaha Mikro Kecil');
    expect(textOf(list.body)).not.toContain('Layanan Draf Rahasia');
  });

  it('[P-5] browses by sector', async () => {
    const c = new TestClient(t.app);
    expect(textOf((await c.get('/layanan?sektor=penanaman-modal')).body)).toContain('Izin Usaha Mikro Kecil');
    expect(textOf((await c.get('/layanan?sektor=kesehatan')).body)).not.toContain('Izin Usaha Mikro Kecil');
    expect((await c.get('/layanan?sektor=%3Cscript%3E&mulai=abc')).statusCode).toBe(200);
  });

  it('[P-1] search finds the service by Indonesian word forms; odd input answers normally', async () => {
    const c = new TestClient(t.app);
    const res = await c.get('/cari?q=perizinan+usaha');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('href="/layanan/izin-usaha-mikro"');
    for (const q of ['%3Cscript%3Ealert(1)%3C%2Fscript%3E', 'a'.repeat(1000), '%27%3B--', '']) {
      const r = await c.get(`/cari?q=${q}`);
      expect(r.statusCode).toBe(200);
      expect(r.body).not.toContain('<script>alert');
    }
  });

  it('[P-1] prints a one-page service standard', async () => {
    const res = await new TestClient(t.app).get('/layanan/izin-usaha-mikro/standar');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('/assets/print.css');
    expect(textOf(res.body)).toContain('Kompetensi pelaksana');
  });

  it('[P-1] the home page offers search and the most used services', async () => {
    const res = await new TestClient(t.app).get('/');
    expect(res.body).toContain('action="/cari"');
    expect(res.body).toContain('href="/layanan/izin-usaha-mikro"');
  });
});

describe(`agency page (${engine})`, () => {
  it('[P-1] an agency page lists its published services', async () => {
    const res = await new TestClient(t.app).get('/instansi/dpmptsp');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('href="/layanan/izin-usaha-mikro"');
    expect(textOf(res.body)).not.toContain('Layanan Draf Rahasia');
  });
});
