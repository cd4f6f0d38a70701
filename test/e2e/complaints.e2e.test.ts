// A guest files a complaint in Chromium at 360 px on pages without any script (the form works
// without JavaScript): the service page's link prefills the service, the code sent to his e-mail confirms it,
// the receipt shows the tracking code, and the status page follows it. Every page axe-clean,
// none scrolls sideways.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y, press, scrollsSideways, startE2E, visit, type E2E } from './browser.ts';
import { makeAgency, makeServiceWithSop } from '../factories.ts';

let e: E2E;
let slug = '';

beforeAll(async () => {
  e = await startE2E({ requireAdminMfa: false });
  const agency = await makeAgency(e.t);
  slug = (await makeServiceWithSop(e.t, agency)).slug;
});
afterAll(async () => e?.close());

describe('complaints in Chromium', () => {
  it('[C-1] a guest files without JavaScript at 360 px, confirms with the code and follows the status', async () => {
    // The pages load no script at all (checked below), so this is the journey without JavaScript;
    // the browser keeps it enabled only so that axe can run.
    const ctx = await e.newContext();
    const p = await ctx.newPage();
    await visit(p, `/pengaduan?layanan=${slug}`);
    expect(await scrollsSideways(p)).toBe(false);
    await expect(p.locator('script').count()).resolves.toBe(0);
    await expect(p.locator('select[name="service"]').inputValue()).resolves.toBe(slug);
    await p.locator('input[name="kind"][value="pengaduan"]').check();
    await p.locator('select[name="category"]').selectOption('pelayanan');
    await p.locator('input[name="title"]').fill('Antrean tidak tertib');
    await p.locator('textarea[name="body"]').fill('Nomor antrean dilewati berkali-kali tanpa penjelasan dari petugas loket.');
    const email = `e2e.${Date.now()}@contoh.id`;
    await p.locator('input[name="contact"]').fill(email);
    await press(p, 'Kirim laporan');
    expect(p.url()).toMatch(/\/pengaduan\/konfirmasi\//);
    expect(await scrollsSideways(p)).toBe(false);
    const msg = await e.t.database.db.selectFrom('outbound_messages').select('body_text').where('recipient', '=', email).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    const code = /\b(\d{6})\b/.exec(msg.body_text ?? '')![1]!;
    await p.locator('input[name="code"]').fill(code);
    await press(p, 'Konfirmasi');
    const tracking = (await p.locator('strong.mono').textContent())!.trim();
    expect(tracking).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    expect(await scrollsSideways(p)).toBe(false);
    await visit(p, '/pengaduan/lacak');
    await p.locator('input[name="kode"]').fill(tracking);
    await press(p, 'Lihat status');
    await expect(p.locator('main').textContent()).resolves.toContain('Antrean tidak tertib');
    await expect(p.locator('main').textContent()).resolves.toContain('Diterima, menunggu verifikasi');
    expect(await scrollsSideways(p)).toBe(false);
    await checkA11y(p);
    await ctx.close();
  });
});
