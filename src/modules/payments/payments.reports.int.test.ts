// Revenue report and daily reconciliation summary (P-7) on both engines: sums on a
// hand-computed set of bills and credits across two agencies and two months (with a bill paid
// half an hour after midnight WITA, which is still the previous day in UTC), agency
// isolation on the page and the API, the CSV and XLSX downloads, bad input as 422, the daily
// figures, and the once-only e-mail with two job workers and an injected clock.
import { strFromU8, unzipSync } from 'fflate';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { apiAs, makeAgency, makeCitizen, makeServiceWithSop, makeStaff, signInAs, type TestUser } from '../../../test/factories.ts';
import { textOf } from '../../../test/http.ts';
import { startSmtpServer, type SmtpTestServer } from '../../../test/smtp.ts';
import { JobQueue } from '../../platform/jobs/queue.ts';
import { createLogger } from '../../platform/log.ts';
import type { AgencyView } from '../agencies/agencies.service.ts';
import { createDailySummary, DAILY_SUMMARY_JOB } from './daily-summary.ts';
import { dailySummary } from './payments.reports.service.ts';
import { insertBankAccount, insertBill, insertCredit } from './reports.test-support.ts';

let t: TestApp;
let smtp: SmtpTestServer;
let agencyA: AgencyView;
let agencyB: AgencyView;
let finRegion: TestUser;
let finA: TestUser;
let adminB: TestUser;
let auditor: TestUser;
let operatorA: TestUser;

