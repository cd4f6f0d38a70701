// JSON API of bills (tag 'payments', P-7): a citizen's own bills and a staff member's agency
// bills, one bill by payment code, the payer's confirmation, reissuing an expired bill, and
// the kuitansi PDF. Someone else's bill is 404, like an unknown code.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { PaymentsDeps as Deps } from './payments.deps.ts';
import { can } from '../../platform/auth/policy.ts';
import type { BillView } from './bills.service.ts';

export const billStatusSchema = z.enum(['unpaid', 'partially_paid', 'paid', 'expired', 'cancelled']);

const billSchema = z
  .object({
    paymentCode: z.string().meta({ description: 'Kode bayar: 14 digits with a Luhn check digit; put it in the transfer description' }),
    status: billStatusSchema,
    amount: z.number().int().meta({ description: 'Integer Rupiah' }),
    paidAmount: z.number().int(),
    outstanding: z.number().int(),
    regulation: z.string(),
    issuedAt: z.string().meta({ format: 'date-time' }),
    dueAt: z.string().meta({ format: 'date-time' }),
    paidAt: z.string().nullable().meta({ format: 'date-time' }),
    cancelReason: z.string().nullable(),
    receiptNumber: z.string().nullable(),
    receiptUrl: z.string().nullable().meta({ description: 'Kuitansi PDF once paid and rendered' }),
    trackingNumber: z.string().nullable(),
    agency: z.string(),
    service: z.string(),
    lines: z.array(z.object({ label: z.string(), unit: z.string().nullable(), rate: z.number().int(), quantity: z.string().meta({ description: 'Exact decimal' }), amount: z.number().int() })),
    accounts: z.array(z.object({ bankCode: z.string(), bankName: z.string(), accountNumber: z.string(), accountName: z.string() })),
  })
  .meta({ id: 'Bill' });

const confirmationBody = z.object({
  proofNumber: z.string().max(100),
  date: z.string().max(20).meta({ format: 'date', description: 'YYYY-MM-DD (region time)' }),
  time: z.string().max(10).meta({ description: 'HH:MM (region time)' }),
  bank: z.string().max(120),
  amount: z.union([z.number().int(), z.string().max(30)]).meta({ description: 'Integer Rupiah' }),
});

const code = z.object({ code: z.string().max(40) });

export function registerBillsApi(app: FastifyInstance, deps: Deps): void {
  const bills = deps.payments.bills;
  const json = (b: BillView) => ({
    paymentCode: b.paymentCode,
    status: b.status,
    amount: b.amount,
    paidAmount: b.paidAmount,
    outstanding: b.outstanding,
    regulation: b.regulation,
    issuedAt: b.issuedAt.toISOString(),
    dueAt: b.dueAt.toISOString(),
    paidAt: b.paidAt ? b.paidAt.toISOString() : null,
    cancelReason: b.cancelReason,
    receiptNumber: b.receiptNumber,
    receiptUrl: b.hasReceipt ? `/api/v1/bills/${b.paymentCode}/receipt` : null,
    trackingNumber: b.trackingNumber,
    agency: b.agencyName,
    service: b.serviceName,
    lines: b.lines.map((l) => ({ label: l.label, unit: l.unit, rate: l.rate, quantity: l.quantity, amount: l.amount })),
    accounts: b.accounts.map((a) => ({ bankCode: a.bankCode, bankName: a.bankName, accountNumber: a.accountNumber, accountName: a.accountName })),
  });

  deps.api.route(app, {
    method: 'GET',
    url: '/api/v1/bills',
    operationId: 'listBills',
    summary: "Bills: a citizen's own; a staff member's agencies (filters, keyset pages)",
    tag: 'payments',
    auth: 'user',
    query: z.object({ status: billStatusSchema.optional(), service: z.string().max(120).optional(), from: z.string().max(10).optional(), to: z.string().max(10).optional(), cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(200).optional() }),
    response: z.object({ items: z.array(billSchema), nextCursor: z.string().nullable() }),
    handler: async ({ actor, query }) => {
      if (actor!.kind !== 'staff' || !can(actor, 'payments.read')) {
        const own = await bills.listOwn(actor);
        return { items: own.filter((b) => !query.status || b.status === query.status).map(json), nextCursor: null };
      }
      const page = await bills.listForStaff(actor, query);
      return { items: page.items.map(json), nextCursor: page.nextCursor };
    },
  });

  deps.api.route(app, {
    method: 'GET',
    url: '/api/v1/bills/:code',
    operationId: 'getBill',
    summary: 'One bill by payment code (its payer, or staff of its agency)',
    tag: 'payments',
    auth: 'user',
    params: code,
    response: billSchema,
    handler: async ({ actor, params }) => json(await bills.getForActor(actor, params.code)),
  });

  deps.api.route(app, {
    method: 'POST',
    url: '/api/v1/bills/:code/confirmations',
    operationId: 'confirmBillPayment',
    summary: "The payer's payment confirmation (proof number, date, time, bank, amount); stored as pending, never marks the bill paid",
    description: '422 names the invalid fields; 409 for a duplicate proof number or a bill that is paid, expired or cancelled.',
    tag: 'payments',
    auth: 'user',
    params: code,
    body: confirmationBody,
    response: z.object({ id: z.string().meta({ format: 'uuid' }), status: z.literal('pending') }),
    handler: async ({ actor, params, body, request }) => {
      const r = await bills.confirm({ actor, meta: request.meta }, params.code, { ...body, amount: String(body.amount) }, 'api');
      return { id: r.id, status: 'pending' as const };
    },
  });

  deps.api.route(app, {
    method: 'POST',
    url: '/api/v1/bills/:code/reissue',
    operationId: 'reissueBill',
    summary: 'Issues a new bill (new payment code and due date) in place of an expired one',
    tag: 'payments',
    auth: 'user',
    params: code,
    response: billSchema,
    handler: async ({ actor, params, request }) => {
      const r = await bills.reissue({ actor, meta: request.meta }, params.code);
      return json(await bills.getForActor(actor, r.paymentCode));
    },
  });

  deps.api.route(app, {
    method: 'GET',
    url: '/api/v1/bills/:code/receipt',
    operationId: 'downloadBillReceipt',
    summary: 'The kuitansi (receipt) PDF of a paid bill',
    tag: 'payments',
    auth: 'user',
    params: code,
    response: z.string().meta({ format: 'binary', description: 'application/pdf' }),
    handler: async ({ actor, params, reply }) => {
      const r = await bills.receiptOf(actor, params.code);
      await reply.type('application/pdf').header('content-disposition', `attachment; filename="${r.fileName}"`).header('cache-control', 'no-store').send(r.bytes);
      return '';
    },
  });
}
