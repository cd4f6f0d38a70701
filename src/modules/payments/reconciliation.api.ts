// JSON API of reconciliation (tag 'payments', P-7): statement imports (base64 CSV → 202 with
// the import's id; progress, result and line errors), the manual queue and assigning a credit.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { PaymentsDeps as Deps } from './payments.deps.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import { STATEMENT_MAX_BYTES, type CreditView, type ImportView } from './reconciliation.service.ts';

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'validation.invalid');

const issueSchema = z.object({
  line: z.number().int().nullable().meta({ description: 'Physical line in the file; null for a problem of the whole file' }),
  code: z.string().meta({ description: 'Message key, e.g. payments.statement.bad_date' }),
  message: z.string(),
});

const importSchema = z
  .object({
    id: z.string().meta({ format: 'uuid' }),
    status: z.enum(['queued', 'running', 'done', 'failed', 'invalid', 'already_imported']),
    fileName: z.string().nullable(),
    mapping: z.string().nullable(),
    lines: z.number().int().meta({ description: 'Records in the file (credits, debits, summary rows)' }),
    creditLines: z.number().int(),
    processedLines: z.number().int(),
    matched: z.number().int(),
    manual: z.number().int(),
    duplicates: z.number().int(),
    error: z.string().nullable(),
    errors: z.array(issueSchema).meta({ description: 'Line-by-line problems of a refused file (nothing was imported)' }),
    createdAt: z.string().nullable().meta({ format: 'date-time' }),
    finishedAt: z.string().nullable().meta({ format: 'date-time' }),
  })
  .meta({ id: 'StatementImport' });

const candidateSchema = z.object({
  billId: z.string().meta({ format: 'uuid' }),
  paymentCode: z.string(),
  amount: z.number().int(),
  paidAmount: z.number().int(),
  status: z.string(),
  agency: z.string(),
  payer: z.string(),
  trackingNumber: z.string().nullable(),
  suggested: z.boolean().meta({ description: "Suggested by an applicant's payment confirmation (evidence, never proof)" }),
});

const creditSchema = z
  .object({
    id: z.string().meta({ format: 'uuid' }),
    source: z.enum(['statement', 'callback']),
    bookedOn: z.string().meta({ format: 'date' }),
    amount: z.number().int().meta({ description: 'Integer Rupiah' }),
    description: z.string(),
    reference: z.string().nullable(),
    status: z.enum(['matched', 'manual', 'ignored']),
    reason: z.string().nullable().meta({ description: 'unmatched, ambiguous, partial, over, late, early or duplicate_payment' }),
    billId: z.string().nullable(),
    candidates: z.array(candidateSchema),
  })
  .meta({ id: 'BankCredit' });

export function importJson(i: ImportView) {
  return {
    id: i.id,
    status: i.status,
    fileName: i.fileName,
    mapping: i.mappingName,
    lines: i.totalLines,
    creditLines: i.creditLines,
    processedLines: i.processedLines,
    matched: i.matched,
    manual: i.manual,
    duplicates: i.duplicates,
    error: i.error,
    errors: [],
    createdAt: i.createdAt.toISOString(),
    finishedAt: i.finishedAt ? i.finishedAt.toISOString() : null,
  };
}

export function creditJson(c: CreditView) {
  return {
    id: c.id,
    source: c.source,
    bookedOn: c.bookedOn,
    amount: c.amount,
    description: c.description,
    reference: c.reference,
    status: c.status,
    reason: c.reason,
    billId: c.billId,
    candidates: c.candidates.map((b) => ({
      billId: b.id,
      paymentCode: b.paymentCode,
      amount: b.amount,
      paidAmount: b.paidAmount,
      status: b.status,
      agency: b.agencyName,
      payer: b.payerName,
      trackingNumber: b.trackingNumber,
      suggested: b.id === c.suggestedBillId,
    })),
  };
}

