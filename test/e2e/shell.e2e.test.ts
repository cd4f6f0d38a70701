import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y, openMenu, startE2E, visit, type E2E } from './browser.ts';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(async () => e?.close());

describe('public shell in Chromium', () => {
  it('[P-11] shows Bahasa Indonesia first, switches to English and back, and remembers it', async () => {
    const ctx = await e.newContext();
    const page = await ctx.newPage();
    await visit(page, '/');
    expect(await page.getAttribute('html', 'lang')).toBe('id');
    await openMenu(page); // at 360 px the header's links sit behind "Menu"
    await page.getByRole('link', { name: 'Ganti bahasa ke English' }).click();
    await page.waitForURL('**/');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await checkA11y(page);
    await page.reload();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await openMenu(page);
    await page.getByRole('link', { name: 'Switch language to Bahasa Indonesia' }).click();
    await page.waitForURL('**/');
    expect(await page.getAttribute('html', 'lang')).toBe('id');
    await ctx.close();
  });

  it('[P-10] works without JavaScript', async () => {
    const ctx = await e.browser.newContext({ baseURL: e.baseUrl, javaScriptEnabled: false });
    const page = await ctx.newPage();
    const res = await page.goto('/');
    expect(res?.status()).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toContain('Layanan publik');
    await ctx.close();
  });
});
