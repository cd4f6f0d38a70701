// The P-2 ownership rule through the service, case by case, and the information layer's
// publication, search indexing, legal-library uniqueness and PDF checks.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, openTestDatabase } from '../../../test/harness.ts';
import type { Database, Trx } from '../../platform/db/database.ts';
import type { Actor, Grant } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { searchDocuments } from '../../platform/search/search.ts';
import { createLocalStorage, sha256Of } from '../../platform/storage/storage.ts';
import { canEditItem } from './content.policy.ts';
import { createContent, type Content } from './content.service.ts';
import { simplePdf } from './simple-pdf.ts';
import { seedDemoContent } from './demo-content.ts';
import { demoLegalDocuments } from '../catalog/demo-legal.ts';
import { fileFromBytes } from '../../platform/storage/upload-file.ts';

let database: Database;
let content: Content;
let filesDir: string;
let agencyA: string;
let agencyB: string;
let superAdmin: Actor;
let adminA: Actor;
let adminB: Actor;
let opA1: Actor;
let opA2: Actor;
let opB: Actor;
let verifierA: Actor;

const MAX = 64 * 1024;

async function staff(name: string, grants: Grant[]): Promise<Actor> {
  const u = await database.db.insertInto('users').values({ kind: 'staff', name, status: 'active' }).returning('id').executeTakeFirstOrThrow();
  for (const g of grants) await database.db.insertInto('role_grants').values({ user_id: u.id, role: g.role, agency_id: g.agencyId }).execute();
  return { userId: u.id, kind: 'staff', name, locale: 'id', grants, mfaPassed: true, mfaEnrolled: true, sessionId: null, via: 'session' };
}

const tx = <T>(fn: (trx: Trx) => Promise<T>) => database.db.transaction().execute(fn);

/** Runs a change and returns the HTTP status of the refusal (0 when it went through). */
async function statusOf(fn: (trx: Trx) => Promise<unknown>): Promise<number> {
  try {
    await tx(fn);
    return 0;
  } catch (err) {
    if (err instanceof AppError) return err.status;
    throw err;
  }
}

let n = 0;
const page = (over: Record<string, unknown> = {}) => ({ kind: 'page', title: `Halaman uji ${++n}`, body: 'Isi halaman.', ...over });
const create = (actor: Actor, over: Record<string, unknown> = {}) => tx((trx) => content.createItem(trx, { actor }, page(over)));

async function auditCount(entityId: string): Promise<number> {
  const r = await database.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).where('entity_id', '=', entityId).executeTakeFirstOrThrow();
  return Number(r.n);
}

beforeAll(async () => {
  database = await openTestDatabase();
  filesDir = await fs.mkdtemp(path.join(os.tmpdir(), 'simpul-content-'));
  content = createContent({ database, storage: createLocalStorage(filesDir), config: { uploadMaxBytes: MAX } });
  const db = database.db;
  const region = await db.insertInto('regions').values({ name: 'Provinsi Uji', level: 'province', kode_wilayah: '53', timezone: 'Asia/Makassar', domain: 'uji.go.id' }).returning('id').executeTakeFirstOrThrow();
  agencyA = (await db.insertInto('agencies').values({ region_id: region.id, slug: 'dpmptsp', name: 'DPMPTSP', short_name: 'DPMPTSP', type: 'dinas' }).returning('id').executeTakeFirstOrThrow()).id;
  agencyB = (await db.insertInto('agencies').values({ region_id: region.id, slug: 'dinkes', name: 'Dinas Kesehatan', short_name: 'DINKES', type: 'dinas' }).returning('id').executeTakeFirstOrThrow()).id;
  superAdmin = await staff('Super Admin', [{ role: 'super_admin', agencyId: null }]);
  adminA = await staff('Admin A', [{ role: 'agency_admin', agencyId: agencyA }]);
  adminB = await staff('Admin B', [{ role: 'agency_admin', agencyId: agencyB }]);
  opA1 = await staff('Operator A1', [{ role: 'operator', agencyId: agencyA }]);
  opA2 = await staff('Operator A2', [{ role: 'operator', agencyId: agencyA }]);
  opB = await staff('Operator B', [{ role: 'operator', agencyId: agencyB }]);
  verifierA = await staff('Verifikator A', [{ role: 'verifier', agencyId: agencyA }]);
});
afterAll(async () => {
  await database?.close();
  if (filesDir) await fs.rm(filesDir, { recursive: true, force: true });
});

