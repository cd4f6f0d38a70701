// Region and agencies through HTTP, as an administrator would use them: the back-office
// pages under /kelola and the JSON API under /api/v1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { TestClient, textOf } from '../../../test/http.ts';
import { apiAs, makeAgency, makeRegion, makeStaff, signInAs } from '../../../test/factories.ts';
import type { AgencyView } from './agencies.service.ts';

let t: TestApp;
let admin: TestClient;
let agencyA: AgencyView;
let agencyB: AgencyView;

const count = async (table: 'agencies' | 'audit_events' | 'regions') =>
  Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

/** The value attribute of an input in the last page. */
function inputValue(html: string, name: string): string | null {
  const tag = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0];
  return tag ? (/value="([^"]*)"/.exec(tag)?.[1] ?? null) : null;
}

beforeAll(async () => {
  t = await createTestApp({ requireAdminMfa: false });
  await makeRegion(t);
  agencyA = await makeAgency(t, { name: 'Dinas Penanaman Modal Uji', shortName: 'DPM-UJI', slug: 'dpm-uji', subdomain: 'dpm-uji' });
  agencyB = await makeAgency(t, { name: 'Dinas Kesehatan Uji', shortName: 'DINKES-UJI', slug: 'dinkes-uji', subdomain: 'dinkes-uji' });
  const sa = await makeStaff(t, 'super_admin', null);
  admin = await signInAs(t, sa.userId);
});
afterAll(async () => t?.close());

