// Billing (P-7) at the service layer, on both engines, with an injected clock: a billing step
// issues a bill and holds the workflow; no fee → no bill; a fee without a billing step bills
// on submission; billPaid numbers the kuitansi, notifies by e-mail and SMS, resumes the
// workflow with deadlines moved by the waiting time, and is idempotent; expiry and reissue;
// cancellation; confirmations; SMS BAYAR; agency isolation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { makeAgency, makeCitizen, makeServiceWithSop, makeStaff, testServiceContent } from '../../../test/factories.ts';
import { startSmtpServer, type SmtpTestServer } from '../../../test/smtp.ts';
import type { AgencyView } from '../agencies/agencies.service.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { StaffRole } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/http/errors.ts';
import { pdfText } from '../../platform/pdf/pdf-text.ts';
import { slaCalendar } from '../applications/processing.engine.ts';
import { validPaymentCode } from './payment-code.ts';
import { fileFromBytes } from '../../platform/storage/upload-file.ts';

let t: TestApp;
let smtp: SmtpTestServer;
let agency: AgencyView;
let other: AgencyView;
let fixedSlug: string; // fixed fee, SOP without a billing step
let tariffSlug: string; // tariff per m², SOP with a billing step
let freeSlug: string;

const wita = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`);

const billingSop = {
  steps: [
    { key: 'verifikasi', name: 'Verifikasi berkas', role: 'verifier', timeAllowed: { amount: 1, unit: 'days' }, actions: ['forward', 'reject'], next: 'bayar' },
    { key: 'bayar', name: 'Pembayaran retribusi', role: 'operator', timeAllowed: { amount: 2, unit: 'days' }, actions: ['forward'], next: 'ttd', billing: true },
    { key: 'ttd', name: 'Penandatanganan', role: 'signing_official', timeAllowed: { amount: 8, unit: 'hours' }, actions: ['approve', 'reject'] },
  ],
};

async function staff(role: StaffRole, a: AgencyView | null = agency): Promise<Actor> {
  const u = await makeStaff(t, role, a);
  return { userId: u.userId, kind: 'staff', name: u.name, locale: 'id', grants: [{ role, agencyId: a?.id ?? null }], mfaPassed: true, mfaEnrolled: false, sessionId: null, via: 'session' };
}

let phoneSerial = 2000;
async function submit(slug: string, now: Date, luas = '24') {
  const c = await makeCitizen(t);
  const phone = `+6281399${String(phoneSerial++).padStart(6, '0')}`;
  await t.database.db.updateTable('users').set({ phone }).where('id', '=', c.userId).execute();
  const applicant: Actor = { userId: c.userId, kind: 'citizen', name: c.name, locale: 'id', grants: [], mfaPassed: true, mfaEnrolled: false, sessionId: null, via: 'session' };
  const service = (await t.deps.catalog.getPublished(slug))!;
  await t.deps.region();
  const res = await t.deps.applications.save({ service, applicantId: c.userId, values: { nama_usaha: 'Warung Sejahtera', luas }, files: {}, submit: true, who: { actor: applicant }, now });
  return { tracking: res.trackingNumber!, id: res.id, applicant, phone, email: c.email, user: c };
}

const appRow = (id: string) => t.database.db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const billsOf = (id: string) => t.database.db.selectFrom('bills').selectAll().where('application_id', '=', id).orderBy('issued_at').execute();

async function rejects(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected the call to be refused');
}

/** What RECON does when a credit matches: mark the bill paid, then call billPaid. */
async function payBill(billId: string, at: Date) {
  return t.database.db.transaction().execute(async (trx) => {
    const b = await trx.selectFrom('bills').select('amount').where('id', '=', billId).executeTakeFirstOrThrow();
    await trx.updateTable('bills').set({ status: 'paid', paid_amount: b.amount, paid_at: at }).where('id', '=', billId).execute();
    return t.deps.payments.billPaid(trx, billId, at);
  });
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ requireAdminMfa: false, baseUrl: 'https://simpul.uji.go.id', smtp: { host: '127.0.0.1', port: smtp.port, secure: false, ignoreTls: true } });
  agency = await makeAgency(t);
  other = await makeAgency(t);
  await t.database.db.insertInto('bank_accounts').values({ agency_id: null, bank_code: 'BNTT', bank_name: 'Bank NTT', account_number: '0010203040', account_name: 'RKUD Pemerintah Daerah' }).execute();
  ({ slug: fixedSlug } = await makeServiceWithSop(t, agency, { content: testServiceContent('Izin Berbayar', { fee: { kind: 'fixed', amount: 150_000, regulation: 'Perda 1/2024 tentang Retribusi' } }) }));
  ({ slug: tariffSlug } = await makeServiceWithSop(t, agency, {
    sop: billingSop,
    content: testServiceContent('Izin Bangunan Uji', {
      fee: {
        kind: 'tariff',
        regulation: 'Perda 5/2023',
        lines: [
          { label: 'Retribusi per m²', amount: 12_345, unit: 'per m²', quantityField: 'luas' },
          { label: 'Biaya administrasi', amount: 50_000 },
        ],
      },
    }),
  }));
  ({ slug: freeSlug } = await makeServiceWithSop(t, agency));
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

describe(`billing (${engine})`, () => {
  it('[P-7] no fee → no bill, the application waits at its first step as usual', async () => {
    const a = await submit(freeSlug, wita('2030-02-04 09:00'));
    expect(await billsOf(a.id)).toHaveLength(0);
    expect((await appRow(a.id)).status).toBe('submitted');
  });

  it('[P-7] a fee without a billing step is billed on submission and the application waits for payment', async () => {
    const a = await submit(fixedSlug, wita('2030-02-04 09:00'));
    const [bill] = await billsOf(a.id);
    expect(bill).toMatchObject({ amount: 150_000, status: 'unpaid', step_id: null, agency_id: agency.id, held_status: 'submitted' });
    expect(validPaymentCode(bill!.payment_code)).toBe(true);
    // 7 working days from Monday 4 February 2030 09:00 → Wednesday 13 February.
    const cal = await slaCalendar(t.database.db);
    expect(bill!.due_at.toISOString()).toBe(cal.addWorkingDays(wita('2030-02-04 09:00'), 7).toISOString());
    expect((await appRow(a.id)).status).toBe('awaiting_payment');
    const lines = await t.database.db.selectFrom('bill_lines').selectAll().where('bill_id', '=', bill!.id).execute();
    expect(lines).toHaveLength(1);
  });

  it('[P-7] a billing step issues a tariff bill (decimal area × rate) and officers cannot act until it is paid', async () => {
    const a = await submit(tariffSlug, wita('2030-02-04 09:00'), '10,05');
    expect(await billsOf(a.id)).toHaveLength(0); // the SOP has a billing step: not on submission
    const verifier = await staff('verifier');
    await t.deps.processing.claim({ actor: verifier }, a.tracking, 1, wita('2030-02-04 10:00'));
    await t.deps.processing.act({ actor: verifier }, a.tracking, { action: 'forward', seq: 1 }, wita('2030-02-04 11:00'));
    const [bill] = await billsOf(a.id);
    // 12,345 × 10.05 = 124,067.25 → 124,067; + 50,000
    expect(bill).toMatchObject({ amount: 174_067, status: 'unpaid', held_status: 'in_process' });
    expect(bill!.step_id).not.toBeNull();
    const lines = await t.database.db.selectFrom('bill_lines').selectAll().where('bill_id', '=', bill!.id).orderBy('line_no').execute();
    expect(lines.map((l) => [l.rate, Number(l.quantity), l.amount])).toEqual([[12_345, 10.05, 124_067], [50_000, 1, 50_000]]);
    const app = await appRow(a.id);
    expect(app).toMatchObject({ status: 'awaiting_payment', current_step: 'bayar', step_seq: 2 });
    const operator = await staff('operator');
    const err = await rejects(t.deps.processing.claim({ actor: operator }, a.tracking, 2, wita('2030-02-04 12:00')));
    expect([err.status, err.messageKey]).toEqual([409, 'payments.bill.awaiting_payment']);
    const err2 = await rejects(t.deps.processing.act({ actor: operator }, a.tracking, { action: 'forward', seq: 2 }, wita('2030-02-04 12:00')));
    expect([err2.status, err2.messageKey]).toEqual([409, 'payments.bill.awaiting_payment']);
  });

  it('[P-7] billPaid issues the kuitansi, e-mails and texts the payer, resumes the workflow with the waiting time added to the deadlines, and is idempotent', async () => {
    const issuedAt = wita('2030-02-04 09:00');
    const a = await submit(fixedSlug, issuedAt);
    const before = await appRow(a.id);
    const stepBefore = await t.database.db.selectFrom('application_steps').select(['due_at']).where('application_id', '=', a.id).executeTakeFirstOrThrow();
    const [bill] = await billsOf(a.id);
    await t.database.db.insertInto('payment_confirmations').values({ bill_id: bill!.id, submitted_by: a.user.userId, channel: 'portal', proof_number: 'TRF-1', transferred_at: wita('2030-02-05 15:00'), amount: 150_000 }).execute();
    await t.database.db.insertInto('bank_credits').values({ fingerprint: `fp-${bill!.id}`, source: 'statement', booked_on: '2030-02-06', amount: 150_000, description: bill!.payment_code, reference: 'FT30037ABC', status: 'matched', bill_id: bill!.id, matched_at: wita('2030-02-06 10:00') }).execute();
    const paidAt = wita('2030-02-06 10:00');
    const first = await payBill(bill!.id, paidAt);
    expect(first.resumed).toBe(true);
    const year = 2030;
    expect(first.receiptNumber).toMatch(new RegExp(`/KWT/${year}/000001$`));

    const after = await appRow(a.id);
    expect(after.status).toBe('submitted');
    // The deadlines moved by the working time spent waiting: what was left when billed is left now.
    const cal = await slaCalendar(t.database.db);
    expect(cal.workingMillisBetween(paidAt, after.due_at!)).toBe(cal.workingMillisBetween(issuedAt, before.due_at!));
    expect(cal.workingMillisBetween(paidAt, after.step_due_at!)).toBe(cal.workingMillisBetween(issuedAt, before.step_due_at!));
    const stepAfter = await t.database.db.selectFrom('application_steps').select(['due_at']).where('application_id', '=', a.id).executeTakeFirstOrThrow();
    expect(stepAfter.due_at.getTime()).toBeGreaterThan(stepBefore.due_at.getTime());
    const conf = await t.database.db.selectFrom('payment_confirmations').select('status').where('bill_id', '=', bill!.id).executeTakeFirstOrThrow();
    expect(conf.status).toBe('matched');

    // Called twice: nothing new (same number, no second counter step, no second notice).
    const second = await payBill(bill!.id, paidAt);
    expect(second).toEqual({ receiptNumber: first.receiptNumber, resumed: false });
    const counter = await t.database.db.selectFrom('receipt_counters').select('last').where('agency_id', '=', agency.id).where('year', '=', year).executeTakeFirstOrThrow();
    expect(counter.last).toBe(1);

    await t.runJobs();
    await t.runJobs();
    const row = await t.database.db.selectFrom('bills').select(['receipt_storage_key', 'receipt_number']).where('id', '=', bill!.id).executeTakeFirstOrThrow();
    expect(row.receipt_storage_key).toBeTruthy();
    const pdf = await t.deps.storage.get(row.receipt_storage_key!);
    const text = pdfText(pdf!);
    expect(text).toContain(first.receiptNumber);
    expect(text).toContain('Rp 150.000');
    expect(text).toContain('FT30037ABC');
    expect(text).toContain('KUITANSI');

    const mail = await smtp.waitFor((m) => m.to.includes(a.email) && m.subject.includes('Pembayaran permohonan'));
    expect(mail.subject).toBe(`Pembayaran permohonan ${a.tracking} diterima`);
    expect(mail.text).toContain('Rp 150.000');
    expect(mail.text).toContain(first.receiptNumber);
    const sms = await t.database.db.selectFrom('outbound_messages').select(['body_text', 'channel']).where('application_id', '=', a.id).where('event', '=', 'payment_received').execute();
    expect(sms.filter((m) => m.channel === 'sms')).toHaveLength(1);
    expect(sms.filter((m) => m.channel === 'email')).toHaveLength(1);
    expect(sms.find((m) => m.channel === 'sms')!.body_text).toContain('DITERIMA');
    // The bill notice went out too, with the code and the account.
    const billed = await smtp.waitFor((m) => m.to.includes(a.email) && m.subject.includes('Tagihan retribusi'));
    expect(billed.text).toContain(bill!.payment_code);
    expect(billed.text).toContain('Bank NTT 0010203040');
  });

  it('[P-7] the expiry job marks overdue unpaid bills expired, and the applicant reissues one with a new code', async () => {
    const a = await submit(fixedSlug, wita('2030-03-04 09:00'));
    const [bill] = await billsOf(a.id);
    await t.deps.payments.bills.expireBills(wita('2030-03-05 09:00'));
    expect((await billsOf(a.id))[0]).toMatchObject({ status: 'unpaid' });
    const n = await t.deps.payments.bills.expireBills(new Date(bill!.due_at.getTime() + 1000));
    expect(n).toBeGreaterThanOrEqual(1);
    expect((await billsOf(a.id))[0]).toMatchObject({ status: 'expired' });
    expect((await appRow(a.id)).status).toBe('awaiting_payment');
    // Not someone else's bill.
    const stranger = await makeCitizen(t);
    const err = await rejects(t.deps.payments.bills.reissue({ actor: { userId: stranger.userId, kind: 'citizen', name: 'x', locale: 'id', grants: [], mfaPassed: true, mfaEnrolled: false, sessionId: null, via: 'session' } }, bill!.payment_code));
    expect(err.status).toBe(404);
    const re = await t.deps.payments.bills.reissue({ actor: a.applicant }, bill!.payment_code, wita('2030-03-20 09:00'));
    expect(re.paymentCode).not.toBe(bill!.payment_code);
    const all = await billsOf(a.id);
    expect(all).toHaveLength(2);
    expect(all[1]).toMatchObject({ status: 'unpaid', replaces_bill_id: bill!.id, amount: 150_000, hold_started_at: bill!.hold_started_at });
    const again = await rejects(t.deps.payments.bills.reissue({ actor: a.applicant }, bill!.payment_code, wita('2030-03-20 09:00')));
    expect(again.status).toBe(409);
    // An unpaid bill is not reissued.
    const open = await rejects(t.deps.payments.bills.reissue({ actor: a.applicant }, re.paymentCode));
    expect(open.messageKey).toBe('payments.reissue.not_expired');
  });

  it('[P-7] two expiry runs at once (two nodes) expire each overdue bill exactly once', async () => {
    const apps = [await submit(fixedSlug, wita('2030-07-01 09:00')), await submit(fixedSlug, wita('2030-07-01 09:00')), await submit(fixedSlug, wita('2030-07-01 09:00'))];
    const ids = (await Promise.all(apps.map((a) => billsOf(a.id)))).map((b) => b[0]!.id);
    const later = wita('2030-08-30 09:00');
    await Promise.all([t.deps.payments.bills.expireBills(later, 2), t.deps.payments.bills.expireBills(later, 2)]);
    await t.deps.payments.bills.expireBills(later);
    const audits = await t.database.db.selectFrom('audit_events').select('entity_id').where('action', '=', 'payments.bill.expire').where('entity_id', 'in', ids).execute();
    expect(audits.map((a) => a.entity_id).sort()).toEqual([...ids].sort());
    const rows = await t.database.db.selectFrom('bills').select('status').where('id', 'in', ids).execute();
    expect(rows.every((r) => r.status === 'expired')).toBe(true);
  });

  it('[P-7] a finance officer of the agency cancels with a reason (audited); other agencies cannot see or cancel', async () => {
    const a = await submit(fixedSlug, wita('2030-04-01 09:00'));
    const [bill] = await billsOf(a.id);
    const foreign = await staff('finance_officer', other);
    expect((await rejects(t.deps.payments.bills.cancel({ actor: foreign }, bill!.payment_code, 'Salah tarif retribusi'))).status).toBe(404);
    expect((await t.deps.payments.bills.listForStaff(foreign)).items.some((b) => b.id === bill!.id)).toBe(false);
    const auditor = await staff('auditor');
    expect((await t.deps.payments.bills.listForStaff(auditor)).items.some((b) => b.id === bill!.id)).toBe(true);
    expect((await rejects(t.deps.payments.bills.cancel({ actor: auditor }, bill!.payment_code, 'Salah tarif retribusi'))).status).toBe(403);
    const finance = await staff('finance_officer');
    expect((await rejects(t.deps.payments.bills.cancel({ actor: finance }, bill!.payment_code, ' '))).status).toBe(422);
    await t.deps.payments.bills.cancel({ actor: finance }, bill!.payment_code, 'Salah tarif retribusi');
    expect((await billsOf(a.id))[0]).toMatchObject({ status: 'cancelled', cancel_reason: 'Salah tarif retribusi', cancelled_by: finance.userId });
    const audit = await t.database.db.selectFrom('audit_events').select(['action', 'actor_id']).where('entity_id', '=', bill!.id).where('action', '=', 'payments.bill.cancel').executeTakeFirst();
    expect(audit?.actor_id).toBe(finance.userId);
    const twice = await rejects(t.deps.payments.bills.cancel({ actor: finance }, bill!.payment_code, 'Salah tarif retribusi'));
    expect(twice.messageKey).toBe('payments.bill.cancelled');
  });

  it('[P-7] confirmations: validated, duplicate proof refused, amount 0 refused, never marks the bill paid', async () => {
    const now = wita('2030-05-06 12:00');
    const a = await submit(fixedSlug, wita('2030-05-06 09:00'));
    const [bill] = await billsOf(a.id);
    const ok = { proofNumber: 'TRF 778899', date: '2030-05-06', time: '10:30', bank: 'BRI', amount: '150.000' };
    const bad = await rejects(t.deps.payments.bills.confirm({ actor: a.applicant }, bill!.payment_code, { ...ok, proofNumber: '', amount: '0', date: '2030-13-01', bank: '' }, 'portal', now));
    expect(bad.status).toBe(422);
    expect(bad.fields?.map((f) => f.key).sort()).toEqual(['payments.confirm.amount_zero', 'payments.confirm.bank_required', 'payments.confirm.date_invalid', 'payments.confirm.proof_required']);
    const future = await rejects(t.deps.payments.bills.confirm({ actor: a.applicant }, bill!.payment_code, { ...ok, date: '2030-05-07' }, 'portal', now));
    expect(future.fields?.[0]?.key).toBe('payments.confirm.date_future');
    const exe = await rejects(t.deps.payments.bills.confirm({ actor: a.applicant }, bill!.payment_code, { ...ok, slip: fileFromBytes(Buffer.from('MZ\x90\x00'), { filename: 'x.exe', declaredType: 'image/png' }) }, 'portal', now));
    expect(exe.fields?.[0]?.key).toBe('payments.confirm.slip_type');
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    await t.deps.payments.bills.confirm({ actor: a.applicant }, bill!.payment_code, { ...ok, slip: fileFromBytes(png, { filename: 'bukti.png', declaredType: 'image/png' }) }, 'portal', now);
    const dup = await rejects(t.deps.payments.bills.confirm({ actor: a.applicant }, bill!.payment_code, ok, 'portal', now));
    expect([dup.status, dup.messageKey]).toEqual([409, 'payments.confirm.duplicate_proof']);
    const rows = await t.database.db.selectFrom('payment_confirmations').selectAll().where('bill_id', '=', bill!.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'pending', amount: 150_000, proof_number: 'TRF 778899', slip_mime: 'image/png' });
    expect((await billsOf(a.id))[0]!.status).toBe('unpaid');
    // An early-morning transfer (the previous day in UTC) is a valid local time; 31 February is not.
    await t.deps.payments.bills.confirm({ actor: a.applicant }, bill!.payment_code, { ...ok, proofNumber: 'TRF 000630', time: '06:30' }, 'portal', now);
    expect((await t.database.db.selectFrom('payment_confirmations').select('transferred_at').where('proof_number', '=', 'TRF 000630').executeTakeFirstOrThrow()).transferred_at.toISOString()).toBe('2030-05-05T22:30:00.000Z');
    const feb = await rejects(t.deps.payments.bills.confirm({ actor: a.applicant }, bill!.payment_code, { ...ok, proofNumber: 'TRF 3102', date: '2030-02-31' }, 'portal', now));
    expect(feb.fields?.[0]?.key).toBe('payments.confirm.date_invalid');
    // Someone else cannot confirm (nor see) it.
    const stranger = await makeCitizen(t);
    const other = await rejects(t.deps.payments.bills.confirm({ actor: { ...a.applicant, userId: stranger.userId } }, bill!.payment_code, { ...ok, proofNumber: 'X1' }, 'portal', now));
    expect(other.status).toBe(404);
    // A paid bill takes no confirmation.
    await payBill(bill!.id, wita('2030-05-06 12:00'));
    const paid = await rejects(t.deps.payments.bills.confirm({ actor: a.applicant }, bill!.payment_code, { ...ok, proofNumber: 'X2' }, 'portal', now));
    expect(paid.messageKey).toBe('payments.bill.already_paid');
  });

  it('[P-7] SMS BAYAR records a confirmation only from the payer\'s number and answers unknown codes the same way', async () => {
    // SMS replies run on the real clock: a bill and transfer in the past.
    const a = await submit(fixedSlug, wita('2025-06-02 09:00'));
    const [bill] = await billsOf(a.id);
    const sms = (from: string, text: string) =>
      t.database.db.transaction().execute(async (trx) => {
        const r = await t.deps.notifications.handleInboundSms(trx, { from, text });
        return (await trx.selectFrom('outbound_messages').select('body_text').where('id', '=', r.replyMessageId).executeTakeFirstOrThrow()).body_text;
      });
    expect(await sms(a.phone, 'BAYAR')).toContain('Format: BAYAR');
    const unknown = await sms(a.phone, 'BAYAR 12345678901234 TRF1 02-06-2025 10:00');
    const otherNumber = await sms('+6285299998888', `BAYAR ${bill!.payment_code} TRF1 02-06-2025 10:00`);
    expect(unknown).toContain('tidak ditemukan');
    expect(otherNumber).toBe(unknown);
    const local = `0${a.phone.slice(3)}`;
    const ok = await sms(local, `bayar ${bill!.payment_code} TRF-991 02-06-2025 10:15`);
    expect(ok).toContain('diterima');
    const rows = await t.database.db.selectFrom('payment_confirmations').selectAll().where('bill_id', '=', bill!.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'sms', proof_number: 'TRF-991', amount: 150_000, status: 'pending' });
    expect(rows[0]!.transferred_at.toISOString()).toBe(wita('2025-06-02 10:15').toISOString());
    expect(await sms(a.phone, `BAYAR ${bill!.payment_code} TRF-991 02-06-2025 10:15`)).toContain('sudah pernah');
    expect(await sms(a.phone, `BAYAR ${bill!.payment_code} TRF-992 32-06-2025 10:15`)).toContain('tidak dapat dibaca');
  });

  it('[P-7] SMS BAYAR refuses a transfer date before the bill was issued, as the portal and the API do (one rule)', async () => {
    const a = await submit(fixedSlug, wita('2025-07-14 09:00'));
    const [bill] = await billsOf(a.id);
    const sms = (text: string) =>
      t.database.db.transaction().execute(async (trx) => {
        const r = await t.deps.notifications.handleInboundSms(trx, { from: a.phone, text });
        return (await trx.selectFrom('outbound_messages').select('body_text').where('id', '=', r.replyMessageId).executeTakeFirstOrThrow()).body_text;
      });
    const early = await sms(`BAYAR ${bill!.payment_code} TRF-EARLY 01-07-2025 10:00`);
    expect(early).toBe('Tanggal transfer lebih awal dari tanggal tagihan diterbitkan.');
    expect(await t.database.db.selectFrom('payment_confirmations').select('id').where('bill_id', '=', bill!.id).execute()).toEqual([]);
    // The portal/API path refuses the same date with the same rule.
    const viaApi = await rejects(t.deps.payments.bills.confirm({ actor: a.applicant }, bill!.payment_code, { proofNumber: 'TRF-EARLY', date: '2025-07-01', time: '10:00', bank: 'BRI', amount: '150.000' }, 'api'));
    expect(viaApi.fields?.[0]?.key).toBe('payments.confirm.date_before_bill');
    // The day of the bill is accepted.
    expect(await sms(`BAYAR ${bill!.payment_code} TRF-ONTIME 14-07-2025 10:00`)).toContain('diterima');
  });
});