describe(`ownership rule for content items (${engine})`, () => {
  it('[P-2] an administrator creates, edits and deletes any item of his scope, whoever created it', async () => {
    const byOp = await create(opA1);
    expect(await statusOf((trx) => content.updateItem(trx, { actor: adminA }, byOp.id, { title: 'Diubah admin dinas' }))).toBe(0);
    expect(await statusOf((trx) => content.updateItem(trx, { actor: superAdmin }, byOp.id, { body: 'Diubah super admin' }))).toBe(0);
    expect(await statusOf((trx) => content.publishItem(trx, { actor: adminA }, byOp.id))).toBe(0);
    expect(await statusOf((trx) => content.archiveItem(trx, { actor: adminA }, byOp.id))).toBe(0);
    const own = await create(adminA);
    expect(await statusOf((trx) => content.archiveItem(trx, { actor: superAdmin }, own.id))).toBe(0);
    const item = await content.getItemForStaff(superAdmin, byOp.id);
    expect(item).toMatchObject({ title: 'Diubah admin dinas', body: 'Diubah super admin', status: 'archived', createdBy: opA1.userId });
  });

  it('[P-2] an operator creates items (in his own agency by default)', async () => {
    const created = await create(opA1);
    const item = await content.getItemForStaff(opA1, created.id);
    expect(item).toMatchObject({ agencyId: agencyA, createdBy: opA1.userId, status: 'draft', canEdit: true });
  });

  it('[P-2] an operator edits, publishes and deletes the items he created', async () => {
    const own = await create(opA1);
    expect(await statusOf((trx) => content.updateItem(trx, { actor: opA1 }, own.id, { title: 'Judul baru', summary: 'Ringkas' }))).toBe(0);
    expect(await statusOf((trx) => content.publishItem(trx, { actor: opA1 }, own.id))).toBe(0);
    expect(await statusOf((trx) => content.archiveItem(trx, { actor: opA1 }, own.id))).toBe(0);
    expect((await content.getItemForStaff(opA1, own.id)).status).toBe('archived');
  });

  it("[P-2] an operator cannot edit or delete the administrator's item", async () => {
    for (const admin of [adminA, superAdmin]) {
      const adminItem = await create(admin, { agencyId: agencyA });
      expect(await statusOf((trx) => content.updateItem(trx, { actor: opA1 }, adminItem.id, { title: 'Dibajak' }))).toBe(403);
      expect(await statusOf((trx) => content.publishItem(trx, { actor: opA1 }, adminItem.id))).toBe(403);
      expect(await statusOf((trx) => content.archiveItem(trx, { actor: opA1 }, adminItem.id))).toBe(403);
      const after = await content.getItemForStaff(opA1, adminItem.id);
      expect(after).toMatchObject({ status: 'draft', canEdit: false });
      expect(after.title).not.toBe('Dibajak');
    }
  });

  it("[P-2] an operator cannot edit or delete another operator's item, even in the same agency", async () => {
    const other = await create(opA2);
    expect(await statusOf((trx) => content.updateItem(trx, { actor: opA1 }, other.id, { body: 'Dibajak' }))).toBe(403);
    expect(await statusOf((trx) => content.archiveItem(trx, { actor: opA1 }, other.id))).toBe(403);
    expect(await statusOf((trx) => content.publishItem(trx, { actor: opA1 }, other.id))).toBe(403);
    expect((await content.getItemForStaff(opA2, other.id)).body).toBe('Isi halaman.');
  });

  it('[P-2][S-1] agency scoping: administrators and operators act only within their agency; region-level items need a region-wide grant', async () => {
    const itemA = await create(opA1);
    expect(await statusOf((trx) => content.updateItem(trx, { actor: adminB }, itemA.id, { title: 'X' }))).toBe(403);
    expect(await statusOf((trx) => content.archiveItem(trx, { actor: adminB }, itemA.id))).toBe(403);
    expect(await statusOf((trx) => content.createItem(trx, { actor: opB }, page({ agencyId: agencyA })))).toBe(403);
    expect(await statusOf((trx) => content.createItem(trx, { actor: opA1 }, page({ agencyId: null })))).toBe(403);
    const regional = await create(superAdmin, { agencyId: null });
    expect(await statusOf((trx) => content.updateItem(trx, { actor: adminA }, regional.id, { title: 'X' }))).toBe(403);
    expect(await statusOf((trx) => content.updateItem(trx, { actor: superAdmin }, regional.id, { title: 'Tingkat daerah' }))).toBe(0);
    // moving one's own item to another agency needs the right to create there
    expect(await statusOf((trx) => content.updateItem(trx, { actor: opA1 }, itemA.id, { agencyId: agencyB }))).toBe(403);
    // an operator of two agencies must say which
    const twoAgencies = await staff('Operator dua dinas', [{ role: 'operator', agencyId: agencyA }, { role: 'operator', agencyId: agencyB }]);
    const unsure = await tx((trx) => content.createItem(trx, { actor: twoAgencies }, page())).catch((e) => e);
    expect(unsure.fields).toEqual([{ field: 'agencyId', key: 'content.agency_choose' }]);
    expect(await statusOf((trx) => content.createItem(trx, { actor: twoAgencies }, page({ agencyId: agencyB })))).toBe(0);
    // staff without a content role, and signed-out callers
    expect(await statusOf((trx) => content.createItem(trx, { actor: verifierA }, page()))).toBe(403);
    expect(await statusOf((trx) => content.createItem(trx, { actor: null }, page()))).toBe(401);
    // the back-office list only shows the actor's scope and says what he may edit
    const { items } = await content.listForStaff(opB);
    expect(items.map((i) => i.id)).not.toContain(itemA.id);
    const forA1 = await content.listForStaff(opA1, { limit: 200 });
    expect(forA1.items.find((i) => i.id === itemA.id)?.canEdit).toBe(true);
    expect(forA1.items.filter((i) => i.createdBy !== opA1.userId).every((i) => !i.canEdit)).toBe(true);
  });

  it('[P-2] canEditItem answers the same for pages and API (pure function)', () => {
    const item = { agencyId: agencyA, createdBy: opA2.userId };
    expect(canEditItem(adminA, item)).toBe(true);
    expect(canEditItem(superAdmin, item)).toBe(true);
    expect(canEditItem(opA2, item)).toBe(true);
    expect(canEditItem(opA1, item)).toBe(false);
    expect(canEditItem(adminB, item)).toBe(false);
    expect(canEditItem(null, item)).toBe(false);
    expect(canEditItem(opA1, { agencyId: null, createdBy: null })).toBe(false);
  });

  it('[S-3] every change is audited', async () => {
    const created = await create(opA1);
    await tx((trx) => content.updateItem(trx, { actor: opA1 }, created.id, { title: 'Audit' }));
    await tx((trx) => content.publishItem(trx, { actor: opA1 }, created.id));
    await tx((trx) => content.archiveItem(trx, { actor: opA1 }, created.id));
    expect(await auditCount(created.id)).toBe(4);
    const rows = await database.db.selectFrom('audit_events').select(['action', 'actor_id']).where('entity_id', '=', created.id).orderBy('id').execute();
    expect(rows.map((r) => r.action)).toEqual(['content.create', 'content.update', 'content.publish', 'content.archive']);
    expect(rows.every((r) => r.actor_id === opA1.userId)).toBe(true);
  });
});

