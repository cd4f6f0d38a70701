// The region's identity (name, colour, coat of arms) set by the administrator on
// /kelola/wilayah and shown in the public and back-office headers and on PDF letterheads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { makeAgency, makeRegion, makeStaff, signInAs } from '../../../test/factories.ts';
import { multipart, textOf, type TestClient } from '../../../test/http.ts';
import { qrPng, renderPdf } from '../../platform/pdf/pdf.ts';

let t: TestApp;
let admin: TestClient;
let png: Buffer;

beforeAll(async () => {
  t = await createTestApp({ requireAdminMfa: false });
  await makeRegion(t);
  admin = await signInAs(t, (await makeStaff(t, 'super_admin', null)).userId);
  png = await qrPng('lambang daerah');
});
afterAll(async () => t?.close());

async function send(fields: Record<string, string>, logo?: { name: string; type: string; bytes: Buffer }) {
  await admin.get('/kelola/wilayah');
  return admin.request('POST', '/kelola/wilayah/identitas', multipart({ _csrf: admin.csrfToken(), ...fields }, logo ? [{ field: 'logo', ...logo }] : []));
}

describe(`region identity (${engine})`, () => {
  it('[P-1] a colour too light for white text is refused with its contrast in words; nothing changes', async () => {
    const res = await send({ primaryColour: '#ffcc00' });
    expect(res.statusCode).toBe(422);
    const text = textOf(res.body);
    expect(text).toMatch(/Warna ini terlalu terang: kontras teks putih hanya \d+,\d:1, minimal 4,5:1/);
    expect(res.body).toContain('value="#ffcc00"');
    expect((await send({ primaryColour: 'hijau' })).statusCode).toBe(422);
    expect((await t.database.db.selectFrom('regions').select('primary_colour').executeTakeFirstOrThrow()).primary_colour).toBeNull();
  });

  it('[P-1] an SVG (or anything but PNG/JPEG) and an oversized file are refused as a logo', async () => {
    const svg = await send({ primaryColour: '' }, { name: 'lambang.svg', type: 'image/svg+xml', bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') });
    expect(svg.statusCode).toBe(422);
    expect(textOf(svg.body)).toContain('Lambang harus berupa berkas PNG atau JPG.');
    const big = await send({ primaryColour: '' }, { name: 'besar.png', type: 'image/png', bytes: Buffer.concat([png, Buffer.alloc(600 * 1024)]) });
    expect(big.statusCode).toBe(422);
    expect(textOf(big.body)).toContain('Lambang paling besar 512 KB.');
    expect((await t.database.db.selectFrom('regions').select('logo_key').executeTakeFirstOrThrow()).logo_key).toBeNull();
  });

  it('[P-1] colour and coat of arms are shown in the public and back-office headers and on PDF letterheads', async () => {
    const res = await send({ primaryColour: '#7A1F1F' }, { name: 'lambang.png', type: 'image/png', bytes: png });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/kelola/wilayah?pesan=identitas');
    expect(textOf((await admin.get('/kelola/wilayah?pesan=identitas')).body)).toContain('Identitas daerah disimpan.');

    const home = await t.app.inject({ method: 'GET', url: '/' });
    expect(home.body).toMatch(/<img class="brand-logo" src="\/wilayah\/logo\?v=[0-9a-f]{12}" alt[ =]/);
    expect(home.body).toContain('href="/wilayah/tema.css?v=7a1f1f"');
    expect((await admin.get('/kelola')).body).toContain('class="brand-logo"');
    const css = await t.app.inject({ method: 'GET', url: '/wilayah/tema.css?v=7a1f1f' });
    expect(css.headers['content-type']).toContain('text/css');
    expect(css.body).toContain('--brand:#7a1f1f');
    const logo = await t.app.inject({ method: 'GET', url: '/wilayah/logo' });
    expect(logo.statusCode).toBe(200);
    expect(logo.headers['content-type']).toBe('image/png');
    expect(logo.headers['cache-control']).toContain('max-age');
    expect(Buffer.compare(logo.rawPayload, png)).toBe(0);

    // Every letterhead (permits, receipts, SKRD, kuitansi use the same block) carries the logo.
    await t.deps.agencies.regionInfo();
    const pdf = await renderPdf({ info: { title: 'Uji' }, createdAt: new Date('2026-12-15T00:00:00Z'), pageLabel: (p, n) => `${p}/${n}`, blocks: [{ kind: 'letterhead', region: 'Provinsi Uji', agency: 'Dinas Uji' }] });
    expect(pdf.toString('latin1')).toContain('/Subtype /Image');

    // Removing the logo takes it off the headers and the letterhead.
    expect((await send({ primaryColour: '#7a1f1f', removeLogo: '1' })).statusCode).toBe(303);
    expect((await t.app.inject({ method: 'GET', url: '/' })).body).not.toContain('brand-logo');
    expect((await t.app.inject({ method: 'GET', url: '/wilayah/logo' })).statusCode).toBe(404);
    await t.deps.agencies.regionInfo();
    const plain = await renderPdf({ info: { title: 'Uji' }, createdAt: new Date('2026-12-15T00:00:00Z'), pageLabel: (p, n) => `${p}/${n}`, blocks: [{ kind: 'letterhead', region: 'Provinsi Uji', agency: 'Dinas Uji' }] });
    expect(plain.toString('latin1')).not.toContain('/Subtype /Image');
  });

  it('[P-1] only region administrators may change the identity', async () => {
    const officer = await signInAs(t, (await makeStaff(t, 'verifier', await makeAgency(t))).userId);
    await officer.get('/kelola');
    const res = await officer.request('POST', '/kelola/wilayah/identitas', multipart({ _csrf: officer.csrfToken(), primaryColour: '#000000' }));
    expect([403, 404]).toContain(res.statusCode);
    expect((await t.database.db.selectFrom('regions').select('primary_colour').executeTakeFirstOrThrow()).primary_colour).toBe('#7a1f1f');
  });

  it('[P-4] GET /api/v1/wilayah and /api/v1/wilayah/{code} list official areas for the address field, cached; an unknown code is 404', async () => {
    const provinces = await t.app.inject({ method: 'GET', url: '/api/v1/wilayah' });
    expect(provinces.statusCode).toBe(200);
    expect(provinces.headers['cache-control']).toBe('public, max-age=86400');
    expect(provinces.json().items).toContainEqual({ code: '53', name: 'Nusa Tenggara Timur' });
    const districts = await t.app.inject({ method: 'GET', url: '/api/v1/wilayah/53.71' });
    expect(districts.json()).toMatchObject({ parent: { code: '53.71', name: 'Kota Kupang', level: 'regency' }, level: 'district' });
    expect(districts.json().items).toContainEqual({ code: '53.71.04', name: 'Oebobo' });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/wilayah/99.99' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/wilayah/53.71.04.1009' })).statusCode).toBe(404);
  });
});
