// Public information pages (P-1) on both engines: privacy notice, accessibility statement,
// contact, sitemap.xml, robots.txt, a meta description on public pages and the footer links,
// in Indonesian and in English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { makeAgency, makeServiceWithSop } from '../../../test/factories.ts';
import { TestClient, textOf } from '../../../test/http.ts';
import type { AgencyView } from '../agencies/agencies.service.ts';

let t: TestApp;
let agency: AgencyView;
let serviceSlug: string;

beforeAll(async () => {
  t = await createTestApp({ baseUrl: 'https://layanan.ujiprov.go.id' });
  agency = await makeAgency(t, { address: 'Jl. El Tari No. 52, Kupang', phone: '(0380) 833 000', email: 'dinas.uji@ujiprov.go.id' });
  ({ slug: serviceSlug } = await makeServiceWithSop(t, agency));
});
afterAll(async () => {
  await t?.close();
});

const metaDescription = (html: string) => /<meta name="description" content="([^"]+)"/.exec(html)?.[1];

describe(`public information pages (${engine})`, () => {
  it('[P-1] the privacy notice names the controller, the data, the purposes, the retention and the UU PDP rights', async () => {
    const c = new TestClient(t.app);
    const res = await c.get('/privasi');
    expect(res.statusCode).toBe(200);
    const text = textOf(res.body);
    expect(text).toContain('Pemberitahuan privasi');
    expect(text).toContain('Pengendali data pribadi adalah Pemerintah Provinsi Uji');
    expect(text).toContain('NIK');
    expect(text).toContain('Sesi masuk berakhir setelah 12 jam');
    expect(text).toContain('Undang-Undang Nomor 27 Tahun 2022');
    expect(text).toMatch(/mengakses dan memperoleh salinan/);
    expect(text).toMatch(/menarik kembali persetujuan/);
    expect(res.body).toContain('href="/kontak"');
    expect(metaDescription(res.body)).toMatch(/UU Pelindungan Data Pribadi/);

    c.cookies.set('simpul_lang', 'en');
    const en = textOf((await c.get('/privasi')).body);
    expect(en).toContain('Privacy notice');
    expect(en).toContain('The data controller is the Government of Provinsi Uji');
    expect(en).toContain('to access your personal data and obtain a copy');
  });

  it('[P-1] the accessibility statement names the standard, the known limitations and how to report a problem', async () => {
    const c = new TestClient(t.app);
    const text = textOf((await c.get('/aksesibilitas')).body);
    expect(text).toContain('Pernyataan aksesibilitas');
    expect(text).toContain('WCAG) 2.1 tingkat AA');
    expect(text).toContain('Kendala yang diketahui');
    c.cookies.set('simpul_lang', 'en');
    expect(textOf((await c.get('/aksesibilitas')).body)).toContain('Accessibility statement');
  });

  it("[P-1] the contact page lists the agencies' own contact details", async () => {
    const c = new TestClient(t.app);
    const res = await c.get('/kontak');
    expect(res.statusCode).toBe(200);
    const text = textOf(res.body);
    expect(text).toContain('Pemerintah Provinsi Uji');
    expect(text).toContain(agency.name);
    expect(text).toContain('Jl. El Tari No. 52, Kupang');
    expect(res.body).toContain('href="tel:0380833000"');
    expect(res.body).toContain('href="mailto:dinas.uji@ujiprov.go.id"');
    expect(res.body).toContain('href="https://ujiprov.go.id"');
    c.cookies.set('simpul_lang', 'en');
    expect(textOf((await c.get('/kontak')).body)).toContain('Government of Provinsi Uji');
  });

  it('[P-1] sitemap.xml lists the public pages, the published services and the agencies with absolute addresses', async () => {
    const res = await new TestClient(t.app).get('/sitemap.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/xml/);
    expect(res.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/);
    for (const p of ['/', '/layanan', '/privasi', '/aksesibilitas', '/kontak', `/layanan/${serviceSlug}`, `/instansi/${agency.slug}`]) {
      expect(res.body).toContain(`<loc>https://layanan.ujiprov.go.id${p}</loc>`);
    }
    expect(res.body).not.toContain('/kelola');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('[P-1] robots.txt keeps crawlers out of the back office, accounts and the API (except its documentation)', async () => {
    const res = await new TestClient(t.app).get('/robots.txt');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    const lines = res.body.split('\n');
    for (const l of ['User-agent: *', 'Disallow: /kelola', 'Disallow: /akun', 'Disallow: /api/', 'Allow: /api/docs', 'Sitemap: https://layanan.ujiprov.go.id/sitemap.xml']) expect(lines).toContain(l);
  });

  it('[P-1] every public page has a meta description and the footer links to privacy, accessibility and contact', async () => {
    const c = new TestClient(t.app);
    for (const p of ['/', '/layanan', `/layanan/${serviceSlug}`, `/instansi/${agency.slug}`, '/lacak', '/masuk', '/privasi', '/aksesibilitas', '/kontak']) {
      const res = await c.get(p);
      expect(res.statusCode, p).toBe(200);
      expect(metaDescription(res.body), p).toBeTruthy();
      for (const href of ['/privasi', '/aksesibilitas', '/kontak']) expect(res.body, p).toContain(`href="${href}"`);
    }
    // The service's own summary describes its page.
    expect(metaDescription((await c.get(`/layanan/${serviceSlug}`)).body)).toContain('untuk pengujian');
  });
});

describe(`anonymous pages and the CSRF cookie (${engine})`, () => {
  it('[S-2] a public page without a form sets no CSRF cookie; a page with a form sets one and its form posts', async () => {
    const plain = await t.app.inject({ url: `/layanan/${serviceSlug}` });
    expect(plain.statusCode).toBe(200);
    expect(String(plain.headers['set-cookie'] ?? '')).not.toContain('simpul_csrf');
    expect(plain.body).not.toContain('name="_csrf"');
    // The sign-in page has a form: its token and cookie are made, and they go together.
    const c = new TestClient(t.app);
    const form = await c.get('/masuk');
    expect(String(form.headers['set-cookie'] ?? '')).toContain('simpul_csrf');
    expect(form.body).toContain('name="_csrf"');
    const post = await c.post('/masuk', { _csrf: c.csrfToken(), login: 'nobody@ujiprov.go.id', password: 'wrong-password-1' });
    expect(post.statusCode).not.toBe(403);
  });
});
