// Bills (P-7): when an application enters an SOP step marked `billing: true` (or, for a
// service with a fee whose SOP has no billing step, on submission) Simpul computes the fee
// from the tariff and the form data, issues a bill with a payment code, and holds the
// application in 'awaiting_payment'. Officers cannot act on a held step; the time waited does
// not count against the SLA (deadlines move by the working time spent waiting, as a
// send-back/resubmission does). RECON marks a bill paid and calls `billPaid`, which issues the
// kuitansi, notifies the payer, matches his confirmations and resumes the workflow.
//
// Everything that runs inside another module's transaction (`onStepOpened`, `billPaid`) reads
// and writes through `trx` only (PGlite has a single connection).
import { openPerson } from '../identity/index.ts';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Database, Executor } from '../../platform/db/database.ts';
import { isUniqueViolation, parseJson } from '../../platform/db/values.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { agenciesFor, authorize, can } from '../../platform/auth/policy.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, errors, type FieldError } from '../../platform/http/errors.ts';
import { defineJob, type JobQueue } from '../../platform/jobs/queue.ts';
import type { Logger } from '../../platform/log.ts';
import type { Storage } from '../../platform/storage/storage.ts';
import { sniffUpload, type UploadedFile } from '../../platform/storage/upload-file.ts';
import { formatDate, formatRupiah, t } from '../../platform/views/i18n.ts';
import { regionTimeZone } from '../agencies/index.ts';
import { instantOfLocal, localDateOf } from '../../platform/calendar/working-time.ts';
import type { ServiceContent } from '../catalog/index.ts';
import { heldStatusOf, slaCalendar, type ApplicationHolds } from '../applications/index.ts';
import type { EventPayload, EventRecorder } from '../../platform/events/events.ts';
import type { PaymentEvents } from './payments.events.ts';
import type { ApplicationEvents } from '../applications/index.ts';
import type { BillStatus } from './payments.tables.ts';
import { computeBill } from './tariff.ts';
import { generatePaymentCode, normalizePaymentCode, validPaymentCode } from './payment-code.ts';
import { renderKuitansi } from './kuitansi.ts';
import { transferTimeProblem } from './confirmation-rules.ts';
import './bills.policy.ts';
import { formatFileSize } from '../../platform/format.ts';

export const EXPIRE_JOB = 'payments.expire-bills';
export const RECEIPT_JOB = 'payments.render-kuitansi';
const expireJob = defineJob(EXPIRE_JOB, z.object({}));
const receiptJob = defineJob(RECEIPT_JOB, z.object({ billId: z.guid() }));
/** Largest slip image/PDF accepted with a confirmation. */
export const SLIP_MAX_BYTES = 2 * 1024 * 1024;
const SLIP_TYPES = new Set(['image/jpeg', 'image/png', 'application/pdf']);

export interface Who {
  actor: Actor | null;
  meta?: RequestMeta | null;
  label?: string;
}

export interface BillLineView {
  lineNo: number;
  label: string;
  unit: string | null;
  rate: number;
  quantity: string;
  amount: number;
}

export interface BankAccountView {
  id: string;
  agencyId: string | null;
  bankCode: string;
  bankName: string;
  accountNumber: string;
  accountName: string;
  active: boolean;
}

export interface ConfirmationView {
  id: string;
  channel: 'portal' | 'sms' | 'api';
  proofNumber: string;
  transferredAt: Date;
  bank: string;
  amount: number;
  hasSlip: boolean;
  slipMime: string | null;
  status: 'pending' | 'matched' | 'not_matched';
  createdAt: Date;
}

export interface BillView {
  id: string;
  paymentCode: string;
  status: BillStatus;
  amount: number;
  paidAmount: number;
  outstanding: number;
  regulation: string;
  issuedAt: Date;
  dueAt: Date;
  paidAt: Date | null;
  expiredAt: Date | null;
  cancelledAt: Date | null;
  cancelReason: string | null;
  receiptNumber: string | null;
  hasReceipt: boolean;
  replacesBillId: string | null;
  applicationId: string;
  trackingNumber: string | null;
  agencyId: string;
  agencyName: string;
  serviceName: string;
  payerId: string;
  payerName: string;
  lines: BillLineView[];
  accounts: BankAccountView[];
}

export interface BillListFilters {
  status?: BillStatus;
  service?: string;
  /** 'YYYY-MM-DD' issued on or after / on or before (region time). */
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

export interface ConfirmationInput {
  proofNumber: string;
  /** 'YYYY-MM-DD' */
  date: string;
  /** 'HH:MM' */
  time: string;
  bank: string;
  /** digits as typed ("1.250.000" allowed); outstanding when omitted (SMS) */
  amount?: string;
  slip?: UploadedFile;
}


const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OPEN: BillStatus[] = ['unpaid', 'partially_paid'];

/** Whole Rupiah as typed: `1250000`, `1.250.000`, `Rp 1.250.000`, `1.250.000,00`. */
export function parseAmountInput(input: string): number | null {
  let s = input.trim().replace(/^rp\.?\s*/i, '').replace(/\s/g, '');
  s = s.replace(/,(00|-)$/, '');
  if (/^\d{1,3}(\.\d{3})+$/.test(s)) s = s.replace(/\./g, '');
  if (!/^\d{1,13}$/.test(s)) return null;
  return Number(s);
}

function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');
}
function decodeCursor(c: string | undefined): { at: Date; id: string } | null {
  if (!c) return null;
  try {
    const [iso, id] = Buffer.from(c, 'base64url').toString('utf8').split('|');
    const at = new Date(iso ?? '');
    if (Number.isNaN(at.getTime()) || !id || !UUID_RE.test(id)) return null;
    return { at, id };
  } catch {
    return null;
  }
}

