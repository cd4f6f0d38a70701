// Public participation (C-3) on both engines: a guest submits (bad contact → his words back),
// nothing is public before moderation, the coordinator approves with an answer or rejects,
// the public page and the API (C-4) list approved submissions with the answer and never the
// contact; other staff cannot moderate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { makeAgency, makeStaff, signInAs, type TestUser } from '../../../test/factories.ts';
import { TestClient, textOf } from '../../../test/http.ts';

let t: TestApp;
let coordinator: TestUser;
let officer: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  coordinator = await makeStaff(t, 'complaint_coordinator', null);
  officer = await makeStaff(t, 'operator', await makeAgency(t));
});
afterAll(async () => {
  await t?.close();
});

const idOf = async (title: string) => {
  const r = (await (t.database.db as never as import('kysely').Kysely<Record<string, Record<string, unknown>>>).selectFrom('participation_items').select('id').where('title', '=', title).executeTakeFirstOrThrow()) as { id: string };
  return r.id;
};

describe('public participation', () => {
  it('[C-3] a guest submits; it is public only after the coordinator approves it with an answer; the contact is never shown; a rejected one never appears', async () => {
    const guest = new TestClient(t.app);
    const page = await guest.get('/partisipasi');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/partisipasi"'); // the footer links here
    const fields = { kind: 'kerja_sama_riset', title: 'Riset kualitas air sumur warga', body: 'Universitas kami menawarkan penelitian bersama tentang kualitas air sumur di tiga kecamatan.', name: 'Dr. Maria Lado', organisation: 'Universitas Uji', contact: 'bukan-kontak' };
    const bad = await guest.post('/partisipasi', { _csrf: guest.csrfToken(), ...fields });
    expect(bad.statusCode).toBe(422);
    expect(textOf(bad.body)).toContain('Tulis alamat e-mail atau nomor HP yang benar.');
    expect(bad.body).toContain(fields.body);
    expect(bad.body).toContain('value="Universitas Uji"');
    const ok = await guest.post('/partisipasi', { _csrf: guest.csrfToken(), ...fields, contact: 'maria.lado@contoh.ac.id' });
    expect(ok.statusCode).toBe(201);
    await guest.get('/partisipasi');
    const reject = await guest.post('/partisipasi', { _csrf: guest.csrfToken(), kind: 'saran_tik', title: 'Iklan produk saya', body: 'Beli produk kami sekarang juga dengan harga murah sekali.', name: 'Penjual', organisation: '', contact: '081234567890' });
    expect(reject.statusCode).toBe(201);
    expect(textOf((await guest.get('/partisipasi')).body)).not.toContain(fields.title);

    // Other staff cannot moderate.
    const other = await signInAs(t, officer.userId);
    expect((await other.get('/kelola/partisipasi')).statusCode).toBe(403);

    const coord = await signInAs(t, coordinator.userId);
    const list = await coord.get('/kelola/partisipasi?status=menunggu');
    expect(list.statusCode).toBe(200);
    expect(textOf(list.body)).toContain(fields.title);
    const id = await idOf(fields.title);
    const detail = await coord.get(`/kelola/partisipasi/${id}`);
    expect(textOf(detail.body)).toContain('maria.lado@contoh.ac.id');
    // Approval needs an answer: 422, nothing changes.
    expect((await coord.post(`/kelola/partisipasi/${id}`, { _csrf: coord.csrfToken(), decision: 'disetujui', answer: '' })).statusCode).toBe(422);
    expect(textOf((await guest.get('/partisipasi')).body)).not.toContain(fields.title);
    expect((await coord.post(`/kelola/partisipasi/${id}`, { _csrf: coord.csrfToken(), decision: 'disetujui', answer: 'Terima kasih; Bappeda akan menghubungi Anda untuk menyusun nota kesepahaman.' })).statusCode).toBe(303);
    await coord.get(`/kelola/partisipasi/${id}`);
    expect((await coord.post(`/kelola/partisipasi/${await idOf('Iklan produk saya')}`, { _csrf: coord.csrfToken(), decision: 'ditolak', answer: '' })).statusCode).toBe(303);

    const pub = textOf((await guest.get('/partisipasi')).body);
    expect(pub).toContain(fields.title);
    expect(pub).toContain('Bappeda akan menghubungi Anda');
    expect(pub).toContain('Universitas Uji');
    expect(pub).not.toContain('maria.lado@contoh.ac.id');
    expect(pub).not.toContain('Iklan produk saya');

    // The API lists the same, without contact.
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/participation' });
    expect(api.statusCode).toBe(200);
    const items = (api.json() as { items: { title: string; answer: string | null }[] }).items;
    expect(items.map((i) => i.title)).toEqual([fields.title]);
    expect(items[0]!.answer).toContain('Bappeda');
    expect(api.body).not.toContain('maria.lado');
  });

  it('[C-3] [C-4] the API takes a submission (guest contact required, 422 with field errors) and documents the routes in OpenAPI; the IKM results API shows no figure below the minimum', async () => {
    const missing = await t.app.inject({ method: 'POST', url: '/api/v1/participation', payload: { kind: 'saran_layanan', title: 'Antrean daring', body: 'Mohon sediakan antrean daring untuk layanan KTP di kecamatan.', name: 'Yohanes' } });
    expect(missing.statusCode).toBe(422);
    expect(JSON.stringify(missing.json())).toContain('contact');
    const made = await t.app.inject({ method: 'POST', url: '/api/v1/participation', payload: { kind: 'saran_layanan', title: 'Antrean daring', body: 'Mohon sediakan antrean daring untuk layanan KTP di kecamatan.', name: 'Yohanes', contact: '081298761234' } });
    expect(made.statusCode).toBe(201);
    expect((made.json() as { status: string }).status).toBe('menunggu');
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/api/v1/participation'] ?? {})).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/wbs/reports', '/api/v1/wbs/follow', '/api/v1/wbs/messages', '/api/v1/ikm']));
    // The public IKM results: no figure below the minimum of responses (none here).
    const ikm = await t.app.inject({ method: 'GET', url: '/api/v1/ikm?tahun=2026' });
    expect(ikm.statusCode).toBe(200);
    const r = ikm.json() as { year: number; total: unknown };
    expect(r.year).toBe(2026);
    expect(r.total).toBeNull();
  });
});
