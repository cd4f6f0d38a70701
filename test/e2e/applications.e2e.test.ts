// The application journey in Chromium (issue 4): a citizen applies online with an attachment;
// the verifier takes it from the work queue, views the attachment and sends it back; the
// citizen gets the e-mail (in-process SMTP server), corrects and resubmits; the verifier
// forwards it; the signing official approves; the citizen gets the approval e-mail and sees
// the result. A counter officer files for a walk-in person; an officer of another agency
// cannot open the application. axe-core checks every page visited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkA11y, pageAs, press, startE2E, visit, type E2E } from './browser.ts';
import { startSmtpServer, type SmtpTestServer } from '../smtp.ts';
import { makeAgency, makeCitizen, makeServiceWithSop, makeStaff, testServiceContent, TEST_PASSWORD } from '../factories.ts';
import type { AgencyView } from '../../src/modules/agencies/agencies.service.ts';
import type { StaffRole } from '../../src/platform/db/schema.ts';

let e: E2E;
let smtp: SmtpTestServer;
let agency: AgencyView;
let other: AgencyView;
let slug: string;
const SERVICE = 'Izin Usaha Mikro Uji';

const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

const form = {
  sections: [
    {
      key: 'usaha',
      title: 'Data usaha',
      fields: [
        { key: 'nama', type: 'text', label: 'Nama pemohon', required: true, prefill: 'name' },
        { key: 'nama_usaha', type: 'text', label: 'Nama usaha', required: true },
        { key: 'luas', type: 'number', label: 'Luas tempat usaha', required: true, rules: { min: 1 } },
        { key: 'ktp', type: 'file', label: 'Scan KTP', required: true, requirementKey: 'ktp' },
      ],
    },
  ],
};

beforeAll(async () => {
  smtp = await startSmtpServer();
  e = await startE2E({ requireAdminMfa: false, smtp: { host: '127.0.0.1', port: smtp.port, secure: false, ignoreTls: true } });
  agency = await makeAgency(e.t);
  other = await makeAgency(e.t);
  const content = testServiceContent(SERVICE, {
    requirements: [
      { key: 'ktp', name: 'KTP pemohon', kind: 'document', mandatory: true, fileTypes: ['application/pdf', 'image/jpeg'], maxSizeMb: 1 },
      { key: 'luas', name: 'Luas tempat usaha', kind: 'data', mandatory: true },
    ],
  });
  ({ slug } = await makeServiceWithSop(e.t, agency, { name: SERVICE, content, form }));
  await e.t.deps.region();
});
afterAll(async () => {
  await e?.close();
  await smtp?.close();
});

const pageFor = (userId: string): Promise<Page> => pageAs(e, userId);

async function staffPage(role: StaffRole, a: AgencyView = agency): Promise<Page> {
  return pageFor((await makeStaff(e.t, role, a)).userId);
}


