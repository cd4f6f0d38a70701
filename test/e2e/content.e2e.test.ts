// The information layer in Chromium: an operator adds a legal document with its PDF (and is
// refused a PNG renamed .pdf), writes and publishes a FAQ item; a visitor finds both on the
// public pages. axe-core checks every page visited; the upload also works without JavaScript.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { simplePdf } from '../../src/modules/content/simple-pdf.ts';
import { checkA11y, startE2E, visit, type E2E } from './browser.ts';

let e: E2E;
let agencyId: string;
let dataDir: string;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'simpul-content-e2e-'));
  e = await startE2E({ requireAdminMfa: false, dataDir });
  const db = e.t.database.db;
  const region = await db.insertInto('regions').values({ name: 'Provinsi Uji', level: 'province', kode_wilayah: '53', timezone: 'Asia/Makassar', domain: 'uji.go.id' }).returning('id').executeTakeFirstOrThrow();
  agencyId = (await db.insertInto('agencies').values({ region_id: region.id, slug: 'biro-hukum', name: 'Biro Hukum', short_name: 'BIROHUKUM', type: 'biro' }).returning('id').executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await e?.close();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

async function operatorToken(): Promise<string> {
  const db = e.t.database.db;
  const u = await db.insertInto('users').values({ kind: 'staff', name: 'Operator Hukum', status: 'active' }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('role_grants').values({ user_id: u.id, role: 'operator', agency_id: agencyId }).execute();
  return (await e.t.deps.identity.createSession(db, u.id, { ip: null, userAgent: null }, true)).token;
}

async function submit(page: Page, name: string) {
  await Promise.all([page.waitForLoadState('load'), page.locator('main').getByRole('button', { name, exact: true }).click()]);
}

describe('information layer in Chromium', () => {
  it('[P-2] an operator adds a regulation with its PDF and a FAQ item; a visitor reads both', async () => {
    const token = await operatorToken();
    const ctx = await e.newContext();
    await ctx.addCookies([{ name: 'simpul_sid', value: token, url: e.baseUrl }]);
    const page = await ctx.newPage();
    await visit(page, '/kelola');
    await page.getByRole('link', { name: 'Pustaka hukum' }).click();
    await checkA11y(page);
    await page.getByRole('link', { name: 'Tambah dokumen hukum' }).click();
    await checkA11y(page);

    // A PNG named .pdf is refused by its content; what was typed stays.
    await page.getByLabel('Jenis peraturan').selectOption('peraturan-gubernur');
    await page.getByLabel('Nomor', { exact: true }).fill('12');
    await page.getByLabel('Tahun').fill('2024');
    await page.getByLabel('Tentang').fill('Standar Pelayanan Perizinan');
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
    await page.getByLabel(/Berkas PDF/).setInputFiles({ name: 'pergub-12.pdf', mimeType: 'application/pdf', buffer: png });
    await submit(page, 'Tambahkan');
    await checkA11y(page);
    await expect(page.locator('.error-summary').textContent()).resolves.toContain('bukan PDF: isinya berformat PNG');
    await expect(page.getByLabel('Tentang').inputValue()).resolves.toBe('Standar Pelayanan Perizinan');

    const pdf = simplePdf('Peraturan Gubernur Nomor 12 Tahun 2024', ['Contoh.']);
    await page.getByLabel(/Berkas PDF/).setInputFiles({ name: 'pergub-12.pdf', mimeType: 'application/pdf', buffer: pdf });
    await submit(page, 'Tambahkan');
    await checkA11y(page);
    await expect(page.locator('[role=status]').textContent()).resolves.toContain('Dokumen ditambahkan');

    // A FAQ item, published at once.
    await visit(page, '/kelola/konten/baru');
    await page.getByLabel('Jenis').selectOption('faq');
    await page.getByLabel('Judul').fill('Di mana membaca peraturan daerah?');
    await page.getByLabel('Isi').fill('Di [pustaka hukum](/hukum) portal ini.');
    await submit(page, 'Simpan dan terbitkan');
    await checkA11y(page);
    await ctx.close();

    // A visitor, signed out.
    const visitor = await (await e.newContext()).newPage();
    await visit(visitor, '/faq');
    await visitor.getByText('Di mana membaca peraturan daerah?').click();
    await visitor.locator('details .rich-text').getByRole('link', { name: 'pustaka hukum' }).click();
    await checkA11y(visitor);
    await visitor.getByLabel('Jenis peraturan').selectOption('peraturan-gubernur');
    await visitor.getByRole('button', { name: 'Tampilkan' }).click();
    await checkA11y(visitor);
    await visitor.getByRole('link', { name: /Peraturan Gubernur Nomor 12 Tahun 2024/ }).click();
    await checkA11y(visitor);
    const href = await visitor.getByRole('link', { name: 'Buka dokumen (PDF)' }).getAttribute('href');
    const res = await visitor.request.get(href!);
    expect(res.headers()['content-type']).toBe('application/pdf');
    expect(Buffer.from(await res.body()).equals(pdf)).toBe(true);
  });

  it('[P-10] the PDF upload form works without JavaScript (CSRF token in the multipart body)', async () => {
    const token = await operatorToken();
    const ctx = await e.browser.newContext({ baseURL: e.baseUrl, javaScriptEnabled: false });
    await ctx.addCookies([{ name: 'simpul_sid', value: token, url: e.baseUrl }]);
    const page = await ctx.newPage();
    await page.goto('/kelola/hukum/baru');
    await page.getByLabel('Jenis peraturan').selectOption('surat-edaran');
    await page.getByLabel('Nomor', { exact: true }).fill('800/15');
    await page.getByLabel('Tahun').fill('2024');
    await page.getByLabel('Tentang').fill('Jam Kerja Pelayanan');
    await page.getByLabel(/Berkas PDF/).setInputFiles({ name: 'se.pdf', mimeType: 'application/pdf', buffer: simplePdf('SE', ['x']) });
    await submit(page, 'Tambahkan');
    expect(page.url()).toMatch(/\/kelola\/hukum\/[0-9a-f-]{36}\?ok=added$/);
    await ctx.close();
  });
});