/** A local WITA time (the test region's zone, UTC+8). */
const wita = (s: string) => new Date(`${s}+08:00`);

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ requireAdminMfa: false, smtp: { host: '127.0.0.1', port: smtp.port, secure: false, ignoreTls: true } });
  agencyA = await makeAgency(t, { name: 'Badan Pendapatan Daerah Uji' });
  agencyB = await makeAgency(t, { name: 'Dinas Perhubungan Uji' });
  const a1 = await makeServiceWithSop(t, agencyA, { name: 'Retribusi Uji A1' });
  const a2 = await makeServiceWithSop(t, agencyA, { name: 'Retribusi Uji A2' });
  const b1 = await makeServiceWithSop(t, agencyB, { name: 'Retribusi Uji B1' });
  finRegion = await makeStaff(t, 'finance_officer', null, { name: 'Bendahara Provinsi' });
  finA = await makeStaff(t, 'finance_officer', agencyA, { name: 'Bendahara Bapenda' });
  adminB = await makeStaff(t, 'agency_admin', agencyB);
  auditor = await makeStaff(t, 'auditor', null);
  operatorA = await makeStaff(t, 'operator', agencyA);
  const payer = (await makeCitizen(t)).userId;
  const A1 = { agencyId: agencyA.id, serviceId: a1.id, payerId: payer };
  const A2 = { agencyId: agencyA.id, serviceId: a2.id, payerId: payer };
  const B1 = { agencyId: agencyB.id, serviceId: b1.id, payerId: payer };

  await t.database.db.transaction().execute(async (q) => {
    // October and November 2026
    await insertBill(q, { ...A1, amount: 150_000, status: 'paid', issuedAt: wita('2026-10-05T10:00'), paidAt: wita('2026-10-06T09:00') });
    // paid 00:30 WITA on 1 November = 31 October 16:30 UTC: November in the region
    await insertBill(q, { ...A1, amount: 250_000, status: 'paid', issuedAt: wita('2026-10-30T10:00'), paidAt: wita('2026-11-01T00:30') });
    await insertBill(q, { ...A1, amount: 100_000, status: 'unpaid', issuedAt: wita('2026-10-20T10:00') });
    await insertBill(q, { ...A1, amount: 300_000, status: 'partially_paid', paidAmount: 100_000, issuedAt: wita('2026-11-10T10:00') });
    await insertBill(q, { ...A2, amount: 75_000, status: 'expired', issuedAt: wita('2026-10-01T10:00'), expiredAt: wita('2026-10-15T10:00') });
    await insertBill(q, { ...A2, amount: 50_000, status: 'cancelled', issuedAt: wita('2026-11-02T10:00'), cancelledAt: wita('2026-11-03T10:00') });
    await insertBill(q, { ...A2, amount: 1_250_000, status: 'paid', issuedAt: wita('2026-11-05T10:00'), paidAt: wita('2026-11-30T23:59') });
    // paid 23:30 WITA on 31 October: October in the region
    await insertBill(q, { ...B1, amount: 500_000, status: 'paid', issuedAt: wita('2026-10-10T10:00'), paidAt: wita('2026-10-31T23:30') });
    await insertBill(q, { ...B1, amount: 40_000, status: 'unpaid', issuedAt: wita('2026-11-20T10:00') });

    const accA = await insertBankAccount(q, agencyA.id);
    const accB = await insertBankAccount(q, agencyB.id);
    const accRegion = await insertBankAccount(q, null);
    await insertCredit(q, { bankAccountId: accA, bookedOn: '2026-10-15', amount: 99_000, status: 'manual', manualReason: 'unmatched', createdAt: wita('2026-10-15T12:00') });
    await insertCredit(q, { bankAccountId: accRegion, bookedOn: '2026-11-02', amount: 12_345, status: 'manual', manualReason: 'partial', createdAt: wita('2026-11-02T12:00') });
    await insertCredit(q, { bankAccountId: accB, bookedOn: '2026-11-03', amount: 7_000, status: 'manual', manualReason: 'over', createdAt: wita('2026-11-03T12:00') });

    // 7 September 2026: the day of the daily summary
    const p1 = await insertBill(q, { ...A1, amount: 200_000, status: 'paid', issuedAt: wita('2026-09-01T10:00'), paidAt: wita('2026-09-07T08:00') });
    const p2 = await insertBill(q, { ...B1, amount: 300_000, status: 'paid', issuedAt: wita('2026-09-01T10:00'), paidAt: wita('2026-09-07T23:59') });
    await insertBill(q, { ...B1, amount: 999, status: 'paid', issuedAt: wita('2026-09-01T10:00'), paidAt: wita('2026-09-08T00:01') });
    await insertCredit(q, { bankAccountId: accA, bookedOn: '2026-09-07', amount: 200_000, status: 'matched', billId: p1, matchedAt: wita('2026-09-07T09:00'), createdAt: wita('2026-09-07T09:00') });
    await insertCredit(q, { bankAccountId: accB, bookedOn: '2026-09-06', amount: 300_000, status: 'matched', billId: p2, matchedAt: wita('2026-09-07T10:00'), matchedBy: adminB.userId, createdAt: wita('2026-09-06T10:00') });
    await insertCredit(q, { bankAccountId: accRegion, bookedOn: '2026-09-07', amount: 5_000, status: 'manual', manualReason: 'partial', createdAt: wita('2026-09-07T11:00') });
    await insertCredit(q, { bankAccountId: accB, bookedOn: '2026-09-07', amount: 6_000, status: 'manual', manualReason: 'partial', createdAt: wita('2026-09-07T12:00') });
    await insertCredit(q, { bankAccountId: accA, bookedOn: '2026-09-07', amount: 7_000, status: 'manual', manualReason: 'ambiguous', createdAt: wita('2026-09-07T13:00') });
    await insertCredit(q, { bankAccountId: accRegion, bookedOn: '2026-09-08', amount: 8_000, status: 'manual', manualReason: 'unmatched', createdAt: wita('2026-09-08T00:30') });
  });
});

afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const revenue = async (user: TestUser, query: string) => {
  const c = await signInAs(t, user.userId);
  return apiAs(c, 'GET', `/api/v1/payments/revenue?${query}`);
};

