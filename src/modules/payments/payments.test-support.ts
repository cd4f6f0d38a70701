// Test support for the payments module: bills, receiving accounts and confirmations inserted
// directly (the billing service is another module's), and a recording `billPaid` hook. Shared
// by the payments tests; keep it generic.
import type { EventRecorder } from '../../platform/events/events.ts';
import type { PaymentEvents } from './payments.events.ts';
import crypto from 'node:crypto';
import type { TestApp } from '../../../test/harness.ts';
import { makeAgency, makeCitizen, makeServiceWithSop } from '../../../test/factories.ts';
import type { AgencyView } from '../agencies/agencies.service.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { BillStatus } from './payments.tables.ts';

/** Per test app (database): the service billed for each agency, and the default agency. */
const cache = new WeakMap<TestApp, { services: Map<string, string>; agency: AgencyView | null }>();

/** A fresh payment code: 12 digits. */
export function newPaymentCode(): string {
  return String(crypto.randomInt(100_000, 999_999)) + String(crypto.randomInt(100_000, 999_999));
}

export interface TestBill {
  id: string;
  code: string;
  amount: number;
  agencyId: string;
  applicationId: string;
  payerId: string;
}

/**
 * An application awaiting payment and its bill, inserted directly. Defaults: a shared agency,
 * a fresh 12-digit code, issued 3 days ago, due in 7 days, unpaid.
 */
export async function makeBill(
  t: TestApp,
  opts: { amount: number; code?: string; agency?: AgencyView; issuedAt?: Date; dueAt?: Date; status?: BillStatus; paidAmount?: number; payerId?: string },
): Promise<TestBill> {
  let c = cache.get(t);
  if (!c) cache.set(t, (c = { services: new Map(), agency: null }));
  const agency = opts.agency ?? (c.agency ??= await makeAgency(t));
  let serviceId = c.services.get(agency.id);
  if (!serviceId) {
    serviceId = (await makeServiceWithSop(t, agency)).id;
    c.services.set(agency.id, serviceId);
  }
  const payerId = opts.payerId ?? (await makeCitizen(t)).userId;
  const code = opts.code ?? newPaymentCode();
  const now = Date.now();
  const issuedAt = opts.issuedAt ?? new Date(now - 3 * 86_400_000);
  const dueAt = opts.dueAt ?? new Date(now + 7 * 86_400_000);
  const status = opts.status ?? 'unpaid';
  return t.database.db.transaction().execute(async (trx) => {
    const app = await trx
      .insertInto('applications')
      .values({
        tracking_number: `UJI-${crypto.randomBytes(6).toString('hex').toUpperCase()}`,
        service_id: serviceId,
        service_version: 1,
        agency_id: agency.id,
        applicant_id: payerId,
        status: 'awaiting_payment' as never,
        form_data: '{}' as never,
        submitted_at: issuedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const bill = await trx
      .insertInto('bills')
      .values({
        application_id: app.id,
        agency_id: agency.id,
        service_id: serviceId,
        payer_id: payerId,
        step_id: null,
        payment_code: code,
        amount: opts.amount,
        paid_amount: opts.paidAmount ?? (status === 'paid' ? opts.amount : 0),
        status,
        issued_at: issuedAt,
        due_at: dueAt,
        paid_at: status === 'paid' ? new Date(now - 86_400_000) : null,
        expired_at: status === 'expired' ? dueAt : null,
        cancelled_at: null,
        cancel_reason: null,
        replaces_bill_id: null,
        receipt_number: null,
        receipt_storage_key: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: bill.id, code, amount: opts.amount, agencyId: agency.id, applicationId: app.id, payerId };
  });
}

/** A receiving account (the region's when `agency` is null). */
export async function makeBankAccount(t: TestApp, opts: { agency?: AgencyView | null; bankCode?: string; accountNumber?: string } = {}) {
  const row = await t.database.db
    .insertInto('bank_accounts')
    .values({
      agency_id: opts.agency?.id ?? null,
      bank_code: opts.bankCode ?? 'BNI',
      bank_name: `Bank ${opts.bankCode ?? 'BNI'}`,
      account_number: opts.accountNumber ?? String(crypto.randomInt(1_000_000_000, 9_999_999_999)),
      account_name: 'RKUD Pemerintah Provinsi Uji',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { id: row.id, bankCode: row.bank_code, accountNumber: row.account_number, agencyId: row.agency_id };
}

/** An applicant's payment confirmation of a bill (evidence only). */
export async function makeConfirmation(t: TestApp, bill: TestBill, opts: { proofNumber: string; amount?: number; transferredAt?: Date; bank?: string }) {
  await t.database.db
    .insertInto('payment_confirmations')
    .values({ bill_id: bill.id, submitted_by: bill.payerId, channel: 'portal', proof_number: opts.proofNumber, transferred_at: opts.transferredAt ?? new Date(), bank: opts.bank ?? 'BRI', amount: opts.amount ?? bill.amount })
    .execute();
}

/** A `billPaid` hook that records the bills it was called for. */
/** A recorder of payments' events that keeps the bills `bill.paid` was recorded for (RECON's contract). */
export function recordingBillPaid() {
  const calls: string[] = [];
  const events: EventRecorder<PaymentEvents> = {
    async record(_trx: Executor, name, payload) {
      if (name === 'bill.paid') calls.push((payload as { billId: string }).billId);
      return 0;
    },
  };
  return { calls, events };
}

export async function billRow(t: TestApp, id: string) {
  return t.database.db.selectFrom('bills').select(['status', 'paid_amount', 'paid_at', 'amount']).where('id', '=', id).executeTakeFirstOrThrow();
}