describe(`publication and search (${engine})`, () => {
  it('[P-2][P-1] a published item is public and searchable; archived, it is neither', async () => {
    const { id } = await tx((trx) => content.createItem(trx, { actor: opA1 }, { kind: 'guide', slug: 'panduan-perizinan-usaha', title: 'Panduan perizinan usaha mikro', body: 'Langkah mengurus izin usaha mikro kecil.' }));
    expect(await content.getPublished(['page', 'guide'], 'panduan-perizinan-usaha')).toBeNull();
    expect((await searchDocuments(database.db, 'perizinan usaha', { kinds: ['page'] })).hits).toEqual([]);
    await tx((trx) => content.publishItem(trx, { actor: opA1 }, id));
    expect((await content.getPublished(['page', 'guide'], 'panduan-perizinan-usaha'))?.title).toBe('Panduan perizinan usaha mikro');
    const found = await searchDocuments(database.db, 'izin usaha', { kinds: ['page'] });
    expect(found.hits.map((h) => h.url)).toContain('/halaman/panduan-perizinan-usaha');
    // an edit of a published item is re-indexed
    await tx((trx) => content.updateItem(trx, { actor: opA1 }, id, { title: 'Panduan perizinan berusaha' }));
    expect((await searchDocuments(database.db, 'berusaha', { kinds: ['page'] })).hits[0]?.title).toBe('Panduan perizinan berusaha');
    await tx((trx) => content.archiveItem(trx, { actor: opA1 }, id));
    expect(await content.getPublished(['page', 'guide'], 'panduan-perizinan-usaha')).toBeNull();
    expect((await searchDocuments(database.db, 'perizinan', { kinds: ['page'] })).hits.map((h) => h.url)).not.toContain('/halaman/panduan-perizinan-usaha');
  });

  it('[S-5] slugs are unique per kind, pages and guides share one address space', async () => {
    await tx((trx) => content.createItem(trx, { actor: opA1 }, { kind: 'page', slug: 'alamat-sama', title: 'A', body: 'a' }));
    const err = await tx((trx) => content.createItem(trx, { actor: opA2 }, { kind: 'guide', slug: 'alamat-sama', title: 'B', body: 'b' })).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.status).toBe(409);
    expect(err.fields).toEqual([{ field: 'slug', key: 'content.slug_taken' }]);
    // an announcement may use it
    expect(await statusOf((trx) => content.createItem(trx, { actor: opA1 }, { kind: 'announcement', slug: 'alamat-sama', title: 'C', body: 'c' }))).toBe(0);
    const bad = await tx((trx) => content.createItem(trx, { actor: opA1 }, { kind: 'page', slug: 'Bukan Slug!', title: '', body: '' })).catch((e) => e);
    expect(bad.status).toBe(422);
    expect(bad.fields.map((f: { field: string }) => f.field).sort()).toEqual(['body', 'slug', 'title']);
  });
});