describe('revenue report', () => {
  it('[P-7] sums received, outstanding, expired, cancelled and unmatched credits per agency and service, per month in region time', async () => {
    const oct = (await revenue(finRegion, 'from=2026-10-01&to=2026-10-31')).json();
    expect(oct.totals).toEqual({ receivedCount: 2, receivedAmount: 650_000, outstandingCount: 1, outstandingAmount: 100_000, expiredCount: 1, cancelledCount: 0 });
    expect(oct.unmatchedCredits).toEqual({ count: 1, amount: 99_000 });
    const octA = oct.agencies.find((g: { agencyId: string }) => g.agencyId === agencyA.id);
    expect(octA.subtotal).toEqual({ receivedCount: 1, receivedAmount: 150_000, outstandingCount: 1, outstandingAmount: 100_000, expiredCount: 1, cancelledCount: 0 });
    expect(octA.services.map((s: { serviceName: string }) => s.serviceName)).toEqual(['Retribusi Uji A1', 'Retribusi Uji A2']);
    expect(octA.services[1]).toMatchObject({ receivedCount: 0, expiredCount: 1 });
    const octB = oct.agencies.find((g: { agencyId: string }) => g.agencyId === agencyB.id);
    expect(octB.subtotal).toMatchObject({ receivedCount: 1, receivedAmount: 500_000, outstandingCount: 0 });

    const nov = (await revenue(finRegion, 'from=2026-11-01&to=2026-11-30')).json();
    expect(nov.totals).toEqual({ receivedCount: 2, receivedAmount: 1_500_000, outstandingCount: 3, outstandingAmount: 340_000, expiredCount: 0, cancelledCount: 1 });
    expect(nov.unmatchedCredits).toEqual({ count: 2, amount: 19_345 });
    const novA = nov.agencies.find((g: { agencyId: string }) => g.agencyId === agencyA.id);
    expect(novA.services[0]).toMatchObject({ serviceName: 'Retribusi Uji A1', receivedCount: 1, receivedAmount: 250_000, outstandingCount: 2, outstandingAmount: 300_000 });
    expect(novA.subtotal).toEqual({ receivedCount: 2, receivedAmount: 1_500_000, outstandingCount: 2, outstandingAmount: 300_000, expiredCount: 0, cancelledCount: 1 });

    const both = (await revenue(finRegion, 'from=2026-10-01&to=2026-11-30')).json();
    expect(both.totals).toEqual({ receivedCount: 4, receivedAmount: 2_150_000, outstandingCount: 3, outstandingAmount: 340_000, expiredCount: 1, cancelledCount: 1 });
    expect(both.unmatchedCredits).toEqual({ count: 3, amount: 118_345 });
  });

  it('[P-7] shows the table grouped by agency then service with totals in Rupiah', async () => {
    const c = await signInAs(t, finRegion.userId);
    const res = await c.get('/kelola/keuangan/laporan?from=2026-11-01&to=2026-11-30');
    expect(res.statusCode).toBe(200);
    const text = textOf(res.body);
    expect(text).toContain('Badan Pendapatan Daerah Uji');
    expect(text).toContain('Dinas Perhubungan Uji');
    expect(text.indexOf('Badan Pendapatan Daerah Uji')).toBeLessThan(text.indexOf('Dinas Perhubungan Uji'));
    expect(text).toMatch(/Total 2 Rp 1\.500\.000 3 Rp 340\.000 0 1/);
    expect(text).toContain('Rp 19.345');
    expect(res.body).toContain('<caption>');
    expect(res.body).toContain('scope="row"');
    // presets work without JavaScript
    const preset = await c.get('/kelola/keuangan/laporan?preset=bulan-lalu');
    expect(preset.statusCode).toBe(200);
  });

  it('[P-7] an agency finance officer and an agency admin see only their own agency', async () => {
    const a = (await revenue(finA, 'from=2026-10-01&to=2026-11-30')).json();
    expect(a.agencies.map((g: { agencyId: string }) => g.agencyId)).toEqual([agencyA.id]);
    expect(a.totals).toMatchObject({ receivedCount: 3, receivedAmount: 1_650_000, outstandingCount: 2, outstandingAmount: 300_000 });
    expect(a.unmatchedCredits).toEqual({ count: 1, amount: 99_000 });
    expect((await revenue(finA, `from=2026-10-01&to=2026-11-30&agency=${agencyB.id}`)).statusCode).toBe(403);

    const cB = await signInAs(t, adminB.userId);
    const page = textOf((await cB.get('/kelola/keuangan/laporan?from=2026-10-01&to=2026-11-30')).body);
    expect(page).toContain('Dinas Perhubungan Uji');
    expect(page).not.toContain('Badan Pendapatan Daerah Uji');
    expect(page).not.toContain('Retribusi Uji A1');
    const typedOther = await cB.get(`/kelola/keuangan/laporan?from=2026-10-01&to=2026-11-30&agency=${agencyA.id}`);
    expect(typedOther.statusCode).toBe(422);

    // auditors read; an operator and a citizen may not
    expect((await revenue(auditor, 'from=2026-10-01&to=2026-10-31')).json().totals.receivedAmount).toBe(650_000);
    expect((await revenue(operatorA, 'from=2026-10-01&to=2026-10-31')).statusCode).toBe(403);
    const cOp = await signInAs(t, operatorA.userId);
    expect((await cOp.get('/kelola/keuangan/laporan')).statusCode).toBe(403);
    expect((await cOp.get('/kelola/keuangan/ringkasan-harian')).statusCode).toBe(403);
  });

  it('[P-7] exports the same figures as CSV and XLSX', async () => {
    const c = await signInAs(t, finRegion.userId);
    const csv = await c.get('/kelola/keuangan/laporan?from=2026-11-01&to=2026-11-30&format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('pendapatan-2026-11-01-2026-11-30.csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Instansi,Layanan,Dari,Sampai,Tagihan lunas,Diterima,Tagihan terbuka,Belum dibayar,Kedaluwarsa,Dibatalkan');
    expect(lines).toContain('Badan Pendapatan Daerah Uji,Retribusi Uji A1,2026-11-01,2026-11-30,1,250000,2,300000,0,0');
    expect(lines[lines.length - 1]).toBe('Total,,2026-11-01,2026-11-30,2,1500000,3,340000,0,1');

    const xlsx = await c.get('/kelola/keuangan/laporan?from=2026-11-01&to=2026-11-30&format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const files = unzipSync(new Uint8Array(xlsx.rawPayload));
    const strings = strFromU8(files['xl/sharedStrings.xml']!);
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(strings).toContain('Retribusi Uji A1');
    expect(strings).toContain('Diterima');
    expect(sheet).toContain('<v>1500000</v>');
    expect(sheet).toContain('<v>340000</v>');
    expect(sheet).not.toContain('<f>');
  });

  it('[P-7] bad dates, a reversed period and an unknown format are a 422 that keeps what was typed', async () => {
    const c = await signInAs(t, finRegion.userId);
    const bad = await c.get('/kelola/keuangan/laporan?from=2026-13-01&to=2026-11-30');
    expect(bad.statusCode).toBe(422);
    expect(textOf(bad.body)).toContain('Masukkan tanggal yang benar');
    expect(bad.body).toContain('value="2026-13-01"');
    const reversed = await c.get('/kelola/keuangan/laporan?from=2026-11-30&to=2026-11-01');
    expect(reversed.statusCode).toBe(422);
    expect(textOf(reversed.body)).toContain('Tanggal akhir tidak boleh sebelum tanggal awal');
    expect((await c.get('/kelola/keuangan/laporan?from=2026-11-01&to=2026-11-30&format=pdf')).statusCode).toBe(422);
    const api = await apiAs(c, 'GET', '/api/v1/payments/revenue?from=2026-11-30&to=2026-11-01');
    expect(api.statusCode).toBe(422);
    expect((await apiAs(c, 'GET', '/api/v1/payments/revenue?from=30-11-2026')).statusCode).toBe(422);
  });
});

describe('API document and menu', () => {
  it('[P-7] both operations are in the OpenAPI document and the pages are on the back-office menu of finance officers only', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json();
    expect(doc.paths['/api/v1/payments/revenue'].get.operationId).toBe('paymentsRevenue');
    expect(doc.paths['/api/v1/payments/daily-summary'].get.operationId).toBe('paymentsDailySummary');
    const fin = await signInAs(t, finA.userId);
    const home = await fin.get('/kelola');
    expect(home.body).toContain('href="/kelola/keuangan/laporan"');
    expect(home.body).toContain('href="/kelola/keuangan/ringkasan-harian"');
    const op = await signInAs(t, operatorA.userId);
    expect((await op.get('/kelola')).body).not.toContain('/kelola/keuangan/laporan');
  });
});

describe('daily reconciliation summary', () => {
  it('[P-7] counts credits imported, matched automatically and by hand, the manual queue by reason, bills paid and money received', async () => {
    const c = await signInAs(t, finRegion.userId);
    const all = (await apiAs(c, 'GET', '/api/v1/payments/daily-summary?date=2026-09-07')).json();
    expect(all).toMatchObject({
      date: '2026-09-07',
      creditsImported: 4,
      creditsImportedAmount: 218_000,
      matchedAutomatically: 1,
      matchedByHand: 1,
      stillManualTotal: 3,
      queueTotal: 7,
      billsPaid: 2,
      amountReceived: 500_000,
    });
    expect(all.stillManual).toMatchObject({ partial: 2, ambiguous: 1, unmatched: 0 });

    const onlyB = await dailySummary(t.database.db, { date: '2026-09-07', timeZone: 'Asia/Makassar', scope: [agencyB.id] });
    expect(onlyB).toMatchObject({ creditsImported: 1, creditsImportedAmount: 6_000, matchedAutomatically: 0, matchedByHand: 1, stillManualTotal: 1, queueTotal: 2, billsPaid: 1, amountReceived: 300_000 });

    const page = await c.get('/kelola/keuangan/ringkasan-harian?tanggal=2026-09-07');
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Penerimaan Rp 500.000');
    expect(text).toContain('Kurang bayar 2');
    expect((await c.get('/kelola/keuangan/ringkasan-harian?tanggal=2026-02-30')).statusCode).toBe(422);
  });

  it('[P-7] e-mails the previous day to each active finance officer exactly once, with two workers and several runs', async () => {
    const log = createLogger(t.config);
    const clockAt = { now: wita('2026-09-08T06:50') };
    const workers = [0, 1].map(() => {
      const queue = new JobQueue(t.database, log, { pollMs: 10 });
      const summary = createDailySummary({ config: t.config, database: t.database, mailer: t.deps.mailer, now: () => clockAt.now });
      queue.register(DAILY_SUMMARY_JOB, async () => {
        await summary.runOnce();
      });
      return { queue, summary };
    });
    const bothRun = async () => {
      for (const w of workers) await w.queue.enqueue(t.database.db, DAILY_SUMMARY_JOB, {});
      return Promise.all(workers.map((w) => w.queue.runDue()));
    };

    // before the configured hour (07:00 WITA): nothing
    expect(await workers[0]!.summary.runOnce()).toEqual({ date: null, sent: false, recipients: 0 });
    await bothRun();
    expect((await sql`select day from payment_daily_summaries`.execute(t.database.db)).rows).toHaveLength(0);

    // after it: both workers at once, then again an hour later
    clockAt.now = wita('2026-09-08T07:10');
    const runs = await Promise.all(workers.map((w) => w.summary.runOnce()));
    expect(runs.filter((r) => r.sent)).toHaveLength(1);
    expect(runs.every((r) => r.date === '2026-09-07')).toBe(true);
    await bothRun();
    clockAt.now = wita('2026-09-08T08:10');
    await bothRun();

    await t.runJobs();
    const mails = smtp.messages.filter((m) => m.subject.includes('7 September 2026'));
    expect(mails.map((m) => m.to[0]).sort()).toEqual([finA.email, finRegion.email].map((e) => e.toLowerCase()).sort());
    const toRegion = mails.find((m) => m.to[0] === finRegion.email.toLowerCase())!;
    expect(toRegion.subject).toBe('Ringkasan rekonsiliasi pembayaran 7 September 2026');
    expect(toRegion.text).toContain('Penerimaan: Rp 500.000');
    expect(toRegion.text).toContain('seluruh instansi');
    const toA = mails.find((m) => m.to[0] === finA.email.toLowerCase())!;
    expect(toA.text).toContain('Penerimaan: Rp 200.000');
    expect(toA.text).toContain('Dicocokkan manual: 0');
    const row = await t.database.db.selectFrom('audit_events').select(['action', 'after']).where('action', '=', 'payments.daily_summary.send').execute();
    expect(row).toHaveLength(1);
  });
});