describe('applications in Chromium', () => {
  it('[P-3] [P-6] [P-4] [P-12] apply, send back, correct, approve, with e-mails, the verifiable permit and accessible pages', async () => {
    const citizen = await makeCitizen(e.t);
    const cp = await pageFor(citizen.userId);

    // Apply online with the KTP scan.
    await visit(cp, `/layanan/${slug}`);
    await cp.locator('main').getByRole('link', { name: /Ajukan/ }).first().click();
    await checkA11y(cp);
    await cp.getByLabel('Nama usaha').fill('Warung Sejahtera');
    await cp.getByLabel('Luas tempat usaha').fill('0');
    await cp.getByLabel('Scan KTP').setInputFiles({ name: 'ktp.pdf', mimeType: 'application/pdf', buffer: pdf });
    await press(cp, 'Ajukan');
    // A bad value: the error summary, the typed values kept.
    await expect(cp.locator('.error-summary').textContent()).resolves.toContain('Paling kecil 1');
    await expect(cp.getByLabel('Nama usaha').inputValue()).resolves.toBe('Warung Sejahtera');
    await cp.getByLabel('Luas tempat usaha').fill('24');
    await press(cp, 'Ajukan');
    const tracking = /\/permohonan\/([^/]+)\/tanda-terima/.exec(cp.url())?.[1] ?? '';
    expect(tracking).toMatch(/^\d{4}-[A-Z0-9-]+-\d{6}$/);
    await smtp.waitFor((m) => m.to.includes(citizen.email) && m.subject.includes(tracking), 20_000);

    // The verifier takes it from the work queue and sends it back.
    const vp = await staffPage('verifier');
    await visit(vp, '/kelola/antrian-kerja');
    await expect(vp.locator('main').textContent()).resolves.toContain(tracking);
    await press(vp, `Ambil permohonan ${tracking}`, vp.locator('main'));
    await visit(vp, `/kelola/permohonan/${tracking}`);
    const attachment = vp.locator('main').getByRole('link', { name: /ktp\.pdf/ });
    const href = await attachment.getAttribute('href');
    const file = await vp.request.get(href ?? '');
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toContain('application/pdf');
    const sendBack = vp.locator('form', { has: vp.getByRole('button', { name: 'Kembalikan ke pemohon', exact: true }) });
    await press(vp, 'Kembalikan ke pemohon', sendBack);
    // Nothing chosen: refused with a message, the page still there.
    await expect(vp.locator('.error-summary').count()).resolves.toBeGreaterThan(0);
    const sendBackAgain = vp.locator('form', { has: vp.getByRole('button', { name: 'Kembalikan ke pemohon', exact: true }) });
    await sendBackAgain.getByLabel('Luas tempat usaha').check();
    await sendBackAgain.getByLabel('Catatan untuk pemohon').fill('Luas tidak sesuai dengan denah lokasi.');
    await press(vp, 'Kembalikan ke pemohon', sendBackAgain);
    await expect(vp.locator('main').textContent()).resolves.toContain('Permohonan dikembalikan kepada pemohon.');

    // The citizen gets the e-mail naming the field, corrects it and resubmits.
    const mail = await smtp.waitFor((m) => m.to.includes(citizen.email) && m.subject.includes('perlu dilengkapi'), 20_000);
    expect(mail.text).toContain('Luas tempat usaha');
    expect(mail.text).toContain('Luas tidak sesuai dengan denah lokasi.');
    await visit(cp, `/permohonan/${tracking}`);
    await expect(cp.locator('main').textContent()).resolves.toContain('Permohonan perlu diperbaiki');
    await cp.getByRole('link', { name: 'Perbaiki permohonan' }).click();
    await checkA11y(cp);
    // Only the named field is offered.
    await expect(cp.getByLabel('Nama usaha').count()).resolves.toBe(0);
    await cp.getByLabel('Luas tempat usaha').fill('36');
    await press(cp, 'Kirim perbaikan');
    await expect(cp.locator('main').textContent()).resolves.toContain('Perbaikan terkirim');

    // Back to the same verifier, who forwards it without a field survey.
    await visit(vp, '/kelola/antrian-kerja?lingkup=assigned');
    await visit(vp, `/kelola/permohonan/${tracking}`);
    const forward = vp.locator('form', { has: vp.getByRole('button', { name: 'Teruskan', exact: true }) });
    await forward.getByLabel(/Tidak perlu survei/).check();
    await press(vp, 'Teruskan', forward);

    // The signing official approves.
    const sp = await staffPage('signing_official');
    await visit(sp, '/kelola/antrian-kerja');
    await press(sp, `Ambil permohonan ${tracking}`, sp.locator('main'));
    await visit(sp, `/kelola/permohonan/${tracking}`);
    // Approving is signing: the preview is offered and the official confirms with his password.
    const signForm = sp.locator('form', { has: sp.getByRole('button', { name: 'Setujui dan tandatangani', exact: true }) });
    expect(await signForm.getByRole('link', { name: /Pratinjau dokumen/ }).count()).toBe(1);
    await signForm.getByLabel('Kata sandi atau kode autentikator').fill(TEST_PASSWORD);
    await press(sp, 'Setujui dan tandatangani', signForm);
    await expect(sp.locator('main').textContent()).resolves.toContain('Permohonan disetujui.');
    await visit(sp, `/kelola/permohonan/${tracking}`);
    await expect(sp.locator('main').textContent()).resolves.toContain('Tahapan proses');

    // The citizen gets the approval e-mail and sees the result and the whole timeline.
    await smtp.waitFor((m) => m.to.includes(citizen.email) && m.subject.includes(tracking) && /disetujui/i.test(m.subject), 20_000);
    await visit(cp, `/permohonan/${tracking}`);
    const text = (await cp.locator('main').textContent()) ?? '';
    expect(text).toContain('Permohonan Anda disetujui');
    expect(text).toContain('Disetujui');

    // The permit is issued on approval (a job), listed under "Dokumen saya", and its public
    // verification page says it is genuine (P-12).
    const db = e.t.database.db;
    let doc: { id: string; verification_code: string } | undefined;
    for (let i = 0; i < 100 && !doc; i++) {
      doc = await db.selectFrom('issued_documents').select(['id', 'verification_code']).where('holder_id', '=', citizen.userId).executeTakeFirst();
      if (!doc) await new Promise((r) => setTimeout(r, 200));
    }
    expect(doc).toBeDefined();
    await visit(cp, '/dokumen');
    const download = await cp.locator('main').locator(`a[href="/dokumen/${doc!.id}/unduh"]`).first().getAttribute('href');
    const permit = await cp.request.get(download ?? '');
    expect(permit.headers()['content-type']).toContain('application/pdf');
    const anonymous = await (await e.newContext()).newPage();
    await visit(anonymous, `/verifikasi/${doc!.verification_code}`);
    await expect(anonymous.locator('main').textContent()).resolves.toContain('Dokumen ASLI');

    // An officer of another agency cannot open it.
    const op = await staffPage('verifier', other);
    const res = await op.goto(`/kelola/permohonan/${tracking}`);
    expect(res?.status()).toBe(403);
    await checkA11y(op);
  });

  it('[P-1] a counter officer files for a walk-in person without e-mail and prints the receipt', async () => {
    const page = await staffPage('counter_officer');
    await visit(page, '/kelola/loket');
    await page.getByLabel('NIK pemohon').first().fill('5371014107900003');
    await press(page, 'Cari');
    await page.getByLabel('Nama sesuai KTP').fill('Maria Goreti Lake');
    await page.getByLabel('Nomor ponsel').fill('081298765432');
    await press(page, 'Daftarkan');
    await page.locator('main').getByRole('link', { name: SERVICE }).click();
    await checkA11y(page);
    await page.getByLabel('Nama usaha').fill('Kios Maria');
    await page.getByLabel('Luas tempat usaha').fill('12');
    await page.getByLabel('Scan KTP').setInputFiles({ name: 'ktp-maria.pdf', mimeType: 'application/pdf', buffer: pdf });
    await press(page, 'Ajukan');
    const tracking = /\/permohonan\/([^/]+)\/tanda-terima/.exec(page.url())?.[1] ?? '';
    expect(tracking).not.toBe('');
    await expect(page.locator('main').textContent()).resolves.toContain('Maria Goreti Lake');
    const pdfLink = await page.locator('main').getByRole('link', { name: /PDF/ }).first().getAttribute('href');
    const receipt = await page.request.get(pdfLink ?? '');
    expect(receipt.headers()['content-type']).toContain('application/pdf');
    // The counter application waits in the agency's queue like any other.
    const vp = await staffPage('verifier');
    await visit(vp, '/kelola/antrian-kerja?saluran=counter');
    await expect(vp.locator('main').textContent()).resolves.toContain(tracking);
  });
});
