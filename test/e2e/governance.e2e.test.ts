// The ICT governance console in Chromium (issue 6): an agency's ICT officer registers an
// application in the inventory and the agency's ICT staff figures (another agency's officer
// cannot open them); the Dinas Kominfo's SPBE coordinator sees them, then opens
// the year's self-assessment, scores the indicators of an aspect, sees the index; creates a
// master plan with a roadmap initiative; downloads the master-plan PDF (roadmap rows) and the
// M&E report PDF (the index). axe-core checks every page visited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkA11y, pageAs, press, startE2E, visit, type E2E } from './browser.ts';
import { makeAgency, makeStaff } from '../factories.ts';
import { pdfText } from '../../src/platform/pdf/pdf-text.ts';

let e: E2E;

beforeAll(async () => {
  e = await startE2E({ requireAdminMfa: false });
  await e.t.deps.region();
});
afterAll(async () => {
  await e?.close();
});

const pageFor = (userId: string): Promise<Page> => pageAs(e, userId);


describe('governance console in Chromium', () => {
  it('[G-4] [G-5] an agency registers an application and its ICT staff figures; another agency cannot open them; the Dinas sees both', async () => {
    const agency = await makeAgency(e.t);
    const other = await makeAgency(e.t);
    const officer = await makeStaff(e.t, 'ict_officer', agency);
    const page = await pageFor(officer.userId);

    await visit(page, '/kelola/tata-kelola');
    await visit(page, '/kelola/tata-kelola/aplikasi/baru');
    await page.locator('#f-name').fill('SIMPEG Daerah Uji');
    await page.locator('#f-kind').selectOption('core');
    await page.locator('#f-developerKind').selectOption('vendor');
    await page.locator('#f-developerName').fill('PT Sumber Data Nusantara');
    await page.locator('#f-purpose').fill('Data kepegawaian perangkat daerah');
    await page.locator('#f-url').fill('https://simpeg.ujiprov.go.id');
    await page.locator('#f-hosting').selectOption('regional_dc');
    await page.locator('#f-status').selectOption('live');
    await page.locator('#f-liveOn').fill('2024-07-01');
    await press(page, 'Simpan');
    expect(page.url(), await page.locator('main').innerText()).toMatch(/aplikasi\/[0-9a-f-]{36}/);
    const appUrl = new URL(page.url()).pathname;
    expect(await page.locator('main').innerText()).toContain('SIMPEG Daerah Uji');

    await visit(page, `/kelola/tata-kelola/sdm-tik/angka/${agency.id}/2026`);
    for (const [k, v] of [['civilServants', '120'], ['ictAble', '80'], ['abilityGood', '50'], ['abilityFair', '30'], ['ictSpecialists', '4']] as const) await page.locator(`#f-${k}`).fill(v);
    await press(page, 'Simpan');
    await visit(page, '/kelola/tata-kelola/sdm-tik?tahun=2026');
    expect(await page.locator('main').innerText()).toContain('120');

    const stranger = await pageFor((await makeStaff(e.t, 'ict_officer', other)).userId);
    const res = await stranger.goto(`${e.baseUrl}${appUrl}`);
    expect([403, 404]).toContain(res?.status());

    const dinas = await pageFor((await makeStaff(e.t, 'ict_coordinator', null)).userId);
    await visit(dinas, '/kelola/tata-kelola/aplikasi');
    expect(await dinas.locator('main').innerText()).toContain('SIMPEG Daerah Uji');
    const csv = await dinas.request.get('/kelola/tata-kelola/aplikasi?format=csv');
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(await csv.text()).toContain('SIMPEG Daerah Uji');
  });

  it('[G-8] [G-3] [E-4] the Dinas scores SPBE indicators and downloads the master plan and the M&E report', async () => {
    const coordinator = await makeStaff(e.t, 'ict_coordinator', null);
    const page = await pageFor(coordinator.userId);

    await visit(page, '/kelola/tata-kelola/evaluasi-spbe');
    await page.getByRole('combobox', { name: 'Kerangka penilaian', exact: true }).selectOption({ index: 1 });
    await page.getByRole('textbox', { name: 'Tahun', exact: true }).fill('2026');
    await press(page, 'Buka penilaian tahun');
    expect(page.url()).toMatch(/\/evaluasi-spbe\/[0-9a-f-]{36}$/);
    const assessmentUrl = page.url();

    await Promise.all([page.waitForLoadState('load'), page.getByRole('link', { name: 'Penyelenggara SPBE' }).click()]);
    await checkA11y(page);
    await page.locator('#f-level_19').selectOption('4');
    await page.locator('#f-level_20').selectOption('3');
    await page.locator('#f-evidence_20').fill('https://jdih.ujiprov.go.id/sk-tim-spbe');
    await press(page, 'Simpan');
    await expect.poll(() => page.locator('main').innerText()).toContain('Perubahan tersimpan.');

    await visit(page, assessmentUrl);
    // (2.50 × 4 + 2.50 × 3) / 100 = 0.175 → 0,18 (Indonesian decimal comma)
    expect(await page.locator('#spbe-index').innerText()).toBe('0,18');

    await visit(page, '/kelola/tata-kelola/rencana-induk');
    const create = page.locator('section[aria-labelledby="h-new"]');
    await create.getByLabel('Judul').fill('Rencana Induk SPBE 2026–2030');
    await create.getByLabel('Tahun mulai berlaku').fill('2026');
    await create.locator('#f-vision').fill('Pemerintahan digital yang melayani');
    await press(page, 'Simpan', create);
    expect(page.url()).toMatch(/\/rencana-induk\/[0-9a-f-]{36}$/);
    const planUrl = page.url();

    const add = page.locator('section[aria-labelledby="h-add"]');
    await add.getByLabel('Komponen').selectOption('infrastructure');
    await add.getByLabel('Inisiatif').fill('Jaringan Intra Pemerintah Daerah');
    await add.getByLabel('Sumber dana').selectOption('apbd');
    await add.locator('[id="f-year.2026"]').fill('400000000');
    await add.locator('[id="f-year.2027"]').fill('600000000');
    await press(page, 'Tambah inisiatif', add);
    await expect.poll(() => page.locator('main').innerText()).toContain('Jaringan Intra Pemerintah Daerah');

    const plan = await page.request.get(`${planUrl}/pdf`);
    expect(plan.headers()['content-type']).toContain('application/pdf');
    const planText = pdfText(Buffer.from(await plan.body())).replace(/\s+/g, ' ');
    expect(planText).toContain('Jaringan Intra Pemerintah Daerah 400 600 - - - 1.000');

    await visit(page, '/kelola/tata-kelola/pegi');
    for (const [label, value] of [['Tahun', '2025'], ['Kebijakan (1.00–4.00)', '3.50'], ['Kelembagaan (1.00–4.00)', '3.40'], ['Infrastruktur (1.00–4.00)', '3.12'], ['Aplikasi (1.00–4.00)', '3.57'], ['Perencanaan (1.00–4.00)', '3.11']] as const) {
      await page.getByRole('textbox', { name: label, exact: true }).fill(value);
    }
    await press(page, 'Simpan');
    await expect.poll(() => page.locator('main').innerText()).toContain('3,34');

    await visit(page, '/kelola/tata-kelola/laporan-monev');
    const monev = await page.request.get('/kelola/tata-kelola/laporan-monev/pdf?jenis=year&tahun=2026');
    expect(monev.status()).toBe(200);
    const monevText = pdfText(Buffer.from(await monev.body()));
    expect(monevText).toContain('Indeks SPBE');
    expect(monevText).toContain('0,18');
  });
});
