import crypto from 'node:crypto';
import { openPerson } from '../identity/index.ts';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { multipart, TestClient, textOf, tinyPdf, type MultipartFile } from '../../../test/http.ts';
import { apiAs, makeAgency, makeCitizen, makeServiceWithSop, makeStaff, signInAs, testApplicantSection, testKtpRequirement, testServiceContent } from '../../../test/factories.ts';
import type { AgencyView } from '../agencies/agencies.service.ts';
import { citizen as registrationData, registerAndConfirm } from '../identity/test-support.ts';
import type { Actor } from '../../platform/auth/actor.ts';

let t: TestApp;
let shortName: string;
let agency: AgencyView;
const SLUG = 'izin-usaha-mikro';

const content = testServiceContent('Izin Usaha Mikro Kecil', {
  requirements: [testKtpRequirement, { key: 'luas', name: 'Luas tempat usaha', kind: 'data', mandatory: true }],
});
const form = {
  sections: [
    testApplicantSection({ key: 'nik_saksi', type: 'nik', label: 'NIK saksi' }),
    {
      key: 'usaha',
      title: 'Data usaha',
      fields: [
        { key: 'luas', type: 'number', label: 'Luas (m²)', required: true, rules: { min: 1 } },
        { key: 'punya_cabang', type: 'yesno', label: 'Punya cabang?', required: true },
        { key: 'jumlah_cabang', type: 'number', label: 'Jumlah cabang', required: true, visibleIf: { field: 'punya_cabang', equals: true } },
        { key: 'ktp', type: 'file', label: 'KTP', required: true, requirementKey: 'ktp' },
      ],
    },
  ],
};

const pdf = tinyPdf;
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);

type File = MultipartFile;

const ktp: File = { field: 'ktp', name: 'ktp.pdf', type: 'application/pdf', bytes: pdf };
const valid = { luas: '120', punya_cabang: 'false' };

/** Opens the form, then posts it with its CSRF token and idempotency key (unless given). */
async function apply(c: TestClient, fields: Record<string, string>, files: File[] = [ktp]) {
  const page = await c.get(`/layanan/${SLUG}/ajukan`);
  const key = /name="idempotency_key" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const body = multipart({ _csrf: c.csrfToken(), idempotency_key: key, ...fields }, files);
  return { res: await c.request('POST', `/layanan/${SLUG}/ajukan`, body), key };
}
const trackingOf = (location: unknown) => /\/permohonan\/([^/]+)\/tanda-terima/.exec(String(location ?? ''))?.[1] ?? '';

async function citizen() {
  const u = await makeCitizen(t);
  const nik = openPerson(await t.database.db.selectFrom('users').select('nik').where('id', '=', u.userId).executeTakeFirstOrThrow()).nik!;
  return { ...u, nik, client: await signInAs(t, u.userId) };
}

beforeAll(async () => {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'simpul-applications-'));
  t = await createTestApp({ requireAdminMfa: false, dataDir });
  agency = await makeAgency(t);
  shortName = agency.shortName;
  // Through the catalogue and workflow services: published, with testSop approved.
  await makeServiceWithSop(t, agency, { slug: SLUG, content, form });
});
afterAll(async () => t?.close());

