// TOTP recovery codes in Chromium at 360 px, with axe-core on every page: an administrator
// enrols TOTP, is shown his ten recovery codes once (with a text download), signs out, and
// signs in again with one of them instead of the authenticator code; the security page then
// shows nine left. The back office's people page is checked on the way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkA11y, openMenu, scrollsSideways, startE2E, visit, type E2E } from './browser.ts';
import { makeStaff, TEST_PASSWORD } from '../factories.ts';
import { totpCodeAt } from '../../src/modules/identity/totp.ts';

let e: E2E;
beforeAll(async () => {
  e = await startE2E({ requireAdminMfa: true });
});
afterAll(async () => e?.close());

async function submit(page: Page, field: string) {
  const form = page.locator('main form', { has: page.locator(field) });
  await Promise.all([page.waitForLoadState('load'), form.locator('button[type=submit]').first().click()]);
}

async function signIn(page: Page, login: string) {
  await page.goto('/masuk');
  await page.fill('#f-login', login);
  await page.fill('#f-password', TEST_PASSWORD);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/masuk') || u.pathname === '/masuk/totp'), page.locator('main form button[type=submit]').click()]);
}

describe('TOTP recovery codes in Chromium', () => {
  it('[S-3] an administrator enrols, keeps the ten codes shown once, and signs in with one instead of the app', async () => {
    const admin = await makeStaff(e.t, 'super_admin', null);
    const ctx = await e.newContext();
    const page = await ctx.newPage();
    await signIn(page, admin.email);
    await page.goto('/kelola');
    await page.waitForURL('**/akun/keamanan/totp**');
    const secret = (await page.locator('main code').first().textContent())!.replace(/\s+/g, '');
    await page.fill('#f-code', totpCodeAt(secret));
    await submit(page, '#f-code');
    // The codes page: ten codes, a text download, no sideways scroll at 360 px.
    await checkA11y(page);
    expect(await scrollsSideways(page)).toBe(false);
    const codes = (await page.locator('main ol.recovery-codes code').allTextContents()).map((c) => c.trim());
    expect(codes).toHaveLength(10);
    const download = page.locator('a[download="simpul-kode-pemulihan.txt"]');
    expect(decodeURIComponent((await download.getAttribute('href'))!)).toContain(codes[0]);
    // Reloading the security page never shows them again.
    await visit(page, '/akun/keamanan/totp');
    await expect(page.locator('main').textContent()).resolves.toContain('10 dari 10');
    expect(await page.locator('main').textContent()).not.toContain(codes[0]);
    // The people page of the back office is reachable and accessible too.
    await visit(page, '/kelola/warga');
    expect(await scrollsSideways(page)).toBe(false);

    await openMenu(page);
    await page.locator('header form button').click();
    await page.waitForLoadState('load');
    await signIn(page, admin.email);
    await page.waitForURL('**/masuk/totp**');
    await checkA11y(page);
    await page.fill('#f-code', codes[2]!);
    await submit(page, '#f-code');
    await visit(page, '/akun/keamanan/totp');
    await expect(page.locator('main').textContent()).resolves.toContain('9 dari 10');
    await ctx.close();
  });
});
