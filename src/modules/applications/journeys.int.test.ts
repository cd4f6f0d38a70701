// Journeys on the demo catalogue's own forms: a citizen without a business account applies
// for "Izin Usaha Mikro dan Kecil" typing what the account does not hold, a counter officer
// files for a walk-in registered without e-mail, and conditional fields count only when their
// condition holds.
import { nikMatch, openPerson } from '../identity/index.ts';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { multipart, TestClient, textOf, tinyPdf, type MultipartFile } from '../../../test/http.ts';
import { makeAgency, makeCitizen, makeServiceWithSop, makeStaff, signInAs } from '../../../test/factories.ts';
import type { AgencyView } from '../agencies/agencies.service.ts';
import { demoServices } from '../catalog/demo-catalog.ts';
import type { Actor } from '../../platform/auth/actor.ts';

let t: TestApp;
let agency: AgencyView;
const SLUG = 'izin-usaha-mikro-kecil';
const iumk = demoServices.find((s) => s.slug === SLUG)!;

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
const files: MultipartFile[] = [
  { field: 'ktp', name: 'ktp.pdf', type: 'application/pdf', bytes: tinyPdf },
  { field: 'foto_usaha', name: 'warung.png', type: 'image/png', bytes: png },
];
/** The business part of the IUMK form, typed by the applicant (a citizen holds none of it). */
const business = {
  nama_usaha: 'Warung Makan Sumba Indah',
  bidang_usaha: 'Warung makan',
  modal_usaha: '25000000',
  'alamat_usaha.province': '53',
  'alamat_usaha.regency': '53.71',
  'alamat_usaha.district': '53.71.04',
  'alamat_usaha.village': '53.71.04.1009',
  'alamat_usaha.street': 'Jl. Frans Seda 12',
  punya_npwp: 'false',
};
const trackingOf = (location: unknown) => /\/permohonan\/([^/]+)\/tanda-terima/.exec(String(location ?? ''))?.[1] ?? '';

async function post(c: TestClient, url: string, fields: Record<string, string>, withFiles = files) {
  const page = await c.get(url);
  expect(page.statusCode).toBe(200);
  const key = /name="idempotency_key" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  return { page, res: await c.request('POST', url, multipart({ _csrf: c.csrfToken(), idempotency_key: key, ...fields }, withFiles)) };
}

async function formDataOf(tracking: string): Promise<Record<string, unknown>> {
  const row = await t.database.db.selectFrom('applications').select('form_data').where('tracking_number', '=', tracking).executeTakeFirstOrThrow();
  return (typeof row.form_data === 'string' ? JSON.parse(row.form_data) : row.form_data) as Record<string, unknown>;
}

beforeAll(async () => {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'simpul-journeys-'));
  t = await createTestApp({ requireAdminMfa: false, dataDir });
  agency = await makeAgency(t);
  await makeServiceWithSop(t, agency, { slug: SLUG, content: iumk.content as Record<string, unknown>, form: iumk.form });
});
afterAll(async () => t?.close());

