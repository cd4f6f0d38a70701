// A guest files a complaint in Chromium at 360 px on pages without any script (the form works
// without JavaScript): the service page's link prefills the service, the code sent to his e-mail confirms it,
// the receipt shows the tracking code, and the status page follows it. Every page axe-clean,
// none scrolls sideways.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y, pageAs, press, scrollsSideways, startE2E, visit, type E2E } from './browser.ts';
import { makeAgency, makeCitizen, makeServiceWithSop, makeStaff, type TestUser } from '../factories.ts';
import type { Actor } from '../../src/platform/auth/actor.ts';

let e: E2E;
let slug = '';
let agencyId = '';
let agencyName = '';
let coordinator: TestUser;
let officer: TestUser;
let applicant: TestUser;
let appNumber = '';

const asActor = (u: TestUser, kind: Actor['kind'], role: Actor['grants'][number]['role'] | null, agency: string | null): Actor => ({
  userId: u.userId,
  kind,
  name: u.name,
  locale: 'id',
  grants: role ? [{ role, agencyId: agency }] : [],
  mfaPassed: true,
  mfaEnrolled: false,
  sessionId: null,
  via: 'session',
});


beforeAll(async () => {
  e = await startE2E({ requireAdminMfa: false });
  const agency = await makeAgency(e.t);
  agencyId = agency.id;
  agencyName = agency.name;
  const service = await makeServiceWithSop(e.t, agency);
  slug = service.slug;
  coordinator = await makeStaff(e.t, 'complaint_coordinator', null);
  officer = await makeStaff(e.t, 'operator', agency);
  // An applicant whose application has been approved (the survey's subject).
  applicant = await makeCitizen(e.t);
  const published = (await e.t.deps.catalog.getPublished(slug))!;
  const saved = await e.t.deps.applications.save({ service: published, applicantId: applicant.userId, values: { nama_usaha: 'Warung Sejahtera', luas: '20' }, files: {}, submit: true, who: { actor: asActor(applicant, 'citizen', null, null) } } as never);
  appNumber = (saved as { trackingNumber: string }).trackingNumber;
  const verifier = asActor(await makeStaff(e.t, 'verifier', agency), 'staff', 'verifier', agency.id);
  const official = asActor(await makeStaff(e.t, 'signing_official', agency), 'staff', 'signing_official', agency.id);
  await e.t.deps.processing.claim({ actor: verifier }, appNumber, 1);
  await e.t.deps.processing.act({ actor: verifier }, appNumber, { action: 'forward', seq: 1, option: 1 });
  await e.t.deps.processing.claim({ actor: official }, appNumber, 2);
  await e.t.deps.processing.act({ actor: official }, appNumber, { action: 'approve', seq: 2 });
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

  it('[C-1][C-2][C-4] the whole lifecycle: guest files and follows, coordinator verifies, routes and publishes, the agency answers and resolves, the guest rates; an applicant completes the IKM survey and /ikm changes', async () => {
    const year = new Date().getFullYear();
    // Guest files, allowing publication, at 360 px.
    const guestCtx = await e.newContext();
    const g = await guestCtx.newPage();
    await visit(g, `/pengaduan?layanan=${slug}`);
    await g.locator('select[name="category"]').selectOption('pelayanan');
    await g.locator('input[name="title"]').fill('Berkas hilang di loket');
    await g.locator('textarea[name="body"]').fill('Berkas saya diterima petugas minggu lalu tetapi kini dinyatakan tidak pernah masuk.');
    await g.locator('input[name="name"]').fill('Sutrisno Wibowo');
    const email = `e2e.siklus.${Date.now()}@contoh.id`;
    await g.locator('input[name="contact"]').fill(email);
    await g.locator('input[name="allowPublish"]').check();
    await press(g, 'Kirim laporan');
    if (await g.getByRole('button', { name: 'Kirim laporan', exact: true }).count()) await press(g, 'Kirim laporan'); // the similar-complaints step
    const msg = await e.t.database.db.selectFrom('outbound_messages').select('body_text').where('recipient', '=', email).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    await g.locator('input[name="code"]').fill(/\b(\d{6})\b/.exec(msg.body_text ?? '')![1]!);
    await press(g, 'Konfirmasi');
    const tracking = (await g.locator('strong.mono').textContent())!.trim();
    const number = (await e.t.database.db.selectFrom('complaints' as never).select('number' as never).where('title' as never, '=', 'Berkas hilang di loket' as never).executeTakeFirstOrThrow()) as { number: string };
    const track = async () => {
      await visit(g, `/pengaduan/lacak?kode=${encodeURIComponent(tracking)}`);
      expect(await scrollsSideways(g)).toBe(false);
      return (await g.locator('main').textContent()) ?? '';
    };
    expect(await track()).toContain('Diterima, menunggu verifikasi');

    // The coordinator verifies and routes it to the agency, then previews and publishes the public version.
    const coord = await pageAs(e, coordinator.userId);
    await visit(coord, '/kelola/pengaduan');
    expect(await scrollsSideways(coord)).toBe(false);
    await Promise.all([coord.waitForLoadState('load'), coord.locator('main').getByRole('link', { name: number.number }).click()]);
    await checkA11y(coord);
    expect(await scrollsSideways(coord)).toBe(false);
    await expect(coord.locator('main').textContent()).resolves.not.toContain('Sutrisno');
    await coord.locator('form:has(input[name="action"][value="verify"]) select[name="agencyId"]').selectOption(agencyId);
    await press(coord, 'Verifikasi dan teruskan');
    await expect(coord.locator('main [role="status"]').textContent()).resolves.toBeTruthy();
    await Promise.all([coord.waitForLoadState('load'), coord.locator('main').getByRole('link', { name: 'Terbitkan', exact: true }).click()]);
    await checkA11y(coord);
    expect(await scrollsSideways(coord)).toBe(false);
    await press(coord, 'Terbitkan sekarang');
    expect(coord.url()).toMatch(/ok=terbit/);
    expect(await track()).toContain('Diteruskan ke perangkat daerah');

    // The agency answers, then resolves.
    const off = await pageAs(e, officer.userId);
    await visit(off, '/kelola/pengaduan');
    await Promise.all([off.waitForLoadState('load'), off.locator('main').getByRole('link', { name: number.number }).click()]);
    await checkA11y(off);
    expect(await scrollsSideways(off)).toBe(false);
    await off.locator('form:has(input[name="action"][value="respond"]) textarea[name="note"]').fill('Berkas Anda ditemukan di arsip loket dan sudah kami proses kembali.');
    await press(off, 'Kirim tanggapan');
    expect(await track()).toContain('Berkas Anda ditemukan di arsip loket');
    await off.locator('form:has(input[name="action"][value="resolve"]) textarea[name="note"]').fill('Permohonan sudah diproses.');
    await press(off, 'Nyatakan selesai');

    // The guest rates the handling on his status page.
    expect(await track()).toContain('Selesai');
    await g.locator('select[name="rating"]').selectOption('4');
    await g.locator('textarea[name="comment"]').fill('Cepat ditangani.');
    await press(g, 'Kirim penilaian');
    await expect(g.locator('main [role="status"]').textContent()).resolves.toContain('Terima kasih atas penilaian Anda.');
    expect(await scrollsSideways(g)).toBe(false);
    await guestCtx.close();

    // An applicant whose application was approved completes the survey; the public page counts him.
    const pub = await (await e.newContext()).newPage();
    await visit(pub, `/ikm?tahun=${year}`);
    const before = (await pub.locator('main').textContent()) ?? '';
    expect(before).not.toContain(agencyName);
    const ap = await pageAs(e, applicant.userId);
    await visit(ap, `/ikm/survei/permohonan/${appNumber}`);
    expect(await scrollsSideways(ap)).toBe(false);
    for (let c = 1; c <= 9; c++) await ap.locator(`input[name="u${c}"][value="${c % 2 ? 4 : 3}"]`).check();
    await press(ap, 'Kirim survei');
    await expect(ap.locator('main [role="status"]').textContent()).resolves.toBeTruthy();
    await visit(pub, `/ikm?tahun=${year}`);
    expect(await scrollsSideways(pub)).toBe(false);
    const row = pub.locator('main table').first().locator('tr', { hasText: agencyName });
    await expect(row.locator('td, th').allTextContents()).resolves.toContain('1'); // one respondent
  });
});
