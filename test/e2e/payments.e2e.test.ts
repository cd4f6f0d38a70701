// The fee journey in Chromium (issue 5, P-7 and P-12): a citizen applies for a service with a
// fixed fee; when the verifier forwards it to the billing step Simpul issues a bill and e-mails
// the payment code; the citizen confirms his transfer on the bill page (which alone pays
// nothing); the finance officer imports the bank statement carrying the code; the bill is
// paid, the citizen gets the approval e-mail and the kuitansi; the signing official approves;
// the citizen downloads the signed permit and the public verification page says it is
// genuine. axe-core checks every page visited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkA11y, pageAs, press, startE2E, visit, type E2E } from './browser.ts';
import { startSmtpServer, type SmtpTestServer } from '../smtp.ts';
import { makeAgency, makeCitizen, makeServiceWithSop, makeStaff, testServiceContent, testSop, TEST_PASSWORD } from '../factories.ts';
import { tinyPdf } from '../http.ts';
import { makeBankAccount } from '../../src/modules/payments/payments.test-support.ts';
import type { AgencyView } from '../../src/modules/agencies/agencies.service.ts';
import type { StaffRole } from '../../src/platform/db/schema.ts';

let e: E2E;
let smtp: SmtpTestServer;
let agency: AgencyView;
let slug: string;
let accountId: string;
const SERVICE = 'Izin Reklame Uji';
const FEE = 150_000;

const form = {
  sections: [
    {
      key: 'reklame',
      title: 'Data reklame',
      fields: [
        { key: 'nama', type: 'text', label: 'Nama pemohon', required: true, prefill: 'name' },
        { key: 'lokasi', type: 'text', label: 'Lokasi reklame', required: true },
        { key: 'ktp', type: 'file', label: 'Scan KTP', required: true, requirementKey: 'ktp' },
      ],
    },
  ],
};

beforeAll(async () => {
  smtp = await startSmtpServer();
  e = await startE2E({ requireAdminMfa: false, smtp: { host: '127.0.0.1', port: smtp.port, secure: false, ignoreTls: true } });
  agency = await makeAgency(e.t);
  const content = testServiceContent(SERVICE, {
    fee: { kind: 'fixed', amount: FEE, regulation: 'Perda Provinsi Uji 3 Tahun 2024 tentang Retribusi' },
    requirements: [{ key: 'ktp', name: 'KTP pemohon', kind: 'document', mandatory: true, fileTypes: ['application/pdf'], maxSizeMb: 1 }],
  });
  // The signing step bills the fee: the official signs only after the money has arrived.
  const sop = { steps: testSop.steps.map((s) => (s.key === 'ttd' ? { ...s, billing: true } : s)) };
  ({ slug } = await makeServiceWithSop(e.t, agency, { name: SERVICE, content, form, sop }));
  accountId = (await makeBankAccount(e.t, { bankCode: 'BNI' })).id;
  const mapping = { delimiter: ',', date: 'Tanggal', dateFormats: ['DD/MM/YYYY'], description: 'Keterangan', reference: 'Referensi', direction: { kind: 'columns', debit: 'Debet', credit: 'Kredit' }, amountFormat: 'plain' };
  await e.t.database.db.insertInto('statement_mappings').values({ name: 'BNI Kas Daerah', bank_code: 'BNI', mapping: JSON.stringify(mapping) }).execute();
});
afterAll(async () => {
  await e?.close();
  await smtp?.close();
});

const pageFor = (userId: string): Promise<Page> => pageAs(e, userId);

async function staffPage(role: StaffRole, a: AgencyView | null = agency): Promise<Page> {
  return pageFor((await makeStaff(e.t, role, a)).userId);
}