describe(`IUMK by a citizen without a business account (${engine})`, () => {
  it('[P-4] [P-3] the account data is read-only, the business name is a field to type, and the application succeeds with it', async () => {
    const u = await makeCitizen(t);
    const c = await signInAs(t, u.userId);
    const url = `/layanan/${SLUG}/ajukan`;
    const form = await c.get(url);
    expect(form.statusCode).toBe(200);
    const text = textOf(form.body);
    // What the account holds: shown, not typed, with the way to change it.
    expect(text).toContain('Data dari akun Anda');
    expect(text).toContain('Warga Uji');
    expect(text).toContain(u.email);
    expect(form.body).toContain('href="/akun"');
    expect(text).toContain('Ubah di halaman Akun');
    expect(form.body).not.toContain('name="nama"');
    expect(form.body).not.toContain('name="email"');
    // What it does not hold: typed on the form.
    expect(form.body).toContain('name="nama_usaha"');
    expect(text).toContain('Nama usaha (wajib)');
    expect(form.body).toContain('name="alamat_usaha.village"');

    const { res } = await post(c, url, { ...business, nama: 'Nama Lain', email: 'lain@contoh.id' });
    expect(res.statusCode).toBe(303);
    const tracking = trackingOf(res.headers.location);
    expect(tracking).not.toBe('');
    const data = await formDataOf(tracking);
    expect(data).toMatchObject({ nama: 'Warga Uji', email: u.email, nama_usaha: 'Warung Makan Sumba Indah', modal_usaha: 25_000_000 });
    expect(data.alamat_usaha).toMatchObject({ province: '53', village: '53.71.04.1009' });
  });

  it('[P-6] [P-4] the officer can send back the typed business name (not the account data); the applicant corrects it', async () => {
    const u = await makeCitizen(t);
    const c = await signInAs(t, u.userId);
    const { res } = await post(c, `/layanan/${SLUG}/ajukan`, business);
    const tracking = trackingOf(res.headers.location);
    const v = await makeStaff(t, 'verifier', agency);
    const verifier: Actor = { userId: v.userId, kind: 'staff', name: v.name, locale: 'id', grants: [{ role: 'verifier', agencyId: agency.id }], mfaPassed: true, mfaEnrolled: false, sessionId: null, via: 'session' };
    const detail = await t.deps.processing.state(verifier, tracking);
    expect(detail.formFields.map((f) => f.key)).toContain('nama_usaha');
    expect(detail.formFields.map((f) => f.key)).not.toContain('nama');
    await t.deps.processing.claim({ actor: verifier }, tracking, 1);
    await t.deps.processing.act({ actor: verifier }, tracking, { action: 'send_back', seq: 1, note: 'Nama usaha tidak sesuai papan nama', fields: ['nama_usaha', 'nama'] });
    expect((await t.deps.applications.getByTracking(tracking))!.correction?.fields).toEqual(['nama_usaha']);
    const page = await c.get(`/permohonan/${tracking}/perbaiki`);
    expect(page.body).toContain('name="nama_usaha"');
    expect(page.body).not.toContain('name="nama"');
    const fixed = await c.request('POST', `/permohonan/${tracking}/perbaiki`, multipart({ _csrf: c.csrfToken(), nama_usaha: 'Warung Sumba Indah', nama: 'Nama Lain' }));
    expect(fixed.statusCode).toBe(303);
    expect(await formDataOf(tracking)).toMatchObject({ nama_usaha: 'Warung Sumba Indah', nama: 'Warga Uji' });
  });

  it('[P-4] [S-5] a business name left empty gives 422 with the message, keeping what was typed', async () => {
    const u = await makeCitizen(t);
    const c = await signInAs(t, u.userId);
    const { res } = await post(c, `/layanan/${SLUG}/ajukan`, { ...business, nama_usaha: '' });
    expect(res.statusCode).toBe(422);
    expect(textOf(res.body)).toContain('Nama usaha: Wajib diisi.');
    expect(res.body).toContain('<option value="53.71" selected>Kota Kupang</option>');
    expect(res.body).toContain('<option value="53.71.04.1009" selected>Oebufu</option>');
  });

  it('[P-4] the address is chosen from the official region codes: the region\'s province first, and without JavaScript "Pilih" loads the next level keeping everything typed', async () => {
    const u = await makeCitizen(t);
    const c = await signInAs(t, u.userId);
    const url = `/layanan/${SLUG}/ajukan`;
    const fresh = await c.get(url);
    // The test region's province (53) is preselected and its regencies listed.
    expect(fresh.body).toContain('<option value="53" selected>Nusa Tenggara Timur</option>');
    expect(fresh.body).toContain('<option value="53.71">Kota Kupang</option>');
    expect(fresh.body).toContain('src="/assets/address.js"');
    // "Pilih" after the regency: kept as a draft (nothing submitted), the districts of Kota Kupang shown.
    const step = await c.request('POST', url, multipart({ _csrf: c.csrfToken(), nama_usaha: 'Toko Kupang', 'alamat_usaha.province': '53', 'alamat_usaha.regency': '53.71', _pilih: 'alamat_usaha.regency' }, []));
    expect(step.statusCode).toBe(303);
    expect(String(step.headers.location)).toBe(`${url}#f-alamat_usaha.regency`);
    const again = await c.get(url);
    expect(again.body).toContain('value="Toko Kupang"');
    expect(again.body).toContain('<option value="53.71" selected>Kota Kupang</option>');
    expect(again.body).toContain('<option value="53.71.04">Oebobo</option>');
    expect(again.body).not.toContain('error-summary');
    expect(await t.database.db.selectFrom('applications').select('status').where('applicant_id', '=', u.userId).execute()).toEqual([{ status: 'draft' }]);
    // A village of another district is refused with a message in words.
    const { res } = await post(c, url, { ...business, 'alamat_usaha.village': '53.71.01.1001' });
    expect(res.statusCode).toBe(422);
    expect(textOf(res.body)).toContain('Desa/kelurahan yang dipilih tidak berada di kecamatan itu.');
    expect(textOf(res.body)).not.toMatch(/\((province|regency|district|village)\)/);
  });
});