describe(`applying online (${engine})`, () => {
  it('[P-3] someone not signed in is sent to sign in and back', async () => {
    const res = await new TestClient(t.app).get(`/layanan/${SLUG}/ajukan`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/masuk?kembali=${encodeURIComponent(`/layanan/${SLUG}/ajukan`)}`);
  });

  it('[P-4] the form shows the account data read-only, never as inputs to type again', async () => {
    const p = await citizen();
    const res = await p.client.get(`/layanan/${SLUG}/ajukan`);
    expect(res.statusCode).toBe(200);
    const text = textOf(res.body);
    expect(text).toContain('Data dari akun Anda');
    expect(text).toContain('Warga Uji');
    expect(text).toContain(p.nik.slice(-4));
    expect(text).not.toContain(p.nik);
    expect(res.body).not.toContain('name="nama"');
    expect(res.body).not.toContain('name="nik"');
    expect(res.body).toContain('name="luas"');
    expect(res.body).toContain('enctype="multipart/form-data"');
  });

  it('[P-3] [P-4] a valid application gets a tracking number and a printable receipt', async () => {
    const p = await citizen();
    const { res } = await apply(p.client, { ...valid, nama: 'Nama Palsu', nik: '5371011208859999' });
    expect(res.statusCode).toBe(303);
    const tracking = trackingOf(res.headers.location);
    expect(tracking).toMatch(new RegExp(`^\\d{4}-${shortName}-\\d{6}$`));
    const receipt = await p.client.get(`/permohonan/${tracking}/tanda-terima`);
    expect(receipt.statusCode).toBe(200);
    expect(receipt.body).toContain('/assets/simpul.css');
    const text = textOf(receipt.body);
    for (const s of [tracking, 'Izin Usaha Mikro Kecil', 'Warga Uji', 'KTP pemohon', 'ktp.pdf', 'WITA']) expect(text).toContain(s);
    expect(text).not.toContain(p.nik);
    // Prefilled fields come from the account, not from what was posted.
    const row = await t.database.db.selectFrom('applications').select(['form_data', 'status', 'channel']).where('tracking_number', '=', tracking).executeTakeFirstOrThrow();
    const data = (typeof row.form_data === 'string' ? JSON.parse(row.form_data) : row.form_data) as Record<string, unknown>;
    expect(data).toMatchObject({ nama: 'Warga Uji', nik: p.nik, luas: 120, punya_cabang: false });
    expect(row).toMatchObject({ status: 'submitted', channel: 'online' });
    const mine = await p.client.get('/permohonan');
    expect(textOf(mine.body)).toContain(tracking);
    const detail = await p.client.get(`/permohonan/${tracking}`);
    expect(textOf(detail.body)).toContain('Permohonan diajukan');
  });

  it('[P-3] [S-5] missing, wrongly typed and conditional fields and a bad NIK: 422 with messages, typed values kept', async () => {
    const p = await citizen();
    const { res } = await apply(p.client, { luas: 'seratus', punya_cabang: 'true', nik_saksi: '12345' }, []);
    expect(res.statusCode).toBe(422);
    const text = textOf(res.body);
    expect(text).toContain('Ada yang perlu diperbaiki');
    expect(text).toContain('Isi dengan angka');
    expect(text).toContain('Jumlah cabang: Wajib diisi.');
    expect(text).toContain('NIK harus 16 angka');
    expect(text).toContain('KTP: Unggah dokumen ini.');
    expect(res.body).toContain('value="seratus"');
    expect(res.body).toContain('value="12345"');
    expect(await t.database.db.selectFrom('applications').select('id').where('applicant_id', '=', p.userId).where('status', '=', 'submitted').execute()).toHaveLength(0);
    // The hidden conditional field does not count when its condition does not hold.
    const ok = await apply(p.client, { ...valid, jumlah_cabang: 'bukan angka' });
    expect(ok.res.statusCode).toBe(303);
  });

  it('[S-5] a PNG renamed .pdf is refused by its content', async () => {
    const p = await citizen();
    const { res } = await apply(p.client, valid, [{ field: 'ktp', name: 'ktp.pdf', type: 'application/pdf', bytes: png }]);
    expect(res.statusCode).toBe(422);
    expect(textOf(res.body)).toContain('Jenis berkas PNG tidak diterima');
    expect(await t.database.db.selectFrom('application_attachments as x').innerJoin('applications as a', 'a.id', 'x.application_id').select('x.id').where('a.applicant_id', '=', p.userId).execute()).toHaveLength(0);
  });

  it('[P-3] a saved draft keeps the values and the upload; it is submitted later without uploading again', async () => {
    const p = await citizen();
    const { res } = await apply(p.client, { luas: '75', aksi: 'draf' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/layanan/${SLUG}/ajukan?ok=draf`);
    const again = await p.client.get(`/layanan/${SLUG}/ajukan?ok=draf`);
    expect(textOf(again.body)).toContain('Draf tersimpan');
    expect(again.body).toContain('value="75"');
    expect(textOf(again.body)).toContain('ktp.pdf');
    expect(textOf((await p.client.get('/permohonan')).body)).toContain('Lanjutkan draf');
    const done = await apply(p.client, { luas: '75', punya_cabang: 'false' }, []);
    expect(done.res.statusCode).toBe(303);
    expect(trackingOf(done.res.headers.location)).not.toBe('');
    expect(await t.database.db.selectFrom('applications').select('id').where('applicant_id', '=', p.userId).execute()).toHaveLength(1);
  });

  it('[P-3] a double click (same idempotency key) makes one application', async () => {
    const p = await citizen();
    await p.client.get(`/layanan/${SLUG}/ajukan`);
    const fields = { _csrf: p.client.csrfToken(), idempotency_key: crypto.randomUUID(), ...valid };
    const first = await p.client.request('POST', `/layanan/${SLUG}/ajukan`, multipart(fields, [ktp]));
    const second = await p.client.request('POST', `/layanan/${SLUG}/ajukan`, multipart(fields, [ktp]));
    expect(first.statusCode).toBe(303);
    expect(second.statusCode).toBe(303);
    expect(second.headers.location).toBe(first.headers.location);
    expect(await t.database.db.selectFrom('applications').select('id').where('applicant_id', '=', p.userId).execute()).toHaveLength(1);
  });

  it('[P-3] concurrent submissions get distinct tracking numbers', async () => {
    const people = await Promise.all([citizen(), citizen(), citizen(), citizen()]);
    const bodies = await Promise.all(
      people.map(async (p) => {
        await p.client.get(`/layanan/${SLUG}/ajukan`);
        return multipart({ _csrf: p.client.csrfToken(), idempotency_key: crypto.randomUUID(), ...valid }, [ktp]);
      }),
    );
    const results = await Promise.all(people.map((p, i) => p.client.request('POST', `/layanan/${SLUG}/ajukan`, bodies[i])));
    const numbers = results.map((r) => trackingOf(r.headers.location));
    expect(results.map((r) => r.statusCode)).toEqual([303, 303, 303, 303]);
    expect(new Set(numbers).size).toBe(4);
  });

  it('[P-3] another citizen gets 404 on someone else\'s application and receipt', async () => {
    const owner = await citizen();
    const { res } = await apply(owner.client, valid);
    const tracking = trackingOf(res.headers.location);
    const other = await citizen();
    expect((await other.client.get(`/permohonan/${tracking}`)).statusCode).toBe(404);
    expect((await other.client.get(`/permohonan/${tracking}/tanda-terima`)).statusCode).toBe(404);
    expect(textOf((await other.client.get('/permohonan')).body)).not.toContain(tracking);
    await other.client.get('/permohonan');
    const w = await other.client.post(`/permohonan/${tracking}/tarik`, { _csrf: other.client.csrfToken() });
    expect(w.statusCode).toBe(404);
  });

  it('[P-3] the applicant withdraws while not yet processed, once', async () => {
    const p = await citizen();
    const tracking = trackingOf((await apply(p.client, valid)).res.headers.location);
    await p.client.get(`/permohonan/${tracking}`);
    const res = await p.client.post(`/permohonan/${tracking}/tarik`, { _csrf: p.client.csrfToken() });
    expect(res.statusCode).toBe(303);
    const page = await p.client.get(String(res.headers.location));
    expect(textOf(page.body)).toContain('Permohonan telah ditarik');
    expect(textOf(page.body)).toContain('Permohonan ditarik pemohon');
    const again = await p.client.post(`/permohonan/${tracking}/tarik`, { _csrf: p.client.csrfToken() });
    expect(again.statusCode).toBe(409);
    // Without the CSRF token nothing happens.
    expect((await p.client.post(`/permohonan/${tracking}/tarik`, {})).statusCode).toBe(403);
  });
});

