// The information layer over HTTP: the P-2 ownership matrix through the back-office pages and
// the JSON API, publication to the public pages and search, legal PDF uploads checked by
// content, CSRF, and API reads without sign-in.
import crypto from 'node:crypto';
import http from 'node:http';
import type net from 'node:net';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { multipart, TestClient, textOf } from '../../../test/http.ts';
import { randomToken, sha256Hex } from '../../platform/crypto.ts';
import type { Grant } from '../../platform/auth/actor.ts';
import { sha256Of } from '../../platform/storage/storage.ts';
import { simplePdf } from './simple-pdf.ts';

let t: TestApp;
let dataDir: string;
let agencyA: string;
let agencyB: string;
const MAX = 64 * 1024;

interface Person {
  client: TestClient;
  userId: string;
  token: string;
}

async function person(name: string, grants: Grant[]): Promise<Person> {
  const db = t.database.db;
  const u = await db.insertInto('users').values({ kind: 'staff', name, status: 'active', email: `${randomToken(6)}@uji.go.id` }).returning('id').executeTakeFirstOrThrow();
  for (const g of grants) await db.insertInto('role_grants').values({ user_id: u.id, role: g.role, agency_id: g.agencyId }).execute();
  const session = await t.deps.identity.createSession(db, u.id, { ip: null, userAgent: null }, true);
  const client = new TestClient(t.app);
  client.cookies.set('simpul_sid', session.token);
  const token = randomToken();
  await db.insertInto('api_tokens').values({ user_id: u.id, name: 'uji', token_hash: sha256Hex(token) }).execute();
  return { client, userId: u.id, token };
}

let superAdmin: Person;
let adminA: Person;
let opA1: Person;
let opA2: Person;
let opB: Person;
let verifierA: Person;
const anon = () => new TestClient(t.app);

/** A multipart/form-data body as a browser sends it. */

async function upload(p: Person, url: string, fields: Record<string, string>, file?: { name: string; type: string; bytes: Buffer }, formUrl = '/kelola/hukum/baru', csrf = true) {
  await p.client.get(formUrl);
  const body = multipart(csrf ? { _csrf: p.client.csrfToken(), ...fields } : fields, file ? [{ field: 'file', ...file }] : []);
  return p.client.request('POST', url, body);
}

const bearer = (p: Person | null, method: string, url: string, body?: unknown, lang = 'id', contentType = 'application/json') =>
  t.app.inject({
    method: method as 'GET',
    url,
    headers: {
      accept: 'application/json',
      'accept-language': lang,
      ...(p ? { authorization: `Bearer ${p.token}` } : {}),
      ...(body !== undefined ? { 'content-type': contentType } : {}),
    },
    payload: body === undefined ? undefined : Buffer.isBuffer(body) ? body : JSON.stringify(body),
  });

const idFrom = (location: string | undefined) => /\/([0-9a-f-]{36})/.exec(location ?? '')?.[1] ?? '';
const storedFiles = async () => fs.readdir(path.join(dataDir, 'files', 'legal')).catch(() => [] as string[]);
/** Upload parts still spooled under DATA_DIR/tmp (none once a request is answered). */
const spooled = async () => (await fs.readdir(path.join(dataDir, 'tmp')).catch(() => [] as string[])).filter((n) => n.startsWith('simpul-upload-'));
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(300, 7)]);

