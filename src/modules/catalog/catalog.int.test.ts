import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, engine } from '../../../test/harness.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { searchDocuments } from '../../platform/search/search.ts';
import { createCatalog, type Catalog } from './catalog.service.ts';

let database: Database;
let catalog: Catalog;
let agencyA: string;
let agencyB: string;

async function staff(role: Actor['grants'][number]['role'], agencyId: string | null): Promise<Actor> {
  const u = await database.db.insertInto('users').values({ kind: 'staff', name: `${role} test` }).returning('id').executeTakeFirstOrThrow();
  return { userId: u.id, kind: 'staff', name: `${role} test`, locale: 'id', grants: [{ role, agencyId }], mfaPassed: true, mfaEnrolled: true, sessionId: null, via: 'session' };
}

const complete = {
  name: 'Izin Usaha Mikro Kecil',
  summary: 'Izin bagi usaha mikro dan kecil.',
  sectors: ['penanaman-modal'],
  keywords: ['umkm'],
  channels: ['online'],
  requirements: [{ key: 'ktp', name: 'KTP pemohon', kind: 'document', mandatory: true, fileTypes: ['application/pdf'] }],
  procedure: [{ title: 'Isi formulir daring' }, { title: 'Verifikasi' }],
  completionDays: 3,
  fee: { kind: 'free' },
  product: { name: 'Surat izin', validity: { years: 5 } },
  complaintHandling: 'Portal pengaduan',
  legalBasis: [{ citation: 'UU 25/2009 tentang Pelayanan Publik' }],
  facilities: 'Ruang tunggu, loket',
  staffCompetence: 'Memahami perizinan',
  internalSupervision: 'Kepala bidang',
  staffCount: 4,
  serviceGuarantee: 'Selesai 3 hari kerja',
  securityGuarantee: 'Data dilindungi',
  performanceEvaluation: 'Evaluasi tahunan',
};
const form = { sections: [{ key: 'usaha', title: 'Data usaha', fields: [{ key: 'nama_usaha', type: 'text', label: 'Nama usaha', required: true }, { key: 'ktp', type: 'file', label: 'KTP', requirementKey: 'ktp' }] }] };

async function tx<T>(fn: (trx: any) => Promise<T>): Promise<T> {
  return database.db.transaction().execute(fn);
}

beforeAll(async () => {
  database = await openTestDatabase();
  catalog = createCatalog(database);
  const region = await database.db.insertInto('regions').values({ name: 'Provinsi Uji', level: 'province', kode_wilayah: '53', timezone: 'Asia/Makassar', domain: 'uji.go.id' }).returning('id').executeTakeFirstOrThrow();
  const a = await database.db.insertInto('agencies').values({ region_id: region.id, slug: 'dpmptsp-uji', name: 'DPMPTSP Uji', short_name: 'DPMPTSP-U', type: 'dinas' }).returning('id').executeTakeFirstOrThrow();
  const b = await database.db.insertInto('agencies').values({ region_id: region.id, slug: 'dinkes-uji', name: 'Dinas Kesehatan Uji', short_name: 'DINKES-U', type: 'dinas' }).returning('id').executeTakeFirstOrThrow();
  agencyA = a.id;
  agencyB = b.id;
});
afterAll(async () => database?.close());

describe(`service catalogue (${engine})`, () => {
  it('[P-2] publication is refused while a component is empty, naming each one', async () => {
    const op = await staff('operator', agencyA);
    await tx((trx) => catalog.createService(trx, { actor: op }, { agencyId: agencyA, slug: 'izin-kosong', content: { name: 'Izin kosong', channels: ['online'] } }));
    const err = await tx((trx) => catalog.publish(trx, { actor: op }, 'izin-kosong')).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.status).toBe(422);
    expect(err.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['requirements', 'fee', 'staffCount', 'performanceEvaluation']));
    expect(await catalog.getPublished('izin-kosong')).toBeNull();
  });

  it('[P-1] every publication is a new version; the portal shows the current one', async () => {
    const op = await staff('operator', agencyA);
    await tx((trx) => catalog.createService(trx, { actor: op }, { agencyId: agencyA, slug: 'iumk', content: complete, form }));
    expect(await catalog.getPublished('iumk')).toBeNull(); // drafts are not public
    expect((await tx((trx) => catalog.publish(trx, { actor: op }, 'iumk'))).version).toBe(1);
    await tx((trx) => catalog.updateDraft(trx, { actor: op }, 'iumk', { content: { ...complete, completionDays: 2 } }));
    const v1 = await catalog.getPublished('iumk');
    expect(v1?.version).toBe(1);
    expect(v1?.content.completionDays).toBe(3);
    expect((await tx((trx) => catalog.publish(trx, { actor: op }, 'iumk'))).version).toBe(2);
    const v2 = await catalog.getPublished('iumk');
    expect(v2?.content.completionDays).toBe(2);
    expect((await catalog.getPublished('iumk', 1))?.content.completionDays).toBe(3);
    expect((await catalog.versions('iumk')).map((v) => v.version)).toEqual([2, 1]);
    expect((await searchDocuments(database.db, 'perizinan usaha')).hits.map((h) => h.url)).toContain('/layanan/iumk');
    const audit = await database.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'service').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['service.create', 'service.publish', 'service.update_draft']));
  });

  it('[S-1] an operator of another agency can neither edit nor publish it', async () => {
    const other = await staff('operator', agencyB);
    const e1 = await tx((trx) => catalog.updateDraft(trx, { actor: other }, 'iumk', { content: complete })).catch((e) => e);
    expect(e1.status).toBe(403);
    const e2 = await tx((trx) => catalog.publish(trx, { actor: other }, 'iumk')).catch((e) => e);
    expect(e2.status).toBe(403);
    const verifier = await staff('verifier', agencyA);
    const e3 = await tx((trx) => catalog.createService(trx, { actor: verifier }, { agencyId: agencyA, content: complete })).catch((e) => e);
    expect(e3.status).toBe(403);
  });

  it('[S-5] a form that cannot be rendered is rejected with the reason and the draft stays', async () => {
    const op = await staff('operator', agencyA);
    const bad = { sections: [{ key: 's', title: 'S', fields: [{ key: 'x', type: 'file', label: 'Berkas' }, { key: 'x', type: 'text', label: 'X' }] }] };
    const err = await tx((trx) => catalog.updateDraft(trx, { actor: op }, 'iumk', { form: bad })).catch((e) => e);
    expect(err.status).toBe(422);
    expect(err.fields.map((f: { key: string }) => f.key)).toEqual(expect.arrayContaining(['catalog.form.file_without_requirement', 'catalog.form.duplicate_key']));
    const draft = await catalog.getDraft(op, 'iumk');
    expect(draft.form.sections[0]?.fields.map((f) => f.key)).toEqual(['nama_usaha', 'ktp']);
  });

  it('[P-1] archiving takes the service off the portal and out of search', async () => {
    const admin = await staff('agency_admin', agencyA);
    await tx((trx) => catalog.archive(trx, { actor: admin }, 'iumk'));
    expect(await catalog.getPublished('iumk')).toBeNull();
    expect((await searchDocuments(database.db, 'usaha mikro')).hits.map((h) => h.url)).not.toContain('/layanan/iumk');
    const list = await catalog.listForStaff(admin);
    expect(list.find((s) => s.slug === 'iumk')?.status).toBe('archived');
    await expect(catalog.listForStaff(await staff('operator', agencyB))).resolves.not.toContainEqual(expect.objectContaining({ slug: 'iumk' }));
  });
});