describe(`public tracking (${engine})`, () => {
  it('[P-3] the number and the last 4 digits of the phone or NIK show the status; a wrong combination says only "not found"', async () => {
    const p = await citizen();
    const tracking = trackingOf((await apply(p.client, valid)).res.headers.location);
    const anon = new TestClient(t.app);
    const byPhone = await anon.get(`/lacak?nomor=${tracking}&akhir=7890`);
    expect(byPhone.statusCode).toBe(200);
    const text = textOf(byPhone.body);
    expect(text).toContain('Izin Usaha Mikro Kecil');
    expect(text).toContain('Diajukan');
    expect(text).not.toContain('Warga Uji');
    expect(text).not.toContain(p.nik);
    expect((await anon.get(`/lacak?nomor=${tracking.toLowerCase()}&akhir=${p.nik.slice(-4)}`)).statusCode).toBe(200);
    const wrong = await anon.get(`/lacak?nomor=${tracking}&akhir=0000`);
    const missing = await anon.get(`/lacak?nomor=2026-XXX-999999&akhir=7890`);
    expect(wrong.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(textOf(wrong.body)).toContain('Permohonan tidak ditemukan');
    expect(textOf(wrong.body)).toBe(textOf(missing.body).replace('2026-XXX-999999', tracking));
  });

  it('[S-5] tracking is rate-limited per address', async () => {
    const anon = new TestClient(t.app);
    let last = 0;
    for (let i = 0; i < 25; i++) last = (await anon.get(`/lacak?nomor=2026-X-${i}&akhir=1234`)).statusCode;
    expect(last).toBe(429);
  });
});

describe(`counter filing (${engine})`, () => {
  async function officer() {
    const u = await makeStaff(t, 'counter_officer', agency);
    return signInAs(t, u.userId);
  }

  async function fileAtCounter(c: TestClient, personId: string, fields: Record<string, string>, files: File[] = [ktp]) {
    const url = `/kelola/loket/layanan/${SLUG}?pemohon=${personId}`;
    const page = await c.get(url);
    expect(page.statusCode).toBe(200);
    const key = /name="idempotency_key" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    return c.request('POST', url, multipart({ _csrf: c.csrfToken(), idempotency_key: key, ...fields }, files));
  }

  it('[P-1] an officer finds a registered person by NIK, files on his behalf; he sees it in his account', async () => {
    const p = await citizen();
    const o = await officer();
    expect((await o.get('/kelola')).body).toContain('href="/kelola/loket"');
    await o.get('/kelola/loket');
    const found = await o.post('/kelola/loket', { _csrf: o.csrfToken(), nik: p.nik });
    expect(found.statusCode).toBe(303);
    const person = await o.get(String(found.headers.location));
    expect(textOf(person.body)).toContain('Warga Uji');
    expect(person.body).toContain(`/kelola/loket/layanan/${SLUG}?pemohon=${p.userId}`);
    const form = await o.get(`/kelola/loket/layanan/${SLUG}?pemohon=${p.userId}`);
    expect(textOf(form.body)).toContain('Diisi petugas loket atas nama Warga Uji');
    expect(form.body).not.toContain('value="draf"');
    const bad = await fileAtCounter(o, p.userId, { luas: 'x', punya_cabang: 'false' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('value="x"');
    const res = await fileAtCounter(o, p.userId, valid);
    expect(res.statusCode).toBe(303);
    const tracking = trackingOf(res.headers.location);
    expect(tracking).toMatch(new RegExp(`^\\d{4}-${shortName}-\\d{6}$`));
    const receipt = await o.get(String(res.headers.location));
    expect(receipt.statusCode).toBe(200);
    expect(textOf(receipt.body)).toContain('Loket');
    const row = await t.database.db.selectFrom('applications').selectAll().where('tracking_number', '=', tracking).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: 'counter', applicant_id: p.userId, status: 'submitted' });
    expect(row.filed_by).not.toBeNull();
    expect(textOf((await p.client.get('/permohonan')).body)).toContain(tracking);
    expect((await p.client.get(`/permohonan/${tracking}`)).statusCode).toBe(200);
  });

  it('[P-1] a walk-in person without e-mail is registered and his application tracked with his phone', async () => {
    const o = await officer();
    const nik = '5371014507900123';
    await o.get('/kelola/loket');
    const search = await o.post('/kelola/loket', { _csrf: o.csrfToken(), nik });
    expect(search.statusCode).toBe(200);
    expect(textOf(search.body)).toContain('Daftarkan pemohon baru');
    const bad = await o.post('/kelola/loket/warga', { _csrf: o.csrfToken(), nik, name: 'Yohanes Lado', phone: '12' });
    expect(bad.statusCode).toBe(422);
    const reg = await o.post('/kelola/loket/warga', { _csrf: o.csrfToken(), nik, name: 'Yohanes Lado', phone: '0813 1111 2222' });
    expect(reg.statusCode).toBe(303);
    const personId = /pemohon=([0-9a-f-]+)/.exec(String(reg.headers.location))?.[1] ?? '';
    // An unclaimed person: self-registration with the same NIK takes the record over.
    const user = await t.database.db.selectFrom('users').select(['email', 'password_hash', 'nik', 'status']).where('id', '=', personId).executeTakeFirstOrThrow().then((r) => openPerson(r));
    expect(user).toEqual({ email: null, password_hash: null, nik, status: 'pending' });
    const res = await fileAtCounter(o, personId, valid);
    const tracking = trackingOf(res.headers.location);
    await t.database.db.deleteFrom('rate_buckets').where('key', 'like', 'track:%').execute(); // the rate-limit test used this address up
    expect((await new TestClient(t.app).get(`/lacak?nomor=${tracking}&akhir=2222`)).statusCode).toBe(200);
    // He registers himself later with the same NIK: the record is his, with the application.
    const { c } = await registerAndConfirm(t, registrationData({ nik, name: 'Yohanes Lado' }));
    const mine = await c.get('/permohonan');
    expect(textOf(mine.body)).toContain(tracking);
  });

  it('[P-1] citizens and staff without the counter role cannot use the counter', async () => {
    const p = await citizen();
    expect((await p.client.get('/kelola/loket')).statusCode).toBe(403);
    const other = await makeAgency(t);
    const o = await signInAs(t, (await makeStaff(t, 'counter_officer', other)).userId);
    expect((await o.get(`/kelola/loket/layanan/${SLUG}?pemohon=${p.userId}`)).statusCode).toBe(403);
  });
});

describe(`applications API (${engine})`, () => {
  const SLUG2 = 'surat-keterangan-usaha';
  beforeAll(async () => {
    const noFile = { sections: [form.sections[0]!, { ...form.sections[1]!, fields: form.sections[1]!.fields.filter((f) => f.type !== 'file') }] };
    await makeServiceWithSop(t, agency, { slug: SLUG2, content: { ...content, name: 'Surat Keterangan Usaha' }, form: noFile });
  });

  it('[P-3] [I-2] submits with an Idempotency-Key once, reads its own application, tracks it publicly', async () => {
    const p = await citizen();
    await p.client.get('/');
    const headers = { 'x-csrf-token': p.client.csrfToken(), 'idempotency-key': crypto.randomUUID() };
    const body = { service: SLUG2, data: { luas: 40, punya_cabang: true, jumlah_cabang: '2' } };
    const first = await p.client.api('POST', '/api/v1/applications', body, headers);
    expect(first.statusCode).toBe(201);
    const app = first.json();
    expect(app).toMatchObject({ status: 'submitted', channel: 'online', data: { luas: 40, punya_cabang: true, jumlah_cabang: 2, nama: 'Warga Uji' } });
    const again = await p.client.api('POST', '/api/v1/applications', body, headers);
    expect(again.json().trackingNumber).toBe(app.trackingNumber);
    expect(await t.database.db.selectFrom('applications').select('id').where('applicant_id', '=', p.userId).execute()).toHaveLength(1);
    const own = await p.client.api('GET', `/api/v1/applications/${app.trackingNumber}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().events.map((e: { kind: string }) => e.kind)).toEqual(['created', 'submitted']);
    const other = await citizen();
    expect((await other.client.api('GET', `/api/v1/applications/${app.trackingNumber}`)).statusCode).toBe(404);
    await t.database.db.deleteFrom('rate_buckets').where('key', 'like', 'track:%').execute();
    const anon = new TestClient(t.app);
    const tracked = await anon.api('GET', `/api/v1/track?number=${app.trackingNumber}&last4=7890`);
    expect(tracked.statusCode).toBe(200);
    expect(JSON.stringify(tracked.json())).not.toContain('Warga Uji');
    expect((await anon.api('GET', `/api/v1/track?number=${app.trackingNumber}&last4=1111`)).statusCode).toBe(404);
    const doc = (await anon.api('GET', '/api/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/applications', '/api/v1/applications/{tracking}', '/api/v1/track']));
  });

  it('[S-5] bad values answer 422 with field messages in the caller\'s language', async () => {
    const p = await citizen();
    const res = await apiAs(p.client, 'POST', '/api/v1/applications', { service: SLUG2, data: { luas: 'banyak', punya_cabang: 'mungkin' } });
    expect(res.statusCode).toBe(422);
    const fields = res.json().error.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['luas', 'punya_cabang']));
    expect((await apiAs(p.client, 'POST', '/api/v1/applications', { service: 'tidak-ada', data: {} })).statusCode).toBe(404);
    expect((await new TestClient(t.app).api('POST', '/api/v1/applications', { service: SLUG2, data: {} })).statusCode).toBe(401);
  });

  it('[P-1] [I-2] an agency system files at the counter with a bearer token, with the KTP scan in the JSON body', async () => {
    const officer = await makeStaff(t, 'counter_officer', agency);
    const c = new TestClient(t.app);
    const login = await c.api('POST', '/api/v1/auth/login', { login: officer.email, password: officer.password });
    const token = (await c.api('POST', '/api/v1/me/tokens', { name: 'SIMBG dinas', expiresInDays: 30 }, { 'x-csrf-token': login.json().csrfToken })).json().token as string;
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() };
    const body = {
      service: SLUG,
      applicant: { nik: '5371014107900011', name: 'Yohanes Tefa', phone: '081377788899' },
      data: { luas: 18, punya_cabang: false },
      files: { ktp: { filename: 'ktp-yohanes.pdf', contentBase64: pdf.toString('base64') } },
    };
    // A file that is not what it claims is refused by its bytes, and nothing is filed.
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/counter/applications', headers: { ...auth, 'idempotency-key': crypto.randomUUID() }, payload: { ...body, files: { ktp: { filename: 'ktp.pdf', contentBase64: Buffer.from('bukan pdf').toString('base64') } } } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.fields.map((f: { field: string }) => f.field)).toContain('ktp');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/counter/applications', headers: auth, payload: body });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'submitted', channel: 'counter' });
    const tracking = res.json().trackingNumber as string;
    const row = (await t.deps.applications.getByTracking(tracking))!;
    expect(row.applicantName).toBe('Yohanes Tefa');
    expect((await t.deps.applications.attachments(row.id)).map((a) => [a.fieldKey, a.contentType])).toEqual([['ktp', 'application/pdf']]);
    // The same key answers the same application.
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/counter/applications', headers: auth, payload: body });
    expect(again.json().trackingNumber).toBe(tracking);
    // Not for citizens, nor for a counter officer of another agency.
    const p = await citizen();
    expect((await apiAs(p.client, 'POST', '/api/v1/counter/applications', body)).statusCode).toBe(403);
    const foreign = await signInAs(t, (await makeStaff(t, 'counter_officer', await makeAgency(t))).userId);
    expect((await apiAs(foreign, 'POST', '/api/v1/counter/applications', body)).statusCode).toBe(403);
  });

  it('[P-3] [I-2] a sent-back application is corrected through the API: only the named fields change', async () => {
    const p = await citizen();
    const created = await apiAs(p.client, 'POST', '/api/v1/applications', { service: SLUG2, data: { luas: 40, punya_cabang: false } });
    expect(created.statusCode).toBe(201);
    const tracking = created.json().trackingNumber as string;
    // Nothing to correct yet.
    expect((await apiAs(p.client, 'POST', `/api/v1/applications/${tracking}/correction`, { data: { luas: 50 } })).statusCode).toBe(409);
    const v = await makeStaff(t, 'verifier', agency);
    const verifier: Actor = { userId: v.userId, kind: 'staff', name: v.name, locale: 'id', grants: [{ role: 'verifier', agencyId: agency.id }], mfaPassed: true, mfaEnrolled: false, sessionId: null, via: 'session' };
    await t.deps.processing.act({ actor: verifier }, tracking, { action: 'send_back', seq: 1, fields: ['luas'], note: 'Luas berbeda dengan denah' });
    const sentBack = (await apiAs(p.client, 'GET', `/api/v1/applications/${tracking}`)).json();
    expect(sentBack).toMatchObject({ status: 'sent_back', correction: { fields: ['luas'], note: 'Luas berbeda dengan denah' } });
    const bad = await apiAs(p.client, 'POST', `/api/v1/applications/${tracking}/correction`, { data: { luas: 'banyak' } });
    expect(bad.statusCode).toBe(422);
    const res = await apiAs(p.client, 'POST', `/api/v1/applications/${tracking}/correction`, { data: { luas: 55, punya_cabang: true, jumlah_cabang: 3 } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'in_process', correction: null, data: { luas: 55, punya_cabang: false } });
    // Someone else's application is not found.
    const other = await citizen();
    expect((await apiAs(other.client, 'POST', `/api/v1/applications/${tracking}/correction`, { data: { luas: 60 } })).statusCode).toBe(404);
  });
});

describe(`business accounts (${engine})`, () => {
  it('[P-4] a business account sees its business name and NIB from the account, stored with the application', async () => {
    const db = t.database.db;
    const bizForm = {
      sections: [
        {
          key: 'usaha',
          title: 'Usaha',
          fields: [
            { key: 'nama_usaha', type: 'text', label: 'Nama usaha', required: true, prefill: 'business_name' },
            { key: 'nib', type: 'nib', label: 'NIB', required: true, prefill: 'nib' },
            { key: 'luas', type: 'number', label: 'Luas', required: true },
          ],
        },
      ],
    };
    await makeServiceWithSop(t, agency, { slug: 'izin-gangguan', content: { ...content, name: 'Izin Gangguan' }, form: bizForm });
    const acct = await db.insertInto('users').values({ kind: 'business', name: 'CV Tenun Ikat Sumba', email: `usaha.${crypto.randomUUID()}@contoh.id`, status: 'active' }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('businesses').values({ account_id: acct.id, name: 'CV Tenun Ikat Sumba', nib: '8120001234567', npwp: '0123456789012345', legal_form: 'cv' }).execute();
    const c = await signInAs(t, acct.id);
    const page = await c.get('/layanan/izin-gangguan/ajukan');
    expect(page.statusCode).toBe(200);
    expect(textOf(page.body)).toContain('CV Tenun Ikat Sumba');
    expect(textOf(page.body)).toContain('8120001234567');
    expect(page.body).not.toContain('name="nib"');
    const key = /name="idempotency_key" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const res = await c.request('POST', '/layanan/izin-gangguan/ajukan', multipart({ _csrf: c.csrfToken(), idempotency_key: key, luas: '10', nib: '0000000000000' }));
    expect(res.statusCode).toBe(303);
    const row = await db.selectFrom('applications').select('form_data').where('applicant_id', '=', acct.id).executeTakeFirstOrThrow();
    const data = (typeof row.form_data === 'string' ? JSON.parse(row.form_data) : row.form_data) as Record<string, unknown>;
    expect(data).toMatchObject({ nama_usaha: 'CV Tenun Ikat Sumba', nib: '8120001234567', luas: 10 });
  });
});
