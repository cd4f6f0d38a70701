// A citizen without a business account applies for "Izin Usaha Mikro dan Kecil" (the demo
// catalogue's form) in Chromium at 360 px: the account data is read-only, the business name
// and address are typed, the NPWP field appears only when "Sudah punya NPWP?" is "Ya" (the
// progressive-enhancement script), no page scrolls sideways and every page is axe-clean;
// the account page the form links to is checked the same way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkA11y, pageAs, press, startE2E, visit, type E2E } from './browser.ts';
import { makeAgency, makeCitizen, makeServiceWithSop } from '../factories.ts';
import { demoServices } from '../../src/modules/catalog/demo-catalog.ts';

let e: E2E;
const SLUG = 'izin-usaha-mikro-kecil';
const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);

beforeAll(async () => {
  e = await startE2E({ requireAdminMfa: false });
  const agency = await makeAgency(e.t);
  const iumk = demoServices.find((s) => s.slug === SLUG)!;
  await makeServiceWithSop(e.t, agency, { slug: SLUG, content: iumk.content as Record<string, unknown>, form: iumk.form });
});
afterAll(async () => e?.close());

async function noSidewaysScroll(page: Page): Promise<void> {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, inner: window.innerWidth }));
  expect(scroll, `horizontal scroll on ${page.url()}`).toBeLessThanOrEqual(inner);
}

describe('journeys in Chromium', () => {
  it('[P-4] [P-3] [P-6] a citizen without a business account applies for IUMK at 360 px', async () => {
    const citizen = await makeCitizen(e.t);
    const p = await pageAs(e, citizen.userId);
    await visit(p, `/layanan/${SLUG}/ajukan`);
    await noSidewaysScroll(p);
    // The account's data is shown, not typed; the business name is typed.
    await expect(p.locator('#prefilled').textContent()).resolves.toContain('Warga Uji');
    await expect(p.locator('#prefilled a[href="/akun"]').count()).resolves.toBe(1);
    await expect(p.locator('input[name="nama"]').count()).resolves.toBe(0);

    // The NPWP field appears only when the applicant says he has one, then marked "(wajib)".
    const npwp = p.locator('input[name="npwp"]');
    await expect(npwp.isVisible()).resolves.toBe(false);
    await p.locator('input[name="punya_npwp"][value="true"]').check();
    await expect(npwp.isVisible()).resolves.toBe(true);
    await expect(p.locator('label[for="f-npwp"]').textContent()).resolves.toContain('(wajib)');
    await checkA11y(p);
    await p.locator('input[name="punya_npwp"][value="false"]').check();
    await expect(npwp.isVisible()).resolves.toBe(false);

    // Submitting without the business name: the message, the typed values kept.
    await p.getByLabel('Bidang usaha').fill('Warung makan');
    await press(p, 'Ajukan');
    await expect(p.locator('.error-summary').textContent()).resolves.toContain('Nama usaha');
    await expect(p.getByLabel('Bidang usaha').inputValue()).resolves.toBe('Warung makan');
    await noSidewaysScroll(p);

    await p.getByLabel('Nama usaha').fill('Warung Makan Sumba Indah');
    await p.getByLabel(/^Modal usaha/).fill('25000000');
    await p.locator('select[name="alamat_usaha.province"]').selectOption('53');
    // Cascading official codes: the script fills each next list (GET /api/v1/wilayah/{code}).
    await p.locator('select[name="alamat_usaha.regency"]').selectOption('53.71');
    await p.locator('select[name="alamat_usaha.district"] option[value="53.71.04"]').waitFor({ state: 'attached' });
    await p.locator('select[name="alamat_usaha.district"]').selectOption('53.71.04');
    await p.locator('select[name="alamat_usaha.village"] option[value="53.71.04.1009"]').waitFor({ state: 'attached' });
    await p.locator('select[name="alamat_usaha.village"]').selectOption('53.71.04.1009');
    await p.locator('input[name="punya_npwp"][value="false"]').check();
    await p.locator('input[name="ktp"]').setInputFiles({ name: 'ktp.pdf', mimeType: 'application/pdf', buffer: pdf });
    await p.locator('input[name="foto_usaha"]').setInputFiles({ name: 'warung.png', mimeType: 'image/png', buffer: png });
    await press(p, 'Ajukan');
    expect(p.url()).toMatch(/\/permohonan\/[^/]+\/tanda-terima$/);
    await noSidewaysScroll(p);
    const tracking = /\/permohonan\/([^/]+)\/tanda-terima/.exec(p.url())![1]!;
    const row = await e.t.database.db.selectFrom('applications').select('form_data').where('tracking_number', '=', tracking).executeTakeFirstOrThrow();
    const data = (typeof row.form_data === 'string' ? JSON.parse(row.form_data) : row.form_data) as Record<string, unknown>;
    expect(data).toMatchObject({ nama: 'Warga Uji', nama_usaha: 'Warung Makan Sumba Indah', modal_usaha: 25_000_000 });
    expect(data).not.toHaveProperty('npwp');

    // "Ubah di halaman Akun" leads to a page where he can change his data (axe-clean, no sideways scroll).
    await visit(p, '/akun/ubah');
    await noSidewaysScroll(p);
    await expect(p.locator('main').textContent()).resolves.toContain('NIK tidak dapat diubah di sini');
  });
});