describe(`an address typed on a form, saved to the account with consent (${engine})`, () => {
  const PPID = 'permohonan-informasi-publik';
  const ppid = demoServices.find((x) => x.slug === PPID)!;
  const request = {
    'alamat.province': '53',
    'alamat.regency': '53.71',
    'alamat.district': '53.71.04',
    'alamat.village': '53.71.04.1009',
    'alamat.street': 'Jl. Frans Seda 12',
    rincian_informasi: 'Daftar penerima hibah tahun 2025 beserta nilainya.',
    tujuan_penggunaan: 'Penelitian skripsi.',
    cara_memperoleh: 'email',
  };
  beforeAll(async () => {
    await makeServiceWithSop(t, agency, { slug: PPID, content: ppid.content as Record<string, unknown>, form: ppid.form });
  });
  const addressOnAccount = async (c: TestClient) => ((await c.api('GET', '/api/v1/me')).json() as { address: { villageCode: string | null; street: string | null } | null }).address;

  it('[P-4] ticking "save to my account" stores the typed address; the next form starts from it and offers no box', async () => {
    const u = await makeCitizen(t);
    const c = await signInAs(t, u.userId);
    const url = `/layanan/${PPID}/ajukan`;
    const form = await c.get(url);
    expect(form.body).toContain('name="simpan_alamat"');
    expect(textOf(form.body)).toContain('Simpan alamat pada kolom «Alamat sesuai KTP» ke akun saya');
    const { res } = await post(c, url, { ...request, simpan_alamat: 'ya' }, [files[0]!]);
    expect(res.statusCode).toBe(303);
    expect(await addressOnAccount(c)).toMatchObject({ villageCode: '53.71.04.1009', street: 'Jl. Frans Seda 12' });
    const again = await c.get(url);
    expect(again.body).not.toContain('name="simpan_alamat"');
    expect(again.body).toContain('<option value="53.71.04.1009" selected>Oebufu</option>');
  });

  it('[P-4] without the tick nothing is saved to the account; an address already on the account is never overwritten by a form', async () => {
    const u = await makeCitizen(t);
    const c = await signInAs(t, u.userId);
    const { res } = await post(c, `/layanan/${PPID}/ajukan`, request, [files[0]!]);
    expect(res.statusCode).toBe(303);
    expect(await addressOnAccount(c)).toBeNull();
    // Saved once with consent, then a form about another place (forged tick) leaves it as it was.
    await post(c, `/layanan/${PPID}/ajukan`, { ...request, simpan_alamat: 'ya' }, [files[0]!]);
    const other = { ...request, 'alamat.district': '53.71.01', 'alamat.village': '53.71.01.1001', 'alamat.street': 'Jl. Lain 1', simpan_alamat: 'ya' };
    expect((await post(c, `/layanan/${PPID}/ajukan`, other, [files[0]!])).res.statusCode).toBe(303);
    expect(await addressOnAccount(c)).toMatchObject({ villageCode: '53.71.04.1009', street: 'Jl. Frans Seda 12' });
  });
});

