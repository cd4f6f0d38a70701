// End-to-end helpers: a real Simpul server on a free loopback port, Debian's Chromium driven
// by playwright-core, and axe-core run on every page visited.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Config } from '../../src/config.ts';
import { createTestApp, type TestApp } from '../harness.ts';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface E2E {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  newContext(): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function startE2E(overrides: Partial<Config> = {}): Promise<E2E> {
  // The base URL is only known after listening; links in e-mails use config.baseUrl.
  const t = await createTestApp(overrides);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (t.app.server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  t.deps.jobs.start();
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  return {
    t,
    baseUrl,
    browser,
    async newContext() {
      const ctx = await browser.newContext({ baseURL: baseUrl, viewport: { width: 360, height: 740 }, locale: 'id-ID' });
      // Tests never reach the internet: anything not on our server fails the test.
      await ctx.route(/^(?!http:\/\/127\.0\.0\.1:\d+\/)/, (route) => {
        throw new Error(`Unexpected outbound request: ${route.request().url()}`);
      });
      return ctx;
    },
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core on the page; fails on any serious or critical violation. */
export async function checkA11y(page: Page): Promise<void> {
  // Evaluated through the DevTools protocol, so the page's strict CSP stays untouched.
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  })) as AxeViolation[];
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${page.url()} ${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Navigates and checks accessibility of the page reached. */
export async function visit(page: Page, url: string): Promise<void> {
  const res = await page.goto(url);
  expect(res?.status(), `status of ${url}`).toBeLessThan(400);
  await checkA11y(page);
}

/** A new browser context signed in as `userId` (a session as after sign-in with TOTP passed), and its first page. */
export async function pageAs(e: E2E, userId: string): Promise<Page> {
  const session = await e.t.deps.identity.createSession(e.t.database.db, userId, { ip: null, userAgent: null }, true);
  const ctx = await e.newContext();
  await ctx.addCookies([{ name: 'simpul_sid', value: session.token, url: e.baseUrl }]);
  return ctx.newPage();
}

/** Clicks the button named `name` in `scope` (default: main), waits for the page it leads to and checks it with axe. */
export async function press(page: Page, name: string, scope = page.locator('main')): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), scope.getByRole('button', { name, exact: true }).click()]);
  await checkA11y(page);
}

/** Opens the header menu when it is collapsed (narrow screens), so its links can be used. */
export async function openMenu(page: Page): Promise<void> {
  const summary = page.locator('header details.menu > summary');
  if ((await summary.isVisible()) && !(await page.locator('header details.menu').evaluate((d) => (d as HTMLDetailsElement).open))) await summary.click();
}

/** True when the page is wider than the window (the reader would scroll sideways). */
export async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}