async function createPage(p: Person, fields: Record<string, string>) {
  // as a browser sends the form: every field, the optional ones empty
  const res = await p.client.submit('/kelola/konten', { kind: 'page', slug: '', summary: '', body: 'Isi.', agencyId: agencyA, serviceSlug: '', action: 'save', ...fields }, '/kelola/konten/baru');
  expect(res.statusCode, textOf(res.body).slice(0, 300)).toBe(303);
  return idFrom(res.headers.location as string);
}

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'simpul-content-http-'));
  t = await createTestApp({ requireAdminMfa: false, uploadMaxBytes: MAX, dataDir });
  const db = t.database.db;
  const region = await db.insertInto('regions').values({ name: 'Provinsi Uji', level: 'province', kode_wilayah: '53', timezone: 'Asia/Makassar', domain: 'uji.go.id' }).returning('id').executeTakeFirstOrThrow();
  agencyA = (await db.insertInto('agencies').values({ region_id: region.id, slug: 'dpmptsp', name: 'DPMPTSP', short_name: 'DPMPTSP', type: 'dinas' }).returning('id').executeTakeFirstOrThrow()).id;
  agencyB = (await db.insertInto('agencies').values({ region_id: region.id, slug: 'dinkes', name: 'Dinas Kesehatan', short_name: 'DINKES', type: 'dinas' }).returning('id').executeTakeFirstOrThrow()).id;
  superAdmin = await person('Super Admin', [{ role: 'super_admin', agencyId: null }]);
  adminA = await person('Admin DPMPTSP', [{ role: 'agency_admin', agencyId: agencyA }]);
  opA1 = await person('Operator Satu', [{ role: 'operator', agencyId: agencyA }]);
  opA2 = await person('Operator Dua', [{ role: 'operator', agencyId: agencyA }]);
  opB = await person('Operator Dinkes', [{ role: 'operator', agencyId: agencyB }]);
  verifierA = await person('Verifikator', [{ role: 'verifier', agencyId: agencyA }]);
});
afterAll(async () => {
  await t?.close();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

describe(`information layer back office (${engine})`, () => {
  it('[P-2] an operator creates a page and edits his own; an administrator edits and deletes it', async () => {
    const id = await createPage(opA1, { title: 'Jam layanan loket', slug: 'jam-layanan' });
    const edit = await opA1.client.submit(`/kelola/konten/${id}`, { title: 'Jam layanan loket (baru)', slug: 'jam-layanan', body: 'Senin–Jumat.', agencyId: agencyA, action: 'save' });
    expect(edit.statusCode).toBe(303);
    const byAdmin = await adminA.client.submit(`/kelola/konten/${id}`, { title: 'Jam layanan', slug: 'jam-layanan', body: 'Diubah admin.', agencyId: agencyA, action: 'save' });
    expect(byAdmin.statusCode).toBe(303);
    const archived = await adminA.client.submit(`/kelola/konten/${id}/arsipkan`, {}, `/kelola/konten/${id}`);
    expect(archived.statusCode).toBe(303);
    const page = await adminA.client.get(`/kelola/konten/${id}`);
    expect(textOf(page.body)).toContain('Diarsipkan');
    expect(textOf(page.body)).toContain('Dibuat oleh Operator Satu');
  });

  it("[P-2] an operator cannot edit or delete the administrator's page (page and API)", async () => {
    const id = await createPage(adminA, { title: 'Maklumat pelayanan', slug: 'maklumat' });
    const view = await opA1.client.get(`/kelola/konten/${id}`);
    expect(view.statusCode).toBe(200);
    expect(textOf(view.body)).toContain('Anda hanya dapat mengubah atau menghapus konten yang Anda buat sendiri');
    expect(view.body).not.toContain(`action="/kelola/konten/${id}"`);
    const edit = await opA1.client.post(`/kelola/konten/${id}`, { _csrf: opA1.client.csrfToken(), title: 'Dibajak', body: 'x', action: 'save' });
    expect(edit.statusCode).toBe(403);
    await opA1.client.get('/kelola/konten');
    const del = await opA1.client.post(`/kelola/konten/${id}/arsipkan`, { _csrf: opA1.client.csrfToken() });
    expect(del.statusCode).toBe(403);
    const publish = await opA1.client.post(`/kelola/konten/${id}/terbitkan`, { _csrf: opA1.client.csrfToken() });
    expect(publish.statusCode).toBe(403);
    expect((await bearer(opA1, 'PATCH', '/api/v1/pages/page/maklumat', { title: 'Dibajak' })).statusCode).toBe(403);
    const apiDel = await bearer(opA1, 'DELETE', '/api/v1/pages/page/maklumat');
    expect(apiDel.statusCode).toBe(403);
    expect(apiDel.json().error.code).toBe('forbidden');
    const still = await bearer(adminA, 'GET', '/api/v1/staff/pages?kind=page');
    expect(still.json().items.find((i: { slug: string }) => i.slug === 'maklumat')).toMatchObject({ title: 'Maklumat pelayanan', status: 'draft', author: 'Admin DPMPTSP', canEdit: true });
  });

  it("[P-2] an operator cannot edit or delete another operator's page (page and API)", async () => {
    const id = await createPage(opA2, { title: 'Info parkir', slug: 'info-parkir' });
    await opA1.client.get('/kelola/konten');
    expect((await opA1.client.post(`/kelola/konten/${id}`, { _csrf: opA1.client.csrfToken(), title: 'Dibajak', body: 'x' })).statusCode).toBe(403);
    expect((await opA1.client.post(`/kelola/konten/${id}/arsipkan`, { _csrf: opA1.client.csrfToken() })).statusCode).toBe(403);
    expect((await bearer(opA1, 'PATCH', '/api/v1/pages/page/info-parkir', { body: 'Dibajak' })).statusCode).toBe(403);
    expect((await bearer(opA1, 'DELETE', '/api/v1/pages/page/info-parkir')).statusCode).toBe(403);
    // the list marks it read-only for opA1, editable for opA2
    const list = await bearer(opA1, 'GET', '/api/v1/staff/pages?kind=page');
    expect(list.json().items.find((i: { slug: string }) => i.slug === 'info-parkir')?.canEdit).toBe(false);
    // his own through the API: allowed; the administrator deletes anyone's
    expect((await bearer(opA2, 'PATCH', '/api/v1/pages/page/info-parkir', { body: 'Parkir di basement.' })).json()).toMatchObject({ body: 'Parkir di basement.', canEdit: true });
    const del = await bearer(superAdmin, 'DELETE', '/api/v1/pages/page/info-parkir');
    expect(del.statusCode).toBe(200);
    expect(del.json().status).toBe('archived');
  });

  it('[P-2][S-1] agency scoping and roles over HTTP', async () => {
    await opB.client.get('/kelola/konten/baru');
    const other = await opB.client.post('/kelola/konten', { _csrf: opB.client.csrfToken(), kind: 'page', title: 'Di dinas lain', body: 'x', agencyId: agencyA });
    expect(other.statusCode).toBe(403);
    expect((await bearer(opA1, 'POST', '/api/v1/pages', { kind: 'faq', title: 'Tingkat daerah?', body: 'x', agency: null })).statusCode).toBe(403);
    expect((await verifierA.client.get('/kelola/konten')).statusCode).toBe(403);
    expect((await anon().get('/kelola/konten')).statusCode).toBe(303); // to sign-in
    const home = await opA1.client.get('/kelola');
    expect(home.body).toContain('href="/kelola/konten"');
    expect(home.body).toContain('href="/kelola/hukum"');
    expect((await verifierA.client.get('/kelola')).body).not.toContain('href="/kelola/konten"');
  });

  it('[S-5] a refused form comes back with an error summary and everything typed', async () => {
    await createPage(opA1, { title: 'Slug terpakai', slug: 'slug-terpakai' });
    const res = await opA1.client.submit('/kelola/konten', { kind: 'page', title: 'Judul saya', slug: 'slug-terpakai', summary: 'Ringkasan saya', body: 'Isi saya\nbaris dua', agencyId: agencyA }, '/kelola/konten/baru');
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('class="error-summary"');
    expect(textOf(res.body)).toContain('Alamat ini sudah dipakai konten lain');
    expect(res.body).toContain('value="Judul saya"');
    expect(res.body).toContain('Isi saya\nbaris dua</textarea>');
    const empty = await opA1.client.submit('/kelola/konten', { kind: '', title: '', body: '' }, '/kelola/konten/baru');
    expect(empty.statusCode).toBe(422);
    expect(textOf(empty.body)).toContain('Pilih jenis konten');
  });

  it('[S-1] a form without a CSRF token is refused (403), nothing is created', async () => {
    const res = await opA1.client.post('/kelola/konten', { kind: 'page', title: 'Tanpa token', body: 'x', agencyId: agencyA });
    expect(res.statusCode).toBe(403);
    const n = await t.database.db.selectFrom('content_items').select('id').where('title', '=', 'Tanpa token').execute();
    expect(n).toEqual([]);
  });

  it('[P-11] the back office speaks English when chosen', async () => {
    const res = await opA1.client.request('GET', '/kelola/konten/baru', { headers: { cookie: `simpul_sid=${opA1.client.cookies.get('simpul_sid')}; simpul_lang=en` } });
    expect(textOf(res.body)).toContain('New content');
    expect(textOf(res.body)).toContain('Save as draft');
  });
});

describe(`public information pages (${engine})`, () => {
  it('[P-2][P-1] publishing shows a guide on the portal and in search; archiving gives 404 and removes it', async () => {
    const res = await opA1.client.submit(
      '/kelola/konten',
      { kind: 'guide', title: 'Panduan perizinan usaha mikro', slug: 'panduan-izin-mikro', summary: 'Langkah singkat.', body: '## Langkah\n1. Daftar akun\n2. Ajukan izin\n\n<script>alert(1)</script>', agencyId: agencyA, action: 'publish' },
      '/kelola/konten/baru',
    );
    expect(res.statusCode).toBe(303);
    const id = idFrom(res.headers.location as string);
    const page = await anon().get('/halaman/panduan-izin-mikro');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Panduan perizinan usaha mikro</h1>');
    expect(page.body).toContain('<ol><li>Daftar akun</li><li>Ajukan izin</li></ol>');
    expect(page.body).not.toContain('<script>');
    expect(page.body).not.toMatch(/<script/);
    const search = await anon().get('/cari?q=izin%20usaha%20mikro');
    expect(search.body).toContain('href="/halaman/panduan-izin-mikro"');
    expect((await anon().get('/halaman')).body).toContain('href="/halaman/panduan-izin-mikro"');
    expect((await bearer(null, 'GET', '/api/v1/pages?kind=guide')).json().items.map((i: { slug: string }) => i.slug)).toContain('panduan-izin-mikro');
    await opA1.client.submit(`/kelola/konten/${id}/arsipkan`, {}, `/kelola/konten/${id}`);
    expect((await anon().get('/halaman/panduan-izin-mikro')).statusCode).toBe(404);
    expect((await anon().get('/cari?q=izin%20usaha%20mikro')).body).not.toContain('href="/halaman/panduan-izin-mikro"');
    expect((await bearer(null, 'GET', '/api/v1/pages/guide/panduan-izin-mikro')).statusCode).toBe(404);
  });

  it('[P-2] drafts are not public', async () => {
    await createPage(opA1, { title: 'Draf rahasia', slug: 'draf-rahasia' });
    expect((await anon().get('/halaman/draf-rahasia')).statusCode).toBe(404);
    expect((await bearer(null, 'GET', '/api/v1/pages/page/draf-rahasia')).statusCode).toBe(404);
  });

  it('[P-2] announcements and FAQ through the API, shown on /pengumuman and /faq without scripts', async () => {
    const ann = await bearer(adminA, 'POST', '/api/v1/pages', { kind: 'announcement', title: 'Libur pelayanan', slug: 'libur-pelayanan', summary: 'Loket tutup.', body: 'Loket tutup pada hari libur nasional.', publish: true });
    expect(ann.statusCode).toBe(201);
    expect(ann.json()).toMatchObject({ kind: 'announcement', status: 'published', url: '/pengumuman/libur-pelayanan', agency: { slug: 'dpmptsp' } });
    const faq = await bearer(superAdmin, 'POST', '/api/v1/pages', { kind: 'faq', title: 'Apakah layanan gratis?', slug: 'gratis', body: 'Sebagian besar layanan **gratis**.', agency: null, publish: true });
    expect(faq.json()).toMatchObject({ agency: null, url: '/faq#gratis' });
    const list = await anon().get('/pengumuman');
    expect(list.body).toContain('href="/pengumuman/libur-pelayanan"');
    expect((await anon().get('/pengumuman/libur-pelayanan')).body).toContain('Loket tutup pada hari libur nasional.');
    const faqPage = await anon().get('/faq');
    expect(faqPage.body).toContain('<details id="gratis" class="faq"><summary>Apakah layanan gratis?</summary>');
    expect(faqPage.body).toContain('<strong>gratis</strong>');
    for (const html of [list.body, faqPage.body]) expect(html).not.toMatch(/<script/);
    const one = await bearer(null, 'GET', '/api/v1/pages/faq/gratis');
    expect(one.json()).toMatchObject({ kind: 'faq', title: 'Apakah layanan gratis?', body: 'Sebagian besar layanan **gratis**.' });
    expect(Object.keys(one.json()).sort()).toEqual(['agency', 'body', 'kind', 'publishedAt', 'serviceSlug', 'slug', 'summary', 'title', 'updatedAt', 'url']);
  });
});

describe(`legal library uploads (${engine})`, () => {
  const meta = (number: string, over: Record<string, string> = {}) => ({ type: 'peraturan-daerah', number, year: '2023', title: 'Retribusi Jasa Usaha', status: 'berlaku', summary: 'Ringkasan.', agencyId: agencyA, ...over });

  it('[S-5] empty optional fields, as a browser sends them, are accepted', async () => {
    const res = await upload(opA1, '/kelola/hukum', meta('2', { summary: '' }), { name: '', type: 'application/octet-stream', bytes: Buffer.alloc(0) });
    expect(res.statusCode, textOf(res.body).slice(0, 300)).toBe(303);
    const id = idFrom(res.headers.location as string);
    expect((await bearer(null, 'GET', `/api/v1/legal-documents/${id}`)).json()).toMatchObject({ summary: '', file: null });
    const slugless = await createPage(opA1, { title: 'Tanpa Alamat Khusus' });
    expect((await opA1.client.get(`/kelola/konten/${slugless}`)).body).toContain('value="tanpa-alamat-khusus"');
  });

  it('[P-2] a real PDF is accepted and downloaded with the same bytes (inline, application/pdf)', async () => {
    const pdf = simplePdf('Peraturan Daerah Nomor 3 Tahun 2023', ['Contoh isi.']);
    const res = await upload(opA1, '/kelola/hukum', meta('3'), { name: 'perda-3-2023.pdf', type: 'application/pdf', bytes: pdf });
    expect(res.statusCode, textOf(res.body).slice(0, 400)).toBe(303);
    const id = idFrom(res.headers.location as string);
    const page = await anon().get(`/hukum/${id}`);
    expect(page.statusCode).toBe(200);
    expect(textOf(page.body)).toContain('Peraturan Daerah Nomor 3 Tahun 2023 tentang Retribusi Jasa Usaha');
    expect(page.body).toContain(`href="/hukum/${id}/berkas"`);
    const file = await anon().get(`/hukum/${id}/berkas`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(String(file.headers['content-disposition'])).toMatch(/^inline; filename="perda-3-2023\.pdf"$/);
    expect(sha256Of(file.rawPayload)).toBe(sha256Of(pdf));
    const api = await bearer(null, 'GET', `/api/v1/legal-documents/${id}`);
    expect(api.json().file).toEqual({ url: `/hukum/${id}/berkas`, size: pdf.length, sha256: sha256Of(pdf), contentType: 'application/pdf' });
    const cached = await t.app.inject({ method: 'GET', url: `/hukum/${id}/berkas`, headers: { 'if-none-match': `"${sha256Of(pdf)}"` } });
    expect(cached.statusCode).toBe(304);
  });

  it('[P-2][S-5] a PNG renamed .pdf is refused with a clear message, values kept, nothing stored', async () => {
    const before = await storedFiles();
    const res = await upload(opA1, '/kelola/hukum', meta('4'), { name: 'perda-4.pdf', type: 'application/pdf', bytes: png });
    expect(res.statusCode).toBe(422);
    expect(textOf(res.body)).toContain('Berkas "perda-4.pdf" bukan PDF: isinya berformat PNG');
    expect(res.body).toContain('class="error-summary"');
    expect(res.body).toContain('value="Retribusi Jasa Usaha"');
    expect(textOf(res.body)).toContain('pilih berkas PDF lagi');
    expect(await storedFiles()).toEqual(before);
    expect(await t.database.db.selectFrom('legal_documents').select('id').where('number', '=', '4').execute()).toEqual([]);
    const exe = await upload(opA1, '/kelola/hukum', meta('4'), { name: 'perda.pdf', type: 'application/pdf', bytes: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(500)]) });
    expect(exe.statusCode).toBe(422);
    expect(textOf(exe.body)).toContain('isinya berformat EXE');
  });

  it('[S-5] a file over UPLOAD_MAX_BYTES is refused (413) with the limit in the message, values kept, and leaves no file behind (stored or spooled)', async () => {
    const before = await storedFiles();
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(MAX + 1000, 0x20), Buffer.from('\n%%EOF\n')]);
    const res = await upload(opA1, '/kelola/hukum', meta('5'), { name: 'besar.pdf', type: 'application/pdf', bytes: big });
    expect(res.statusCode).toBe(413);
    expect(textOf(res.body)).toContain('Berkas lebih besar dari batas 64 KB.');
    expect(res.body).toContain('value="Retribusi Jasa Usaha"');
    expect(await storedFiles()).toEqual(before);
    expect(await spooled()).toEqual([]);
    await opA1.client.get('/bahasa/en');
    const en = await upload(opA1, '/kelola/hukum', meta('5'), { name: 'besar.pdf', type: 'application/pdf', bytes: big });
    expect(en.statusCode).toBe(413);
    expect(textOf(en.body)).toContain('The file is larger than the 64 KB limit.');
    await opA1.client.get('/bahasa/id');
    // the raw API body: cut at the limit while it streams (no declared length), nothing left
    const doc = idFrom((await upload(opA1, '/kelola/hukum', meta('52'))).headers.location as string);
    const chunked = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/legal-documents/${doc}/file`,
      headers: { authorization: `Bearer ${opA1.token}`, 'content-type': 'application/pdf', accept: 'application/json' },
      payload: Readable.from((function* () {
        for (let i = 0; i < 40; i++) yield Buffer.alloc(8 * 1024, 0x20);
      })()),
    });
    expect(chunked.statusCode).toBe(413);
    expect(await storedFiles()).toEqual(before);
    expect(await spooled()).toEqual([]);
  });

  it('[S-5] a file part is streamed to storage: stored byte-identical, with the SHA-256 computed on the way', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), crypto.randomBytes(MAX - 100), Buffer.from('\n%%EOF\n')]);
    const res = await upload(opA1, '/kelola/hukum', meta('51'), { name: 'pas.pdf', type: 'application/pdf', bytes: pdf });
    expect(res.statusCode, textOf(res.body).slice(0, 300)).toBe(303);
    const row = await t.database.db.selectFrom('legal_documents').select(['file_key', 'file_sha256', 'file_size']).where('number', '=', '51').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ file_sha256: sha256Of(pdf), file_size: pdf.length });
    expect(sha256Of(await fs.readFile(path.join(dataDir, 'files', row.file_key!)))).toBe(sha256Of(pdf));
    expect(await spooled()).toEqual([]);
  });

  it('[P-2] the back-office legal list sorts by column through plain links, keeping the filter', async () => {
    for (const [n, y, title] of [['21', '2019', 'Alpha Penataan Pasar'], ['22', '2024', 'Zeta Pajak Daerah']] as const) {
      expect((await upload(opA1, '/kelola/hukum', meta(n, { year: y, title }))).statusCode).toBe(303);
    }
    const order = async (query: string) => {
      const body = (await opA1.client.get(`/kelola/hukum${query}`)).body;
      return ['Alpha Penataan Pasar', 'Zeta Pajak Daerah'].sort((a, b) => body.indexOf(a) - body.indexOf(b));
    };
    expect(await order('')).toEqual(['Zeta Pajak Daerah', 'Alpha Penataan Pasar']); // newest year first
    expect(await order('?urut=year&arah=naik')).toEqual(['Alpha Penataan Pasar', 'Zeta Pajak Daerah']);
    expect(await order('?urut=title&arah=turun')).toEqual(['Zeta Pajak Daerah', 'Alpha Penataan Pasar']);
    const filtered = (await opA1.client.get('/kelola/hukum?jenis=peraturan-daerah')).body;
    expect(filtered).toContain('href="/kelola/hukum?jenis=peraturan-daerah&amp;urut=title&amp;arah=naik"');
  });

  it('[S-5] the same type, number and year is refused with a clear message', async () => {
    await upload(adminA, '/kelola/hukum', meta('6'));
    const dup = await upload(opA1, '/kelola/hukum', meta('6', { title: 'Judul lain' }), { name: 'x.pdf', type: 'application/pdf', bytes: simplePdf('x', ['y']) });
    expect(dup.statusCode).toBe(409);
    expect(textOf(dup.body)).toContain('Peraturan Daerah Nomor 6 Tahun 2023 sudah ada di pustaka hukum');
    const api = await bearer(opA1, 'POST', '/api/v1/legal-documents', { type: 'peraturan-daerah', number: '6', year: 2023, title: 'X' }, 'en');
    expect(api.statusCode).toBe(409);
    // the citation is a proper name: quoted as promulgated, in Indonesian
    expect(api.json().error.message).toBe('Peraturan Daerah Nomor 6 Tahun 2023 is already in the legal library.');
  });

  it('[S-2] a 50 MB multipart post is refused before its body is read: anonymous (401) or without the CSRF token first (403)', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = Number(new URL(address).port);
    const sockets: net.Socket[] = [];
    t.app.server.on('connection', (sock: net.Socket) => sockets.push(sock));
    const TOTAL = 50 * 1024 * 1024;
    /** Streams a multipart body of TOTAL bytes until the server answers; resolves with the status and the bytes the server read. */
    const post = (cookie: string | undefined, fields: Record<string, string>) =>
      new Promise<{ status: number; serverRead: number }>((resolve, reject) => {
        const boundary = '----simpulbig';
        const head = Buffer.from(
          Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') +
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="besar.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
        );
        const before = sockets.length;
        const req = http.request({
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/kelola/hukum',
          headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(TOTAL), accept: 'text/html', ...(cookie ? { cookie } : {}) },
        });
        let answered = false;
        req.on('error', () => undefined); // the server closes the connection while we still write
        req.on('response', (res) => {
          answered = true;
          res.resume();
          const sock = sockets[before]!;
          const done = () => resolve({ status: res.statusCode ?? 0, serverRead: sock.bytesRead });
          if (sock.destroyed) done();
          else sock.once('close', done);
          req.destroy();
        });
        const chunk = Buffer.alloc(64 * 1024, 0x41);
        let sent = 0;
        const pump = () => {
          if (answered) return;
          if (sent === 0) {
            req.write(head);
            sent = head.length;
          }
          while (sent < TOTAL && !answered) {
            const n = Math.min(chunk.length, TOTAL - sent);
            sent += n;
            if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void req.once('drain', pump);
          }
          if (sent >= TOTAL) req.end();
        };
        pump();
        setTimeout(() => reject(new Error('no answer')), 50_000).unref();
      });
    const anonymous = await post(undefined, {});
    expect(anonymous.status).toBe(303); // pages answer 401 with a redirect to sign in
    expect(anonymous.serverRead).toBeLessThan(8 * 1024 * 1024);
    // Signed in, but the token does not come before the file (or is wrong): 403 before the file is read.
    await opA1.client.get('/kelola/hukum/baru');
    const cookie = [...opA1.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const wrong = await post(cookie, { _csrf: 'salah', ...meta('41') });
    expect(wrong.status).toBe(403);
    expect(wrong.serverRead).toBeLessThan(8 * 1024 * 1024);
    const missing = await post(cookie, meta('42'));
    expect(missing.status).toBe(403);
    expect(missing.serverRead).toBeLessThan(8 * 1024 * 1024);
    expect(await t.database.db.selectFrom('legal_documents').select('id').where('number', 'in', ['41', '42']).execute()).toEqual([]);
  });

  it('[S-5] uploads are bounded per node: a request over UPLOAD_MAX_REQUEST_BYTES gets 413 before it is read; over UPLOAD_MAX_CONCURRENT gets 503 with Retry-After, and the slot comes back', async () => {
    const address = t.app.server.listening ? `http://127.0.0.1:${(t.app.server.address() as net.AddressInfo).port}` : await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = Number(new URL(address).port);
    await opA1.client.get('/kelola/hukum/baru');
    const cookie = [...opA1.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const boundary = '----simpullimit';
    /** Starts a multipart post of `length` declared bytes, sends only its first part; resolves on the answer. */
    const firstPart = `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\nx\r\n`;
    const closing = `--${boundary}--\r\n`;
    const start = (length: number) => {
      const req = http.request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/kelola/hukum',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(length), accept: 'text/html', cookie },
      });
      req.on('error', () => undefined);
      const answer = new Promise<{ status: number; retryAfter: string | undefined }>((resolve) =>
        req.on('response', (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined });
        }),
      );
      req.write(firstPart);
      return { req, answer };
    };
    const limits = t.app.uploadLimits;
    const saved = { ...limits };
    try {
      const huge = start(limits.maxRequestBytes + 1);
      expect((await huge.answer).status).toBe(413);
      huge.req.destroy();

      limits.maxConcurrent = 1;
      const first = start(1024 * 1024); // holds the only slot while its body does not arrive
      await expect.poll(() => limits.active, { timeout: 20_000 }).toBe(1);
      const second = start(1024);
      const refused = await second.answer;
      expect(refused.status).toBe(503);
      expect(Number(refused.retryAfter)).toBeGreaterThan(0);
      second.req.destroy();
      first.req.destroy(); // the client gives up: the slot is released
      await expect.poll(() => limits.active, { timeout: 20_000 }).toBe(0);
      const third = start(Buffer.byteLength(firstPart + closing));
      third.req.end(closing);
      expect((await third.answer).status).not.toBe(503); // a complete (if invalid) form is read and answered
    } finally {
      Object.assign(limits, { maxConcurrent: saved.maxConcurrent, maxRequestBytes: saved.maxRequestBytes });
    }
  });

  it('[S-5] a NUL byte in a field of an upload form (multipart) gives 400, not 500, and stores nothing', async () => {
    const before = await storedFiles();
    const res = await upload(opA1, '/kelola/hukum', meta('43', { title: 'Retribusi\u0000 Pasar' }), { name: 'a.pdf', type: 'application/pdf', bytes: simplePdf('a', ['b']) });
    expect(res.statusCode).toBe(400);
    expect(textOf(res.body)).toContain('karakter yang tidak sah');
    expect(res.body).toContain('Retribusi Pasar');
    expect(await t.database.db.selectFrom('legal_documents').select('id').where('number', '=', '43').execute()).toEqual([]);
    expect(await storedFiles()).toEqual(before);
  });

  it('[S-1] an upload without the CSRF token is refused (403) and stores nothing', async () => {
    const before = await storedFiles();
    const res = await upload(opA1, '/kelola/hukum', meta('7'), { name: 'a.pdf', type: 'application/pdf', bytes: simplePdf('a', ['b']) }, '/kelola/hukum/baru', false);
    expect(res.statusCode).toBe(403);
    expect(await storedFiles()).toEqual(before);
    expect(await t.database.db.selectFrom('legal_documents').select('id').where('number', '=', '7').execute()).toEqual([]);
  });

  it("[P-2] replacing the PDF: the owner may, another operator may not; edit metadata of one's own only", async () => {
    const res = await upload(opA1, '/kelola/hukum', meta('8'));
    const id = idFrom(res.headers.location as string);
    const pdf = simplePdf('Versi baru', ['Isi.']);
    const other = await upload(opA2, `/kelola/hukum/${id}/berkas`, {}, { name: 'v.pdf', type: 'application/pdf', bytes: pdf }, `/kelola/hukum/${id}`);
    expect(other.statusCode).toBe(403);
    const bad = await upload(opA1, `/kelola/hukum/${id}/berkas`, {}, { name: 'v.pdf', type: 'application/pdf', bytes: png }, `/kelola/hukum/${id}`);
    expect(bad.statusCode).toBe(422);
    expect(textOf(bad.body)).toContain('bukan PDF');
    const own = await upload(opA1, `/kelola/hukum/${id}/berkas`, {}, { name: 'v.pdf', type: 'application/pdf', bytes: pdf }, `/kelola/hukum/${id}`);
    expect(own.statusCode).toBe(303);
    expect(sha256Of((await anon().get(`/hukum/${id}/berkas`)).rawPayload)).toBe(sha256Of(pdf));
    await opA2.client.get('/kelola/hukum');
    expect((await opA2.client.post(`/kelola/hukum/${id}`, { _csrf: opA2.client.csrfToken(), ...meta('8', { status: 'dicabut' }) })).statusCode).toBe(403);
    expect((await opA2.client.post(`/kelola/hukum/${id}/tarik`, { _csrf: opA2.client.csrfToken() })).statusCode).toBe(403);
    const byAdmin = await adminA.client.submit(`/kelola/hukum/${id}`, meta('8', { status: 'dicabut' }));
    expect(byAdmin.statusCode).toBe(303);
    expect(textOf((await anon().get(`/hukum/${id}`)).body)).toContain('sudah dicabut');
    const withdrawn = await adminA.client.submit(`/kelola/hukum/${id}/tarik`, {}, `/kelola/hukum/${id}`);
    expect(withdrawn.statusCode).toBe(303);
    expect((await anon().get(`/hukum/${id}`)).statusCode).toBe(404);
    expect((await anon().get(`/hukum/${id}/berkas`)).statusCode).toBe(404);
  });

  it("[S-2][P-2] a legal document's back-office page is scoped like content items: another agency's officer gets 403", async () => {
    const res = await upload(opA1, '/kelola/hukum', meta('31'));
    expect(res.statusCode, textOf(res.body).slice(0, 300)).toBe(303);
    const id = idFrom(res.headers.location as string);
    expect((await opA2.client.get(`/kelola/hukum/${id}`)).statusCode).toBe(200);
    expect((await superAdmin.client.get(`/kelola/hukum/${id}`)).statusCode).toBe(200);
    const other = await opB.client.get(`/kelola/hukum/${id}`);
    expect(other.statusCode).toBe(403);
    expect(other.body).not.toContain('Retribusi Jasa Usaha');
    // ... and it is not in his back-office list either; the public page stays open to all.
    const list = await opB.client.get('/kelola/hukum');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(`/kelola/hukum/${id}`);
    expect((await opA2.client.get('/kelola/hukum')).body).toContain(`/kelola/hukum/${id}`);
    expect((await anon().get(`/hukum/${id}`)).statusCode).toBe(200);
  });

  it('[P-2] /hukum filters by type, year and status and searches titles', async () => {
    await bearer(superAdmin, 'POST', '/api/v1/legal-documents', { type: 'peraturan-gubernur', number: '41', year: 2019, title: 'Tata Cara Perizinan Berusaha', status: 'diubah', agency: null });
    await bearer(superAdmin, 'POST', '/api/v1/legal-documents', { type: 'undang-undang', number: '25', year: 2009, title: 'Pelayanan Publik', agency: null });
    const byType = await anon().get('/hukum?jenis=peraturan-gubernur');
    expect(textOf(byType.body)).toContain('Peraturan Gubernur Nomor 41 Tahun 2019 tentang Tata Cara Perizinan Berusaha');
    expect(textOf(byType.body)).not.toContain('Pelayanan Publik');
    expect(textOf((await anon().get('/hukum?tahun=2009')).body)).toContain('Undang-Undang Nomor 25 Tahun 2009');
    expect(textOf((await anon().get('/hukum?status=diubah')).body)).not.toContain('Undang-Undang Nomor 25');
    expect(textOf((await anon().get('/hukum?q=izin%20berusaha')).body)).toContain('Nomor 41 Tahun 2019');
    // odd input answers normally
    expect((await anon().get(`/hukum?q=${encodeURIComponent("%'\"<>".repeat(300))}&tahun=abc&jenis=x`)).statusCode).toBe(200);
    const api = await bearer(null, 'GET', '/api/v1/legal-documents?type=undang-undang&year=2009');
    expect(api.json().items.map((d: { citation: string }) => d.citation)).toEqual(['Undang-Undang Nomor 25 Tahun 2009']);
  });
});