describe('fees in Chromium', () => {
  it('[P-7] [P-12] billed, confirmed, reconciled from the bank statement, approval e-mail, then the signed permit verifies', async () => {
    const citizen = await makeCitizen(e.t);
    const cp = await pageFor(citizen.userId);

    // Apply.
    await visit(cp, `/layanan/${slug}`);
    await cp.locator('main').getByRole('link', { name: /Ajukan/ }).first().click();
    await cp.getByLabel('Lokasi reklame').fill('Jl. El Tari, Kupang');
    await cp.getByLabel('Scan KTP').setInputFiles({ name: 'ktp.pdf', mimeType: 'application/pdf', buffer: tinyPdf });
    await press(cp, 'Ajukan');
    const tracking = /\/permohonan\/([^/]+)\/tanda-terima/.exec(cp.url())?.[1] ?? '';
    expect(tracking).not.toBe('');

    // The verifier forwards it to signing, which bills the fee.
    const vp = await staffPage('verifier');
    await visit(vp, '/kelola/antrian-kerja');
    await press(vp, `Ambil permohonan ${tracking}`);
    await visit(vp, `/kelola/permohonan/${tracking}`);
    const forward = vp.locator('form', { has: vp.getByRole('button', { name: 'Teruskan', exact: true }) });
    await forward.getByLabel(/Tidak perlu survei/).check();
    await press(vp, 'Teruskan', forward);

    // The citizen is e-mailed the bill with its payment code.
    const billMail = await smtp.waitFor((m) => m.to.includes(citizen.email) && m.subject.includes('Tagihan retribusi') && m.subject.includes(tracking), 20_000);
    const code = /Kode bayar: ([0-9]+)/.exec(billMail.text)?.[1] ?? '';
    expect(code).toMatch(/^\d{12,16}$/);
    expect(billMail.text).toContain('150.000');

    // The application page shows the bill; the bill page takes a confirmation, which pays nothing.
    await visit(cp, `/permohonan/${tracking}`);
    expect(await cp.locator('main').innerText()).toContain('Menunggu pembayaran retribusi');
    await visit(cp, `/tagihan/${code}`);
    // A transfer two minutes ago, in the region's time (WITA): date and time as the citizen types them.
    const wita = new Date(Date.now() - 2 * 60_000 + 8 * 3_600_000).toISOString();
    const today = wita.slice(0, 10);
    await cp.getByLabel('Nomor referensi / bukti transfer').fill('FT2611REF001');
    await cp.getByLabel('Tanggal transfer').fill(today);
    await cp.getByLabel('Jam transfer').fill(wita.slice(11, 16));
    await cp.getByLabel('Bank pengirim').fill('BNI');
    await cp.getByLabel('Jumlah yang ditransfer (Rp)').fill('150.000');
    await press(cp, 'Kirim konfirmasi');
    const confirmed = await cp.locator('main').innerText();
    expect(confirmed, confirmed).toContain('Konfirmasi pembayaran Anda diterima');
    const before = await e.t.database.db.selectFrom('bills').select(['status']).where('payment_code', '=', code).executeTakeFirstOrThrow();
    expect(before.status).toBe('unpaid');

    // The finance officer imports the statement with the transfer.
    const fp = await staffPage('finance_officer', null);
    await visit(fp, '/kelola/keuangan/impor-mutasi');
    await fp.selectOption('#f-account', accountId);
    await fp.selectOption('#f-mapping', 'saved:BNI Kas Daerah');
    const day = today.split('-').reverse().join('/');
    const csv = `Tanggal,Keterangan,Referensi,Debet,Kredit\n${day},TRF RETRIBUSI ${code} FT2611REF001,FT2611REF001,,${FEE}\n`;
    await fp.setInputFiles('#f-file', { name: 'mutasi.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await press(fp, 'Impor');
    expect(fp.url()).toMatch(/impor-mutasi\/[0-9a-f-]{36}$/);

    // The bill is paid, and the citizen gets the approval notice with the kuitansi number.
    const paidMail = await smtp.waitFor((m) => m.to.includes(citizen.email) && m.subject.includes(`Pembayaran permohonan ${tracking} diterima`), 20_000);
    expect(paidMail.text).toMatch(/Kuitansi nomor \S+/);
    const paid = await e.t.database.db.selectFrom('bills').select(['status', 'paid_amount']).where('payment_code', '=', code).executeTakeFirstOrThrow();
    expect(paid).toEqual({ status: 'paid', paid_amount: FEE });
    await visit(cp, `/tagihan/${code}`);
    expect(await cp.locator('main').innerText()).toMatch(/Lunas/i);

    // The workflow moves on: the signing official approves.
    const sp = await staffPage('signing_official');
    await visit(sp, '/kelola/antrian-kerja');
    await press(sp, `Ambil permohonan ${tracking}`);
    await visit(sp, `/kelola/permohonan/${tracking}`);
    // Approving is signing: the preview is offered and the official confirms with his password.
    const signForm = sp.locator('form', { has: sp.getByRole('button', { name: 'Setujui dan tandatangani', exact: true }) });
    expect(await signForm.getByRole('link', { name: /Pratinjau dokumen/ }).count()).toBe(1);
    await signForm.getByLabel('Kata sandi atau kode autentikator').fill(TEST_PASSWORD);
    await press(sp, 'Setujui dan tandatangani', signForm);
    expect(await sp.locator('main').innerText()).toContain('Permohonan disetujui.');

    // The permit: listed for the citizen, a PDF, and genuine on the public verification page.
    const db = e.t.database.db;
    let doc: { id: string; verification_code: string } | undefined;
    for (let i = 0; i < 100 && !doc; i++) {
      doc = await db.selectFrom('issued_documents').select(['id', 'verification_code']).where('holder_id', '=', citizen.userId).executeTakeFirst();
      if (!doc) await new Promise((r) => setTimeout(r, 200));
    }
    expect(doc).toBeDefined();
    await visit(cp, '/dokumen');
    const href = await cp.locator('main').locator(`a[href="/dokumen/${doc!.id}/unduh"]`).first().getAttribute('href');
    const permit = await cp.request.get(href ?? '');
    expect(permit.headers()['content-type']).toContain('application/pdf');
    const anonymous = await (await e.newContext()).newPage();
    await visit(anonymous, `/verifikasi/${doc!.verification_code}`);
    expect(await anonymous.locator('main').innerText()).toContain('Dokumen ASLI');
  });
});
