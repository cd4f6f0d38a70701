// At 360 px: the API reference, a public agency page and the registration form with the
// cascading address field do not scroll sideways and are axe-clean. The address field works
// with JavaScript (the next list filled from /api/v1/wilayah) and without it ("Pilih").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y, scrollsSideways, startE2E, visit, type E2E } from './browser.ts';
import { makeAgency } from '../factories.ts';

let e: E2E;
let slug: string;

beforeAll(async () => {
  e = await startE2E({ requireAdminMfa: false });
  slug = (await makeAgency(e.t, { address: 'Jl. El Tari No. 52, Kelurahan Oebobo, Kecamatan Oebobo, Kota Kupang, Nusa Tenggara Timur 85111' })).slug;
});
afterAll(async () => e?.close());

describe('small screens (360 px)', () => {
  it('[P-1] /api/docs and a public agency page do not scroll sideways and are axe-clean', async () => {
    const page = await (await e.newContext()).newPage();
    await visit(page, '/api/docs');
    expect(await scrollsSideways(page), 'sideways scroll on /api/docs').toBe(false);
    await visit(page, `/instansi/${slug}`);
    expect(await scrollsSideways(page), `sideways scroll on /instansi/${slug}`).toBe(false);
  });

  it('[P-3] [P-4] the registration form\'s address: cascading official codes with JavaScript, no sideways scroll, axe-clean', async () => {
    const page = await (await e.newContext()).newPage();
    await visit(page, '/daftar');
    expect(await scrollsSideways(page)).toBe(false);
    // The region's province is preselected; the "Pilih" buttons are hidden by the script.
    await expect(page.locator('select[name="address.province"]').inputValue()).resolves.toBe('53');
    await expect(page.locator('.address-next').first().isVisible()).resolves.toBe(false);
    await page.locator('select[name="address.regency"]').selectOption('53.71');
    await page.locator('select[name="address.district"] option[value="53.71.04"]').waitFor({ state: 'attached' });
    await page.locator('select[name="address.district"]').selectOption('53.71.04');
    await page.locator('select[name="address.village"] option[value="53.71.04.1009"]').waitFor({ state: 'attached' });
    // Changing the regency clears the levels below.
    await page.locator('select[name="address.regency"]').selectOption('53.01');
    await expect(page.locator('select[name="address.district"]').inputValue()).resolves.toBe('');
    await expect(page.locator('select[name="address.village"]').isDisabled()).resolves.toBe(true);
    expect(await scrollsSideways(page)).toBe(false);
    await checkA11y(page);
  });

  it('[P-3] [P-4] without JavaScript, "Pilih" loads the next level and keeps what was typed', async () => {
    const ctx = await e.browser.newContext({ baseURL: e.baseUrl, viewport: { width: 360, height: 740 }, locale: 'id-ID', javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto('/daftar');
    await page.locator('input[name="name"]').fill('Maria Ndolu');
    await page.locator('select[name="address.regency"]').selectOption('53.71');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Pilih kabupaten/kota lalu muat pilihan berikutnya' }).click()]);
    await expect(page.locator('input[name="name"]').inputValue()).resolves.toBe('Maria Ndolu');
    await expect(page.locator('select[name="address.regency"]').inputValue()).resolves.toBe('53.71');
    await expect(page.locator('select[name="address.district"] option[value="53.71.04"]').count()).resolves.toBe(1);
    expect(await scrollsSideways(page)).toBe(false);
    await ctx.close();
  });
});
