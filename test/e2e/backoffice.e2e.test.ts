// The back office in Chromium (P-6, issue 11 items 12 and 14): an officer signs in and lands
// on his work queue; at 360 px and at 1280 px no page scrolls sideways (/kelola, the queue,
// an application), wide tables stack into rows on the narrow screen, the header menu and the
// back-office navigation collapse behind <details> (no JavaScript needed) and stay open on
// the wide screen. axe-core checks every page visited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkA11y, openMenu, scrollsSideways, startE2E, visit, type E2E } from './browser.ts';
import { makeAgency, makeCitizen, makeServiceWithSop, makeStaff, type TestUser } from '../factories.ts';
import type { Actor } from '../../src/platform/auth/actor.ts';

let e: E2E;
let officer: TestUser;
let tracking: string;

beforeAll(async () => {
  e = await startE2E({ requireAdminMfa: false });
  const agency = await makeAgency(e.t);
  const { slug } = await makeServiceWithSop(e.t, agency, { name: 'Izin Uji Kantor Belakang dengan Nama Layanan yang Cukup Panjang' });
  officer = await makeStaff(e.t, 'verifier', agency);
  const c = await makeCitizen(e.t);
  const applicant: Actor = { userId: c.userId, kind: 'citizen', name: c.name, locale: 'id', grants: [], mfaPassed: true, mfaEnrolled: false, sessionId: null, via: 'session' };
  const service = (await e.t.deps.catalog.getPublished(slug))!;
  const res = await e.t.deps.applications.save({ service, applicantId: c.userId, values: { nama_usaha: 'Warung Sejahtera Bersama Keluarga Besar', luas: '24' }, files: {}, submit: true, who: { actor: applicant } });
  tracking = res.trackingNumber!;
});
afterAll(async () => e?.close());

async function signIn(page: Page) {
  await visit(page, '/masuk');
  await page.fill('#f-login', officer.email);
  await page.fill('#f-password', officer.password);
  await Promise.all([page.waitForURL('**/kelola/antrian-kerja**'), page.locator('main form button[type=submit]').click()]);
}

async function noSidewaysScroll(page: Page, url: string) {
  await visit(page, url);
  expect(await scrollsSideways(page), `${url} scrolls sideways at ${page.viewportSize()?.width} px`).toBe(false);
}

describe('back office in Chromium', () => {
  it('[P-6] [S-5] at 360 px: the officer lands on his queue, nothing scrolls sideways, tables stack, menus collapse', async () => {
    const ctx = await e.newContext();
    const page = await ctx.newPage();
    await signIn(page);
    expect(new URL(page.url()).pathname).toBe('/kelola/antrian-kerja');
    await checkA11y(page);
    for (const url of ['/kelola', '/kelola/antrian-kerja', `/kelola/permohonan/${tracking}`]) await noSidewaysScroll(page, url);

    // The queue's table is stacked: the header row is hidden, each cell carries its label.
    await visit(page, '/kelola/antrian-kerja');
    const cell = page.locator('table.data-table td[data-label]').first();
    await expect(cell.evaluate((td) => getComputedStyle(td).display)).resolves.toBe('block');
    await expect(cell.evaluate((td) => getComputedStyle(td, '::before').content)).resolves.not.toBe('none');

    // The header menu is collapsed and opens without JavaScript's help (details/summary).
    await expect(page.locator('header nav').isVisible()).resolves.toBe(false);
    await openMenu(page);
    await expect(page.locator('header nav').isVisible()).resolves.toBe(true);
    // "My work" counts link to the filtered queue.
    await visit(page, '/kelola');
    await expect(page.locator('.work-counts a[href="/kelola/antrian-kerja?lingkup=mine"]').textContent()).resolves.toMatch(/^\d+ permohonan menunggu saya$/);
    await ctx.close();
  });

  it('[P-6] at 1280 px: navigation beside the content, grouped by area; no sideways scroll', async () => {
    const ctx = await e.newContext();
    const page = await ctx.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page);
    for (const url of ['/kelola', '/kelola/antrian-kerja', `/kelola/permohonan/${tracking}`]) await noSidewaysScroll(page, url);
    await visit(page, '/kelola/antrian-kerja');
    await expect(page.locator('header nav').isVisible()).resolves.toBe(true);
    const nav = page.locator('.bo-nav nav');
    await expect(nav.isVisible()).resolves.toBe(true);
    await expect(nav.getByRole('heading', { name: 'Pelayanan' }).isVisible()).resolves.toBe(true);
    await expect(nav.locator('a[aria-current=page]').getAttribute('href')).resolves.toBe('/kelola/antrian-kerja');
    // Wide tables are tables again, and dates do not wrap.
    // The first row: submitted on (a date), then the step's deadline (a date and time).
    const times = page.locator('table.data-table tbody tr').first().locator('td.nowrap time');
    const submitted = times.nth(0);
    const due = times.nth(1);
    await expect(due.evaluate((el) => getComputedStyle(el.parentElement!).whiteSpace)).resolves.toBe('nowrap');
    await expect(submitted.textContent()).resolves.toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
    await expect(due.textContent()).resolves.toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}\.\d{2}$/);
    await ctx.close();
  });
});