describe(`information API without sign-in and its errors (${engine})`, () => {
  it('[I-2] reads need no sign-in; errors are JSON in the caller\'s language', async () => {
    expect((await bearer(null, 'GET', '/api/v1/pages')).statusCode).toBe(200);
    expect((await bearer(null, 'GET', '/api/v1/legal-documents')).statusCode).toBe(200);
    const missing = await bearer(null, 'GET', '/api/v1/legal-documents/00000000-0000-4000-8000-000000000000', undefined, 'en');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
    const badId = await bearer(null, 'GET', '/api/v1/legal-documents/abc');
    expect(badId.statusCode).toBe(422);
    expect(badId.json().error.fields[0].field).toBe('id');
    expect((await bearer(null, 'GET', '/api/v1/pages?kind=blog')).statusCode).toBe(422);
    const noAuth = await bearer(null, 'POST', '/api/v1/pages', { kind: 'page', title: 'x', body: 'y' });
    expect(noAuth.statusCode).toBe(401);
    expect(noAuth.json().error.code).toBe('unauthenticated');
    const invalid = await bearer(opA1, 'POST', '/api/v1/legal-documents', { type: 'perda', number: '', year: 1800, title: '' }, 'en');
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json().error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['number', 'title', 'type', 'year']);
  });

  it('[P-2] PDF upload through the API is checked by content (raw application/pdf body)', async () => {
    const created = await bearer(opA1, 'POST', '/api/v1/legal-documents', { type: 'surat-edaran', number: '100/2024', year: 2024, title: 'Jam Kerja' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const refused = await bearer(opA1, 'PUT', `/api/v1/legal-documents/${id}/file`, png, 'en', 'application/pdf');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.fields[0]).toEqual({ field: 'file', message: 'The file "dokumen.pdf" is not a PDF: its content is PNG. Upload the document as a PDF.' });
    const pdf = simplePdf('SE', ['x']);
    expect((await bearer(opA2, 'PUT', `/api/v1/legal-documents/${id}/file`, pdf, 'id', 'application/pdf')).statusCode).toBe(403);
    const ok = await bearer(opA1, 'PUT', `/api/v1/legal-documents/${id}/file`, pdf, 'id', 'application/pdf');
    expect(ok.statusCode).toBe(200);
    expect(ok.json().file.sha256).toBe(sha256Of(pdf));
    const tooBig = await bearer(opA1, 'PUT', `/api/v1/legal-documents/${id}/file`, Buffer.alloc(MAX + 10), 'id', 'application/pdf');
    expect(tooBig.statusCode).toBe(413);
    const withdrawn = await bearer(opA1, 'DELETE', `/api/v1/legal-documents/${id}`);
    expect(withdrawn.json()).toMatchObject({ withdrawn: true });
    expect((await bearer(null, 'GET', `/api/v1/legal-documents/${id}`)).statusCode).toBe(404);
  });

  it('[S-1] cookie-authenticated API writes need the CSRF header', async () => {
    const res = await opA1.client.api('POST', '/api/v1/pages', { kind: 'page', title: 'Lewat cookie', body: 'x' });
    expect(res.statusCode).toBe(403);
    await opA1.client.get('/kelola/konten');
    const ok = await opA1.client.api('POST', '/api/v1/pages', { kind: 'page', title: 'Lewat cookie', body: 'x' }, { 'x-csrf-token': opA1.client.csrfToken() });
    expect(ok.statusCode).toBe(201);
  });
});
