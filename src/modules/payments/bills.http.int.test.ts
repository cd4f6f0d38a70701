// Bills over HTTP (P-7), both engines: the payer's bill page and confirmation form (multipart,
// CSRF, typed values kept on a 4xx), unknown codes and other people's bills, the bill on the
// application page, the kuitansi download, the back office (agency-scoped list, detail,
// cancel, receiving accounts) and the JSON API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { apiAs, makeAgency, makeCitizen, makeServiceWithSop, makeStaff, signInAs, testServiceContent } from '../../../test/factories.ts';
import { multipart, TestClient, textOf } from '../../../test/http.ts';
import { formatRupiah, terbilangRupiah } from '../../platform/format.ts';
import { formatDate } from '../../platform/views/i18n.ts';
import { pdfText } from '../../platform/pdf/pdf-text.ts';
import type { AgencyView } from '../agencies/agencies.service.ts';
import type { Actor } from '../../platform/auth/actor.ts';

let t: TestApp;
let agency: AgencyView;
let other: AgencyView;
let slug: string;

const DAY = 86_400_000;

/** 'YYYY-MM-DD' of an instant in the region's zone. */
async function localDate(d: Date): Promise<string> {
  const tz = (await t.deps.region()).timeZone;
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

async function billed() {
  const c = await makeCitizen(t);
  const actor: Actor = { userId: c.userId, kind: 'citizen', name: c.name, locale: 'id', grants: [], mfaPassed: true, mfaEnrolled: false, sessionId: null, via: 'session' };
  const service = (await t.deps.catalog.getPublished(slug))!;
  await t.deps.region();
  const res = await t.deps.applications.save({ service, applicantId: c.userId, values: { nama_usaha: 'Kios Uji', luas: '12' }, files: {}, submit: true, who: { actor }, now: new Date(Date.now() - 3 * DAY) });
  const bill = await t.database.db.selectFrom('bills').selectAll().where('application_id', '=', res.id).executeTakeFirstOrThrow();
  return { user: c, tracking: res.trackingNumber!, bill, client: await signInAs(t, c.userId) };
}

beforeAll(async () => {
  t = await createTestApp({ requireAdminMfa: false });
  agency = await makeAgency(t);
  other = await makeAgency(t);
  await t.database.db.insertInto('bank_accounts').values({ agency_id: null, bank_code: 'BNTT', bank_name: 'Bank NTT', account_number: '0019876543', account_name: 'RKUD Uji' }).execute();
  ({ slug } = await makeServiceWithSop(t, agency, { content: testServiceContent('Izin Reklame Uji', { fee: { kind: 'fixed', amount: 275_000, regulation: 'Perda 2/2024' } }) }));
});
afterAll(async () => t?.close());

describe(`bills over HTTP (${engine})`, () => {
  it('[P-7] the payer sees the bill on the application page and on the bill page (code, total, accounts, due date)', async () => {
    const { client, tracking, bill } = await billed();
    const app = textOf((await client.get(`/permohonan/${tracking}`)).body);
    expect(app).toContain('Menunggu pembayaran retribusi');
    expect(app).toContain('Rp 275.000');
    expect(app).toContain(bill.payment_code);
    const res = await client.get(`/tagihan/${bill.payment_code}`);
    expect(res.statusCode).toBe(200);
    const text = textOf(res.body);
    expect(text).toContain(bill.payment_code.replace(/(.{4})(?=.)/g, '$1 '));
    expect(text).toContain('Rp 275.000');
    expect(text).toContain('Bank NTT');
    expect(text).toContain('0019876543');
    expect(text).toContain('Belum dibayar');
    expect(text).toContain('Batas pembayaran');
    const mine = textOf((await client.get('/tagihan')).body);
    expect(mine).toContain(bill.payment_code);
  });

  it('[P-7] an unknown or mistyped code and someone else\'s bill get the same "not found" answer', async () => {
    const { bill } = await billed();
    const stranger = await signInAs(t, (await makeCitizen(t)).userId);
    for (const url of [`/tagihan/${bill.payment_code}`, '/tagihan/12345678901234', `/tagihan/${bill.payment_code.slice(0, -1)}${(Number(bill.payment_code.at(-1)) + 1) % 10}`]) {
      const res = await stranger.get(url);
      expect(res.statusCode).toBe(404);
      expect(textOf(res.body)).toContain('tidak ditemukan');
    }
    expect((await apiAs(stranger, 'GET', `/api/v1/bills/${bill.payment_code}`)).statusCode).toBe(404);
  });

  it('[P-7] the confirmation form keeps what was typed on a 4xx, refuses amount 0 and a duplicate proof number, and accepts a slip judged by its bytes', async () => {
    const { client, bill } = await billed();
    const yesterday = await localDate(new Date(Date.now() - DAY));
    await client.get(`/tagihan/${bill.payment_code}`);
    const bad = await client.request('POST', `/tagihan/${bill.payment_code}/konfirmasi`, multipart({ _csrf: client.csrfToken(), proofNumber: 'REF-777', date: yesterday, time: '10:00', bank: 'BRI', amount: '0' }));
    expect(bad.statusCode).toBe(422);
    expect(textOf(bad.body)).toContain('Jumlah transfer harus lebih dari Rp0');
    expect(bad.body).toContain('value="REF-777"');
    expect(bad.body).toContain('value="BRI"');
    const fake = await client.request('POST', `/tagihan/${bill.payment_code}/konfirmasi`, multipart({ _csrf: client.csrfToken(), proofNumber: 'REF-777', date: yesterday, time: '10:00', bank: 'BRI', amount: '275.000' }, [{ field: 'slip', name: 'bukti.jpg', type: 'image/jpeg', bytes: Buffer.from('<html>not an image</html>') }]));
    expect(fake.statusCode).toBe(422);
    expect(textOf(fake.body)).toContain('JPEG atau PNG');
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64)]);
    const ok = await client.request('POST', `/tagihan/${bill.payment_code}/konfirmasi`, multipart({ _csrf: client.csrfToken(), proofNumber: 'REF-777', date: yesterday, time: '10:00', bank: 'BRI', amount: '275.000' }, [{ field: 'slip', name: 'bukti.jpg', type: 'image/jpeg', bytes: jpeg }]));
    expect(ok.statusCode).toBe(303);
    const page = textOf((await client.get(ok.headers.location as string)).body);
    expect(page).toContain('Konfirmasi pembayaran Anda diterima');
    expect(page).toContain('Menunggu pencocokan');
    expect(page).toContain('Belum dibayar'); // a confirmation alone never pays a bill
    const dup = await client.request('POST', `/tagihan/${bill.payment_code}/konfirmasi`, multipart({ _csrf: client.csrfToken(), proofNumber: 'REF-777', date: yesterday, time: '10:00', bank: 'BRI', amount: '275000' }));
    expect(dup.statusCode).toBe(409);
    expect(textOf(dup.body)).toContain('sudah pernah dikirim');
    const noCsrf = await client.request('POST', `/tagihan/${bill.payment_code}/konfirmasi`, multipart({ proofNumber: 'REF-778', date: yesterday, time: '10:00', bank: 'BRI', amount: '275000' }));
    expect(noCsrf.statusCode).toBe(403);

    // The finance officer sees the confirmation and its slip.
    const finance = await signInAs(t, (await makeStaff(t, 'finance_officer', agency)).userId);
    const detail = await finance.get(`/kelola/keuangan/tagihan/${bill.payment_code}`);
    expect(detail.statusCode).toBe(200);
    expect(textOf(detail.body)).toContain('REF-777');
    const slipLink = /href="([^"]+\/bukti)"/.exec(detail.body)?.[1];
    const slip = await finance.get(slipLink!);
    expect(slip.statusCode).toBe(200);
    expect(slip.headers['content-type']).toContain('image/jpeg');
  });

  it('[P-6] the receipt page sits in the site layout: what happens next, the expected completion date from the working calendar, the bill to pay, /lacak as a link', async () => {
    const { client, tracking, bill } = await billed();
    const res = await client.get(`/permohonan/${tracking}/tanda-terima`);
    expect(res.statusCode).toBe(200);
    // The site layout (header navigation), not a bare print page.
    expect(res.body).toContain('/assets/simpul.css');
    expect(res.body).toContain('href="/permohonan"');
    const row = await t.database.db.selectFrom('applications').select(['due_at']).where('tracking_number', '=', tracking).executeTakeFirstOrThrow();
    expect(row.due_at).not.toBeNull();
    const text = textOf(res.body);
    expect(text).toContain('Perkiraan selesai');
    expect(text).toContain(formatDate('id', row.due_at!, (await t.deps.region()).timeZone));
    expect(text).toMatch(/\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}/);
    expect(text).toContain('Yang terjadi selanjutnya');
    expect(text).toContain('Rp 275.000');
    expect(res.body).toContain(`href="/tagihan/${bill.payment_code}"`);
    expect(res.body).toContain(`href="/lacak?nomor=${tracking}"`);
    // English too, no raw keys.
    client.cookies.set('simpul_lang', 'en');
    const en = await client.get(`/permohonan/${tracking}/tanda-terima`);
    client.cookies.delete('simpul_lang');
    expect(en.statusCode).toBe(200);
    expect(textOf(en.body)).toContain('Expected completion');
    expect(textOf(en.body)).not.toMatch(/applications\.receipt\./);
  });

  it('[P-7] the bill is an official SKRD (PDF): number, agency, payer, lines, total in figures and words, due date, payment code, accounts; payer and agency staff only', async () => {
    const { client, bill, user } = await billed();
    const page = await client.get(`/tagihan/${bill.payment_code}`);
    expect(page.body).toContain(`href="/tagihan/${bill.payment_code}/skrd"`);
    const res = await client.get(`/tagihan/${bill.payment_code}/skrd`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    const text = pdfText(res.rawPayload).replace(/\s+/g, ' ');
    const region = await t.deps.region();
    const year = formatDate('id', bill.issued_at, region.timeZone).slice(-4);
    for (const s of [
      'SURAT KETETAPAN RETRIBUSI DAERAH',
      `${agency.shortName.toUpperCase()}/SKRD/${year}/${bill.payment_code}`,
      agency.name,
      user.name,
      'Izin Reklame Uji',
      'Rp 275.000',
      'Dua ratus tujuh puluh lima ribu rupiah',
      'Perda 2/2024',
      bill.payment_code.replace(/(.{4})(?=.)/g, '$1 '),
      formatDate('id', bill.due_at, region.timeZone),
      'Bank NTT',
      '0019876543',
    ]) expect(text).toContain(s);
    // The same bill gives the same document.
    expect((await client.get(`/tagihan/${bill.payment_code}/skrd`)).rawPayload.equals(res.rawPayload)).toBe(true);
    // Someone else: the same "not found" as an unknown code.
    const stranger = await signInAs(t, (await makeCitizen(t)).userId);
    expect((await stranger.get(`/tagihan/${bill.payment_code}/skrd`)).statusCode).toBe(404);
    // Back office: the agency's finance officer downloads it; another agency's does not.
    const finance = await signInAs(t, (await makeStaff(t, 'finance_officer', agency)).userId);
    expect((await finance.get(`/kelola/keuangan/tagihan/${bill.payment_code}`)).body).toContain(`/kelola/keuangan/tagihan/${bill.payment_code}/skrd`);
    const staffPdf = await finance.get(`/kelola/keuangan/tagihan/${bill.payment_code}/skrd`);
    expect(staffPdf.statusCode).toBe(200);
    expect(staffPdf.rawPayload.equals(res.rawPayload)).toBe(true);
    const foreign = await signInAs(t, (await makeStaff(t, 'finance_officer', other)).userId);
    expect((await foreign.get(`/kelola/keuangan/tagihan/${bill.payment_code}/skrd`)).statusCode).toBe(404);
  });

  it('[P-7] fees are part of the service version: a fee changed in the draft goes live only when the version is published', async () => {
    const { slug: feeSlug } = await makeServiceWithSop(t, agency, { content: testServiceContent('Izin Tarif Berversi', { fee: { kind: 'fixed', amount: 100_000, regulation: 'Perda 2/2024' } }) });
    const admin = await makeStaff(t, 'agency_admin', agency);
    const adminActor: Actor = { userId: admin.userId, kind: 'staff', name: 'Admin', locale: 'id', grants: [{ role: 'agency_admin', agencyId: agency.id }], mfaPassed: true, mfaEnrolled: false, sessionId: null, via: 'session' };
    const c = await makeCitizen(t);
    const citizenActor: Actor = { userId: c.userId, kind: 'citizen', name: c.name, locale: 'id', grants: [], mfaPassed: true, mfaEnrolled: false, sessionId: null, via: 'session' };
    const fileAndBill = async () => {
      const service = (await t.deps.catalog.getPublished(feeSlug))!;
      const res = await t.deps.applications.save({ service, applicantId: c.userId, values: { nama_usaha: 'Kios Uji', luas: '12' }, files: {}, submit: true, who: { actor: citizenActor }, now: new Date() });
      const b = await t.database.db.selectFrom('bills').select(['amount']).where('application_id', '=', res.id).executeTakeFirstOrThrow();
      return { version: service.version, amount: b.amount, id: res.id };
    };
    // The agency admin raises the fee in the draft: nothing changes for applicants yet.
    await t.database.db.transaction().execute((trx) =>
      t.deps.catalog.updateDraft(trx, { actor: adminActor }, feeSlug, { content: testServiceContent('Izin Tarif Berversi', { fee: { kind: 'fixed', amount: 150_000, regulation: 'Perda 9/2026' } }) }),
    );
    const before = await fileAndBill();
    expect(before).toMatchObject({ version: 1, amount: 100_000 });
    // Published: new applications pay the new fee; the one filed on version 1 keeps its fee.
    await t.database.db.transaction().execute((trx) => t.deps.catalog.publish(trx, { actor: adminActor }, feeSlug));
    const after = await fileAndBill();
    expect(after).toMatchObject({ version: 2, amount: 150_000 });
    expect((await t.database.db.selectFrom('bills').select('amount').where('application_id', '=', before.id).executeTakeFirstOrThrow()).amount).toBe(100_000);
  });

  it('[P-7] a paid bill shows the kuitansi download, and a paid bill takes no confirmation', async () => {
    const { client, bill } = await billed();
    await t.database.db.transaction().execute(async (trx) => {
      await trx.updateTable('bills').set({ status: 'paid', paid_amount: bill.amount, paid_at: new Date() }).where('id', '=', bill.id).execute();
      await t.deps.payments.billPaid(trx, bill.id);
    });
    await t.runJobs();
    const page = await client.get(`/tagihan/${bill.payment_code}`);
    expect(textOf(page.body)).toContain('Lunas');
    const pdf = await client.get(`/tagihan/${bill.payment_code}/kuitansi`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    // The kuitansi states the amount in figures and in words (terbilang).
    const receiptText = pdfText(pdf.rawPayload).replace(/\s+/g, ' ');
    expect(receiptText).toContain(formatRupiah(bill.amount));
    expect(receiptText.toLowerCase()).toContain(terbilangRupiah(bill.amount));
    const api = await apiAs(client, 'GET', `/api/v1/bills/${bill.payment_code}/receipt`);
    expect(api.statusCode).toBe(200);
    const conf = await apiAs(client, 'POST', `/api/v1/bills/${bill.payment_code}/confirmations`, { proofNumber: 'X-1', date: await localDate(new Date(Date.now() - DAY)), time: '09:00', bank: 'BNI', amount: 275000 });
    expect(conf.statusCode).toBe(409);
    expect(textOf((await client.get(`/permohonan/${(await t.database.db.selectFrom('applications').select('tracking_number').where('id', '=', bill.application_id).executeTakeFirstOrThrow()).tracking_number}`)).body)).toContain('Lunas');
  });

  it('[P-7] the back-office list is agency-scoped; a finance officer cancels with a reason, keeping the typed reason on a 4xx', async () => {
    const { bill } = await billed();
    const foreign = await signInAs(t, (await makeStaff(t, 'finance_officer', other)).userId);
    expect(textOf((await foreign.get('/kelola/keuangan/tagihan')).body)).not.toContain(bill.payment_code);
    expect((await foreign.get(`/kelola/keuangan/tagihan/${bill.payment_code}`)).statusCode).toBe(404);
    const citizen = await signInAs(t, (await makeCitizen(t)).userId);
    expect((await citizen.get('/kelola/keuangan/tagihan')).statusCode).toBe(403);
    const finance = await signInAs(t, (await makeStaff(t, 'finance_officer', agency)).userId);
    const list = await finance.get('/kelola/keuangan/tagihan?status=unpaid');
    expect(list.statusCode).toBe(200);
    expect(textOf(list.body)).toContain(bill.payment_code);
    const short = await finance.submit(`/kelola/keuangan/tagihan/${bill.payment_code}/batal`, { reason: 'abc' }, `/kelola/keuangan/tagihan/${bill.payment_code}`);
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('>abc</textarea>');
    const done = await finance.submit(`/kelola/keuangan/tagihan/${bill.payment_code}/batal`, { reason: 'Tarif keliru, diterbitkan ulang' }, `/kelola/keuangan/tagihan/${bill.payment_code}`);
    expect(done.statusCode).toBe(303);
    expect(textOf((await finance.get(done.headers.location as string)).body)).toContain('Dibatalkan');
    // auditors read only
    const auditor = await signInAs(t, (await makeStaff(t, 'auditor', agency)).userId);
    const seen = await auditor.get(`/kelola/keuangan/tagihan/${bill.payment_code}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.body).not.toContain('/batal');
  });

  it('[P-7] receiving accounts: the region finance officer adds one; an agency finance officer only reads', async () => {
    const region = await signInAs(t, (await makeStaff(t, 'finance_officer', null)).userId);
    const bad = await region.submit('/kelola/keuangan/rekening', { bankCode: 'BRI', bankName: 'BRI', accountNumber: '12ab', accountName: 'Kas' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('value="Kas"');
    const ok = await region.submit('/kelola/keuangan/rekening', { bankCode: 'BRI', bankName: 'Bank Rakyat Indonesia', accountNumber: '0123-01-000456-30-1', accountName: 'RKUD Kab. Uji' });
    expect(ok.statusCode).toBe(303);
    expect(textOf((await region.get('/kelola/keuangan/rekening')).body)).toContain('012301000456301');
    const agencyFinance = await signInAs(t, (await makeStaff(t, 'finance_officer', agency)).userId);
    const page = await agencyFinance.get('/kelola/keuangan/rekening');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('name="bankCode"');
    const post = await agencyFinance.post('/kelola/keuangan/rekening', { _csrf: agencyFinance.csrfToken(), bankCode: 'BNI', bankName: 'BNI', accountNumber: '99999999', accountName: 'X' });
    expect(post.statusCode).toBe(403);
  });

  it('[P-7] API: own bills for citizens, agency bills for staff, bill by code, confirmation, reissue of an expired bill', async () => {
    const { client, bill } = await billed();
    const own = await apiAs(client, 'GET', '/api/v1/bills');
    expect(own.statusCode).toBe(200);
    const items = (own.json() as { items: { paymentCode: string; amount: number; accounts: unknown[] }[] }).items;
    expect(items.map((b) => b.paymentCode)).toEqual([bill.payment_code]);
    expect(items[0]).toMatchObject({ amount: 275_000 });
    const finance = await signInAs(t, (await makeStaff(t, 'finance_officer', agency)).userId);
    const staffList = (await apiAs(finance, 'GET', '/api/v1/bills?status=unpaid')).json() as { items: { paymentCode: string }[] };
    expect(staffList.items.some((b) => b.paymentCode === bill.payment_code)).toBe(true);
    const foreign = await signInAs(t, (await makeStaff(t, 'finance_officer', other)).userId);
    expect(((await apiAs(foreign, 'GET', '/api/v1/bills')).json() as { items: unknown[] }).items).toHaveLength(0);
    const zero = await apiAs(client, 'POST', `/api/v1/bills/${bill.payment_code}/confirmations`, { proofNumber: 'API-1', date: await localDate(new Date(Date.now() - DAY)), time: '08:30', bank: 'Mandiri', amount: 0 });
    expect(zero.statusCode).toBe(422);
    const created = await apiAs(client, 'POST', `/api/v1/bills/${bill.payment_code}/confirmations`, { proofNumber: 'API-1', date: await localDate(new Date(Date.now() - DAY)), time: '08:30', bank: 'Mandiri', amount: 275000 });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ status: 'pending' });
    expect((await apiAs(client, 'POST', `/api/v1/bills/${bill.payment_code}/reissue`)).statusCode).toBe(409);
    await t.deps.payments.bills.expireBills(new Date(bill.due_at.getTime() + 1000));
    const re = await apiAs(client, 'POST', `/api/v1/bills/${bill.payment_code}/reissue`);
    expect(re.statusCode).toBe(201);
    const nb = re.json() as { paymentCode: string; status: string; amount: number };
    expect(nb).toMatchObject({ status: 'unpaid', amount: 275_000 });
    expect(nb.paymentCode).not.toBe(bill.payment_code);
    const doc = (await new TestClient(t.app).api('GET', '/api/openapi.json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/bills', '/api/v1/bills/{code}', '/api/v1/bills/{code}/confirmations', '/api/v1/bills/{code}/reissue', '/api/v1/bills/{code}/receipt']));
  });
});