const legal = (over: Record<string, unknown> = {}) => ({ type: 'peraturan-daerah', number: String(++n), year: 2020, title: 'Retribusi Perizinan Tertentu', status: 'berlaku', ...over });
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)]);

describe(`legal library (${engine})`, () => {
  it('[P-2] the ownership rule holds for legal documents too; deleting is withdrawing', async () => {
    const byAdmin = await tx((trx) => content.addLegalDocument(trx, { actor: adminA }, legal()));
    const byOp = await tx((trx) => content.addLegalDocument(trx, { actor: opA1 }, legal()));
    expect(await statusOf((trx) => content.updateLegalDocument(trx, { actor: opA1 }, byAdmin.id, { status: 'dicabut' }))).toBe(403);
    expect(await statusOf((trx) => content.withdrawLegalDocument(trx, { actor: opA1 }, byAdmin.id))).toBe(403);
    expect(await statusOf((trx) => content.updateLegalDocument(trx, { actor: opA2 }, byOp.id, { title: 'X' }))).toBe(403);
    expect(await statusOf((trx) => content.updateLegalDocument(trx, { actor: adminB }, byOp.id, { title: 'X' }))).toBe(403);
    expect(await statusOf((trx) => content.updateLegalDocument(trx, { actor: opA1 }, byOp.id, { status: 'diubah' }))).toBe(0);
    expect(await statusOf((trx) => content.withdrawLegalDocument(trx, { actor: adminA }, byOp.id))).toBe(0);
    expect(await content.getLegalPublic(byOp.id)).toBeNull();
    const row = await database.db.selectFrom('legal_documents').select(['status', 'withdrawn_at']).where('id', '=', byOp.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('diubah');
    expect(row.withdrawn_at).not.toBeNull(); // still there
  });

  it('[P-2] a legal document is public and searchable (abbreviations too) until withdrawn', async () => {
    const { id } = await tx((trx) => content.addLegalDocument(trx, { actor: superAdmin }, legal({ number: '77', year: 2019, title: 'tentang Penyelenggaraan Perizinan Berusaha', agencyId: null })));
    const doc = await content.getLegalPublic(id);
    expect(doc).toMatchObject({ title: 'Penyelenggaraan Perizinan Berusaha', number: '77', year: 2019, file: null }); // "tentang" dropped
    const hits = (await searchDocuments(database.db, 'perda izin berusaha', { kinds: ['legal'] })).hits;
    expect(hits[0]).toMatchObject({ url: `/hukum/${id}`, title: 'Peraturan Daerah Nomor 77 Tahun 2019 tentang Penyelenggaraan Perizinan Berusaha' });
    const listed = await content.listLegal({ q: 'perizinan', year: 2019, type: 'peraturan-daerah' });
    expect(listed.items.map((d) => d.id)).toEqual([id]);
    await tx((trx) => content.withdrawLegalDocument(trx, { actor: superAdmin }, id));
    expect((await searchDocuments(database.db, 'perda izin berusaha', { kinds: ['legal'] })).hits.map((h) => h.refId)).not.toContain(id);
    expect((await content.listLegal({ year: 2019 })).items.map((d) => d.id)).not.toContain(id);
    await tx((trx) => content.restoreLegalDocument(trx, { actor: superAdmin }, id));
    expect(await content.getLegalPublic(id)).not.toBeNull();
  });

  it('[S-5] the same (type, number, year) is refused with a clear message', async () => {
    await tx((trx) => content.addLegalDocument(trx, { actor: adminA }, legal({ number: '12', year: 2021 })));
    const err = await tx((trx) => content.addLegalDocument(trx, { actor: adminA }, legal({ number: '12', year: 2021, title: 'Lain' }))).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.status).toBe(409);
    expect(err.messageKey).toBe('legal.duplicate');
    expect(err.params).toEqual({ citation: 'Peraturan Daerah Nomor 12 Tahun 2021' });
    // another year or type is a different document
    expect(await statusOf((trx) => content.addLegalDocument(trx, { actor: adminA }, legal({ number: '12', year: 2022 })))).toBe(0);
    expect(await statusOf((trx) => content.addLegalDocument(trx, { actor: adminA }, legal({ type: 'peraturan-gubernur', number: '12', year: 2021 })))).toBe(0);
    // changing metadata into an existing citation is refused too
    const other = await tx((trx) => content.addLegalDocument(trx, { actor: adminA }, legal({ number: '13', year: 2021 })));
    expect(await statusOf((trx) => content.updateLegalDocument(trx, { actor: adminA }, other.id, { number: '12' }))).toBe(409);
  });

  it('[P-2] a PDF is stored with its SHA-256 and read back byte for byte', async () => {
    const pdf = simplePdf('Peraturan Gubernur uji', ['Isi uji.']);
    const { id } = await tx((trx) => content.addLegalDocument(trx, { actor: opA1 }, legal(), fileFromBytes(pdf, { filename: 'pergub.pdf' })));
    const doc = await content.getLegalPublic(id);
    expect(doc?.file).toEqual({ size: pdf.length, sha256: sha256Of(pdf), name: 'pergub.pdf' });
    const back = await content.readLegalFile(id);
    expect(back?.bytes.equals(pdf)).toBe(true);
    expect(back?.sha256).toBe(sha256Of(pdf));
  });

  it('[P-2][S-5] files are checked by content, not by name: nothing is stored when refused', async () => {
    const before = await fs.readdir(path.join(filesDir, 'legal')).catch(() => []);
    const cases: [Buffer, number, string][] = [
      [png, 422, 'legal.file.not_pdf'],
      [Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]), 422, 'legal.file.not_pdf'],
      [Buffer.from('just text'), 422, 'legal.file.not_pdf_unknown'],
      [simplePdf('x', ['y']).subarray(0, 200), 422, 'legal.file.incomplete'],
      [Buffer.alloc(0), 422, 'legal.file.empty'],
      [Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(MAX + 10, 0x20), Buffer.from('\n%%EOF')]), 413, 'legal.file.too_large'],
    ];
    for (const [bytes, status, key] of cases) {
      const input = legal();
      const err = await tx((trx) => content.addLegalDocument(trx, { actor: adminA }, input, fileFromBytes(bytes, { filename: 'dokumen.pdf', maxBytes: MAX }))).catch((e) => e);
      expect(err, key).toBeInstanceOf(AppError);
      expect(err.status, key).toBe(status);
      expect(err.fields?.[0], key).toMatchObject({ field: 'file', key });
      const row = await database.db.selectFrom('legal_documents').select('id').where('number', '=', input.number).where('year', '=', 2020).executeTakeFirst();
      expect(row, key).toBeUndefined();
    }
    expect(await fs.readdir(path.join(filesDir, 'legal')).catch(() => [])).toEqual(before);
  });

  it('[P-2] the PDF is replaced only by who may edit, only by a real PDF; a refused file leaves the current one', async () => {
    const { id } = await tx((trx) => content.addLegalDocument(trx, { actor: opA1 }, legal()));
    const pdf = simplePdf('Pengganti', ['Versi kedua.']);
    await tx((trx) => content.replaceLegalFile(trx, { actor: opA1 }, id, fileFromBytes(pdf, { filename: 'v2.pdf' })));
    expect((await content.readLegalFile(id))?.bytes.equals(pdf)).toBe(true);
    expect(await statusOf((trx) => content.replaceLegalFile(trx, { actor: opA2 }, id, fileFromBytes(pdf, { filename: 'v3.pdf' })))).toBe(403);
    expect(await statusOf((trx) => content.replaceLegalFile(trx, { actor: opA1 }, id, fileFromBytes(png, { filename: 'gambar.pdf' })))).toBe(422);
    expect((await content.readLegalFile(id))?.bytes.equals(pdf)).toBe(true);
  });
});