describe(`counter filing for a walk-in without e-mail (${engine})`, () => {
  it('[P-1] [P-4] the walk-in\'s address is chosen from official region codes ("Pilih" keeps what was typed) and stored by code', async () => {
    const o = await signInAs(t, (await makeStaff(t, 'counter_officer', agency)).userId);
    const nik = '5371014507900458';
    await o.get('/kelola/loket');
    const found = await o.post('/kelola/loket', { _csrf: o.csrfToken(), nik });
    expect(found.body).toContain('<option value="53" selected>Nusa Tenggara Timur</option>');
    const step = await o.post('/kelola/loket/warga', { _csrf: o.csrfToken(), nik, name: 'Agustina Bria', 'address.province': '53', 'address.regency': '53.71', _pilih: 'address.regency' });
    expect(step.statusCode).toBe(200);
    expect(step.body).toContain('value="Agustina Bria"');
    expect(step.body).toContain('<option value="53.71.04">Oebobo</option>');
    const reg = await o.post('/kelola/loket/warga', { _csrf: o.csrfToken(), nik, name: 'Agustina Bria', 'address.province': '53', 'address.regency': '53.71', 'address.district': '53.71.04', 'address.village': '53.71.04.1009', 'address.street': 'RT 03/RW 01' });
    expect(reg.statusCode).toBe(303);
    expect(openPerson(await t.database.db.selectFrom('users').select(['address', 'address_area', 'email']).where(nikMatch(nik)).executeTakeFirstOrThrow())).toEqual({ address: 'RT 03/RW 01', address_area: '53.71.04.1009', email: null });
  });

  it('[P-1] [P-3] the officer types what the walk-in record lacks; e-mail is never required', async () => {
    const o = await signInAs(t, (await makeStaff(t, 'counter_officer', agency)).userId);
    const nik = '5371014507900456';
    await o.get('/kelola/loket');
    expect((await o.post('/kelola/loket', { _csrf: o.csrfToken(), nik })).statusCode).toBe(200);
    const reg = await o.post('/kelola/loket/warga', { _csrf: o.csrfToken(), nik, name: 'Maria Ndapa', phone: '0813 3333 4444' });
    expect(reg.statusCode).toBe(303);
    const personId = /pemohon=([0-9a-f-]+)/.exec(String(reg.headers.location))?.[1] ?? '';
    const url = `/kelola/loket/layanan/${SLUG}?pemohon=${personId}`;
    const { page, res } = await post(o, url, business);
    // The e-mail is offered as an optional field, the business name as a field to type.
    expect(textOf(page.body)).toContain('Alamat e-mail (opsional)');
    expect(textOf(page.body)).not.toContain('Diisi dari data akun Anda');
    expect(page.body).toContain('name="nama_usaha"');
    expect(textOf(page.body)).not.toContain('Ubah di halaman Akun');
    expect(textOf(res.body)).not.toContain('Wajib diisi');
    expect(res.statusCode).toBe(303);
    const tracking = trackingOf(res.headers.location);
    const data = await formDataOf(tracking);
    expect(data).toMatchObject({ nama: 'Maria Ndapa', nik, telepon: '+6281333334444', nama_usaha: 'Warung Makan Sumba Indah' });
    expect(data).not.toHaveProperty('email');
  });

  it('[P-1] [S-5] an e-mail typed at the counter is still checked', async () => {
    const o = await signInAs(t, (await makeStaff(t, 'counter_officer', agency)).userId);
    const nik = '5371014507900457';
    await o.get('/kelola/loket');
    await o.post('/kelola/loket', { _csrf: o.csrfToken(), nik });
    const reg = await o.post('/kelola/loket/warga', { _csrf: o.csrfToken(), nik, name: 'Petrus Ama', phone: '0813 5555 6666' });
    const personId = /pemohon=([0-9a-f-]+)/.exec(String(reg.headers.location))?.[1] ?? '';
    const { res } = await post(o, `/kelola/loket/layanan/${SLUG}?pemohon=${personId}`, { ...business, email: 'bukan-email' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('value="bukan-email"');
  });
});

describe(`conditional fields (${engine})`, () => {
  it('[P-3] [S-5] a conditional field says when to fill it in and is required only when its condition holds', async () => {
    const u = await makeCitizen(t);
    const c = await signInAs(t, u.userId);
    const url = `/layanan/${SLUG}/ajukan`;
    const page = await c.get(url);
    const text = textOf(page.body);
    // Without JavaScript: shown with its condition in words instead of "(wajib)".
    expect(text).toContain('NPWP (isi bila Sudah punya NPWP? = Ya)');
    expect(text).not.toContain('NPWP (wajib)');
    expect(page.body).toContain('data-show-if="punya_npwp" data-show-value="true"');
    expect(page.body).toContain('<script src="/assets/conditional.js" defer');
    // The condition holds and the field is empty: required.
    const needed = await post(c, url, { ...business, punya_npwp: 'true' });
    expect(needed.res.statusCode).toBe(422);
    expect(textOf(needed.res.body)).toContain('NPWP: Wajib diisi.');
    // The condition does not hold: whatever was sent is ignored and not stored.
    const ignored = await post(c, url, { ...business, punya_npwp: 'false', npwp: 'bukan npwp' });
    expect(ignored.res.statusCode).toBe(303);
    expect(await formDataOf(trackingOf(ignored.res.headers.location))).not.toHaveProperty('npwp');
    // The condition holds and the field is filled: stored.
    const u2 = await makeCitizen(t);
    const c2 = await signInAs(t, u2.userId);
    const filled = await post(c2, url, { ...business, punya_npwp: 'true', npwp: '0123456789012345' });
    expect(filled.res.statusCode).toBe(303);
    expect(await formDataOf(trackingOf(filled.res.headers.location))).toMatchObject({ npwp: '0123456789012345' });
  });

  it('[P-3] the script that toggles conditional fields is served', async () => {
    const res = await new TestClient(t.app).get('/assets/conditional.js');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-show-if');
  });
});