describe(`region (${engine})`, () => {
  it('[S-1] a super admin changes the region; the change is audited with before and after', async () => {
    const res = await admin.submit('/kelola/wilayah', { name: 'Provinsi Uji Baru', level: 'province', kodeWilayah: '53', timeZone: 'WITA', domain: 'ujiprov.go.id' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/kelola/wilayah?pesan=disimpan');
    const page = await admin.get('/kelola/wilayah?pesan=disimpan');
    expect(textOf(page.body)).toContain('Perubahan sudah disimpan');
    expect(textOf(page.body)).toContain('Provinsi Uji Baru');
    const ev = await t.database.db.selectFrom('audit_events').selectAll().where('action', '=', 'region.update').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(ev.before).toMatchObject({ name: 'Provinsi Uji' });
    expect(ev.after).toMatchObject({ name: 'Provinsi Uji Baru', timezone: 'Asia/Makassar' });
    const api = await t.app.inject({ url: '/api/v1/region' });
    expect(api.json()).toMatchObject({ name: 'Provinsi Uji Baru', level: 'province', kodeWilayah: '53', timeZone: 'WITA', ianaTimeZone: 'Asia/Makassar' });
  });

  it('[S-5] a kode wilayah that does not fit the level is refused: 422, the form keeps what was typed, nothing changes', async () => {
    const before = await t.deps.agencies.getRegion();
    const res = await admin.submit('/kelola/wilayah', { name: 'Kota Uji', level: 'city', kodeWilayah: '53.01', timeZone: 'WITA', domain: 'kotauji.go.id' });
    expect(res.statusCode).toBe(422);
    const text = textOf(res.body);
    expect(text).toContain('Ada yang perlu diperbaiki');
    expect(text).toContain('Kode kota berakhiran 71 sampai 99');
    expect(inputValue(res.body, 'kodeWilayah')).toBe('53.01');
    expect(inputValue(res.body, 'name')).toBe('Kota Uji');
    expect(await t.deps.agencies.getRegion()).toEqual(before);
  });

  it('[S-1] only a super admin may change the region (agency admin: 403 page and API)', async () => {
    const aa = await makeStaff(t, 'agency_admin', agencyA);
    const c = await signInAs(t, aa.userId);
    expect((await c.get('/kelola/wilayah')).statusCode).toBe(403);
    const token = (await c.get('/'), c.csrfToken());
    const post = await c.post('/kelola/wilayah', { _csrf: token, name: 'Provinsi Lain', level: 'province', kodeWilayah: '53', timeZone: 'WIB', domain: 'lain.go.id' });
    expect(post.statusCode).toBe(403);
    const api = await apiAs(c, 'PUT', '/api/v1/region', { name: 'Provinsi Lain', level: 'province', kodeWilayah: '53', timeZone: 'WIB', domain: 'lain.go.id' });
    expect(api.statusCode).toBe(403);
    expect((await t.deps.agencies.getRegion())?.name).not.toBe('Provinsi Lain');
  });
});

describe(`agencies in the back office (${engine})`, () => {
  it('[S-1] a super admin adds an agency; it is audited, searchable and in the public API', async () => {
    const before = await count('agencies');
    const res = await admin.submit('/kelola/instansi/baru', {
      name: 'Badan Pendapatan Daerah Uji',
      shortName: 'Bapenda Uji',
      slug: '',
      type: 'badan',
      headName: 'Drs. Yakobus Uji',
      headTitle: 'Kepala Badan',
      address: 'Jl. Uji No. 1',
      phone: '(0380) 821099',
      email: 'bapenda@ujiprov.go.id',
      website: 'https://bapenda.ujiprov.go.id',
      subdomain: 'bapenda',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/kelola/instansi/bapenda-uji?pesan=dibuat');
    expect(await count('agencies')).toBe(before + 1);
    const page = await admin.get('/kelola/instansi/bapenda-uji');
    expect(page.statusCode).toBe(200);
    expect(textOf(page.body)).toContain('bapenda.ujiprov.go.id');
    const ev = await t.database.db.selectFrom('audit_events').selectAll().where('action', '=', 'agency.create').where('entity_type', '=', 'agency').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(ev.after).toMatchObject({ slug: 'bapenda-uji', short_name: 'Bapenda Uji', subdomain: 'bapenda' });
    const api = await t.app.inject({ url: '/api/v1/agencies/bapenda-uji' });
    expect(api.statusCode).toBe(200);
    expect(api.json()).toEqual({
      slug: 'bapenda-uji',
      name: 'Badan Pendapatan Daerah Uji',
      shortName: 'Bapenda Uji',
      type: 'badan',
      head: { name: 'Drs. Yakobus Uji', title: 'Kepala Badan' },
      contact: { address: 'Jl. Uji No. 1', phone: '(0380) 821099', email: 'bapenda@ujiprov.go.id', website: 'https://bapenda.ujiprov.go.id' },
      subdomain: 'bapenda',
      host: 'bapenda.ujiprov.go.id',
      active: true,
    });
    const search = await t.app.inject({ url: '/cari?q=pendapatan' });
    expect(search.statusCode).toBe(200);
    expect(textOf(search.body)).toContain('Badan Pendapatan Daerah Uji');
  });

  it('bad input: 422, an error summary, every typed value kept, no row written', async () => {
    const before = await count('agencies');
    const audits = await count('audit_events');
    const res = await admin.submit('/kelola/instansi/baru', {
      name: 'Dinas Salah',
      shortName: 'SALAH',
      slug: 'Dinas Salah!',
      type: '',
      email: 'bukan-email',
      phone: 'telepon',
      website: 'dinas.go.id',
      subdomain: 'sub_domain',
    });
    expect(res.statusCode).toBe(422);
    const text = textOf(res.body);
    expect(res.body).toContain('class="error-summary"');
    for (const m of ['Alamat hanya berisi huruf kecil', 'Pilih jenis perangkat daerah', 'Alamat e-mail tidak valid', 'Nomor telepon tidak valid', 'Alamat situs tidak valid', 'Subdomain hanya berisi']) {
      expect(text).toContain(m);
    }
    expect(inputValue(res.body, 'name')).toBe('Dinas Salah');
    expect(inputValue(res.body, 'slug')).toBe('Dinas Salah!');
    expect(inputValue(res.body, 'email')).toBe('bukan-email');
    expect(inputValue(res.body, 'subdomain')).toBe('sub_domain');
    expect(await count('agencies')).toBe(before);
    expect(await count('audit_events')).toBe(audits);
  });

  it('duplicate slug, short name (any case) and subdomain: 409 with clear messages, nothing written', async () => {
    const before = await count('agencies');
    const res = await admin.submit('/kelola/instansi/baru', { name: 'Dinas Lain', shortName: 'dpm-uji', slug: 'dinkes-uji', type: 'dinas', subdomain: 'dpm-uji' });
    expect(res.statusCode).toBe(409);
    const text = textOf(res.body);
    expect(text).toContain('Alamat (slug) ini sudah dipakai perangkat daerah lain');
    expect(text).toContain('Singkatan ini sudah dipakai perangkat daerah lain');
    expect(text).toContain('Subdomain ini sudah dipakai perangkat daerah lain');
    expect(inputValue(res.body, 'name')).toBe('Dinas Lain');
    expect(await count('agencies')).toBe(before);

    const api = await apiAs(admin, 'POST', '/api/v1/agencies', { slug: 'dpm-uji', name: 'Dinas Lain', shortName: 'LAIN', type: 'dinas' });
    expect(api.statusCode).toBe(409);
    expect(api.json().error).toMatchObject({ code: 'conflict', fields: [{ field: 'slug', message: expect.stringContaining('sudah dipakai') }] });
    expect(await count('agencies')).toBe(before);
  });

  it('a super admin edits an agency; an emptied field is cleared; the audit event has before and after', async () => {
    const c = await makeAgency(t, { headName: 'Kepala Lama', phone: '(0380) 800001' });
    await admin.get(`/kelola/instansi/${c.slug}/ubah`);
    expect(inputValue(admin.lastHtml, 'headName')).toBe('Kepala Lama');
    const res = await admin.post(`/kelola/instansi/${c.slug}/ubah`, {
      _csrf: admin.csrfToken(),
      name: c.name,
      shortName: c.shortName,
      type: 'badan',
      headName: 'Kepala Baru',
      headTitle: '',
      address: '',
      phone: '',
      email: '',
      website: '',
      subdomain: c.subdomain ?? '',
    });
    expect(res.statusCode).toBe(303);
    const after = await t.deps.agencies.getAgencyBySlug(c.slug);
    expect(after).toMatchObject({ type: 'badan', headName: 'Kepala Baru', phone: null });
    const ev = await t.database.db.selectFrom('audit_events').selectAll().where('action', '=', 'agency.update').where('entity_id', '=', c.id).executeTakeFirstOrThrow();
    expect(ev.before).toMatchObject({ head_name: 'Kepala Lama', phone: '(0380) 800001', type: 'dinas' });
    expect(ev.after).toMatchObject({ head_name: 'Kepala Baru', phone: null, type: 'badan' });
    expect(ev.agency_id).toBe(c.id);
  });

  it('an edit to a duplicate short name is refused with 409 and keeps the form', async () => {
    const c = await makeAgency(t);
    await admin.get(`/kelola/instansi/${c.slug}/ubah`);
    const res = await admin.post(`/kelola/instansi/${c.slug}/ubah`, { _csrf: admin.csrfToken(), name: 'Nama Baru', shortName: agencyB.shortName.toLowerCase(), type: 'dinas' });
    expect(res.statusCode).toBe(409);
    expect(inputValue(res.body, 'name')).toBe('Nama Baru');
    expect((await t.deps.agencies.getAgencyBySlug(c.slug))?.name).toBe(c.name);
  });

  it('deactivation never deletes: the agency leaves the portal, stays in the back office, and can be reactivated', async () => {
    const c = await makeAgency(t);
    const confirm = await admin.get(`/kelola/instansi/${c.slug}/nonaktifkan`);
    expect(confirm.statusCode).toBe(200);
    const res = await admin.post(`/kelola/instansi/${c.slug}/nonaktifkan`, { _csrf: admin.csrfToken() });
    expect(res.statusCode).toBe(303);
    expect((await t.app.inject({ url: `/api/v1/agencies/${c.slug}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/instansi/${c.slug}` })).statusCode).toBe(404);
    const list = (await t.app.inject({ url: '/api/v1/agencies' })).json() as { items: { slug: string }[] };
    expect(list.items.map((a) => a.slug)).not.toContain(c.slug);
    const bo = await admin.get(`/kelola/instansi?status=inactive`);
    expect(textOf(bo.body)).toContain(c.name);
    expect(await t.database.db.selectFrom('agencies').select('active').where('id', '=', c.id).executeTakeFirst()).toEqual({ active: false });
    const ev = await t.database.db.selectFrom('audit_events').select(['action']).where('entity_id', '=', c.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(ev.action).toBe('agency.deactivate');
    await admin.get(`/kelola/instansi/${c.slug}`);
    expect((await admin.post(`/kelola/instansi/${c.slug}/aktifkan`, { _csrf: admin.csrfToken() })).statusCode).toBe(303);
    expect((await t.app.inject({ url: `/api/v1/agencies/${c.slug}` })).statusCode).toBe(200);
  });

  it('[P-6] the agency list sorts by a column through plain links that keep the filters', async () => {
    const names = (html: string) => [...html.matchAll(/<th scope="row" class="primary" data-label="[^"]*"><a href="[^"]*">([^<]*)<\/a>/g)].map((m) => m[1]!);
    const asc = await admin.get('/kelola/instansi?urut=name&arah=naik');
    const desc = await admin.get('/kelola/instansi?urut=name&arah=turun');
    const up = names(asc.body);
    expect(up.length).toBeGreaterThan(1);
    expect(names(desc.body)).toEqual([...up].reverse());
    expect(asc.body).toContain('aria-sort="ascending"');
    // The header link reverses the order and keeps the filter typed.
    const filtered = await admin.get('/kelola/instansi?q=dinas&urut=name&arah=naik');
    expect(filtered.body).toContain('href="/kelola/instansi?q=dinas&amp;urut=name&amp;arah=turun"');
    // An unknown column is ignored (default order), never an error.
    expect((await admin.get('/kelola/instansi?urut=password&arah=turun')).statusCode).toBe(200);
  });

  it('lists agencies filtered by type and searched by name', async () => {
    await makeAgency(t, { name: 'Rumah Sakit Umum Daerah Uji', shortName: 'RSUD-UJI', type: 'rsud' });
    const byType = textOf((await admin.get('/kelola/instansi?jenis=rsud')).body);
    expect(byType).toContain('Rumah Sakit Umum Daerah Uji');
    expect(byType).not.toContain('Dinas Kesehatan Uji');
    const byName = textOf((await admin.get('/kelola/instansi?q=kesehatan')).body);
    expect(byName).toContain('Dinas Kesehatan Uji');
    expect(byName).not.toContain('Rumah Sakit Umum Daerah Uji');
    const api = (await t.app.inject({ url: '/api/v1/agencies?type=rsud' })).json() as { items: { slug: string; type: string }[] };
    expect(api.items.length).toBeGreaterThan(0);
    expect(api.items.every((a) => a.type === 'rsud')).toBe(true);
  });

  it('[P-11] the agency pages are in English when the person chose English', async () => {
    const c = await signInAs(t, (await makeStaff(t, 'super_admin', null)).userId);
    await c.get('/bahasa/en?kembali=/kelola/instansi');
    const page = await c.get('/kelola/instansi/baru');
    expect(textOf(page.body)).toContain('Add an agency');
    const bad = await c.submit('/kelola/instansi/baru', { name: 'X', shortName: '', type: '' });
    expect(textOf(bad.body)).toContain('There is a problem');
    expect(textOf(bad.body)).toContain('Choose the type of agency.');
  });
});

describe(`agencies: who may do what (${engine})`, () => {
  it('[S-1] an agency admin sees only his own agency and cannot open agency B (403 page)', async () => {
    const aa = await makeStaff(t, 'agency_admin', agencyA);
    const c = await signInAs(t, aa.userId);
    const list = textOf((await c.get('/kelola/instansi')).body);
    expect(list).toContain(agencyA.name);
    expect(list).not.toContain(agencyB.name);
    expect((await c.get(`/kelola/instansi/${agencyA.slug}`)).statusCode).toBe(200);
    const other = await c.get(`/kelola/instansi/${agencyB.slug}`);
    expect(other.statusCode).toBe(403);
    expect(textOf(other.body)).toContain('Anda tidak berwenang');
  });

  it('[S-1] an agency admin cannot create or change agencies (403 page and API, nothing written)', async () => {
    const aa = await makeStaff(t, 'agency_admin', agencyA);
    const c = await signInAs(t, aa.userId);
    const before = await count('agencies');
    expect((await c.get('/kelola/instansi/baru')).statusCode).toBe(403);
    await c.get('/');
    const post = await c.post('/kelola/instansi/baru', { _csrf: c.csrfToken(), name: 'Dinas Gelap', shortName: 'GELAP', type: 'dinas' });
    expect(post.statusCode).toBe(403);
    expect((await c.get(`/kelola/instansi/${agencyA.slug}/ubah`)).statusCode).toBe(403);
    const api = await apiAs(c, 'POST', '/api/v1/agencies', { slug: 'gelap', name: 'Dinas Gelap', shortName: 'GELAP', type: 'dinas' });
    expect(api.statusCode).toBe(403);
    const patch = await apiAs(c, 'PATCH', `/api/v1/agencies/${agencyA.slug}`, { name: 'Dinas Ganti Nama' });
    expect(patch.statusCode).toBe(403);
    expect(await count('agencies')).toBe(before);
    expect((await t.deps.agencies.getAgencyBySlug(agencyA.slug))?.name).toBe(agencyA.name);
  });

  it('[S-1] an operator or a citizen has no agency administration; signed-out visitors are sent to sign in', async () => {
    const op = await signInAs(t, (await makeStaff(t, 'operator', agencyA)).userId);
    expect((await op.get('/kelola/instansi')).statusCode).toBe(403);
    expect((await op.get(`/kelola/instansi/${agencyA.slug}`)).statusCode).toBe(403);
    const anon = new TestClient(t.app);
    const res = await anon.get('/kelola/instansi');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/masuk\?kembali=/);
    expect((await anon.api('POST', '/api/v1/agencies', { slug: 'x' })).statusCode).toBe(401);
  });

  it('a super admin changes an agency through the API; bad input is 422 with fields', async () => {
    const c = await makeAgency(t);
    const ok = await apiAs(admin, 'PATCH', `/api/v1/agencies/${c.slug}`, { headName: 'Kepala API', website: 'https://api.ujiprov.go.id' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ slug: c.slug, head: { name: 'Kepala API' }, contact: { website: 'https://api.ujiprov.go.id' } });
    const bad = await apiAs(admin, 'PATCH', `/api/v1/agencies/${c.slug}`, { subdomain: 'Bad Label', email: 'x' });
    expect(bad.statusCode).toBe(422);
    expect((bad.json().error.fields as { field: string }[]).map((f) => f.field).sort()).toEqual(['email', 'subdomain']);
    const created = await apiAs(admin, 'POST', '/api/v1/agencies', { slug: 'biro-api', name: 'Biro API', shortName: 'BIRO API', type: 'biro' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ slug: 'biro-api', active: true });
    expect(created.json()).not.toHaveProperty('id');
    const off = await apiAs(admin, 'PATCH', '/api/v1/agencies/biro-api', { active: false });
    expect(off.json()).toMatchObject({ active: false });
  });

  it('the public agency page shows who leads it and how to reach it', async () => {
    const res = await t.app.inject({ url: `/instansi/${agencyA.slug}` });
    expect(res.statusCode).toBe(200);
    expect(textOf(res.body)).toContain(agencyA.name);
    expect((await t.app.inject({ url: '/instansi/tidak-ada' })).statusCode).toBe(404);
  });
});

describe(`two-step verification for administrators (${engine})`, () => {
  let strict: TestApp;
  beforeAll(async () => {
    strict = await createTestApp({ requireAdminMfa: true });
    await makeRegion(strict);
  });
  afterAll(async () => strict?.close());

  it('[S-1] an administrator without TOTP is sent to enrol before any back-office page', async () => {
    const sa = await makeStaff(strict, 'super_admin', null);
    const c = await signInAs(strict, sa.userId);
    for (const path of ['/kelola/instansi', '/kelola/pengguna', '/kelola/wilayah', '/kelola/audit']) {
      const res = await c.get(path);
      expect(res.statusCode, path).toBe(303);
      expect(res.headers.location).toBe('/akun/keamanan/totp');
    }
    const api = await c.api('POST', '/api/v1/agencies', { slug: 'x', name: 'X', shortName: 'X', type: 'dinas' }, { 'x-csrf-token': 'x' });
    expect(api.statusCode).toBe(403);
  });
});
