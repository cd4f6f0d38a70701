// Test data for the revenue report and daily summary: bills and bank credits inserted
// directly (billing and reconciliation own the services that write them; the reports only
// read). Each bill gets its own draft application, as the schema wants one open bill per
// application.
import crypto from 'node:crypto';
import type { Executor } from '../../platform/db/database.ts';
import type { BillStatus } from './payments.tables.ts';

let serial = 0;

export interface BillInput {
  agencyId: string;
  serviceId: string;
  payerId: string;
  amount: number;
  status?: BillStatus;
  paidAmount?: number;
  issuedAt: Date;
  dueAt?: Date;
  paidAt?: Date | null;
  expiredAt?: Date | null;
  cancelledAt?: Date | null;
}

export async function insertBill(q: Executor, b: BillInput): Promise<string> {
  const app = await q
    .insertInto('applications')
    .values({ service_id: b.serviceId, service_version: 1, agency_id: b.agencyId, applicant_id: b.payerId, status: 'draft' } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  const status = b.status ?? 'unpaid';
  const code = `${Date.now().toString().slice(-8)}${String(serial++).padStart(6, '0')}`;
  const row = await q
    .insertInto('bills')
    .values({
      application_id: (app as { id: string }).id,
      agency_id: b.agencyId,
      service_id: b.serviceId,
      payer_id: b.payerId,
      step_id: null,
      payment_code: code,
      amount: b.amount,
      paid_amount: b.paidAmount ?? (status === 'paid' ? b.amount : 0),
      status,
      issued_at: b.issuedAt,
      due_at: b.dueAt ?? new Date(b.issuedAt.getTime() + 14 * 86_400_000),
      paid_at: b.paidAt ?? null,
      expired_at: b.expiredAt ?? null,
      cancelled_at: b.cancelledAt ?? null,
      cancel_reason: status === 'cancelled' ? 'uji' : null,
      replaces_bill_id: null,
      receipt_number: null,
      receipt_storage_key: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertBankAccount(q: Executor, agencyId: string | null): Promise<string> {
  const row = await q
    .insertInto('bank_accounts')
    .values({ agency_id: agencyId, bank_code: '014', bank_name: 'BCA', account_number: `${Date.now()}${serial++}`, account_name: 'RKUD' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface CreditInput {
  bankAccountId?: string | null;
  bookedOn: string;
  amount: number;
  status: 'matched' | 'manual' | 'ignored';
  manualReason?: string | null;
  billId?: string | null;
  matchedAt?: Date | null;
  matchedBy?: string | null;
  createdAt?: Date;
}

export async function insertCredit(q: Executor, c: CreditInput): Promise<string> {
  const row = await q
    .insertInto('bank_credits')
    .values({
      fingerprint: crypto.randomBytes(16).toString('hex'),
      source: 'statement',
      import_id: null,
      bank_account_id: c.bankAccountId ?? null,
      line_number: null,
      booked_on: c.bookedOn,
      amount: c.amount,
      description: 'uji',
      reference: null,
      status: c.status,
      manual_reason: c.status === 'manual' ? (c.manualReason ?? 'unmatched') : null,
      suggested_bill_id: null,
      bill_id: c.billId ?? null,
      matched_at: c.matchedAt ?? null,
      matched_by: c.matchedBy ?? null,
      resolution_note: null,
      ...(c.createdAt ? { created_at: c.createdAt } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
