// The foundation journeys (issue 2) in Debian's Chromium, with axe-core on every page:
// a citizen registers and confirms with the code received over real SMTP, signs in and
// switches language; an administrator enrols and uses TOTP; an operator of one agency is
// refused another agency's records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkA11y, openMenu, startE2E, visit, type E2E } from './browser.ts';
import { startSmtpServer, type SmtpTestServer } from '../smtp.ts';
import { seedDemo, DEMO_PASSWORD } from '../../src/seed/demo.ts';
import { totpCodeAt } from '../../src/modules/identity/totp.ts';

let e: E2E;
let smtp: SmtpTestServer;

beforeAll(async () => {
  smtp = await startSmtpServer();
  e = await startE2E({ smtp: { host: '127.0.0.1', port: smtp.port, secure: false, ignoreTls: true }, requireAdminMfa: true, jobPollMs: 100 });
  await seedDemo(e.t.deps, { files: false, activity: false });
});
afterAll(async () => {
  await e?.close();
  await smtp?.close();
});

/** Submits the form that holds the given field. */
async function submit(page: Page, field: string) {
  const form = page.locator('main form', { has: page.locator(field) });
  await Promise.all([page.waitForLoadState('load'), form.locator('button[type=submit]').first().click()]);
}

async function signIn(page: Page, login: string, password = DEMO_PASSWORD) {
  await visit(page, '/masuk');
  await page.fill('#f-login', login);
  await page.fill('#f-password', password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/masuk') || u.pathname === '/masuk/totp'), page.locator('main form button[type=submit]').click()]);
}

describe('foundation journeys in Chromium', () => {
  it('[P-3] a citizen registers, confirms the e-mailed code, signs in and switches to English and back', async () => {
    const ctx = await e.newContext();
    const page = await ctx.newPage();
    await visit(page, '/daftar');
    // A bad NIK first: the error summary names it and what was typed is kept.
    await page.fill('#f-nik', '1234');
    await page.fill('#f-name', 'Siti Rahmawati');
    await page.fill('#f-email', 'siti.rahma@example.id');
    await page.fill('#f-phone', '0812 3456 7899');
    await page.fill('#f-password', 'Kupang-Sejahtera-2026');
    await page.fill('#f-passwordConfirm', 'Kupang-Sejahtera-2026');
    await submit(page, '#f-nik');
    await expect(page.locator('.error-summary').textContent()).resolves.toMatch(/NIK/);
    expect(await page.inputValue('#f-name')).toBe('Siti Rahmawati');
    expect(await page.inputValue('#f-password')).toBe('');
    await checkA11y(page);

    await page.fill('#f-nik', '5371015203950004');
    await page.fill('#f-password', 'Kupang-Sejahtera-2026');
    await page.fill('#f-passwordConfirm', 'Kupang-Sejahtera-2026');
    await submit(page, '#f-nik');
    await page.waitForURL('**/daftar/konfirmasi**');
    await checkA11y(page);

    const mail = await smtp.waitFor((m) => m.to.includes('siti.rahma@example.id'), 20_000);
    const code = /\b(\d{6})\b/.exec(mail.text)?.[1];
    expect(code, mail.text).toBeDefined();
    await page.fill('#f-code', code!);
    await submit(page, '#f-code');
    await page.waitForURL('**/akun**');
    await checkA11y(page);
    await expect(page.locator('main').textContent()).resolves.toContain('Siti Rahmawati');

    await openMenu(page);
    await page.getByRole('link', { name: 'Ganti bahasa ke English' }).click();
    await page.waitForLoadState('load');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await checkA11y(page);
    await openMenu(page);
    await page.getByRole('link', { name: 'Switch language to Bahasa Indonesia' }).click();
    await page.waitForLoadState('load');
    expect(await page.getAttribute('html', 'lang')).toBe('id');

    // Sign out and in again with the new password.
    await openMenu(page);
    await page.locator('header form button').click();
    await page.waitForLoadState('load');
    await signIn(page, 'siti.rahma@example.id', 'Kupang-Sejahtera-2026');
    expect(new URL(page.url()).pathname).not.toBe('/masuk');
    await ctx.close();
  });

  it('[S-1] an administrator must enrol TOTP, then signs in with a code', async () => {
    const ctx = await e.newContext();
    const page = await ctx.newPage();
    await signIn(page, 'admin@contohprov.go.id');
    await page.goto('/kelola');
    await page.waitForURL('**/akun/keamanan/totp**');
    await checkA11y(page);
    const secret = (await page.locator('main code').first().textContent())!.replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await page.fill('#f-code', totpCodeAt(secret));
    await submit(page, '#f-code');
    await visit(page, '/kelola');
    await expect(page.locator('h1').textContent()).resolves.toBeTruthy();

    await openMenu(page);
    await page.locator('header form button').click();
    await page.waitForLoadState('load');
    await signIn(page, 'admin@contohprov.go.id');
    await page.waitForURL('**/masuk/totp**');
    await checkA11y(page);
    // The next time step: the enrolment code may not be used twice.
    await page.fill('#f-code', totpCodeAt(secret, Date.now() + 30_000));
    await submit(page, '#f-code');
    await visit(page, '/kelola/instansi');
    await expect(page.locator('main').textContent()).resolves.toContain('Dinas Kesehatan');
    await ctx.close();
  });

  it("[S-1] an operator of agency A is refused agency B's pages", async () => {
    const ctx = await e.newContext();
    const page = await ctx.newPage();
    await signIn(page, 'operator.dpmptsp@contohprov.go.id');
    await visit(page, '/kelola/layanan/izin-usaha-mikro-kecil');
    const refused = await page.goto('/kelola/layanan/izin-operasional-rumah-sakit-kelas-b');
    expect(refused?.status()).toBe(403);
    await checkA11y(page);
    expect((await page.goto('/kelola/instansi/dinkes'))?.status()).toBe(403);
    await ctx.close();
  });
});