export type Bills = ReturnType<typeof createBills>;

export function createBills(deps: {
  database: Database;
  storage: Storage;
  jobs: JobQueue;
  log: Logger;
  /** Records bill.issued / bill.receipt_issued in the transaction of the change. */
  events: EventRecorder<PaymentEvents>;
  /** Holding and resuming the application: the applications module's writes. */
  applications: ApplicationHolds;
  /** Working days to pay (BILL_DUE_DAYS). */
  dueDays: number;
  baseUrl: string;
}) {
  const db = deps.database.db;

  const bankAccountView = (r: { id: string; agency_id: string | null; bank_code: string; bank_name: string; account_number: string; account_name: string; active: boolean }): BankAccountView => ({
    id: r.id,
    agencyId: r.agency_id,
    bankCode: r.bank_code,
    bankName: r.bank_name,
    accountNumber: r.account_number,
    accountName: r.account_name,
    active: r.active,
  });

  /** The agency's active receiving accounts, else the region's (agency_id NULL). */
  async function receivingAccounts(q: Executor, agencyId: string): Promise<BankAccountView[]> {
    const rows = await q
      .selectFrom('bank_accounts')
      .selectAll()
      .where('active', '=', true)
      .where((eb) => eb.or([eb('agency_id', '=', agencyId), eb('agency_id', 'is', null)]))
      .orderBy('bank_name')
      .orderBy('account_number')
      .execute();
    const own = rows.filter((r) => r.agency_id === agencyId);
    return (own.length ? own : rows.filter((r) => r.agency_id === null)).map(bankAccountView);
  }

  const accountsText = (accounts: BankAccountView[]) => accounts.map((a) => `${a.bankName} ${a.accountNumber} a.n. ${a.accountName}`).join('; ') || '-';

  async function insertBillRow(
    trx: Executor,
    values: { applicationId: string; agencyId: string; serviceId: string; payerId: string; stepId: string | null; amount: number; regulation: string; now: Date; dueAt: Date; replacesBillId: string | null; holdStartedAt: Date; heldStatus: 'submitted' | 'in_process' },
  ): Promise<{ id: string; paymentCode: string }> {
    for (let attempt = 0; ; attempt++) {
      const code = generatePaymentCode();
      try {
        // A savepoint, so a collision on the code does not abort the caller's transaction.
        const row = await insertWithSavepoint(trx, code, values);
        return { id: row.id, paymentCode: code };
      } catch (err) {
        if (attempt < 5 && isUniqueViolation(err, 'bills_payment_code_key')) continue;
        throw err;
      }
    }
  }

  async function insertWithSavepoint(trx: Executor, code: string, v: Parameters<typeof insertBillRow>[1]): Promise<{ id: string }> {
    await sql`SAVEPOINT bill_code`.execute(trx);
    try {
      const row = await trx
        .insertInto('bills')
        .values({
          application_id: v.applicationId,
          agency_id: v.agencyId,
          service_id: v.serviceId,
          payer_id: v.payerId,
          step_id: v.stepId,
          payment_code: code,
          amount: v.amount,
          regulation: v.regulation,
          issued_at: v.now,
          due_at: v.dueAt,
          replaces_bill_id: v.replacesBillId,
          hold_started_at: v.holdStartedAt,
          held_status: v.heldStatus,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await sql`RELEASE SAVEPOINT bill_code`.execute(trx);
      return row;
    } catch (err) {
      await sql`ROLLBACK TO SAVEPOINT bill_code`.execute(trx);
      throw err;
    }
  }

  async function dueDate(trx: Executor, now: Date): Promise<Date> {
    const cal = await slaCalendar(trx);
    return cal.addWorkingDays(now, deps.dueDays);
  }

  async function notifyBilled(trx: Executor, billId: string): Promise<void> {
    const b = await trx.selectFrom('bills').select(['application_id', 'agency_id', 'payment_code', 'amount', 'due_at']).where('id', '=', billId).executeTakeFirstOrThrow();
    const tz = await regionTimeZone(trx);
    const accounts = await receivingAccounts(trx, b.agency_id);
    await deps.events.record(trx, 'bill.issued', {
      billId,
      applicationId: b.application_id,
      paymentCode: b.payment_code,
      amount: b.amount,
      accounts: accountsText(accounts),
      due: formatDate('id', b.due_at, tz),
    });
  }

  /**
   * Issues the bill of an application (its fee from the tariff and the form data) and holds
   * the application. Returns null when the service is free (nothing to pay).
   */
  async function issueBill(trx: Executor, input: { applicationId: string; stepId: string | null; now: Date }): Promise<{ id: string; paymentCode: string } | null> {
    const a = await trx
      .selectFrom('applications as a')
      .innerJoin('service_versions as v', (j) => j.onRef('v.service_id', '=', 'a.service_id').onRef('v.version', '=', 'a.service_version'))
      .select(['a.id', 'a.agency_id', 'a.service_id', 'a.applicant_id', 'a.status', 'a.form_data', 'a.tracking_number', 'v.content'])
      .where('a.id', '=', input.applicationId)
      .forUpdate('a')
      .executeTakeFirstOrThrow();
    const content = parseJson<ServiceContent>(a.content);
    const formData = parseJson<Record<string, unknown>>(a.form_data) ?? {};
    const fee = computeBill(content.fee, formData);
    if (!fee.ok) throw new AppError('conflict', 409, fee.error.key, fee.error.params);
    if (fee.total <= 0) return null;
    const heldStatus = heldStatusOf(a.status);
    const dueAt = await dueDate(trx, input.now);
    const bill = await insertBillRow(trx, {
      applicationId: a.id,
      agencyId: a.agency_id,
      serviceId: a.service_id,
      payerId: a.applicant_id,
      stepId: input.stepId,
      amount: fee.total,
      regulation: fee.regulation,
      now: input.now,
      dueAt,
      replacesBillId: null,
      holdStartedAt: input.now,
      heldStatus,
    });
    await trx
      .insertInto('bill_lines')
      .values(fee.lines.map((l) => ({ bill_id: bill.id, line_no: l.lineNo, label: l.label, unit: l.unit, rate: l.rate, quantity: l.quantity, amount: l.amount })))
      .execute();
    await deps.applications.holdForPayment(trx, a.id, { paymentCode: bill.paymentCode, now: input.now });
    await recordAudit(trx, { actor: null, label: 'system' }, { action: 'payments.bill.issue', entityType: 'bill', entityId: bill.id, agencyId: a.agency_id, after: { payment_code: bill.paymentCode, amount: fee.total, application: a.tracking_number, step_id: input.stepId } });
    await notifyBilled(trx, bill.id);
    return bill;
  }

  /**
   * The subscriber of `step.opened`, inside the transaction that opened a step visit. Bills
   * when the step is a billing step, or at the first step of an SOP without one; never twice
   * for an application that has paid or is waiting.
   */
  async function onStepOpened(trx: Executor, input: EventPayload<ApplicationEvents, 'step.opened'>): Promise<void> {
    const billingStep = input.billing;
    const onSubmission = input.seq === 1 && !input.sopBills;
    if (!billingStep && !onSubmission) return;
    if (input.free) return; // a service without a fee: nothing to read

    const existing = await trx.selectFrom('bills').select('id').where('application_id', '=', input.applicationId).where('status', 'in', ['paid', 'unpaid', 'partially_paid']).executeTakeFirst();
    if (existing) return;
    const open = await trx.selectFrom('application_steps').select('id').where('application_id', '=', input.applicationId).where('finished_at', 'is', null).executeTakeFirst();
    await issueBill(trx, { applicationId: input.applicationId, stepId: billingStep ? (open?.id ?? null) : null, now: input.at });
  }

  /**
   * Ends the hold once paid: the application returns to the status it had, and its overall
   * and step deadlines move by the working time spent waiting. Idempotent.
   */
  async function resumeAfterPayment(trx: Executor, applicationId: string, now: Date): Promise<boolean> {
    const bill = await trx.selectFrom('bills').select(['hold_started_at', 'held_status', 'issued_at']).where('application_id', '=', applicationId).where('status', '=', 'paid').orderBy('paid_at', 'desc').executeTakeFirst();
    if (!bill) return false;
    return deps.applications.resumeAfterPayment(trx, applicationId, { since: bill.hold_started_at ?? bill.issued_at, heldStatus: bill.held_status, now });
  }

  /** Next kuitansi number of an agency in a year: `<SHORT>/KWT/<YYYY>/<000001>`. */
  async function nextReceiptNumber(trx: Executor, agencyId: string, year: number): Promise<string> {
    const row = await trx
      .insertInto('receipt_counters')
      .values({ agency_id: agencyId, year, last: 1 })
      .onConflict((oc) => oc.columns(['agency_id', 'year']).doUpdateSet({ last: sql`receipt_counters.last + 1` }))
      .returning('last')
      .executeTakeFirstOrThrow();
    const ag = await trx.selectFrom('agencies').select('short_name').where('id', '=', agencyId).executeTakeFirstOrThrow();
    return `${ag.short_name.toUpperCase()}/KWT/${year}/${String(row.last).padStart(6, '0')}`;
  }

  /**
   * RECON's contract: the bill has been marked paid (paid_amount, status 'paid', paid_at).
   * Numbers the kuitansi (its PDF is rendered by a job), notifies the payer by e-mail and
   * SMS, marks his pending confirmations matched and resumes the workflow. Idempotent: a
   * second call changes nothing and sends nothing.
   */
  async function billPaid(trx: Executor, billId: string, now: Date = new Date()): Promise<{ receiptNumber: string; resumed: boolean }> {
    const b = await trx.selectFrom('bills').selectAll().where('id', '=', billId).forUpdate().executeTakeFirst();
    if (!b) throw errors.notFound();
    if (b.status !== 'paid' || !b.paid_at) throw errors.conflict('payments.bill.not_paid');
    if (b.receipt_number) {
      const resumed = await resumeAfterPayment(trx, b.application_id, now);
      return { receiptNumber: b.receipt_number, resumed };
    }
    const tz = await regionTimeZone(trx);
    const year = Number(localDateOf(tz, b.paid_at).slice(0, 4));
    const receiptNumber = await nextReceiptNumber(trx, b.agency_id, year);
    await trx.updateTable('bills').set({ receipt_number: receiptNumber, updated_at: now }).where('id', '=', b.id).execute();
    await trx.updateTable('payment_confirmations').set({ status: 'matched' }).where('bill_id', '=', b.id).where('status', '=', 'pending').execute();
    await deps.jobs.enqueue(trx, receiptJob, { billId: b.id }, { dedupeKey: `${RECEIPT_JOB}:${b.id}` });
    const resumed = await resumeAfterPayment(trx, b.application_id, now);
    await recordAudit(trx, { actor: null, label: 'system' }, { action: 'payments.bill.paid', entityType: 'bill', entityId: b.id, agencyId: b.agency_id, after: { receipt_number: receiptNumber, paid_amount: b.paid_amount } });
    await deps.events.record(trx, 'bill.receipt_issued', { billId: b.id, applicationId: b.application_id, paymentCode: b.payment_code, amount: b.paid_amount, receiptNumber });
    return { receiptNumber, resumed };
  }

  /** Renders and stores the kuitansi PDF of a paid bill (job). */
  async function renderReceipt(billId: string): Promise<void> {
    const data = await db.transaction().execute(async (trx) => {
      const b = await trx.selectFrom('bills').selectAll().where('id', '=', billId).forUpdate().executeTakeFirst();
      if (!b || !b.receipt_number || b.receipt_storage_key) return null;
      return { b, pdf: await renderKuitansi(trx, b.id) };
    });
    if (!data) return;
    const key = `receipts/${data.b.id}.pdf`;
    await deps.storage.put(key, data.pdf, 'application/pdf');
    await db.updateTable('bills').set({ receipt_storage_key: key }).where('id', '=', billId).where('receipt_storage_key', 'is', null).execute();
  }

  /** Marks overdue unpaid bills expired (several nodes: SKIP LOCKED). Returns how many. */
  async function expireBills(now: Date = new Date(), batch = 500): Promise<number> {
    return db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom('bills')
        .select(['id', 'agency_id', 'payment_code'])
        .where('status', '=', 'unpaid')
        .where('due_at', '<', now)
        .orderBy('due_at')
        .limit(batch)
        .forUpdate()
        .skipLocked()
        .execute();
      for (const b of due) {
        await trx.updateTable('bills').set({ status: 'expired', expired_at: now, updated_at: now }).where('id', '=', b.id).execute();
        await recordAudit(trx, { actor: null, label: 'system' }, { action: 'payments.bill.expire', entityType: 'bill', entityId: b.id, agencyId: b.agency_id, after: { payment_code: b.payment_code } });
        await deps.events.record(trx, 'bill.expired', { billId: b.id });
      }
      if (due.length) deps.log.info({ expired: due.length }, 'bills expired');
      return due.length;
    });
  }

  // ---- reading -----------------------------------------------------------------------

  const billSelect = (q: Executor) =>
    q
      .selectFrom('bills as b')
      .innerJoin('applications as a', 'a.id', 'b.application_id')
      .innerJoin('agencies as g', 'g.id', 'b.agency_id')
      .innerJoin('users as u', 'u.id', 'b.payer_id')
      .innerJoin('service_versions as v', (j) => j.onRef('v.service_id', '=', 'a.service_id').onRef('v.version', '=', 'a.service_version'))
      .select([
        'b.id', 'b.payment_code', 'b.status', 'b.amount', 'b.paid_amount', 'b.regulation', 'b.issued_at', 'b.due_at', 'b.paid_at', 'b.expired_at', 'b.cancelled_at', 'b.cancel_reason',
        'b.receipt_number', 'b.receipt_storage_key', 'b.replaces_bill_id', 'b.application_id', 'b.agency_id', 'b.payer_id', 'a.tracking_number', 'g.name as agency_name', 'u.name as payer_name',
        sql<string>`v.content->>'name'`.as('service_name'),
      ]);
  type BillRow = Awaited<ReturnType<ReturnType<typeof billSelect>['executeTakeFirstOrThrow']>>;

  async function present(q: Executor, r: BillRow, withDetail = true): Promise<BillView> {
    const lines = withDetail ? await q.selectFrom('bill_lines').selectAll().where('bill_id', '=', r.id).orderBy('line_no').execute() : [];
    return {
      id: r.id,
      paymentCode: r.payment_code,
      status: r.status,
      amount: r.amount,
      paidAmount: r.paid_amount,
      outstanding: Math.max(0, r.amount - r.paid_amount),
      regulation: r.regulation,
      issuedAt: r.issued_at,
      dueAt: r.due_at,
      paidAt: r.paid_at,
      expiredAt: r.expired_at,
      cancelledAt: r.cancelled_at,
      cancelReason: r.cancel_reason,
      receiptNumber: r.receipt_number,
      hasReceipt: !!r.receipt_storage_key,
      replacesBillId: r.replaces_bill_id,
      applicationId: r.application_id,
      trackingNumber: r.tracking_number,
      agencyId: r.agency_id,
      agencyName: r.agency_name,
      serviceName: r.service_name,
      payerId: r.payer_id,
      payerName: r.payer_name,
      lines: lines.map((l) => ({ lineNo: l.line_no, label: l.label, unit: l.unit, rate: l.rate, quantity: trimDecimal(String(l.quantity)), amount: l.amount })),
      accounts: withDetail ? await receivingAccounts(q, r.agency_id) : [],
    };
  }

  /** The bill of `code` when the actor is its payer or staff who may read it; 404 otherwise (same answer for both). */
  async function getForActor(actor: Actor | null, code: string): Promise<BillView> {
    if (!actor) throw errors.unauthenticated();
    const c = normalizePaymentCode(code);
    if (!validPaymentCode(c)) throw errors.notFound();
    const r = await billSelect(db).where('b.payment_code', '=', c).executeTakeFirst();
    if (!r) throw errors.notFound();
    if (r.payer_id !== actor.userId && !can(actor, 'payments.read', { agencyId: r.agency_id })) throw errors.notFound();
    return present(db, r);
  }

  async function confirmationsOf(q: Executor, billId: string): Promise<ConfirmationView[]> {
    const rows = await q.selectFrom('payment_confirmations').selectAll().where('bill_id', '=', billId).orderBy('created_at', 'desc').execute();
    return rows.map((r) => ({
      id: r.id,
      channel: r.channel,
      proofNumber: r.proof_number,
      transferredAt: r.transferred_at,
      bank: r.bank,
      amount: r.amount,
      hasSlip: !!r.slip_storage_key,
      slipMime: r.slip_mime,
      status: r.status,
      createdAt: r.created_at,
    }));
  }

  // ---- the payer's actions --------------------------------------------------------------

  async function recordConfirmation(
    trx: Executor,
    bill: { id: string; status: BillStatus; amount: number; paid_amount: number },
    input: { by: string | null; channel: 'portal' | 'sms' | 'api'; proofNumber: string; transferredAt: Date; bank: string; amount: number; slipKey: string | null; slipMime: string | null },
  ): Promise<string> {
    try {
      await sql`SAVEPOINT confirmation`.execute(trx);
      const row = await trx
        .insertInto('payment_confirmations')
        .values({ bill_id: bill.id, submitted_by: input.by, channel: input.channel, proof_number: input.proofNumber, transferred_at: input.transferredAt, bank: input.bank, amount: input.amount, slip_storage_key: input.slipKey, slip_mime: input.slipMime })
        .returning('id')
        .executeTakeFirstOrThrow();
      await sql`RELEASE SAVEPOINT confirmation`.execute(trx);
      return row.id;
    } catch (err) {
      await sql`ROLLBACK TO SAVEPOINT confirmation`.execute(trx);
      if (isUniqueViolation(err)) throw new AppError('conflict', 409, 'payments.confirm.duplicate_proof', undefined, [{ field: 'proofNumber', key: 'payments.confirm.duplicate_proof' }]);
      throw err;
    }
  }

  const stateError = (status: BillStatus) =>
    errors.conflict(status === 'paid' ? 'payments.bill.already_paid' : status === 'expired' ? 'payments.bill.expired' : status === 'cancelled' ? 'payments.bill.cancelled' : 'payments.bill.not_open');

  /**
   * The payer's word that he paid (portal or API): validated, stored as 'pending'. It never
   * marks the bill paid — only a bank credit does (RECON).
   */
  async function confirm(who: Who, code: string, input: ConfirmationInput, channel: 'portal' | 'api' = 'portal', now: Date = new Date()): Promise<{ id: string }> {
    const bill = await getForActor(who.actor, code);
    if (bill.payerId !== who.actor!.userId) throw errors.forbidden();
    if (!OPEN.includes(bill.status)) throw stateError(bill.status);
    const tz = await regionTimeZone(db);
    const fields: FieldError[] = [];
    const proof = input.proofNumber.trim().replace(/\s+/g, ' ');
    if (!proof) fields.push({ field: 'proofNumber', key: 'payments.confirm.proof_required' });
    else if (proof.length > 60 || !/^[0-9A-Za-z./\-_ ]+$/.test(proof)) fields.push({ field: 'proofNumber', key: 'payments.confirm.proof_invalid' });
    const at = instantOfLocal(tz, input.date.trim(), input.time.trim());
    if (!at) fields.push({ field: 'date', key: 'payments.confirm.date_invalid' });
    else {
      const problem = transferTimeProblem(at, bill.issuedAt, now);
      if (problem) fields.push({ field: 'date', key: problem });
    }
    const bank = input.bank.trim().slice(0, 100);
    if (!bank) fields.push({ field: 'bank', key: 'payments.confirm.bank_required' });
    const amount = input.amount === undefined || input.amount.trim() === '' ? null : parseAmountInput(input.amount);
    if (amount === null) fields.push({ field: 'amount', key: 'payments.confirm.amount_invalid' });
    else if (amount <= 0) fields.push({ field: 'amount', key: 'payments.confirm.amount_zero' });
    let slipMime: string | null = null;
    if (input.slip) {
      const type = sniffUpload(input.slip);
      if (input.slip.tooLarge || input.slip.size > SLIP_MAX_BYTES) fields.push({ field: 'slip', key: 'payments.confirm.slip_too_large', params: { mb: formatFileSize(SLIP_MAX_BYTES) } });
      else if (!type || !SLIP_TYPES.has(type)) fields.push({ field: 'slip', key: 'payments.confirm.slip_type' });
      else slipMime = type;
    }
    if (fields.length) throw errors.validation(fields);
    let slipKey: string | null = null;
    if (input.slip && slipMime) {
      slipKey = `paymentslips/${crypto.randomUUID()}.${slipMime === 'application/pdf' ? 'pdf' : slipMime === 'image/png' ? 'png' : 'jpg'}`;
      await deps.storage.put(slipKey, input.slip.open(), slipMime);
    }
    try {
      return await db.transaction().execute(async (trx) => {
        const b = await trx.selectFrom('bills').select(['id', 'status', 'amount', 'paid_amount', 'agency_id']).where('id', '=', bill.id).forUpdate().executeTakeFirstOrThrow();
        if (!OPEN.includes(b.status)) throw stateError(b.status);
        const id = await recordConfirmation(trx, b, { by: who.actor!.userId, channel, proofNumber: proof, transferredAt: at!, bank, amount: amount!, slipKey, slipMime });
        await recordAudit(trx, who, { action: 'payments.confirmation.create', entityType: 'bill', entityId: b.id, agencyId: b.agency_id, after: { proof_number: proof, amount, channel } });
        return { id };
      });
    } catch (err) {
      if (slipKey) await deps.storage.delete(slipKey);
      throw err;
    }
  }

  /** SMS `BAYAR <kode bayar> <no bukti> <tanggal> <jam>`: reply text (Indonesian). */
  async function smsConfirm(trx: Executor, fromE164: string | null, args: string, now: Date = new Date()): Promise<string> {
    const parts = args.trim().split(/\s+/).filter(Boolean);
    const usage = 'Format: BAYAR <kode bayar> <no bukti transfer> <tanggal DD-MM-YYYY> <jam HH:MM>. Contoh: BAYAR 12345678901234 TRF123456 23-11-2026 10:15';
    if (parts.length !== 4) return usage;
    const [rawCode, proof, rawDate, rawTime] = parts as [string, string, string, string];
    const notFound = 'Tagihan dengan kode bayar tersebut tidak ditemukan. Periksa kode bayar Anda.';
    const code = normalizePaymentCode(rawCode);
    if (!validPaymentCode(code) || !fromE164) return notFound;
    const b = await trx
      .selectFrom('bills as b')
      .innerJoin('users as u', 'u.id', 'b.payer_id')
      .select(['b.id', 'b.status', 'b.amount', 'b.paid_amount', 'b.agency_id', 'b.payer_id', 'b.issued_at', 'u.phone'])
      .where('b.payment_code', '=', code)
      .forUpdate('b')
      .executeTakeFirst()
      .then((r) => r && openPerson(r));
    if (!b || b.phone !== fromE164) return notFound;
    if (b.status === 'paid') return 'Tagihan ini sudah lunas. Terima kasih.';
    if (b.status === 'expired') return 'Tagihan ini sudah kedaluwarsa. Terbitkan tagihan baru di portal Simpul.';
    if (b.status === 'cancelled') return 'Tagihan ini sudah dibatalkan. Hubungi perangkat daerah penerbit tagihan.';
    const dm = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(rawDate);
    const tz = await regionTimeZone(trx);
    const at = dm ? instantOfLocal(tz, `${dm[3]}-${dm[2]!.padStart(2, '0')}-${dm[1]!.padStart(2, '0')}`, rawTime.padStart(5, '0')) : null;
    if (!at) return `Tanggal atau jam tidak dapat dibaca. ${usage}`;
    // The same rule as the portal and the API (one function), answered in Indonesian.
    const problem = transferTimeProblem(at, b.issued_at, now);
    if (problem) return t('id', problem);
    if (!/^[0-9A-Za-z./\-_]{1,60}$/.test(proof)) return `Nomor bukti transfer tidak sah. ${usage}`;
    try {
      await recordConfirmation(trx, b, { by: b.payer_id, channel: 'sms', proofNumber: proof, transferredAt: at, bank: '', amount: Math.max(1, b.amount - b.paid_amount), slipKey: null, slipMime: null });
    } catch (err) {
      if (err instanceof AppError && err.status === 409) return 'Konfirmasi dengan nomor bukti tersebut sudah pernah dikirim.';
      throw err;
    }
    await recordAudit(trx, { actor: null, label: `sms:${fromE164}` }, { action: 'payments.confirmation.create', entityType: 'bill', entityId: b.id, agencyId: b.agency_id, after: { proof_number: proof, channel: 'sms' } });
    return `Konfirmasi pembayaran kode bayar ${code} diterima dan akan dicocokkan dengan rekening koran. Anda akan menerima pemberitahuan setelah pembayaran diterima.`;
  }

  /** The applicant issues a new bill in place of an expired one (new code, new due date). */
  async function reissue(who: Who, code: string, now: Date = new Date()): Promise<{ paymentCode: string }> {
    const bill = await getForActor(who.actor, code);
    const staff = can(who.actor, 'payments.cancel', { agencyId: bill.agencyId });
    if (bill.payerId !== who.actor!.userId && !staff) throw errors.forbidden();
    if (bill.status !== 'expired' && !(bill.status === 'cancelled' && staff)) throw errors.conflict(bill.status === 'cancelled' ? 'payments.bill.cancelled' : 'payments.reissue.not_expired');
    return db.transaction().execute(async (trx) => {
      const old = await trx.selectFrom('bills').selectAll().where('id', '=', bill.id).forUpdate().executeTakeFirstOrThrow();
      if (old.status !== 'expired' && old.status !== 'cancelled') throw errors.conflict('payments.reissue.not_expired');
      const app = await trx.selectFrom('applications').select(['status']).where('id', '=', old.application_id).forUpdate().executeTakeFirstOrThrow();
      if (app.status !== 'awaiting_payment') throw errors.conflict('payments.reissue.not_waiting');
      const newer = await trx.selectFrom('bills').select('id').where('replaces_bill_id', '=', old.id).executeTakeFirst();
      const open = await trx.selectFrom('bills').select('id').where('application_id', '=', old.application_id).where('status', 'in', OPEN).executeTakeFirst();
      if (newer || open) throw errors.conflict('payments.reissue.already');
      const dueAt = await dueDate(trx, now);
      const nb = await insertBillRow(trx, {
        applicationId: old.application_id,
        agencyId: old.agency_id,
        serviceId: old.service_id,
        payerId: old.payer_id,
        stepId: old.step_id,
        amount: old.amount,
        regulation: old.regulation,
        now,
        dueAt,
        replacesBillId: old.id,
        holdStartedAt: old.hold_started_at ?? old.issued_at,
        heldStatus: old.held_status ?? 'in_process',
      });
      const lines = await trx.selectFrom('bill_lines').selectAll().where('bill_id', '=', old.id).execute();
      if (lines.length) await trx.insertInto('bill_lines').values(lines.map((l) => ({ ...l, bill_id: nb.id }))).execute();
      await recordAudit(trx, who, { action: 'payments.bill.reissue', entityType: 'bill', entityId: nb.id, agencyId: old.agency_id, before: { payment_code: old.payment_code, status: old.status }, after: { payment_code: nb.paymentCode, due_at: dueAt.toISOString() } });
      await notifyBilled(trx, nb.id);
      return { paymentCode: nb.paymentCode };
    });
  }

  /** Finance officers / agency admins cancel an open bill with a reason (audited). */
  async function cancel(who: Who, code: string, reason: string, now: Date = new Date()): Promise<void> {
    const bill = await getForActor(who.actor, code);
    authorize(who.actor, 'payments.cancel', { agencyId: bill.agencyId });
    const r = reason.trim();
    if (r.length < 5 || r.length > 500) throw errors.validation([{ field: 'reason', key: 'payments.cancel.reason_required' }]);
    await db.transaction().execute(async (trx) => {
      const b = await trx.selectFrom('bills').select(['id', 'status', 'agency_id', 'payment_code', 'paid_amount']).where('id', '=', bill.id).forUpdate().executeTakeFirstOrThrow();
      if (b.status !== 'unpaid') throw b.status === 'partially_paid' ? errors.conflict('payments.cancel.partially_paid') : stateError(b.status);
      await trx.updateTable('bills').set({ status: 'cancelled', cancelled_at: now, cancel_reason: r, cancelled_by: who.actor!.userId, updated_at: now }).where('id', '=', b.id).execute();
      await recordAudit(trx, who, { action: 'payments.bill.cancel', entityType: 'bill', entityId: b.id, agencyId: b.agency_id, before: { status: b.status }, after: { status: 'cancelled', reason: r } });
      await deps.events.record(trx, 'bill.cancelled', { billId: b.id });
    });
  }

  // ---- lists ----------------------------------------------------------------------------

  /** The citizen's own bills, newest first. */
  async function listOwn(actor: Actor | null, limit = 50): Promise<BillView[]> {
    if (!actor) throw errors.unauthenticated();
    const rows = await billSelect(db).where('b.payer_id', '=', actor.userId).orderBy('b.issued_at', 'desc').orderBy('b.id', 'desc').limit(Math.min(100, limit)).execute();
    return Promise.all(rows.map((r) => present(db, r, false)));
  }

  /** Bills of the agencies the staff member may read, newest first, keyset pages. */
  async function listForStaff(actor: Actor | null, f: BillListFilters = {}): Promise<{ items: BillView[]; nextCursor: string | null }> {
    authorize(actor, 'payments.read');
    const scope = agenciesFor(actor, 'payments.read');
    if (scope !== 'all' && scope.length === 0) return { items: [], nextCursor: null };
    const limit = Math.min(Math.max(f.limit ?? 50, 1), 200);
    const tz = await regionTimeZone(db);
    let q = billSelect(db);
    if (scope !== 'all') q = q.where('b.agency_id', 'in', scope);
    if (f.status) q = q.where('b.status', '=', f.status);
    if (f.service) q = q.innerJoin('services as s', 's.id', 'b.service_id').where('s.slug', '=', f.service);
    const offset = tz === 'Asia/Jayapura' ? '+09:00' : tz === 'Asia/Makassar' ? '+08:00' : '+07:00';
    if (f.from && /^\d{4}-\d{2}-\d{2}$/.test(f.from)) q = q.where('b.issued_at', '>=', new Date(`${f.from}T00:00:00${offset}`));
    if (f.to && /^\d{4}-\d{2}-\d{2}$/.test(f.to)) q = q.where('b.issued_at', '<', new Date(new Date(`${f.to}T00:00:00${offset}`).getTime() + 86_400_000));
    const cursor = decodeCursor(f.cursor);
    if (cursor) q = q.where(sql<boolean>`(b.issued_at, b.id) < (${cursor.at}, ${cursor.id}::uuid)`);
    const rows = await q.orderBy('b.issued_at', 'desc').orderBy('b.id', 'desc').limit(limit + 1).execute();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { items: await Promise.all(page.map((r) => present(db, r, false))), nextCursor: rows.length > limit && last ? encodeCursor(last.issued_at, last.id) : null };
  }

  /** Staff view of one bill with its confirmations. */
  async function staffDetail(actor: Actor | null, code: string): Promise<{ bill: BillView; confirmations: ConfirmationView[] }> {
    authorize(actor, 'payments.read');
    const bill = await getForActor(actor, code);
    authorize(actor, 'payments.read', { agencyId: bill.agencyId });
    return { bill, confirmations: await confirmationsOf(db, bill.id) };
  }

  async function slipOf(actor: Actor | null, code: string, confirmationId: string): Promise<{ bytes: Buffer; mime: string }> {
    const bill = await getForActor(actor, code);
    if (!UUID_RE.test(confirmationId)) throw errors.notFound();
    const c = await db.selectFrom('payment_confirmations').select(['slip_storage_key', 'slip_mime']).where('id', '=', confirmationId).where('bill_id', '=', bill.id).executeTakeFirst();
    if (!c?.slip_storage_key) throw errors.notFound();
    const bytes = await deps.storage.get(c.slip_storage_key);
    if (!bytes) throw errors.notFound();
    return { bytes, mime: c.slip_mime ?? 'application/octet-stream' };
  }

  async function receiptOf(actor: Actor | null, code: string): Promise<{ bytes: Buffer; fileName: string }> {
    const bill = await getForActor(actor, code);
    const r = await db.selectFrom('bills').select(['receipt_storage_key', 'receipt_number']).where('id', '=', bill.id).executeTakeFirstOrThrow();
    if (!r.receipt_storage_key || !r.receipt_number) throw errors.notFound();
    const bytes = await deps.storage.get(r.receipt_storage_key);
    if (!bytes) throw errors.notFound();
    return { bytes, fileName: `kuitansi-${r.receipt_number.replace(/[^A-Za-z0-9]+/g, '-')}.pdf` };
  }

  /** The open (or latest) bill of an application, for the application page. */
  async function forApplication(q: Executor, applicationId: string): Promise<BillView | null> {
    const r = await billSelect(q).where('b.application_id', '=', applicationId).orderBy('b.issued_at', 'desc').orderBy('b.id', 'desc').executeTakeFirst();
    return r ? present(q, r) : null;
  }

  // ---- receiving accounts ------------------------------------------------------------------

  async function listAccounts(actor: Actor | null): Promise<BankAccountView[]> {
    authorize(actor, 'payments.accounts.read');
    const rows = await db.selectFrom('bank_accounts').selectAll().orderBy('agency_id', 'desc').orderBy('bank_name').execute();
    const scope = agenciesFor(actor, 'payments.accounts.read');
    return rows.filter((r) => scope === 'all' || r.agency_id === null || scope.includes(r.agency_id)).map(bankAccountView);
  }

  async function saveAccount(who: Who, input: { agencyId: string | null; bankCode: string; bankName: string; accountNumber: string; accountName: string }): Promise<BankAccountView> {
    authorize(who.actor, 'payments.accounts.manage');
    const fields: FieldError[] = [];
    const bankCode = input.bankCode.trim().toUpperCase();
    const bankName = input.bankName.trim();
    const accountNumber = input.accountNumber.replace(/[\s.\-]/g, '');
    const accountName = input.accountName.trim();
    if (!/^[A-Z0-9_]{2,20}$/.test(bankCode)) fields.push({ field: 'bankCode', key: 'payments.account.bank_code_invalid' });
    if (!bankName || bankName.length > 100) fields.push({ field: 'bankName', key: 'payments.account.bank_name_required' });
    if (!/^\d{5,20}$/.test(accountNumber)) fields.push({ field: 'accountNumber', key: 'payments.account.number_invalid' });
    if (!accountName || accountName.length > 150) fields.push({ field: 'accountName', key: 'payments.account.name_required' });
    if (input.agencyId !== null && !UUID_RE.test(input.agencyId)) fields.push({ field: 'agencyId', key: 'payments.account.agency_invalid' });
    if (fields.length) throw errors.validation(fields);
    try {
      return await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('bank_accounts')
          .values({ agency_id: input.agencyId, bank_code: bankCode, bank_name: bankName, account_number: accountNumber, account_name: accountName })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, who, { action: 'payments.account.create', entityType: 'bank_account', entityId: row.id, agencyId: row.agency_id, after: { bank_code: bankCode, account_number: accountNumber } });
        return bankAccountView(row);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw errors.conflict('payments.account.duplicate', 'accountNumber');
      throw err;
    }
  }

  async function setAccountActive(who: Who, id: string, active: boolean): Promise<void> {
    authorize(who.actor, 'payments.accounts.manage');
    if (!UUID_RE.test(id)) throw errors.notFound();
    await db.transaction().execute(async (trx) => {
      const res = await trx.updateTable('bank_accounts').set({ active, updated_at: new Date() }).where('id', '=', id).executeTakeFirst();
      if (!res.numUpdatedRows) throw errors.notFound();
      await recordAudit(trx, who, { action: active ? 'payments.account.activate' : 'payments.account.deactivate', entityType: 'bank_account', entityId: id });
    });
  }

  function registerJobs(jobs: JobQueue, opts: { expireEverySeconds: number }): void {
    jobs.register(receiptJob, async (payload) => {
      await renderReceipt(payload.billId);
    });
    jobs.register(expireJob, async () => {
      await expireBills(new Date());
    });
    jobs.schedule(expireJob, opts.expireEverySeconds);
  }

  return {
    issueBill,
    onStepOpened,
    resumeAfterPayment,
    billPaid,
    renderReceipt,
    expireBills,
    getForActor,
    confirmationsOf,
    confirm,
    smsConfirm,
    reissue,
    cancel,
    listOwn,
    listForStaff,
    staffDetail,
    slipOf,
    receiptOf,
    forApplication,
    receivingAccounts,
    listAccounts,
    saveAccount,
    setAccountActive,
    registerJobs,
  };
}

function trimDecimal(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}