export function registerReconciliationApi(app: FastifyInstance, deps: Deps): void {
  const db = deps.database.db;
  const recon = deps.reconciliation;

  deps.api.route(app, {
    method: 'POST',
    url: '/api/v1/payments/statement-imports',
    operationId: 'importBankStatement',
    summary: 'Imports a bank statement (CSV, base64) into a receiving account; processed by a background job',
    description:
      'The whole file is checked first: with any error nothing is imported and the answer is 422 with the problems line by line (`error.fields`, field `line.<n>`). The same file bytes again answer with `status: already_imported` and the earlier import (nothing changes). Otherwise 202 with the import; poll `GET /api/v1/payments/statement-imports/{id}`. `mapping` is a preset (`bca`, `mandiri`, `bri`, `bni`) or the name of a saved mapping.',
    tag: 'payments',
    auth: 'user',
    status: 202,
    body: z.object({
      accountId: uuid.meta({ description: 'Receiving bank account' }),
      mapping: z.string().trim().min(1).max(120),
      fileName: z.string().trim().max(200).default('mutasi.csv'),
      contentBase64: z.string().min(1).max(Math.ceil((STATEMENT_MAX_BYTES * 4) / 3) + 4),
    }),
    response: importSchema,
    handler: async ({ actor, body, request }) => {
      authorize(actor, 'payments.reconcile');
      const bytes = Buffer.from(body.contentBase64, 'base64');
      if (bytes.length > STATEMENT_MAX_BYTES) throw errors.tooLarge();
      const r = await recon.startImport({ actor, meta: request.meta }, { bytes, fileName: body.fileName, bankAccountId: body.accountId, mappingRef: body.mapping });
      if (r.kind === 'invalid') {
        throw new AppError(
          'validation_failed',
          422,
          'error.validation',
          undefined,
          r.issues.slice(0, 500).map((i) => ({ field: i.line === null ? 'file' : `line.${i.line}`, key: i.key, params: i.params })),
        );
      }
      const imp = (await recon.getImport(db, r.id))!;
      if (r.kind === 'already') return { ...importJson(imp), status: 'already_imported' as const };
      return importJson(imp);
    },
  });

  deps.api.route(app, {
    method: 'GET',
    url: '/api/v1/payments/statement-imports/:id',
    operationId: 'getStatementImport',
    summary: 'Progress and result of a statement import',
    tag: 'payments',
    auth: 'user',
    params: z.object({ id: uuid }),
    response: importSchema,
    handler: async ({ actor, params }) => {
      authorize(actor, 'payments.reconcile.read');
      const imp = await recon.getImport(db, params.id);
      if (!imp || !(await recon.canSeeImport(db, actor, imp))) throw errors.notFound();
      return importJson(imp);
    },
  });

  deps.api.route(app, {
    method: 'GET',
    url: '/api/v1/payments/unmatched-credits',
    operationId: 'listUnmatchedCredits',
    summary: 'Bank credits waiting in the manual matching queue, oldest first (keyset paging)',
    description: "Region-wide finance officers see all; an agency's finance officer sees the credits whose candidate bills belong to his agency.",
    tag: 'payments',
    auth: 'user',
    query: z.object({
      after: uuid.optional().meta({ description: 'Cursor: `next` of the previous page' }),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
    response: z.object({ items: z.array(creditSchema), next: z.string().nullable() }),
    handler: async ({ actor, query }) => {
      authorize(actor, 'payments.reconcile.read');
      const page = await recon.listCredits(db, actor, { after: query.after, limit: query.limit });
      return { items: page.items.map(creditJson), next: page.next };
    },
  });

  deps.api.route(app, {
    method: 'POST',
    url: '/api/v1/payments/credits/:id/match',
    operationId: 'matchBankCredit',
    summary: 'Resolves a queued credit: assign it to a bill (partial and over-payments allowed) or ignore it',
    description: '`action: assign` needs `billId` or `paymentCode` and a `note`; `action: ignore` needs a `note` (the reason). Audited.',
    tag: 'payments',
    auth: 'user',
    status: 200,
    params: z.object({ id: uuid }),
    body: z.object({
      action: z.enum(['assign', 'ignore']).default('assign'),
      billId: uuid.optional(),
      paymentCode: z.string().trim().max(40).optional(),
      note: z.string().max(1000).default(''),
    }),
    response: creditSchema,
    handler: async ({ actor, params, body, request }) => {
      authorize(actor, 'payments.reconcile');
      const who = { actor, meta: request.meta };
      // Scope is checked by the service: assign → the bill's agency; ignore → the credit's candidates.
      if (body.action === 'ignore') {
        await db.transaction().execute((trx) => recon.ignore(trx, who, params.id, body.note));
      } else {
        const target = body.billId ? { billId: body.billId } : { paymentCode: body.paymentCode ?? '' };
        await db.transaction().execute((trx) => recon.assign(trx, who, params.id, { ...target, note: body.note }));
      }
      const after = await recon.getCredit(db, actor, params.id);
      if (!after) throw errors.notFound();
      return creditJson(after);
    },
  });
}