describe(`demo content (${engine})`, () => {
  it('[P-2] the demo information layer loads through the service: pages, guides, announcements, FAQ and every demo legal document with a PDF', async () => {
    const ids = await seedDemoContent({ database, content }, { adminUserId: superAdmin.userId });
    expect(ids.size).toBe(demoLegalDocuments.length);
    const pdfs = await Promise.all([...ids.values()].slice(0, 3).map((id) => content.readLegalFile(id)));
    expect(pdfs.every((f) => f && f.bytes.subarray(0, 5).toString() === '%PDF-')).toBe(true);
    const count = async (kind: 'page' | 'guide' | 'announcement' | 'faq') => (await content.listPublished({ kinds: [kind] })).items.filter((i) => i.createdBy === superAdmin.userId && i.agencyId === null).length;
    expect(await count('guide')).toBeGreaterThanOrEqual(2);
    expect(await count('announcement')).toBe(3);
    expect(await count('faq')).toBeGreaterThanOrEqual(8);
    expect(await content.getPublished(['page'], 'tentang-portal')).not.toBeNull();
    const hits = await searchDocuments(database.db, 'pelayanan publik', { kinds: ['legal'] });
    expect(hits.hits.map((h) => h.refId)).toContain(ids.get('uu-25-2009'));
  });
});
